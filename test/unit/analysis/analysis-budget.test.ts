import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { AnalysisBudgetError, analyzeArticle } from '../../../functions/analysis/index.ts';
import type { ExtractedArticle } from '../../../functions/analysis/types.ts';

function article(paragraphs: string[]): ExtractedArticle {
  return { title: 'Residents Demand Water', paragraphs, captions: [], source: 'text' };
}

const shortQuotes = '"We want water now," said Ana Reyes. "It is ours," she said. '.repeat(6_700);

describe('the analysis budget', () => {
  it('a 400 KB paragraph of short quotes is analyzed in well under a second', () => {
    expect(shortQuotes.length).toBeGreaterThan(400_000);
    const started = performance.now();
    const analysis = analyzeArticle(article([shortQuotes]));
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(analysis.quotes[0]).toEqual(expect.objectContaining({ speaker: 'Ana Reyes' }));
  });

  it('many long paragraphs of quotes stay within the same bound', () => {
    const started = performance.now();
    analyzeArticle(article(Array.from({ length: 2_000 }, () => shortQuotes.slice(0, 2_000))));
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('an expired deadline throws AnalysisBudgetError', () => {
    expect(() =>
      analyzeArticle(article(['"We want water now," said Ana Reyes.']), undefined, { deadlineMs: 0 }),
    ).toThrow(AnalysisBudgetError);
  });

  it('a deadline that passes during the analysis stops it with the stage it was at', () => {
    let now = 0;
    // Each read of the clock moves it on by one millisecond: the deadline passes mid-analysis.
    const clock = () => {
      now += 1;
      return now;
    };
    let caught: unknown;
    try {
      analyzeArticle(article([shortQuotes]), undefined, { deadlineMs: 3, clock });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AnalysisBudgetError);
    expect((caught as AnalysisBudgetError).stage).not.toBe('start');
  });

  it('a deadline that is not reached changes nothing', () => {
    const paragraphs = ['"We want water now," said Ana Reyes, a farmer.'];
    expect(
      analyzeArticle(article(paragraphs), undefined, { deadlineMs: Date.now() + 60_000 }).quotes,
    ).toEqual(analyzeArticle(article(paragraphs)).quotes);
  });
});

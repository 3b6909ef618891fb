/**
 * Limits on what one analysis considers and how long it may run. A hostile or broken page (a 400 KB
 * paragraph of short quotes) must cost a bounded amount of work, and a caller with a wall-clock budget
 * must be able to stop the analysis and fall back to the story's description.
 */

/** A paragraph longer than this is cut: real paragraphs run to a few thousand characters. */
export const MAX_PARAGRAPH_CHARS = 20_000;

/** Paragraphs past this many are not analyzed: a long feature has a few hundred at most. */
export const MAX_PARAGRAPHS = 600;

/** Text past this many characters is not analyzed: a long feature runs to 30-60 KB, twice that is ample. */
export const MAX_ARTICLE_CHARS = 120_000;

/** The paragraphs the analysis considers: each cut at MAX_PARAGRAPH_CHARS, all within MAX_ARTICLE_CHARS. */
export function cappedParagraphs(paragraphs: string[]): string[] {
  const out: string[] = [];
  let total = 0;
  for (const paragraph of paragraphs.slice(0, MAX_PARAGRAPHS)) {
    if (total >= MAX_ARTICLE_CHARS) break;
    const kept = paragraph.slice(0, Math.min(MAX_PARAGRAPH_CHARS, MAX_ARTICLE_CHARS - total));
    out.push(kept);
    total += kept.length;
  }
  return out;
}

/** Quotes past this many in one article are not attributed: a long interview has a hundred or so. */
export const MAX_QUOTES = 400;

/** How often, in loop steps, a hot loop reads the clock: often enough to stop within a millisecond or so. */
const CHECK_EVERY = 64;

/** The analysis ran past its deadline; the caller should decide the story another way. */
export class AnalysisBudgetError extends Error {
  override name = 'AnalysisBudgetError';
  constructor(
    readonly stage: string,
    options?: { cause?: unknown },
  ) {
    super(`analysis ran past its deadline (at ${stage})`, options);
  }
}

/** Options of one analysis. */
export interface AnalysisOptions {
  /** A wall-clock deadline, in the clock's milliseconds (`Date.now()` unless `clock` is given). */
  deadlineMs?: number;
  /** The clock the deadline is read on. */
  clock?: () => number;
}

/** Checks a deadline from the hot loops; without a deadline every check is free. */
export class Budget {
  private steps = 0;
  private readonly deadline: number | undefined;
  private readonly clock: () => number;

  constructor(options: AnalysisOptions = {}) {
    this.deadline = options.deadlineMs;
    this.clock = options.clock ?? Date.now;
  }

  /** Throws `AnalysisBudgetError` when the deadline has passed. */
  check(stage: string): void {
    if (this.deadline !== undefined && this.clock() > this.deadline) throw new AnalysisBudgetError(stage);
  }

  /** A cheap check for a loop step: reads the clock once every few steps. */
  tick(stage: string): void {
    if (this.deadline === undefined) return;
    this.steps += 1;
    if (this.steps % CHECK_EVERY === 0) this.check(stage);
  }
}

/** A budget that never runs out. */
export const UNLIMITED = new Budget();

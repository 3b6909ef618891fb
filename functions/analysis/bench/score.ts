import type { Analysis } from '../types.ts';
import type { GoldEntry } from './corpus.ts';

const normalize = (text: string) =>
  text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
const tokens = (text: string) => normalize(text).split(' ').filter(Boolean);

/** Token-overlap F1 between two quotes: punctuation and the joins at split points don't matter. */
export function overlap(a: string, b: string): number {
  const ta = tokens(a);
  const tb = tokens(b);
  if (!ta.length || !tb.length) return 0;
  const counts = new Map<string, number>();
  for (const t of tb) counts.set(t, (counts.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of ta) {
    const n = counts.get(t) ?? 0;
    if (n > 0) {
      common++;
      counts.set(t, n - 1);
    }
  }
  const p = common / ta.length;
  const r = common / tb.length;
  return p + r ? (2 * p * r) / (p + r) : 0;
}

/** A predicted quote matches a gold one at this token overlap or more. */
export const QUOTE_MATCH = 0.8;

/** Speakers compare exactly, after a leading "the" and punctuation; a null gold speaker wants null. */
export function sameSpeaker(predicted: string | null, gold: string | null): boolean {
  if (gold === null) return predicted === null;
  const strip = (s: string) => normalize(s.replace(/^the\s+/i, ''));
  return predicted !== null && strip(predicted) === strip(gold);
}

/** The counts behind every figure; they add up across articles and sets. */
export interface Tally {
  articles: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  quotesPredicted: number;
  quotesGold: number;
  quotesMatched: number;
  speakersExact: number;
  summaryChecks: number;
  summaryPassed: number;
}

export const emptyTally = (): Tally => ({
  articles: 0,
  tp: 0,
  fp: 0,
  fn: 0,
  tn: 0,
  quotesPredicted: 0,
  quotesGold: 0,
  quotesMatched: 0,
  speakersExact: 0,
  summaryChecks: 0,
  summaryPassed: 0,
});

export function addTally(into: Tally, from: Tally): Tally {
  for (const key of Object.keys(into) as (keyof Tally)[]) into[key] += from[key];
  return into;
}

/** Scores one analysis against its gold entry; `problems` gets one line per error. */
export function scoreArticle(
  entry: GoldEntry,
  result: Analysis,
  problems: string[],
  options: { quotesOnly?: boolean } = {},
): Tally {
  const tally = emptyTally();
  tally.articles = 1;
  const topic = result.topics.find((t) => t.id === 'human-rights');
  if (options.quotesOnly) {
    // Not a story's topic: no topic figure.
  } else if (result.humanRights && entry.humanRights) tally.tp++;
  else if (result.humanRights) {
    tally.fp++;
    problems.push(`topic false alert: ${entry.file} (${entry.kind}) evidence ${topic?.evidence.join(', ')}`);
  } else if (entry.humanRights) {
    tally.fn++;
    problems.push(`topic missed: ${entry.file} (${entry.kind}) score ${topic?.score}`);
  } else tally.tn++;

  if (entry.summaryMustInclude.length || entry.summaryMustNotInclude.length) {
    tally.summaryChecks++;
    const summary = result.summary.toLowerCase();
    const ok =
      entry.summaryMustInclude.every((w) => summary.includes(w.toLowerCase())) &&
      entry.summaryMustNotInclude.every((w) => !result.summary.includes(w)) &&
      result.summary.length > 0 &&
      result.summary.length <= 600;
    if (ok) tally.summaryPassed++;
    else problems.push(`summary: ${entry.file}: ${result.summary.slice(0, 160)}`);
  }

  tally.quotesPredicted = result.quotes.length;
  tally.quotesGold = entry.quotes.length;
  const used = new Set<number>();
  for (const g of entry.quotes) {
    let best = -1;
    let bestScore = QUOTE_MATCH;
    result.quotes.forEach((q, i) => {
      if (used.has(i)) return;
      const score = overlap(q.text, g.text);
      if (score >= bestScore) {
        best = i;
        bestScore = score;
      }
    });
    if (best < 0) {
      problems.push(`quote missed: ${entry.file}: “${g.text.slice(0, 70)}” (${g.speaker})`);
      continue;
    }
    used.add(best);
    tally.quotesMatched++;
    const predicted = result.quotes[best];
    if (predicted && sameSpeaker(predicted.speaker, g.speaker)) tally.speakersExact++;
    else
      problems.push(
        `speaker: ${entry.file}: “${g.text.slice(0, 50)}” gold ${g.speaker}, got ${predicted?.speaker ?? 'none'}`,
      );
  }
  result.quotes.forEach((q, i) => {
    if (!used.has(i))
      problems.push(`quote extra: ${entry.file}: “${q.text.slice(0, 70)}” (${q.speaker ?? 'none'})`);
  });
  return tally;
}

const ratio = (n: number, d: number) => (d ? n / d : 0);
const f1 = (p: number, r: number) => (p + r ? (2 * p * r) / (p + r) : 0);
const round = (n: number) => Math.round(n * 1000) / 1000;

/** The figures a tally gives: the ones the targets name. */
export function figures(t: Tally) {
  const topicP = ratio(t.tp, t.tp + t.fp);
  const topicR = ratio(t.tp, t.tp + t.fn);
  const quoteP = ratio(t.quotesMatched, t.quotesPredicted);
  const quoteR = ratio(t.quotesMatched, t.quotesGold);
  return {
    articles: t.articles,
    humanRights: t.tp + t.fn,
    goldQuotes: t.quotesGold,
    topicPrecision: round(topicP),
    topicRecall: round(topicR),
    topicF1: round(f1(topicP, topicR)),
    quotePrecision: round(quoteP),
    quoteRecall: round(quoteR),
    quoteF1: round(f1(quoteP, quoteR)),
    speakerExact: round(ratio(t.speakersExact, t.quotesMatched)),
    summaries: `${t.summaryPassed}/${t.summaryChecks}`,
  };
}

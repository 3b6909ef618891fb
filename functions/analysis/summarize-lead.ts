import { isCreditLine } from './clean-body.ts';
import { isChromeLine, isFileCaption, parseBylineLine } from './page-chrome.ts';
import { splitSentences } from './sentence-splitter.ts';
import { stripDateline } from './wire-copy.ts';

/** Limits for a lead summary. */
export interface SummaryOptions {
  maxChars: number;
  maxSentences: number;
  /** Stop adding sentences once the summary is at least this long. */
  targetChars: number;
}

const DEFAULTS: SummaryOptions = { maxChars: 600, maxSentences: 3, targetChars: 300 };

function isLeadCandidate(paragraph: string): boolean {
  if (isChromeLine(paragraph) || isFileCaption(paragraph) || isCreditLine(paragraph)) return false;
  if (parseBylineLine(paragraph)) return false;
  // A subhead or a stray label has no sentence punctuation.
  if (!/[.!?]["”’)]?$/.test(paragraph) && paragraph.length < 120) return false;
  return !/^\(?(?:editor'?s note|correction)\b/i.test(paragraph);
}

function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:—–-]+$/, '')}…`;
}

/**
 * A lead summary: the first one to three sentences of the body (lead-3 style), cut at sentence
 * boundaries to fit `maxChars`. Datelines ("LONDON (REUTERS) —"), bylines, captions and chrome
 * never appear in it.
 */
export function summarizeLead(paragraphs: string[], options: Partial<SummaryOptions> = {}): string {
  const { maxChars, maxSentences, targetChars } = { ...DEFAULTS, ...options };
  const sentences: string[] = [];
  let first = true;
  for (const paragraph of paragraphs) {
    if (!isLeadCandidate(paragraph)) continue;
    const text = first ? stripDateline(paragraph) : paragraph;
    first = false;
    sentences.push(...splitSentences(text));
    if (sentences.length >= maxSentences) break;
  }
  let summary = '';
  for (const sentence of sentences.slice(0, maxSentences)) {
    if (summary === '') {
      summary = cutAtWord(sentence, maxChars);
      if (summary.length >= targetChars) break;
      continue;
    }
    const next = `${summary} ${sentence}`;
    if (next.length > maxChars) break;
    summary = next;
    if (summary.length >= targetChars) break;
  }
  return summary;
}

import { countWords } from './clean-text.ts';
import type { RawSpan } from './quote-marks.ts';

// Words in quote marks that nobody said: titles of works, nicknames, subheads.

const WORK_NOUNS =
  /\b(?:book|books|film|movie|documentary|song|single|album|novel|memoir|series|show|program|programme|play|poem|painting|exhibition|opera|musical|anthem|hashtag|slogan|podcast|episode|game|app|magazine|newsletter|report|article|essay|column|op-ed|editorial|speech|campaign|lecture|course|titled|entitled|called|named|dubbed)\s*(?:[,:]\s*)?(?:titled|entitled|called|named)?\s*$/i;

/** True for the title of a work ("a film called "Prisoners"", "the report "China's Dark Side""). */
export function isTitleOfWork(inner: string, before: string): boolean {
  // The comma before a closing mark is American punctuation, not the end of a sentence.
  const text = inner.trim().replace(/,$/, '');
  if (isNickname(text, before)) return true;
  if (/[.!?,;:]["'”’]?$/.test(text) || /[.!?;]\s/.test(text)) return false;
  if (WORK_NOUNS.test(before))
    return (
      /^(?:titled|entitled|called|named|dubbed)\s*$/i.test(before.trim().split(/\s+/).pop() ?? '') ||
      titleCase(text)
    );
  return titleCase(text) && countWords(text) <= 12 && !/^[\p{Lu}][\p{Ll}]+ [\p{Ll}]/u.test(text);
}

const NICKNAME_CONTEXT =
  /\b(?:(?:known|referred to)(?:\s+\S+){0,3}\s+as|nicknamed|so-called|self-styled|a\.k\.a\.|aka)\s*$/i;
const MAX_NICKNAME_WORDS = 8;

/** True for a nickname ("known to supporters as "the Lion of the North""): a name, not words spoken. */
function isNickname(text: string, before: string): boolean {
  if (/[.!?;]/.test(text) || countWords(text) > MAX_NICKNAME_WORDS) return false;
  return NICKNAME_CONTEXT.test(before);
}

const MINOR_WORDS = new Set([
  'a',
  'an',
  'the',
  'of',
  'in',
  'on',
  'at',
  'to',
  'for',
  'and',
  'or',
  'but',
  'with',
  'from',
  'by',
  'as',
  'is',
]);

function titleCase(text: string): boolean {
  const words = text.match(/[\p{L}][\p{L}'’-]*/gu) ?? [];
  const content = words.filter((w) => !MINOR_WORDS.has(w.toLowerCase()));
  if (content.length < 2) return false;
  const capitalized = content.filter((w) => /^\p{Lu}/u.test(w)).length;
  return capitalized / content.length >= 0.8;
}

const MAX_SUBHEAD_WORDS = 10;

/**
 * True for a subhead made of a quoted phrase ("‘A Message to Every Writer’"): the whole paragraph is a
 * short closed quote without sentence punctuation. A quote that stands as its own paragraph ends with
 * a full stop, a question or an exclamation.
 */
export function isQuotedSubhead(text: string, span: RawSpan): boolean {
  if (span.close < 0 || text.slice(0, span.open).trim() !== '' || text.slice(span.close).trim() !== '')
    return false;
  const inner = text.slice(span.innerStart, span.innerEnd).trim();
  return !/[.!?…,;:]$/.test(inner) && countWords(inner) <= MAX_SUBHEAD_WORDS;
}

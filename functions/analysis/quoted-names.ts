import { countWords } from './clean-text.ts';
import { lexicon } from './lexicon/index.ts';
import type { RawSpan } from './quote-marks.ts';

// Words in quote marks that nobody said: titles of works, nicknames, subheads.

const WORK_NOUNS =
  /\b(?:book|books|film|movie|documentary|song|single|album|novel|memoir|series|show|program|programme|play|poem|painting|exhibition|opera|musical|anthem|hashtag|slogan|podcast|episode|game|app|magazine|newsletter|report|article|essay|column|op-ed|editorial|speech|campaign|lecture|course|titled|entitled|called|named|dubbed)\s*(?:[,:]\s*)?(?:titled|entitled|called|named)?\s*$/i;

/**
 * True when the quote ends with the comma or mark that hands over to its attribution, and a verb of
 * saying follows within a few words (`"Thank You, Coach," Lee said`): words spoken, however title-like.
 */
function handsToAttribution(inner: string, after: string): boolean {
  if (!/[,!?]$/.test(inner.trim()) && !/^[\s"”’']*,/.test(after)) return false;
  const verbs = lexicon().reportingVerbs;
  const words =
    after
      .slice(0, 60)
      .match(/^[\s"”’']*,?\s*((?:[\p{L}.'’-]+\s*){1,5})/u)?.[1]
      ?.split(/\s+/) ?? [];
  return words.some((w) => verbs.has(w.replace(/[.’']+$/, '').toLowerCase()));
}

/** True for the title of a work ("a film called "Prisoners"", "the report "China's Dark Side""). */
export function isTitleOfWork(inner: string, before: string, after = ''): boolean {
  // The comma before a closing mark is American punctuation, not the end of a sentence.
  const text = inner.trim().replace(/,$/, '');
  if (isNickname(text, before)) return true;
  if (handsToAttribution(inner, after) && !WORK_NOUNS.test(before)) return false;
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

// "a sign that reads:", "a placard saying", "a plaque with the words": what is written on a thing. A
// marching crowd's banners carry its own slogans, which the labelled sets count as its words.
const INSCRIPTION =
  /\b(?:signs?|placards?|posters?|billboards?|t-shirts?|shirts?|graffiti|plaques?|inscriptions?|leaflets?|flyers?|stickers?)\b[^.!?"“”]{0,24}?\b(?:reads?|reading|read|says|said|saying|bearing|proclaim(?:s|ed|ing)?|with\s+the\s+words)\s*[:,]?\s*$/i;

/** True when the words before a quote say it is written on a sign, a placard or a banner. */
export function isInscription(before: string): boolean {
  return INSCRIPTION.test(before);
}

/** What stands between two items of a list of quoted terms: `"A", "B" and "C"`. */
const LIST_GAP = /^\s*,?\s*(?:(?:and|or)\s+)?$/;
/** The most words a listed term has ("having too many children"). */
const MAX_TERM_WORDS = 6;
/** How many quoted items in a row make a list of terms rather than words someone said. */
const MIN_LIST_ITEMS = 3;

function isTerm(text: string, span: RawSpan): boolean {
  const inner = text.slice(span.innerStart, span.innerEnd).trim().replace(/[,.]$/, '');
  return (
    span.close >= 0 && /^\p{Ll}/u.test(inner) && !/[.!?;:]/.test(inner) && countWords(inner) <= MAX_TERM_WORDS
  );
}

/**
 * True when the span at `index` is one item of a list of three or more short quoted terms in a row
 * ("grounds such as "keeping a prayer rug," "missing a flag ceremony" and "calling a cousin overseas"").
 */
export function inTermList(text: string, spans: RawSpan[], index: number): boolean {
  const linked = (a: number) => {
    const x = spans[a];
    const y = spans[a + 1];
    return !!x && !!y && isTerm(text, x) && isTerm(text, y) && LIST_GAP.test(text.slice(x.close, y.open));
  };
  if (!isTerm(text, spans[index] as RawSpan)) return false;
  let first = index;
  while (first > 0 && linked(first - 1)) first -= 1;
  let last = index;
  while (linked(last)) last += 1;
  return last - first + 1 >= MIN_LIST_ITEMS;
}

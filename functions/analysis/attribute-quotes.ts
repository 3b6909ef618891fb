/**
 * Speaker attribution, the last steps of the quote side of the analysis:
 *
 *   find-quotes ─► name-table (name-words, name-roles, name-gender, org-names, name-lookup)
 *               ─► discourse-referents (who each sentence is about, named or not)
 *               ─► per quote: a cue (attribution-cues over noun-phrases: `"..." said X`, `X said:`,
 *                  `according to X`, split quotes, transcript-labels, "in the words of X")
 *               ─► speaker-resolution (the cue's noun phrase to the table's longest name: surname,
 *                  title + surname, pronoun by gender and recency, "the spokesman", acronym, "it")
 *               ─► or, with no cue, the statement or quote the paragraph carries on.
 *
 * Every word list is in lexicon/; every loop is bounded by analysis-budget's caps and deadline.
 */
import { type Budget, UNLIMITED } from './analysis-budget.ts';
import {
  afterQuote,
  headAttribution,
  issuerOfDocument,
  sentenceSubject,
  tailAttribution,
} from './attribution-cues.ts';
import { sentenceReferents } from './discourse-referents.ts';
import type { QuoteSpan, TextPoint } from './find-quotes.ts';
import { carriedSpeaker, reportedSpeech } from './follow-on.ts';
import { lexicon } from './lexicon/index.ts';
import type { NameEntry, NameTable } from './name-entries.ts';
import type { NounPhrase } from './noun-phrases.ts';
import { sentenceSpans } from './sentence-splitter.ts';
import { type Context, mentionPosition, position, resolve, tokensIn } from './speaker-resolution.ts';
import { lastBelow } from './text-index.ts';
import { type LabelNames, labelSpeaker } from './transcript-labels.ts';
import { type WordToken, wordTokens } from './word-tokens.ts';

/** Who said a quote, as resolved against the name table. */
export interface Speaker {
  name: string | null;
  role: string | null;
  mention: string | null;
  kind: 'person' | 'org' | 'descriptive' | 'unknown';
}

/** A quote with its speaker. */
export interface AttributedQuote {
  span: QuoteSpan;
  speaker: Speaker;
  /** Starts mid-sentence ("calling on the U.S. to "take an unbiased look""). */
  partial: boolean;
  /** The speaker was carried over from an earlier quote or statement. */
  inherited: boolean;
}

const ANONYMOUS =
  /anonymity|not to be (?:named|identified)|declined to be (?:named|identified)|not authori[sz]ed to/i;

// "a church member who asked to be identified only by her surname, Liu": the one name the article gives.
const ONE_NAME =
  /\b(?:identified|known|named|gave|giving|give|goes|going|uses?)\b[^.;"“”]{0,40}?\b(?:first name|surname|last name|family name|given name|name)s?(?:\s+only)?(?:,|\s+as)?\s+(\p{Lu}[\p{Ll}’'-]+)\b/u;

function oneNameGiven(around: string): Speaker | undefined {
  const name = ONE_NAME.exec(around)?.[1];
  return name ? { name, role: null, mention: name, kind: 'person' } : undefined;
}

export function sentenceStart(ctx: Context, point: TextPoint): number {
  const spans = ctx.sentences[point.paragraph] ?? [];
  return spans[lastBelow(spans, point.offset + 1, (s) => s.start)]?.start ?? 0;
}

/**
 * The cue of a quote with words before it in its sentence: a reporting verb before it (`X said:`,
 * `according to X,`) or after it (`that "...," the court said`), or else the subject of the sentence.
 */
function cueWithHead(
  ctx: Context,
  quote: QuoteSpan,
  head: WordToken[],
  tail: WordToken[],
  headFrom: number,
  endsSentence: boolean,
  partial: boolean,
): { np: NounPhrase | undefined; paragraph: number } {
  const p = quote.open.paragraph;
  const cp = quote.close.paragraph;
  const trimmed = (ctx.paragraphs[p] ?? '').slice(headFrom, quote.open.offset).trim();
  const direct = /[:,]$/.test(trimmed) || /\bthat$/i.test(trimmed);
  // `X issued a statement: "..."`: the issuer, whatever verbs the sentence had before.
  const issuer = trimmed.endsWith(':') ? issuerOfDocument(head, ctx.lex) : undefined;
  if (issuer) return { np: issuer, paragraph: p };
  let fromHead = direct ? headAttribution(head, ctx.lex) : undefined;
  if (!fromHead) {
    const fromTail = tailAttribution(tail, ctx.lex, endsSentence);
    if (fromTail) return { np: fromTail, paragraph: cp };
  }
  fromHead ??= headAttribution(head, ctx.lex);
  // `X added, "...," Ann Lee said.`: a name in the closing attribution is the last word on who spoke.
  if (fromHead && fromHead !== 'subject' && fromHead.type !== 'pronoun' && /,$/.test(quote.text.trim())) {
    const closing = tailAttribution(tail, ctx.lex, false);
    if (closing?.type === 'name') return { np: closing, paragraph: cp };
  }
  // `X was convicted over a song that "...," the court said.`: a comma closes the quote, and the
  // verb after it reports the words; a participle before it only said who the sentence was about.
  if (fromHead === 'subject' && /,$/.test(quote.text.trim())) {
    const reported = tailAttribution(tail, ctx.lex, false);
    if (reported) return { np: reported, paragraph: cp };
  }
  if (fromHead === 'subject' || (!fromHead && (partial || trimmed.endsWith(':')))) {
    const sentence = tokensIn(ctx, p, sentenceStart(ctx, quote.open), quote.open.offset);
    return { np: sentenceSubject(sentence, ctx.lex), paragraph: p };
  }
  return { np: fromHead, paragraph: p };
}

/**
 * Attributes each quote: an attribution after the quote ("said X", "X said") or before it ("X said:",
 * "according to X"), the subject of the sentence for a partial quote, or, failing those, the previous
 * speaker. Mentions (surname, title + surname, pronoun, "the spokesman") resolve to the name table.
 */
export function attributeQuotes(
  paragraphs: string[],
  quotes: QuoteSpan[],
  table: NameTable,
  tokens: WordToken[][] = paragraphs.map(wordTokens),
  budget: Budget = UNLIMITED,
): AttributedQuote[] {
  const lex = lexicon();
  const quoted: Array<Array<[number, number]>> = paragraphs.map(() => []);
  for (const q of quotes) for (const r of q.ranges) quoted[r.paragraph]?.push([r.start, r.end]);
  const ctx: Context = {
    paragraphs,
    tokens,
    sentences: paragraphs.map(sentenceSpans),
    table,
    lex,
    quotes,
    quoted,
    mentionAt: table.mentions.map(mentionPosition),
    acronyms: new Map(),
    budget,
    referents: [],
  };
  ctx.referents = sentenceReferents(ctx);
  const labels: LabelNames = new Map();
  const people = new Map<string, NameEntry>();
  for (const e of table.entries) if (e.kind === 'person' && !people.has(e.name)) people.set(e.name, e);
  const events: Array<{ at: number; entry: NameEntry; sentence: number; subject: boolean }> = [];
  const statements = reportedSpeech(ctx);
  const result: AttributedQuote[] = [];
  let previous: { at: number; speaker: Speaker } | undefined;

  quotes.forEach((quote, index) => {
    budget.tick('attribution');
    const p = quote.open.paragraph;
    const text = paragraphs[p] ?? '';
    const prior = quotes[index - 1];
    const headFrom = Math.max(
      sentenceStart(ctx, quote.open),
      prior && prior.close.paragraph === p ? prior.close.offset : 0,
    );
    const head = tokensIn(ctx, p, headFrom, quote.open.offset);
    const headWords = head.filter((t) => t.word);
    const cp = quote.close.paragraph;
    const next = quotes[index + 1];
    const tailEnd = next && next.open.paragraph === cp ? next.open.offset : (paragraphs[cp] ?? '').length;
    const tail = tokensIn(ctx, cp, quote.close.offset, tailEnd);
    const endsSentence =
      /[.!?]["'”’]?$/.test(quote.text) &&
      /^\s*\p{Lu}/u.test((paragraphs[cp] ?? '').slice(quote.close.offset));
    const partial = headWords.length > 0 || /^\p{Ll}/u.test(quote.text);
    const at = position(quote.open);

    const label =
      headWords.length > 0 ? labelSpeaker(text.slice(0, quote.open.offset), table, labels, lex) : undefined;
    let np: NounPhrase | undefined;
    let npParagraph = p;
    if (quote.between) {
      np = tailAttribution(
        tokensIn(ctx, quote.between.paragraph, quote.between.start, quote.between.end),
        lex,
        false,
      );
      npParagraph = quote.between.paragraph;
    }
    if (!np && headWords.length === 0) {
      np = afterQuote(tail, quote.text, lex, endsSentence);
      npParagraph = cp;
    }
    if (!np && headWords.length > 0 && !label) {
      const cue = cueWithHead(ctx, quote, head, tail, headFrom, endsSentence, partial);
      np = cue.np;
      npParagraph = cue.paragraph;
    }

    const around = `${text.slice(headFrom, quote.open.offset)} ${(paragraphs[cp] ?? '').slice(quote.close.offset, tailEnd)}`;
    let speaker = np ? resolve(ctx, npParagraph, np, at, events, ANONYMOUS.test(around)) : label;
    if (speaker && speaker.kind !== 'person' && speaker.name === null)
      speaker = oneNameGiven(around) ?? speaker;
    let inherited = false;
    if (!speaker || (speaker.name === null && speaker.mention === null)) {
      const chosen = carriedSpeaker(ctx, at, previous, statements);
      speaker = chosen
        ? { ...chosen.speaker, mention: null }
        : { name: null, role: null, mention: null, kind: 'unknown' };
      inherited = chosen !== undefined;
    }
    if (speaker.name !== null) {
      // The quote's own attribution comes after its opening: what follows the close is new.
      previous = { at: position(quote.close), speaker };
      const entry = people.get(speaker.name);
      if (entry) events.push({ at, entry, sentence: p * 1000 + 999, subject: true });
    }
    result.push({ span: quote, speaker, partial, inherited });
  });
  return result;
}

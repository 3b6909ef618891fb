import { isTitleWord, type Lexicon, lexicon } from './lexicon/index.ts';
import { isNameWord, particlesEnd, plausibleName } from './name-words.ts';
import { ownedDocumentAt, skipTimeBackward } from './phrase-adjuncts.ts';
import type { WordToken } from './word-tokens.ts';

export type NounPhrase =
  | { type: 'name'; tokens: WordToken[] }
  | { type: 'pronoun'; token: WordToken }
  | { type: 'descriptive'; tokens: WordToken[]; head: string; org: boolean }
  | { type: 'document'; tokens: WordToken[]; owner?: NounPhrase };

const STOP_MODIFIER = new Set(
  'of for to from in on at by with as and or but that which who said says told'.split(' '),
);

/** A name particle ("da", "van", "bin"). */
export function isParticle(lower: string): boolean {
  return lexicon().particles.has(lower);
}

/** An adverb or auxiliary that may stand between a subject and its verb ("later", "flatly", "has"). */
export function isAdverb(lower: string): boolean {
  return lexicon().verbAdverbs.has(lower) || /^\p{Ll}{3,}ly$/u.test(lower);
}

export function isVerb(token: WordToken | undefined, lex: Lexicon): boolean {
  return !!token && token.word && !token.cap && lex.reportingVerbs.has(token.lower);
}

export function isParticiple(token: WordToken | undefined, lex: Lexicon): boolean {
  return !!token && token.word && !token.cap && lex.reportingParticiples.has(token.lower);
}

function isInitialToken(token: WordToken | undefined): boolean {
  return !!token && /^\p{Lu}\.$/u.test(token.text);
}

export const CONNECTOR = /^(?:of|to|for|on|the|de|du)$/;

export function joinsName(token: WordToken, lex: Lexicon): boolean {
  return isNameWord(token, lex) || isInitialToken(token);
}

function nameRunBackward(ts: WordToken[], k: number, lex: Lexicon): WordToken[] {
  let j = k;
  while (j - 1 >= 0) {
    const prev = ts[j - 1] as WordToken;
    const before = ts[j - 2];
    // A particle joins the name before a capital ("Maria da Luz"), or opens it after a quote mark
    // (`"...," de Vries said`).
    // "Singapore's Ministry of Home Affairs": the possessive place is not part of the name.
    if (prev.possessive && (lex.places.has(prev.lower) || lex.demonyms.has(prev.lower))) break;
    if (joinsName(prev, lex) || (prev.word && isParticle(prev.lower) && (before?.cap || !before?.word))) {
      j -= 1;
      continue;
    }
    // "van der Merwe": a second particle before the first.
    if (prev.word && isParticle(prev.lower) && before?.word && isParticle(before.lower)) {
      j -= 1;
      continue;
    }
    // A capitalized small word inside a title-case name ("Reporters Without Borders").
    if (prev.cap && lex.common.has(prev.lower) && before && joinsName(before, lex)) {
      j -= 2;
      continue;
    }
    // "Committee to Protect Journalists", "Office of the High Commissioner".
    if (prev.word && CONNECTOR.test(prev.lower) && before) {
      if (joinsName(before, lex) && !lex.common.has(before.lower)) {
        j -= 2;
        continue;
      }
      const further = ts[j - 3];
      if (before.word && CONNECTOR.test(before.lower) && further && joinsName(further, lex)) {
        j -= 3;
        continue;
      }
    }
    break;
  }
  return ts.slice(j, k + 1);
}

function nameRunForward(ts: WordToken[], k: number, lex: Lexicon): WordToken[] {
  let j = k;
  while (j + 1 < ts.length) {
    const next = ts[j + 1] as WordToken;
    const after = ts[j + 2];
    if (next.possessive && next.cap) {
      j += 1;
      break;
    }
    if (joinsName(next, lex)) {
      j += 1;
      continue;
    }
    const particles = particlesEnd(ts, j + 1, lex);
    if (particles > j + 1) {
      j = particles;
      continue;
    }
    if (next.word && CONNECTOR.test(next.lower) && after) {
      if (joinsName(after, lex)) {
        j += 2;
        continue;
      }
      const further = ts[j + 3];
      if (after.word && CONNECTOR.test(after.lower) && further && joinsName(further, lex)) {
        j += 3;
        continue;
      }
    }
    break;
  }
  return ts.slice(k, j + 1);
}

function isSpeakerNoun(word: string, lex: Lexicon): boolean {
  return lex.roleNouns.has(word) || lex.orgNouns.has(word);
}

function descriptiveBackward(ts: WordToken[], k: number, lex: Lexicon): NounPhrase | undefined {
  const head = ts[k];
  if (!head?.word) return undefined;
  const document = lex.documentNouns.has(head.lower);
  if (!document && !isSpeakerNoun(head.lower, lex)) return undefined;
  let j = k;
  while (j - 1 >= 0 && k - j < 5) {
    const prev = ts[j - 1] as WordToken;
    if (
      !prev.word ||
      STOP_MODIFIER.has(prev.lower) ||
      lexicon().personalPronouns.has(prev.lower) ||
      isVerb(prev, lex)
    )
      break;
    j -= 1;
    if (lexicon().determiners.has(prev.lower)) break;
  }
  const tokens = ts.slice(j, k + 1);
  if (document) return { type: 'document', tokens };
  return {
    type: 'descriptive',
    tokens,
    head: head.lower,
    org: lex.orgNouns.has(head.lower) && !lex.roleNouns.has(head.lower),
  };
}

/** Name tokens of a noun phrase: capitalized words, with "of", "and", "the" and particles inside. */
function nameLike(tokens: WordToken[], lex: Lexicon): boolean {
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  if (!first || !last || !joinsName(first, lex) || !joinsName(last, lex)) return false;
  return tokens.every(
    (t) =>
      joinsName(t, lex) || (t.word && (CONNECTOR.test(t.lower) || t.lower === 'and' || isParticle(t.lower))),
  );
}

/**
 * The name that opens a sentence and is followed by a chain of appositives up to the comma at `comma`:
 * "The Ministry of Roads and Infrastructure, in a statement issued Wednesday, said".
 */
function openingName(ts: WordToken[], comma: number, lex: Lexicon): NounPhrase | undefined {
  const first = ts.findIndex((t) => t.text === ',');
  if (first < 1 || first > comma || comma - first > 40) return undefined;
  let start = 0;
  if (ts[0]?.word && /^(?:the|but|and)$/.test(ts[0].lower)) start = 1;
  if (ts[1]?.lower === 'the' && start === 1) start = 2;
  const tokens = ts.slice(start, first);
  if (!nameLike(tokens, lex)) return undefined;
  if (tokens.every((t) => !t.word || lex.places.has(t.lower) || CONNECTOR.test(t.lower))) return undefined;
  return { type: 'name', tokens };
}

const COMPLEMENT = /^(?:of|at|in|for|from|with)$/;

/**
 * The head of "X of the court's Commercial Division", "X in Washington": the person or body before the
 * complement, not the complement, is the subject of the verb that follows.
 */
function headOfComplement(ts: WordToken[], start: number, run: WordToken[], lex: Lexicon): NounPhrase {
  let c = start - 1;
  let skipped = 0;
  while (c >= 0 && skipped < 2) {
    const t = ts[c] as WordToken;
    if (!t.word || t.cap || !(t.lower === 'the' || t.possessive)) break;
    c -= 1;
    skipped += 1;
  }
  const link = ts[c];
  if (!link?.word || !COMPLEMENT.test(link.lower)) return { type: 'name', tokens: run };
  const before = ts[c - 1];
  if (!before || !joinsName(before, lex)) return { type: 'name', tokens: run };
  const head = nameRunBackward(ts, c - 1, lex);
  const places = run.every((t) => lex.places.has(t.lower) || lex.places.has(t.lower.replace(/-/g, ' ')));
  const core = head.filter((t) => !isTitleLike(t, lex));
  const person = core.length >= 2 && core.length < head.length + 1 && plausibleName(core, lex);
  if (person && !places) return { type: 'name', tokens: head };
  // "The Chinese Embassy in Washington": the body keeps its place.
  if (places && head.some((t) => lex.orgWords.has(t.lower)) && /^(?:in|at)$/.test(link.lower))
    return { type: 'name', tokens: ts.slice(ts.indexOf(head[0] as WordToken), start + run.length) };
  return { type: 'name', tokens: run };
}

export function npBackward(ts: WordToken[], from: number, lex: Lexicon): NounPhrase | undefined {
  let k = skipTimeBackward(ts, from, lex);
  while (k >= 0 && ts[k]?.word && !ts[k]?.cap && isAdverb(ts[k]?.lower ?? ''))
    k = skipTimeBackward(ts, k - 1, lex);
  if (ts[k]?.text === ',') {
    let j = k - 1;
    while (j >= 0 && ts[j]?.text !== ',' && k - j < 30) j -= 1;
    if (j < 0 || ts[j]?.text !== ',') return undefined;
    // "his brother, Omar Khalid, told VOA": the name in the commas is the speaker.
    const enclosed = ts.slice(j + 1, k);
    // "Another former detainee, Ibrahim Kone from Mali, told": the name, with or without its "from" place.
    const from = enclosed.findIndex((t) => t.word && /^(?:from|of)$/.test(t.lower));
    const named = from > 0 ? enclosed.slice(0, from) : enclosed;
    if (
      named.length >= 2 &&
      named.every((t) => isNameWord(t, lex) || isInitialToken(t) || isParticle(t.lower))
    ) {
      return { type: 'name', tokens: named };
    }
    // "Kamrul Hasan, a spokesman for the Special Branch, which runs the checks, said": the name that
    // opens the sentence, before all its appositives, is the subject.
    const opening = openingName(ts, j, lex);
    if (opening) return opening;
    k = j - 1;
  }
  const t = ts[k];
  if (!t?.word) return undefined;
  if (lexicon().personalPronouns.has(t.lower) && (!t.cap || k === 0 || !ts[k - 1]?.word))
    return { type: 'pronoun', token: t };
  if (t.cap && !lex.common.has(t.lower)) {
    const run = nameRunBackward(ts, k, lex);
    if (run.length === 1 && isSpeakerNoun(t.lower, lex))
      return descriptiveBackward(ts, k, lex) ?? { type: 'name', tokens: run };
    return headOfComplement(ts, ts.indexOf(run[0] as WordToken), run, lex);
  }
  if (!t.cap) return descriptiveBackward(ts, k, lex);
  return undefined;
}

/** The full name in commas after the comma at `comma` ("..., Pedro Alves," / "..., Khamphan Vongsa, as"). */
function appositiveName(ts: WordToken[], comma: number, lex: Lexicon): WordToken[] | undefined {
  if (!ts[comma + 1]?.cap) return undefined;
  const run = nameRunForward(ts, comma + 1, lex);
  const after = ts[comma + 1 + run.length];
  return run.length >= 2 && (!after || /^[,.;]$/.test(after.text)) ? run : undefined;
}

/** How many lowercase words a role between an organization and a name may have ("deputy regional director"). */
const MAX_ROLE_WORDS = 3;

/** How many words of a noun phrase may stand before its head ("a visibly tired", "the newly elected"). */
const MAX_PREMODIFIERS = 6;

/** A place or a people's adjective ("British", "Kenyan"): a modifier, never a speaker by itself. */
function isPlaceWord(token: WordToken, lex: Lexicon): boolean {
  return lex.places.has(token.lower) || lex.demonyms.has(token.lower);
}

export function npForward(ts: WordToken[], from: number, lex: Lexicon): NounPhrase | undefined {
  let k = from;
  while (
    k < ts.length &&
    ts[k]?.word &&
    !ownedDocumentAt(ts, k, lex) &&
    (lex.timeWords.has(ts[k]?.lower ?? '') || lex.monthsAndDays.has(ts[k]?.lower ?? ''))
  )
    k += 1;
  // "said a senior official": a determiner that the time words took belongs to the phrase after them.
  while (k > from && /^(?:a|an|this|last)$/.test(ts[k - 1]?.lower ?? '')) k -= 1;
  // "said the Rev. Samuel Adeyemi": the article belongs to the courtesy title, not to a description.
  if (
    ts[k]?.lower === 'the' &&
    ts[k + 1]?.cap &&
    lex.honorifics.has(ts[k + 1]?.lower.replace(/\.$/, '') ?? '')
  )
    k += 1;
  // "Singapore's Ministry of Home Affairs said": the possessive place is not part of the name.
  const owner = ts[k];
  if (owner?.possessive && ts[k + 1]?.cap && (lex.places.has(owner.lower) || lex.demonyms.has(owner.lower)))
    k += 1;
  const t = ts[k];
  if (!t?.word) return undefined;
  if (lexicon().personalPronouns.has(t.lower)) return { type: 'pronoun', token: t };
  if (t.cap && !lex.common.has(t.lower) && !lexicon().determiners.has(t.lower)) {
    const run = nameRunForward(ts, k, lex);
    const last = run[run.length - 1];
    // "Human Rights Watch researcher Maya Wang", "Government spokesman Leonce Bizimana": a name after a
    // role noun wins.
    if (last && !last.possessive) {
      // "Ghana Health Service deputy director Akosua Mensah": several lowercase role words may stand there.
      const after = ts.slice(k + run.length);
      let r = 0;
      while (
        r < MAX_ROLE_WORDS &&
        after[r]?.word &&
        !after[r]?.cap &&
        !lex.stopWords.has(after[r]?.lower ?? '')
      )
        r += 1;
      const roleNoun = after[r - 1];
      if (r > 0 && roleNoun && lex.roleNouns.has(roleNoun.lower) && after[r]?.cap)
        return { type: 'name', tokens: nameRunForward(after, r, lex) };
    }
    // "said Amnesty International's regional director Lena Maas": the owner's person, role or document.
    if (last?.possessive) {
      const owned = npForward(ts, k + run.length, lex);
      if (owned?.type === 'name' || owned?.type === 'descriptive') return owned;
      if (owned?.type === 'document')
        return { ...owned, owner: owned.owner ?? { type: 'name', tokens: run } };
    }
    if (run.length === 1 && isSpeakerNoun(t.lower, lex))
      return { type: 'descriptive', tokens: run, head: t.lower, org: lex.orgNouns.has(t.lower) };
    return { type: 'name', tokens: run };
  }
  let j = k;
  while (j < ts.length && j - k < MAX_PREMODIFIERS) {
    const cur = ts[j] as WordToken;
    if (!cur.word) return undefined;
    // "said a visibly tired Okafor", "said the newly elected President Ana Soto": modifiers, then the name.
    if (j > k && cur.cap && !lex.common.has(cur.lower) && !isPlaceWord(cur, lex)) {
      const run = nameRunForward(ts, j, lex);
      // "the Guangdong provincial justice department": a capital followed by more of the phrase modifies it.
      const after = ts[j + run.length];
      const ends = !after?.word || after.cap || lex.stopWords.has(after.lower) || isVerb(after, lex);
      // "the Deputy Governor of Korla Province, Khamphan Vongsa,": a title, then the person in commas.
      const named =
        after?.text === ',' &&
        run.some((x) => isTitleWord(x.lower, lex)) &&
        appositiveName(ts, j + run.length, lex);
      if (named) return { type: 'name', tokens: named };
      if (ends && !run.every((x) => isPlaceWord(x, lex) || isSpeakerNoun(x.lower, lex)))
        return { type: 'name', tokens: run };
    }
    // "the study's lead author": a possessive document owns what follows; it is not the head.
    if (lex.documentNouns.has(cur.lower) && !cur.possessive) {
      const tokens = ts.slice(k, j + 1);
      const link = ts[j + 1];
      const owner = link && /^(?:from|by|of)$/.test(link.lower) ? npForward(ts, j + 2, lex) : undefined;
      return owner ? { type: 'document', tokens, owner } : { type: 'document', tokens };
    }
    if (isSpeakerNoun(cur.lower, lex)) {
      while (j + 1 < ts.length && ts[j + 1]?.word && isSpeakerNoun(ts[j + 1]?.lower ?? '', lex)) j += 1;
      const tokens = ts.slice(k, j + 1);
      const head = ts[j] as WordToken;
      // "said media analyst Jordan Pike": the name right after the role is the speaker.
      const following = ts[j + 1];
      if (following?.cap && following.word && !head.cap && lex.roleNouns.has(head.lower)) {
        const run = nameRunForward(ts, j + 1, lex);
        if (run.every((x) => isNameWord(x, lex) || isInitialToken(x) || isParticle(x.lower)))
          return { type: 'name', tokens: run };
      }
      // "the spokesman, Ned Price," or "the mayor of the town, Pedro Alves" names the person.
      for (let c = j + 1; c < Math.min(ts.length - 1, j + 7); c += 1) {
        if (ts[c]?.text !== ',') continue;
        const named = appositiveName(ts, c, lex);
        if (named) return { type: 'name', tokens: named };
        break;
      }
      return {
        type: 'descriptive',
        tokens,
        head: head.lower,
        org: lex.orgNouns.has(head.lower) && !lex.roleNouns.has(head.lower),
      };
    }
    if (STOP_MODIFIER.has(cur.lower) || isVerb(cur, lex)) return undefined;
    j += 1;
  }
  return undefined;
}

export function isTitleLike(token: WordToken, lex: Lexicon): boolean {
  const w = token.lower.replace(/\.$/, '');
  if (lex.honorifics.has(w) || lex.keepTitles.has(w)) return false;
  return (
    isTitleWord(token.lower, lex) ||
    lex.roleNouns.has(w) ||
    lex.places.has(w) ||
    lex.demonyms.has(w) ||
    lex.orgWords.has(w) ||
    lex.nonName.has(w)
  );
}

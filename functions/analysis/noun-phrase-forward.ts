import { isTitleWord, type Lexicon, lexicon } from './lexicon/index.ts';
import { isNameWord, particlesEnd } from './name-words.ts';
import {
  CONNECTOR,
  isInitialToken,
  isParticle,
  isSpeakerNoun,
  isVerb,
  joinsName,
  type NounPhrase,
  ownerOf,
  STOP_MODIFIER,
} from './noun-phrases.ts';
import { ownedDocumentAt } from './phrase-adjuncts.ts';
import type { WordToken } from './word-tokens.ts';

// The noun phrase after a reporting verb: `said a visibly tired Okafor`, `said Amnesty's regional director
// Lena Maas`, `said the head of sales at Acme, Jo Park`, `according to the ministry`.

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

/** The full name in commas after the comma at `comma` ("..., Pedro Alves," / "..., Khamphan Vongsa, as"). */
function appositiveName(ts: WordToken[], comma: number, lex: Lexicon): WordToken[] | undefined {
  if (!ts[comma + 1]?.cap) return undefined;
  const run = nameRunForward(ts, comma + 1, lex);
  const after = ts[comma + 1 + run.length];
  return run.length >= 2 && (!after || /^[,.;]$/.test(after.text)) ? run : undefined;
}

/** How many lowercase words a role between an organization and a name may have ("deputy regional director"). */
const MAX_ROLE_WORDS = 3;

/** How many tokens a role's complement may run before the comma of its name ("head of sales at Acme, Jo Park"). */
const MAX_ROLE_COMPLEMENT = 12;

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
      const after = ts.slice(k + run.length);
      const r = roleWordsEnd(after, lex);
      if (r > 0 && after[r]?.cap) return { type: 'name', tokens: nameRunForward(after, r, lex) };
    }
    // "said European head of sales at Acme, Jo Park": a people's word before a role modifies the role.
    if (run.every((x) => isPlaceWord(x, lex)) && ts[k + run.length]?.word && !ts[k + run.length]?.cap)
      return premodifiedPhrase(ts, k, lex);
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
  return premodifiedPhrase(ts, k, lex);
}

/**
 * Where the role words after an organization's name end, when they end in a role noun: "deputy director",
 * "founder and CEO" (a coordinated role, with its capitalized short form). 0 when there are none.
 */
function roleWordsEnd(after: WordToken[], lex: Lexicon): number {
  let r = 0;
  let end = 0;
  while (r < MAX_ROLE_WORDS * 2 && after[r]?.word) {
    const w = after[r] as WordToken;
    const role = lex.roleNouns.has(w.lower);
    if (!w.cap && !lex.stopWords.has(w.lower)) {
      r += 1;
      if (role) end = r;
      if (r >= MAX_ROLE_WORDS && end < r) break;
      continue;
    }
    // "founder and CEO", "chairman and chief executive": a second role after "and".
    if (w.lower === 'and' && end === r && r > 0) {
      r += 1;
      continue;
    }
    if (w.cap && role && after[r - 1]?.lower === 'and') {
      r += 1;
      end = r;
      continue;
    }
    break;
  }
  return end === r ? end : 0;
}

/** A noun phrase of lowercase modifiers and its head: "a visibly tired Okafor", "the head of the unit, Jo Park". */
function premodifiedPhrase(ts: WordToken[], k: number, lex: Lexicon): NounPhrase | undefined {
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
      while (j + 1 < ts.length && ts[j + 1]?.word && isSpeakerNoun(ts[j + 1]?.lower ?? '', lex)) {
        // "the court statement", "a police report": the body's document, which the body issued.
        if (!cur.cap && lex.massOrgs.has(cur.lower) && lex.documentNouns.has(ts[j + 1]?.lower ?? ''))
          return { type: 'document', tokens: ts.slice(k, j + 2), owner: ownerOf(ts.slice(k, j + 1), lex) };
        j += 1;
      }
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
      for (let c = j + 1; c < Math.min(ts.length - 1, j + MAX_ROLE_COMPLEMENT); c += 1) {
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

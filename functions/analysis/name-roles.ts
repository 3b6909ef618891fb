import { isTitleWord, type Lexicon, lexicon } from './lexicon/index.ts';
import { isGivenName } from './name-words.ts';
import type { WordToken } from './word-tokens.ts';

const CONNECTORS = new Set(['of', 'for', 'and', 'on', 'de', 'the']);

function trimRole(text: string): string {
  return text
    .replace(/^(?:the|a|an)\s+/i, '')
    .replace(/^(?:The\s+)?United States['’]\s+/, 'U.S. ')
    .replace(/^(?:The\s+)?United Nations['’]\s+/, 'U.N. ')
    .replace(/[\s,;:]+$/, '')
    .trim();
}

function hasRoleWord(tokens: WordToken[], lex: Lexicon): boolean {
  return tokens.some(
    (t) =>
      lex.roleNouns.has(t.lower) ||
      // "one of the journalists named": a plural role noun.
      (t.lower.endsWith('s') && lex.roleNouns.has(t.lower.slice(0, -1))) ||
      (t.cap && isTitleWord(t.lower, lex) && !lex.honorifics.has(t.lower.replace(/\.$/, ''))),
  );
}

/** The role stated before a name: "U.S. Assistant Secretary of State", "Hong Kong-based rights analyst". */
export function roleBefore(
  text: string,
  tokens: WordToken[],
  nameStart: number,
  lex: Lexicon,
): string | undefined {
  let j = nameStart - 1;
  let start = nameStart;
  const chain: WordToken[] = [];
  // A capitalized title chain, with "of", "for", "and" and listing commas inside it.
  while (j >= 0) {
    const t = tokens[j] as WordToken;
    const right = tokens[j + 1];
    const left = tokens[j - 1];
    if (t.word && t.cap && !lex.common.has(t.lower) && !/^\d/.test(t.text)) {
      chain.push(t);
      start = j;
      j -= 1;
      continue;
    }
    if (
      t.word &&
      CONNECTORS.has(t.lower) &&
      t.lower !== 'the' &&
      left?.cap &&
      right?.cap &&
      start <= j + 1 &&
      chain.length > 0
    ) {
      if (t.lower === 'and' && right && isTitleWord(right.lower, lex)) break;
      j -= 1;
      continue;
    }
    if (t.text === ',' && left?.cap && right?.cap && chain.length > 0) {
      const after = tokens.slice(j + 1, nameStart).map((x) => x.lower);
      if (after.includes('and')) {
        j -= 1;
        continue;
      }
    }
    break;
  }
  const capitalRole =
    chain.length > 0 &&
    hasRoleWord(chain, lex) &&
    !chain.every((t) => lex.honorifics.has(t.lower.replace(/\.$/, '')));
  const lowerHead = tokens[nameStart - 1];
  const lowerRole = lowerHead?.word === true && !lowerHead.cap && lex.roleNouns.has(lowerHead.lower);
  if (!capitalRole && !lowerRole)
    return commaRole(text, tokens, nameStart, lex) ?? roleOfBody(text, tokens, start, nameStart, lex);
  // "A spokesman for the ministry, Colonel Hassan Faraj,": the rank is part of the job, but the
  // appositive before it says what the job is.
  if (capitalRole && chain.every((t) => lexicon().ranks.has(t.lower.replace(/\.$/, '')))) {
    const described = commaRole(text, tokens, start, lex);
    if (described) return described;
  }
  if (!capitalRole) {
    start = nameStart;
    j = nameStart - 1;
  }
  // Lowercase modifiers and further capitalized words: "former", "independent rights", "Hong Kong-based".
  let count = 0;
  while (j >= 0 && count < 8) {
    const t = tokens[j] as WordToken;
    if (!t.word) {
      if ((t.text === '-' || t.text === '–') && tokens[j - 1]?.word) {
        j -= 1;
        continue;
      }
      break;
    }
    if (t.cap) {
      // After a title chain only modifiers like "former" may follow; a person's name ends the role.
      if (capitalRole || lex.common.has(t.lower)) break;
      const left = tokens[j - 1];
      if (isGivenName(t, lex) || (left?.cap && isGivenName(left, lex))) break;
    } else {
      if (capitalRole && !lexicon().roleAdjectives.has(t.lower) && !/-/.test(t.lower)) break;
      if (
        lexicon().stopWords.has(t.lower) ||
        lexicon().irregularVerbs.has(t.lower) ||
        lex.reportingVerbs.has(t.lower) ||
        lex.reportingParticiples.has(t.lower)
      )
        break;
      if (/ed$/.test(t.lower) && !lexicon().roleAdjectives.has(t.lower)) break;
      if (/^(?:he|she|they|it|we|i|you)$/.test(t.lower)) break;
    }
    start = j;
    j -= 1;
    count += 1;
  }
  const first = tokens[start];
  const last = tokens[nameStart - 1];
  if (!first || !last) return undefined;
  const role = trimRole(text.slice(first.start, last.end));
  return role.length > 1 ? role : undefined;
}

/** The most words before a role noun that belong to the role ("senior political"). */
const MAX_ROLE_MODIFIERS = 3;

/**
 * "a correspondent for Radio Sever Pavel Drozd", "an engineer at Orvion Lars Ekdahl": a lowercase role
 * noun, "for" or "at", and the body's capitalized name run straight into the person's.
 */
function roleOfBody(
  text: string,
  tokens: WordToken[],
  bodyStart: number,
  nameStart: number,
  lex: Lexicon,
): string | undefined {
  const link = tokens[bodyStart - 1];
  const head = tokens[bodyStart - 2];
  if (bodyStart >= nameStart || !link?.word || !/^(?:for|of|at|with)$/.test(link.lower)) return undefined;
  if (!head?.word || head.cap || !lex.roleNouns.has(head.lower)) return undefined;
  let j = bodyStart - 2;
  while (j - 1 >= 0 && bodyStart - 2 - j < MAX_ROLE_MODIFIERS) {
    const t = tokens[j - 1] as WordToken;
    if (!t.word || t.cap || lexicon().stopWords.has(t.lower) || lex.reportingVerbs.has(t.lower)) break;
    j -= 1;
  }
  const first = tokens[j];
  const last = tokens[nameStart - 1];
  return first && last ? trimRole(text.slice(first.start, last.end)) : undefined;
}

/** How far back from an appositive name's comma the role noun may stand ("an activist of the ... Union,"). */
const MAX_COMMA_ROLE_REACH = 12;

/** A role before an appositive name: "his sister, Sara Reza, said", "the lawyer, Wang Lin,". */
function commaRole(text: string, tokens: WordToken[], nameStart: number, lex: Lexicon): string | undefined {
  if (tokens[nameStart - 1]?.text !== ',') return undefined;
  // The role noun may carry a complement: "the mayor of the town, Pedro Alves".
  let h = nameStart - 2;
  while (
    h > nameStart - MAX_COMMA_ROLE_REACH &&
    h >= 0 &&
    tokens[h]?.word &&
    !(lex.roleNouns.has(tokens[h]?.lower ?? '') && !tokens[h]?.cap)
  )
    h -= 1;
  const head = tokens[h];
  if (!head?.word || head.cap || !lex.roleNouns.has(head.lower))
    return titleChainRole(text, tokens, nameStart, lex);
  const end = tokens[nameStart - 2] as WordToken;
  let j = h;
  while (j - 1 >= 0 && h - j < 4) {
    const t = tokens[j - 1] as WordToken;
    if (
      !t.word ||
      lexicon().stopWords.has(t.lower) ||
      lexicon().irregularVerbs.has(t.lower) ||
      /^(?:his|her|their|its|our|my)$/.test(t.lower)
    )
      break;
    if (t.cap && isGivenName(t, lex)) break;
    j -= 1;
  }
  const first = tokens[j];
  if (!first) return undefined;
  const role = trimRole(text.slice(first.start, end.end));
  return role.length > 1 ? role : undefined;
}

/** How far back from its comma a title chain before an appositive name may start. */
const MAX_TITLE_CHAIN = 10;

/**
 * "the Deputy Governor of Bolikhamxay Province, Khamphan Vongsa,", "its Deputy Foreign Minister for Asian
 * Affairs, Tanaka Hiroshi": a capitalized title chain, then the name in commas.
 */
function titleChainRole(
  text: string,
  tokens: WordToken[],
  nameStart: number,
  lex: Lexicon,
): string | undefined {
  const end = tokens[nameStart - 2];
  if (!end?.cap) return undefined;
  let j = nameStart - 2;
  let titled = false;
  while (j >= 0 && nameStart - 2 - j < MAX_TITLE_CHAIN) {
    const t = tokens[j] as WordToken;
    if (t.word && t.cap && !lex.common.has(t.lower)) titled ||= isTitleWord(t.lower, lex);
    else if (!(t.word && /^(?:of|for|and|the|on)$/.test(t.lower) && tokens[j - 1]?.cap)) break;
    j -= 1;
  }
  const first = tokens[j + 1];
  if (!titled || !first?.cap) return undefined;
  const role = trimRole(text.slice(first.start, end.end));
  return role.length > 1 ? role : undefined;
}

// Agent nouns that the role list lacks ("a forecaster", "a meteorologist", "a librarian").
const AGENT_SUFFIX = /\p{Ll}{3}(?:er|or|ist|ian|ant|ent)s?$/u;

/**
 * True for an appositive that opens with an article and an agent noun at the head of its phrase: "a
 * forecaster with ...", "a senior researcher at". In "the border state where ..." the word modifies a head.
 */
function agentNoun(phrase: WordToken[]): boolean {
  const article = phrase.findIndex((t) => /^(?:a|an|the)$/.test(t.lower));
  if (article !== 0) return false;
  const stop = lexicon().stopWords;
  return phrase.slice(1, 4).some((t, i) => {
    const next = phrase[i + 2];
    const head = !next?.word || stop.has(next.lower);
    return t.word && !t.cap && AGENT_SUFFIX.test(t.lower) && !stop.has(t.lower) && head;
  });
}

/** The role in an appositive after a name: "David Kelly, the head of research at China Policy, says". */
export function roleAfter(
  text: string,
  tokens: WordToken[],
  nameEnd: number,
  lex: Lexicon,
): string | undefined {
  let k = nameEnd;
  if (tokens[k]?.text !== ',') return undefined;
  k += 1;
  if (/^\d{1,3}$/.test(tokens[k]?.text ?? '') && tokens[k + 1]?.text === ',') k += 2;
  const start = k;
  while (k < tokens.length && k - start < 20) {
    const t = tokens[k] as WordToken;
    if (!t.word && !/^[-–'’&]$/.test(t.text)) break;
    if (!t.cap && (lex.reportingVerbs.has(t.lower) || lex.reportingParticiples.has(t.lower))) break;
    k += 1;
  }
  const phrase = tokens.slice(start, k);
  const first = phrase[0];
  const last = phrase[phrase.length - 1];
  if (!first || !last) return undefined;
  // "who directs the center", "who represents several of the detainees": a present-tense relative clause
  // states what the person does. A past one ("who was arrested in May") tells a story instead.
  const relative =
    first.lower === 'who' &&
    /^\p{Ll}+s$/u.test(phrase[1]?.text ?? '') &&
    !/^(?:is|was|has|says)$/.test(phrase[1]?.lower ?? '');
  if (
    !relative &&
    /^(?:who|which|that|whose|where|when|while|he|she|they|it|said|says|and|but|as|in|on|at|for|with|according)$/.test(
      first.lower,
    )
  )
    return undefined;
  if (!relative && !hasRoleWord(phrase.slice(0, 8), lex) && !agentNoun(phrase.slice(0, 5))) return undefined;
  const end = tokens[k];
  // The appositive must close: a comma, a full stop, a short form in brackets, a reporting verb, or the end.
  if (
    end &&
    !/^[,.;:!?()]$/.test(end.text) &&
    !lex.reportingVerbs.has(end.lower) &&
    !lex.reportingParticiples.has(end.lower)
  )
    return undefined;
  const role = trimRole(text.slice(first.start, last.end));
  return role.length > 1 ? role : undefined;
}

/** A role stated as a predicate of a known person: "Markovic is the executive director of ...". */
export function rolePredicate(
  text: string,
  tokens: WordToken[],
  nameEnd: number,
  lex: Lexicon,
): string | undefined {
  if (tokens[nameEnd]?.lower !== 'is' || !/^(?:a|an|the)$/.test(tokens[nameEnd + 1]?.lower ?? ''))
    return undefined;
  const start = nameEnd + 1;
  let k = start;
  while (k < tokens.length && k - start < 20 && (tokens[k]?.word || /^[-–'’&]$/.test(tokens[k]?.text ?? '')))
    k += 1;
  const phrase = tokens.slice(start, k);
  const first = phrase[0];
  const last = phrase[phrase.length - 1];
  if (!first || !last || !/^[,.;]$/.test(tokens[k]?.text ?? '.')) return undefined;
  if (!hasRoleWord(phrase.slice(0, 6), lex) && !agentNoun(phrase.slice(0, 5))) return undefined;
  const role = trimRole(text.slice(first.start, last.end));
  return role.length > 1 ? role : undefined;
}

/** Picks the most specific role; "U.S." from a shorter form is kept in front of a longer one. */
export function mergeRoles(roles: string[]): string | undefined {
  let chosen: string | undefined;
  let chosenWords = 0;
  for (const role of roles) {
    const words = role.split(/\s+/).length;
    if (words > chosenWords) {
      chosen = role;
      chosenWords = words;
    }
  }
  if (!chosen) return undefined;
  const lowerChosen = chosen.toLowerCase();
  for (const role of roles) {
    const parts = role.split(/\s+/);
    for (let q = 1; q <= 2 && q < parts.length - 1; q += 1) {
      const qualifier = parts.slice(0, q).join(' ');
      const rest = parts.slice(q).join(' ').toLowerCase();
      if (lowerChosen.startsWith(rest) && !lowerChosen.startsWith(qualifier.toLowerCase()))
        return `${qualifier} ${chosen}`;
    }
  }
  return chosen;
}

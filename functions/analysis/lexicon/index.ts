/**
 * The analysis's word lists, in one place, by domain. Topics name their word classes with "@name"
 * (word-classes.ts lists them); the speaker side reads its lists as sets of lowercase words, which are
 * plain strings in the files beside this one and become sets on first use, so importing costs nothing.
 */
import * as abbreviations from './abbreviations.ts';
import * as functionWords from './function-words.ts';
import * as names from './names.ts';
import * as organizations from './organizations.ts';
import * as places from './places.ts';
import * as reporting from './reporting-verbs.ts';
import * as roles from './roles.ts';
import * as titles from './titles.ts';

export { securityAgents, stateActors, stateOfficials } from './actors.ts';
export { coerciveActs, deprivations, heldOrDisplaced, statePunishments } from './coercive-acts.ts';
export {
  awards,
  disasters,
  economicGrievances,
  entertainment,
  exhibitions,
  markets,
  ordinaryCrime,
  outbreaks,
  roundups,
  sport,
  summits,
} from './negative-contexts.ts';
export { dwellings, minorities, peopleAtRisk, protesters, racialGroups } from './people-at-risk.ts';
export { assembly, protectedActivities } from './protected-activities.ts';
export { isWordClass, WORD_CLASS_NAMES, type WordClassName } from './word-class-names.ts';
export { WORD_CLASSES, type WordClass, wordClassWeights } from './word-classes.ts';

/** The word lists, as sets of lowercase words. */
export interface Lexicon {
  male: Set<string>;
  female: Set<string>;
  familyFirst: Set<string>;
  keepTitles: Set<string>;
  honorifics: Set<string>;
  particles: Set<string>;
  titleWords: Set<string>;
  abbreviatedTitles: Set<string>;
  ranks: Set<string>;
  roleAdjectives: Set<string>;
  roleNouns: Set<string>;
  femaleRoles: Set<string>;
  maleRoles: Set<string>;
  orgNouns: Set<string>;
  orgWords: Set<string>;
  nonName: Set<string>;
  massOrgs: Set<string>;
  genericOrgs: Set<string>;
  genericAcronyms: Set<string>;
  platforms: Set<string>;
  newsOutlets: Set<string>;
  places: Set<string>;
  demonyms: Set<string>;
  stateHeads: Set<string>;
  reportingVerbs: Set<string>;
  reportingParticiples: Set<string>;
  documentNouns: Set<string>;
  speechNouns: Set<string>;
  common: Set<string>;
  monthsAndDays: Set<string>;
  malePronouns: Set<string>;
  femalePronouns: Set<string>;
  personalPronouns: Set<string>;
  determiners: Set<string>;
  indefinites: Set<string>;
  stopWords: Set<string>;
  irregularVerbs: Set<string>;
  introWords: Set<string>;
  verbAdverbs: Set<string>;
  timeWords: Set<string>;
  neverFinal: Set<string>;
  beforeNumber: Set<string>;
  maybeFinal: Set<string>;
  sentenceStarters: Set<string>;
  tokenAbbreviations: Set<string>;
  hyphenSuffixes: Set<string>;
}

const toSet = (words: string): Set<string> => new Set(words.split(/\s+/).filter(Boolean));

let cache: Lexicon | undefined;

/** Builds the word sets once, on first use. */
export function lexicon(): Lexicon {
  cache ??= {
    male: toSet(names.MALE),
    female: toSet(names.FEMALE),
    familyFirst: toSet(names.FAMILY_FIRST),
    keepTitles: toSet(names.KEEP_TITLES),
    honorifics: toSet(names.HONORIFICS),
    particles: toSet(names.PARTICLES),
    titleWords: toSet(titles.TITLE_WORDS),
    abbreviatedTitles: toSet(titles.ABBREVIATED_TITLES),
    ranks: toSet(titles.RANKS),
    roleAdjectives: toSet(titles.ROLE_ADJECTIVES),
    roleNouns: toSet(roles.ROLE_NOUNS),
    femaleRoles: toSet(roles.FEMALE_ROLES),
    maleRoles: toSet(roles.MALE_ROLES),
    orgNouns: toSet(organizations.ORG_NOUNS),
    orgWords: toSet(organizations.ORG_WORDS),
    nonName: toSet(organizations.NON_NAME),
    massOrgs: toSet(organizations.MASS_ORGS),
    genericOrgs: toSet(organizations.GENERIC_ORGS),
    genericAcronyms: toSet(organizations.GENERIC_ACRONYMS),
    platforms: toSet(organizations.PLATFORMS),
    newsOutlets: toSet(organizations.NEWS_OUTLETS),
    places: toSet(places.PLACES),
    demonyms: toSet(places.DEMONYMS),
    stateHeads: toSet(places.STATE_HEADS),
    reportingVerbs: toSet(reporting.REPORTING_VERBS),
    reportingParticiples: toSet(reporting.REPORTING_PARTICIPLES),
    documentNouns: toSet(reporting.DOCUMENT_NOUNS),
    speechNouns: toSet(reporting.SPEECH_NOUNS),
    common: toSet(functionWords.COMMON_CAPITALIZED),
    monthsAndDays: toSet(functionWords.MONTHS_AND_DAYS),
    malePronouns: toSet(functionWords.PRONOUNS_MALE),
    femalePronouns: toSet(functionWords.PRONOUNS_FEMALE),
    personalPronouns: toSet(functionWords.PERSONAL_PRONOUNS),
    determiners: toSet(functionWords.DETERMINERS),
    indefinites: toSet(functionWords.INDEFINITES),
    stopWords: toSet(functionWords.STOP_WORDS),
    irregularVerbs: toSet(functionWords.IRREGULAR_VERBS),
    introWords: toSet(functionWords.INTRO_WORDS),
    verbAdverbs: toSet(functionWords.VERB_ADVERBS),
    timeWords: toSet(functionWords.TIME_WORDS),
    neverFinal: toSet(abbreviations.NEVER_FINAL),
    beforeNumber: toSet(abbreviations.BEFORE_NUMBER),
    maybeFinal: toSet(abbreviations.MAYBE_FINAL),
    sentenceStarters: toSet(abbreviations.SENTENCE_STARTERS),
    tokenAbbreviations: toSet(abbreviations.TOKEN_ABBREVIATIONS),
    hyphenSuffixes: toSet(functionWords.HYPHEN_SUFFIXES),
  };
  return cache;
}

/** True for a title word ("President", "Minister", "Sen."); an abbreviation needs its period. */
export function isTitleWord(lower: string, lex: Lexicon): boolean {
  if (lower.endsWith('.')) {
    const word = lower.slice(0, -1);
    return lex.titleWords.has(word) || lex.abbreviatedTitles.has(word);
  }
  return lex.titleWords.has(lower);
}

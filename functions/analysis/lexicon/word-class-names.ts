/**
 * The names of the lexicon's word classes, apart from their words: the config schema checks a topic's
 * "@name" against them, and a function that only reads its config (the fan-out dispatcher) does not carry
 * the word lists for that.
 */
export const WORD_CLASS_NAMES = [
  'state-actors',
  'state-officials',
  'security-agents',
  'coercive-acts',
  'state-punishments',
  'deprivations',
  'held-or-displaced',
  'protected-activities',
  'assembly',
  'people-at-risk',
  'protesters',
  'minorities',
  'racial-groups',
  'dwellings',
  'entertainment',
  'sport',
  'markets',
  'ordinary-crime',
  'disasters',
  'outbreaks',
  'awards',
  'summits',
  'roundups',
  'exhibitions',
  'economic-grievances',
] as const;

export type WordClassName = (typeof WORD_CLASS_NAMES)[number];

const NAMES: ReadonlySet<string> = new Set(WORD_CLASS_NAMES);

/** True when `name` is a word class of the lexicon. */
export function isWordClass(name: string): name is WordClassName {
  return NAMES.has(name);
}

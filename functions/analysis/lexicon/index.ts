/**
 * The analysis's word lists, in one place, by domain. Topics name these classes with "@name"
 * (word-classes.ts lists them); nothing else in the analysis keeps a word list of its own for topics.
 */
export { securityAgents, stateActors, stateOfficials } from './actors.ts';
export { coerciveActs, deprivations, heldOrDisplaced, statePunishments } from './coercive-acts.ts';
export {
  awards,
  disasters,
  entertainment,
  exhibitions,
  markets,
  ordinaryCrime,
  outbreaks,
  roundups,
  sport,
  summits,
} from './negative-contexts.ts';
export { dwellings, minorities, peopleAtRisk, racialGroups } from './people-at-risk.ts';
export { protectedActivities } from './protected-activities.ts';
export { isWordClass, WORD_CLASSES, type WordClass, wordClassWeights } from './word-classes.ts';

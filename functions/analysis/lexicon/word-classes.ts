import { securityAgents, stateActors, stateOfficials } from './actors.ts';
import { coerciveActs, deprivations, heldOrDisplaced, statePunishments } from './coercive-acts.ts';
import {
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
import { dwellings, minorities, peopleAtRisk, protesters, racialGroups } from './people-at-risk.ts';
import { assembly, protectedActivities } from './protected-activities.ts';
import { isWordClass, type WordClassName } from './word-class-names.ts';

/** A word class: patterns, each with its own weight or none (then the topic's weight alone applies). */
export type WordClass = readonly string[] | Readonly<Record<string, number>>;

/**
 * The word classes a topic may name with "@name", in its terms, its negative contexts or its
 * co-occurrence groups. Built-in and user topics share them.
 */
export const WORD_CLASSES: Readonly<Record<WordClassName, WordClass>> = {
  'state-actors': stateActors,
  'state-officials': stateOfficials,
  'security-agents': securityAgents,
  'coercive-acts': coerciveActs,
  'state-punishments': statePunishments,
  deprivations,
  'held-or-displaced': heldOrDisplaced,
  'protected-activities': protectedActivities,
  assembly,
  'people-at-risk': peopleAtRisk,
  protesters,
  minorities,
  'racial-groups': racialGroups,
  dwellings,
  entertainment,
  sport,
  markets,
  'ordinary-crime': ordinaryCrime,
  disasters,
  outbreaks,
  awards,
  summits,
  roundups,
  exhibitions,
  'economic-grievances': economicGrievances,
};

/** The patterns of a word class with their own weights (1 where the class gives none). */
export function wordClassWeights(name: string): Array<[pattern: string, weight: number]> {
  if (!isWordClass(name)) return [];
  const words = WORD_CLASSES[name];
  return Array.isArray(words)
    ? (words as readonly string[]).map((w): [string, number] => [w, 1])
    : Object.entries(words as Readonly<Record<string, number>>);
}

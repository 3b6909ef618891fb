import { wordClassWeights } from './lexicon/word-classes.ts';
import { type CompiledPattern, compilePattern, PatternIndex } from './term-matcher.ts';
import type { TopicDefinition } from './topic-definition.ts';

/** What one pattern does in a topic: a weighted term, a negative context, a word of a rule's group. */
export interface PatternRoles {
  term?: number;
  /** The concept a term belongs to. */
  concept?: string;
  negative?: number;
  /** Negative contexts of one concept: they cancel that concept's evidence and nothing else. */
  conceptNegative?: Array<[concept: string, weight: number]>;
  ignore?: boolean;
  /** A word for those who act with the power of the state ("police", "a court"). */
  agent?: boolean;
  groups: Array<[rule: number, group: number]>;
}

export type Rule = TopicDefinition['cooccurrence'][number];

/** A co-occurrence rule of the topic or of one of its concepts. */
export type CompiledRule = Rule & { concept?: string };

export interface CompiledTopic {
  index: PatternIndex;
  roles: PatternRoles[];
  /** Every co-occurrence rule, top-level and of each concept, with its concept. */
  rules: CompiledRule[];
}

/**
 * The word classes of those who act for the state. A person at risk named between one of these and a
 * coercive act is its target, whatever the word order ("journalists accused police of beating them").
 */
const AGENT_CLASSES = ['state-actors', 'state-officials', 'security-agents'];

/** The patterns a key stands for, with weight factors: itself, a topic set, or a lexicon word class. */
function expand(topic: TopicDefinition, key: string): Array<[pattern: string, factor: number]> {
  if (!key.startsWith('@')) return [[key, 1]];
  const set = topic.sets[key.slice(1)];
  return set ? set.map((p): [string, number] => [p, 1]) : wordClassWeights(key.slice(1));
}

const compiled = new WeakMap<TopicDefinition, CompiledTopic>();

/** Compiles a topic's patterns into one index, with the roles each pattern plays; cached per topic. */
export function compileTopic(topic: TopicDefinition): CompiledTopic {
  const cached = compiled.get(topic);
  if (cached) return cached;
  const ids = new Map<string, number>();
  const roles: PatternRoles[] = [];
  const patterns: CompiledPattern[] = [];
  const roleOf = (source: string): PatternRoles => {
    const key = source.trim().toLowerCase();
    let id = ids.get(key);
    if (id === undefined) {
      id = patterns.length;
      ids.set(key, id);
      patterns.push(compilePattern(key, id));
      roles.push({ groups: [] });
    }
    return roles[id] as PatternRoles;
  };
  const addTerms = (terms: Record<string, number>, concept?: string) => {
    for (const [key, weight] of Object.entries(terms)) {
      for (const [source, factor] of expand(topic, key)) {
        const role = roleOf(source);
        if ((role.term ?? 0) >= weight * factor) continue;
        role.term = weight * factor;
        role.concept = concept;
      }
    }
  };
  addTerms(topic.terms);
  for (const concept of topic.concepts) addTerms(concept.terms, concept.id);
  for (const [key, weight] of Object.entries(topic.negative)) {
    for (const [source, factor] of expand(topic, key)) roleOf(source).negative = weight * factor;
  }
  for (const concept of topic.concepts) {
    for (const [key, weight] of Object.entries(concept.negative)) {
      for (const [source, factor] of expand(topic, key)) {
        const role = roleOf(source);
        role.conceptNegative = [...(role.conceptNegative ?? []), [concept.id, weight * factor]];
      }
    }
  }
  for (const source of topic.ignore) roleOf(source).ignore = true;
  const rules: CompiledRule[] = [
    ...topic.cooccurrence,
    ...topic.concepts.flatMap((c) => c.cooccurrence.map((rule) => ({ ...rule, concept: c.id }))),
  ];
  rules.forEach((rule, r) => {
    rule.groups.forEach((group, g) => {
      for (const item of group) {
        for (const [source] of expand(topic, item)) roleOf(source).groups.push([r, g]);
      }
    });
  });
  if (rules.some((rule) => rule.target)) {
    for (const name of AGENT_CLASSES)
      for (const [source] of wordClassWeights(name)) roleOf(source).agent = true;
  }
  const result = { index: new PatternIndex(patterns), roles, rules };
  compiled.set(topic, result);
  return result;
}

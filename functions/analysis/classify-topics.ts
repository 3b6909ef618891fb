import { wordClassWeights } from './lexicon/word-classes.ts';
import { sentenceSpans } from './sentence-splitter.ts';
import {
  type CompiledPattern,
  compilePattern,
  PatternIndex,
  type PatternMatch,
  termTokens,
} from './term-matcher.ts';
import type { TopicDefinition } from './topic-definition.ts';
import type { TopicEvidence, TopicResult } from './types.ts';

type Where = TopicEvidence['where'];

/** Text to classify: a title and body paragraphs, in order. */
export interface ClassifiableText {
  title: string;
  paragraphs: string[];
}

interface PatternRoles {
  term?: number;
  /** The concept a term belongs to. */
  concept?: string;
  negative?: number;
  ignore?: boolean;
  groups: Array<[rule: number, group: number]>;
}

type Rule = TopicDefinition['cooccurrence'][number];

interface CompiledTopic {
  index: PatternIndex;
  roles: PatternRoles[];
  /** Every co-occurrence rule, top-level and of each concept, with its concept. */
  rules: Array<Rule & { concept?: string }>;
}

/** The patterns a key stands for, with weight factors: itself, a topic set, or a lexicon word class. */
function expand(topic: TopicDefinition, key: string): Array<[pattern: string, factor: number]> {
  if (!key.startsWith('@')) return [[key, 1]];
  const set = topic.sets[key.slice(1)];
  return set ? set.map((p): [string, number] => [p, 1]) : wordClassWeights(key.slice(1));
}

interface Occurrence {
  where: Where;
  surface: string;
}

interface Window {
  where: Where;
  tokens: ReturnType<typeof termTokens>;
  text: string;
}

const compiled = new WeakMap<TopicDefinition, CompiledTopic>();

function compileTopic(topic: TopicDefinition): CompiledTopic {
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
  for (const source of topic.ignore) roleOf(source).ignore = true;
  const rules: CompiledTopic['rules'] = [
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
  const result = { index: new PatternIndex(patterns), roles, rules };
  compiled.set(topic, result);
  return result;
}

function windowsOf(text: ClassifiableText, leadParagraphs: number): Window[] {
  const windows: Window[] = [];
  if (text.title.trim()) windows.push({ where: 'title', tokens: termTokens(text.title), text: text.title });
  text.paragraphs.forEach((paragraph, p) => {
    const where: Where = p < leadParagraphs ? 'lead' : 'body';
    for (const span of sentenceSpans(paragraph)) {
      const sentence = paragraph.slice(span.start, span.end);
      windows.push({ where, tokens: termTokens(sentence), text: sentence });
    }
  });
  return windows;
}

function multiplier(topic: TopicDefinition, where: Where): number {
  if (where === 'title') return topic.titleMultiplier;
  if (where === 'lead') return topic.leadMultiplier;
  return 1;
}

function contribution(
  topic: TopicDefinition,
  weight: number,
  occurrences: Occurrence[],
  maxCount: number,
): number {
  const multipliers = occurrences.map((o) => multiplier(topic, o.where)).sort((a, b) => b - a);
  let total = 0;
  multipliers.slice(0, maxCount).forEach((m, i) => {
    total += weight * m * (i === 0 ? 1 : topic.repeatFactor);
  });
  return total;
}

function best(topic: TopicDefinition, occurrences: Occurrence[]): Occurrence {
  return occurrences.reduce((a, b) => (multiplier(topic, b.where) > multiplier(topic, a.where) ? b : a));
}

function surfaceOf(window: Window, match: PatternMatch): string {
  const first = window.tokens[match.start];
  const last = window.tokens[match.end - 1];
  return first && last ? window.text.slice(first.start, last.end).toLowerCase().replace(/’/g, "'") : '';
}

function ruleFires(
  hits: Array<Array<{ at: number; surface: string }>>,
  window: number | 'sentence',
): string[] | undefined {
  const [anchorHits, ...others] = hits;
  if (!anchorHits) return undefined;
  for (const anchor of anchorHits) {
    const used = new Set([anchor.at]);
    const surfaces = [anchor.surface];
    let ok = true;
    for (const group of others) {
      const hit = group.find(
        (h) => !used.has(h.at) && (window === 'sentence' || Math.abs(h.at - anchor.at) <= window),
      );
      if (!hit) {
        ok = false;
        break;
      }
      used.add(hit.at);
      surfaces.push(hit.surface);
    }
    if (ok) return surfaces;
  }
  return undefined;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * Scores one topic against an article. Each sentence is matched once: ignored phrases are masked,
 * overlapping terms resolve to the longest, and co-occurrence rules fire when all their groups hit
 * in the same window. Evidence lists what contributed, strongest first.
 */
export function classifyTopic(topic: TopicDefinition, text: ClassifiableText): TopicResult {
  const { index, roles, rules } = compileTopic(topic);
  const termHits = new Map<number, Occurrence[]>();
  const ruleHits = new Map<number, Array<Occurrence & { surfaces: string[] }>>();
  for (const window of windowsOf(text, topic.leadParagraphs)) {
    const matches = index.matchAll(window.tokens);
    if (matches.length === 0) continue;
    const masked = new Set<number>();
    for (const m of matches) {
      if (roles[m.id]?.ignore) for (let t = m.start; t < m.end; t += 1) masked.add(t);
    }
    const free = (m: PatternMatch): boolean => {
      for (let t = m.start; t < m.end; t += 1) if (masked.has(t)) return false;
      return true;
    };
    const weighted = matches
      .filter((m) => free(m) && (roles[m.id]?.term !== undefined || roles[m.id]?.negative !== undefined))
      .sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
    const consumed = new Set<number>();
    for (const m of weighted) {
      let overlaps = false;
      for (let t = m.start; t < m.end; t += 1) if (consumed.has(t)) overlaps = true;
      if (overlaps) continue;
      for (let t = m.start; t < m.end; t += 1) consumed.add(t);
      const list = termHits.get(m.id) ?? [];
      list.push({ where: window.where, surface: surfaceOf(window, m) });
      termHits.set(m.id, list);
    }
    const groupHits = new Map<number, Array<Array<{ at: number; surface: string }>>>();
    for (const m of matches) {
      if (!free(m)) continue;
      for (const [rule, group] of roles[m.id]?.groups ?? []) {
        const size = rules[rule]?.groups.length ?? 0;
        const perRule = groupHits.get(rule) ?? Array.from({ length: size }, () => []);
        perRule[group]?.push({ at: m.start, surface: surfaceOf(window, m) });
        groupHits.set(rule, perRule);
      }
    }
    // One sentence says one thing: of the rules of one concept that fire on it, the strongest counts.
    const fired = new Map<string, { rule: number; strength: number; surfaces: string[] }>();
    for (const [rule, hits] of groupHits) {
      const definition = rules[rule];
      if (!definition) continue;
      const surfaces = ruleFires(hits, definition.window);
      if (!surfaces) continue;
      // The heavier rule wins, then the one that needs more groups (it says more).
      const strength = definition.weight * 10 + definition.groups.length;
      const key = definition.concept ?? `rule ${rule}`;
      const current = fired.get(key);
      if (!current || strength > current.strength) fired.set(key, { rule, strength, surfaces });
    }
    for (const { rule, surfaces } of fired.values()) {
      const list = ruleHits.get(rule) ?? [];
      list.push({ where: window.where, surface: surfaces.join(' + '), surfaces });
      ruleHits.set(rule, list);
    }
  }

  const details: TopicEvidence[] = [];
  const byConcept = new Map<string, number>();
  let positive = 0;
  let negative = 0;
  for (const [id, occurrences] of termHits) {
    const role = roles[id];
    const top = best(topic, occurrences);
    if (role?.term !== undefined) {
      const value = contribution(topic, role.term, occurrences, topic.maxRepeats + 1);
      positive += value;
      if (role.concept) byConcept.set(role.concept, (byConcept.get(role.concept) ?? 0) + value);
      details.push({ term: top.surface, where: top.where, weight: round(value) });
    } else if (role?.negative !== undefined) {
      const value = contribution(topic, role.negative, occurrences, topic.maxRepeats + 1);
      negative += value;
      details.push({ term: top.surface, where: top.where, weight: -round(value) });
    }
  }
  for (const [rule, occurrences] of ruleHits) {
    const definition = rules[rule];
    if (!definition) continue;
    const value = contribution(topic, definition.weight, occurrences, definition.maxCount);
    positive += value;
    if (definition.concept)
      byConcept.set(definition.concept, (byConcept.get(definition.concept) ?? 0) + value);
    const top = best(topic, occurrences);
    details.push({ term: top.surface, where: top.where, weight: round(value) });
  }
  if (topic.negativeCap !== undefined) negative = Math.min(negative, topic.negativeCap);
  details.sort((a, b) => b.weight - a.weight);
  const score = round(positive - negative);
  const evidence: string[] = [];
  for (const detail of details) {
    if (detail.weight > 0 && !evidence.includes(detail.term)) evidence.push(detail.term);
  }
  // Distinct terms and distinct rules: a rule is one piece of evidence, however many words it needs.
  const units = [...termHits.keys()].filter((id) => roles[id]?.term !== undefined).length + ruleHits.size;
  const quiet =
    topic.quietThreshold !== undefined &&
    negative === 0 &&
    score >= topic.quietThreshold &&
    units > topic.minEvidence;
  const matched = units >= topic.minEvidence && (score >= topic.threshold || quiet);
  const threshold = quiet ? (topic.quietThreshold as number) : topic.threshold;
  return {
    id: topic.id,
    label: topic.label,
    score,
    threshold,
    matched,
    evidence: evidence.slice(0, 12),
    concepts: [...byConcept].sort((a, b) => b[1] - a[1]).map(([id]) => id),
    details,
  };
}

/** Scores every topic against an article. */
export function classifyTopics(topics: TopicDefinition[], text: ClassifiableText): TopicResult[] {
  return topics.map((topic) => classifyTopic(topic, text));
}

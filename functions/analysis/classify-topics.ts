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
  negative?: number;
  ignore?: boolean;
  groups: Array<[rule: number, group: number]>;
}

interface CompiledTopic {
  index: PatternIndex;
  roles: PatternRoles[];
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
  for (const [source, weight] of Object.entries(topic.terms)) roleOf(source).term = weight;
  for (const [source, weight] of Object.entries(topic.negative)) roleOf(source).negative = weight;
  for (const source of topic.ignore) roleOf(source).ignore = true;
  topic.cooccurrence.forEach((rule, r) => {
    rule.groups.forEach((group, g) => {
      for (const item of group) {
        const sources = item.startsWith('@') ? (topic.sets[item.slice(1)] ?? []) : [item];
        for (const source of sources) roleOf(source).groups.push([r, g]);
      }
    });
  });
  const result = { index: new PatternIndex(patterns), roles };
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
  const { index, roles } = compileTopic(topic);
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
        const size = topic.cooccurrence[rule]?.groups.length ?? 0;
        const perRule = groupHits.get(rule) ?? Array.from({ length: size }, () => []);
        perRule[group]?.push({ at: m.start, surface: surfaceOf(window, m) });
        groupHits.set(rule, perRule);
      }
    }
    for (const [rule, hits] of groupHits) {
      const definition = topic.cooccurrence[rule];
      if (!definition) continue;
      const surfaces = ruleFires(hits, definition.window);
      if (!surfaces) continue;
      const list = ruleHits.get(rule) ?? [];
      list.push({ where: window.where, surface: surfaces.join(' + '), surfaces });
      ruleHits.set(rule, list);
    }
  }

  const details: TopicEvidence[] = [];
  let positive = 0;
  let negative = 0;
  for (const [id, occurrences] of termHits) {
    const role = roles[id];
    const top = best(topic, occurrences);
    if (role?.term !== undefined) {
      const value = contribution(topic, role.term, occurrences, topic.maxRepeats + 1);
      positive += value;
      details.push({ term: top.surface, where: top.where, weight: round(value) });
    } else if (role?.negative !== undefined) {
      const value = contribution(topic, role.negative, occurrences, topic.maxRepeats + 1);
      negative += value;
      details.push({ term: top.surface, where: top.where, weight: -round(value) });
    }
  }
  for (const [rule, occurrences] of ruleHits) {
    const definition = topic.cooccurrence[rule];
    if (!definition) continue;
    const value = contribution(topic, definition.weight, occurrences, definition.maxCount);
    positive += value;
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
  // A co-occurrence rule is itself two words in context, so it counts as two pieces of evidence.
  const units = [...termHits.keys()].filter((id) => roles[id]?.term !== undefined).length + 2 * ruleHits.size;
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
    details,
  };
}

/** Scores every topic against an article. */
export function classifyTopics(topics: TopicDefinition[], text: ClassifiableText): TopicResult[] {
  return topics.map((topic) => classifyTopic(topic, text));
}

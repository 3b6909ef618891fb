import { digestItems } from './digest-items.ts';
import { sentenceSpans } from './sentence-splitter.ts';
import { type PatternMatch, termTokens } from './term-matcher.ts';
import { type CompiledTopic, compileTopic } from './topic-compile.ts';
import type { TopicDefinition } from './topic-definition.ts';
import { type GroupHit, ruleFires } from './topic-rules.ts';
import type { TopicEvidence, TopicResult } from './types.ts';

type Where = TopicEvidence['where'];

/** Text to classify: a title and body paragraphs, in order. */
export interface ClassifiableText {
  title: string;
  paragraphs: string[];
}

/**
 * A digest whose items mostly carry the topic is about it: an item carries it when it scores this share
 * of the threshold on its own...
 */
const ITEM_SHARE_OF_THRESHOLD = 0.5;
/** ...and this share of the items must. Otherwise the digest is as strong as its strongest item. */
const COHERENT_DIGEST_SHARE = 0.5;
/**
 * A concept's own negative contexts worth this much (one clear mention in the title or the lead: "protest
 * over a fuel price hike") explain its evidence away entirely; less explains away a share of it.
 */
const EXPLAINED_AWAY = 3;
/** A term lighter than this is a word of context ("activist", "arrested"), common in crime and politics... */
const CONTEXT_TERM_WEIGHT = 1;
/**
 * ...and such words together add at most this much: they support a story but cannot make one, however
 * often a crime story repeats "activists" and "detained" in its title and lead.
 */
const CONTEXT_TERMS_CAP = 2;

interface Occurrence {
  where: Where;
  surface: string;
}

/** What matched in one window (the title, or one sentence of a paragraph). */
interface WindowHits {
  where: Where;
  /** The paragraph of the sentence; -1 for the title. */
  paragraph: number;
  terms: Array<{ id: number; surface: string }>;
  rules: Array<{ rule: number; surfaces: string[] }>;
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

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * Matches one window. Ignored phrases are masked, overlapping terms resolve to the longest, and
 * co-occurrence rules fire when all their groups hit in the window; of the rules of one concept that
 * fire, the strongest counts.
 */
function matchWindow(
  { index, roles, rules }: CompiledTopic,
  where: Where,
  paragraph: number,
  text: string,
): WindowHits | undefined {
  const tokens = termTokens(text);
  const matches = index.matchAll(tokens);
  if (matches.length === 0) return undefined;
  const hits: WindowHits = { where, paragraph, terms: [], rules: [] };
  const surfaceOf = (m: PatternMatch): string => {
    const first = tokens[m.start];
    const last = tokens[m.end - 1];
    return first && last ? text.slice(first.start, last.end).toLowerCase().replace(/’/g, "'") : '';
  };
  const masked = new Set<number>();
  for (const m of matches) {
    if (roles[m.id]?.ignore) for (let t = m.start; t < m.end; t += 1) masked.add(t);
  }
  const free = (m: PatternMatch): boolean => {
    for (let t = m.start; t < m.end; t += 1) if (masked.has(t)) return false;
    return true;
  };
  const scored = (m: PatternMatch): boolean => {
    const role = roles[m.id];
    return role?.term !== undefined || role?.negative !== undefined || role?.conceptNegative !== undefined;
  };
  const weighted = matches
    .filter((m) => free(m) && scored(m))
    .sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const consumed = new Set<number>();
  for (const m of weighted) {
    let overlaps = false;
    for (let t = m.start; t < m.end; t += 1) if (consumed.has(t)) overlaps = true;
    if (overlaps) continue;
    for (let t = m.start; t < m.end; t += 1) consumed.add(t);
    hits.terms.push({ id: m.id, surface: surfaceOf(m) });
  }
  const groupHits = new Map<number, GroupHit[][]>();
  const agentStarts: number[] = [];
  for (const m of matches) {
    if (!free(m)) continue;
    if (roles[m.id]?.agent) agentStarts.push(m.start);
    for (const [rule, group] of roles[m.id]?.groups ?? []) {
      const size = rules[rule]?.groups.length ?? 0;
      const perRule = groupHits.get(rule) ?? Array.from({ length: size }, () => []);
      perRule[group]?.push({ start: m.start, end: m.end, surface: surfaceOf(m) });
      groupHits.set(rule, perRule);
    }
  }
  const fired = new Map<string, { rule: number; strength: number; surfaces: string[] }>();
  for (const [rule, groups] of groupHits) {
    const definition = rules[rule];
    if (!definition) continue;
    const surfaces = ruleFires(groups, definition, { tokens, text, agentStarts });
    if (!surfaces) continue;
    // The heavier rule wins, then the one that needs more groups (it says more).
    const strength = definition.weight * 10 + definition.groups.length;
    const key = definition.concept ?? `rule ${rule}`;
    const current = fired.get(key);
    if (!current || strength > current.strength) fired.set(key, { rule, strength, surfaces });
  }
  for (const { rule, surfaces } of fired.values()) hits.rules.push({ rule, surfaces });
  return hits;
}

function matchText(compiled: CompiledTopic, topic: TopicDefinition, text: ClassifiableText): WindowHits[] {
  const windows: WindowHits[] = [];
  const add = (hits: WindowHits | undefined) => {
    if (hits) windows.push(hits);
  };
  if (text.title.trim()) add(matchWindow(compiled, 'title', -1, text.title));
  text.paragraphs.forEach((paragraph, p) => {
    const where: Where = p < topic.leadParagraphs ? 'lead' : 'body';
    for (const span of sentenceSpans(paragraph)) {
      add(matchWindow(compiled, where, p, paragraph.slice(span.start, span.end)));
    }
  });
  return windows;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Scores matched windows: terms and rules add their weight (title and lead weigh more unless `flat`,
 * repeats less), topic-wide negative contexts pull the score down up to their cap, and a concept's own
 * negative contexts explain away a share of that concept's evidence (all of it from EXPLAINED_AWAY on),
 * and nothing else.
 */
function scoreWindows(
  topic: TopicDefinition,
  { roles, rules }: CompiledTopic,
  windows: WindowHits[],
  flat: boolean,
): TopicResult {
  const termHits = new Map<number, Occurrence[]>();
  const ruleHits = new Map<number, Occurrence[]>();
  for (const window of windows) {
    const where = flat ? 'body' : window.where;
    for (const t of window.terms) push(termHits, t.id, { where, surface: t.surface });
    for (const r of window.rules) push(ruleHits, r.rule, { where, surface: r.surfaces.join(' + ') });
  }
  const details: TopicEvidence[] = [];
  const byConcept = new Map<string, { value: number; units: number; details: TopicEvidence[] }>();
  const cancelling = new Map<string, Array<[detail: TopicEvidence, value: number]>>();
  let positive = 0;
  let negative = 0;
  let units = 0;
  const credit = (concept: string | undefined, value: number, top: Occurrence) => {
    const detail = { term: top.surface, where: top.where, weight: value };
    details.push(detail);
    positive += value;
    units += 1;
    if (!concept) return;
    const entry = byConcept.get(concept) ?? { value: 0, units: 0, details: [] };
    entry.value += value;
    entry.units += 1;
    entry.details.push(detail);
    byConcept.set(concept, entry);
  };
  const context: Array<[concept: string | undefined, value: number, top: Occurrence]> = [];
  for (const [id, occurrences] of termHits) {
    const role = roles[id];
    const top = best(topic, occurrences);
    const repeats = (weight: number) => contribution(topic, weight, occurrences, topic.maxRepeats + 1);
    if (role?.term !== undefined) {
      if (role.term < CONTEXT_TERM_WEIGHT) context.push([role.concept, repeats(role.term), top]);
      else credit(role.concept, repeats(role.term), top);
      continue;
    }
    if (role?.negative !== undefined) {
      const value = repeats(role.negative);
      negative += value;
      details.push({ term: top.surface, where: top.where, weight: -value });
    }
    for (const [concept, weight] of role?.conceptNegative ?? []) {
      push(cancelling, concept, [{ term: top.surface, where: top.where, weight: 0 }, repeats(weight)]);
    }
  }
  const contextTotal = context.reduce((sum, [, value]) => sum + value, 0);
  const contextScale = contextTotal > CONTEXT_TERMS_CAP ? CONTEXT_TERMS_CAP / contextTotal : 1;
  for (const [concept, value, top] of context) credit(concept, value * contextScale, top);
  for (const [rule, occurrences] of ruleHits) {
    const definition = rules[rule];
    if (!definition) continue;
    const value = contribution(topic, definition.weight, occurrences, definition.maxCount);
    credit(definition.concept, value, best(topic, occurrences));
  }
  for (const [concept, negatives] of cancelling) {
    const entry = byConcept.get(concept);
    if (!entry || entry.value <= 0) continue;
    const total = negatives.reduce((sum, [, value]) => sum + value, 0);
    const cancel = entry.value * Math.min(1, total / EXPLAINED_AWAY);
    const kept = (entry.value - cancel) / entry.value;
    for (const detail of entry.details) detail.weight *= kept;
    for (const [detail, value] of negatives) {
      detail.weight = -(value * cancel) / total;
      details.push(detail);
    }
    positive -= cancel;
    entry.value -= cancel;
    if (kept === 0) units -= entry.units;
  }
  if (topic.negativeCap !== undefined) negative = Math.min(negative, topic.negativeCap);
  for (const detail of details) detail.weight = round(detail.weight);
  details.sort((a, b) => b.weight - a.weight);
  const score = round(positive - negative);
  const evidence: string[] = [];
  for (const detail of details) {
    if (detail.weight > 0 && !evidence.includes(detail.term)) evidence.push(detail.term);
  }
  // Distinct terms and distinct rules: a rule is one piece of evidence, however many words it needs.
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
    concepts: [...byConcept]
      .filter(([, entry]) => entry.value > 0)
      .sort((a, b) => b[1].value - a[1].value)
      .map(([id]) => id),
    details,
  };
}

/** True when the title has evidence of its own: a digest under it (a tag page, a section) is about the topic. */
function titleNamesTopic({ roles }: CompiledTopic, windows: WindowHits[]): boolean {
  const title = windows[0];
  if (title?.where !== 'title') return false;
  return title.rules.length > 0 || title.terms.some((t) => roles[t.id]?.term !== undefined);
}

/**
 * A digest's score: its strongest item read on its own, flat, with the negative contexts of the digest's
 * title and preamble ("news in brief"); the whole digest when most items carry the topic.
 */
function scoreDigest(
  topic: TopicDefinition,
  compiled: CompiledTopic,
  windows: WindowHits[],
  items: Array<[start: number, end: number]>,
  whole: TopicResult,
): TopicResult {
  const inItem = (w: WindowHits) => items.some(([start, end]) => w.paragraph >= start && w.paragraph < end);
  const framing = windows
    .filter((w) => !inItem(w))
    .map((w) => ({
      ...w,
      terms: w.terms.filter((t) => compiled.roles[t.id]?.term === undefined),
      rules: [],
    }));
  const results = items.map(([start, end]) => {
    const brief = windows.filter((w) => w.paragraph >= start && w.paragraph < end);
    return scoreWindows(topic, compiled, [...framing, ...brief], true);
  });
  const carrying = results.filter((r) => r.score >= topic.threshold * ITEM_SHARE_OF_THRESHOLD).length;
  if (carrying >= items.length * COHERENT_DIGEST_SHARE) return whole;
  return results.reduce((a, b) => (b.score > a.score ? b : a));
}

/**
 * Scores one topic against an article: the title and lead weigh more, repeats less, negative contexts
 * pull down. A digest of unrelated briefs is as strong as its strongest brief; a digest whose briefs
 * mostly carry the topic, or whose title names it, is scored as a whole. Evidence lists what
 * contributed, strongest first.
 */
export function classifyTopic(topic: TopicDefinition, text: ClassifiableText): TopicResult {
  const compiled = compileTopic(topic);
  const windows = matchText(compiled, topic, text);
  const whole = scoreWindows(topic, compiled, windows, false);
  const items = digestItems(text.paragraphs);
  if (!items || titleNamesTopic(compiled, windows)) return whole;
  return scoreDigest(topic, compiled, windows, items, whole);
}

/** Scores every topic against an article. */
export function classifyTopics(topics: TopicDefinition[], text: ClassifiableText): TopicResult[] {
  return topics.map((topic) => classifyTopic(topic, text));
}

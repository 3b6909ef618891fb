import { z } from 'zod';
import { isWordClass } from './lexicon/word-class-names.ts';

/**
 * The largest weight, multiplier or threshold a topic may use. Scores are sums of a few hundred of
 * these at most, so they stay finite: a weight of 1e308 would make a score of NaN.
 */
export const MAX_TOPIC_WEIGHT = 100;

const weight = z.number().positive().max(MAX_TOPIC_WEIGHT);

/**
 * A term pattern: one or more words, matched case-insensitively on word boundaries. A trailing `*`
 * on a word matches any ending ("detain*" matches "detained", "detention" does not). "@name" stands
 * for a list of patterns: the topic's own `sets[name]`, or a word class of the shared lexicon
 * ("@state-actors", "@sport").
 */
const pattern = z
  .string()
  .trim()
  .min(2)
  .refine((value) => /[\p{L}\p{N}]/u.test(value), 'a pattern needs a letter or digit')
  .refine(
    (value) =>
      value
        .split(/\s+/)
        .every((word) => !word.includes('*') || /^[^*]{3,}\*$/.test(word) || word.startsWith('@')),
    'a wildcard must end a word and follow at least 3 characters',
  );

/** Weighted patterns; a "@class" key gives every pattern of the class that weight (times its own, if any). */
const weights = z.record(pattern, weight);

const cooccurrence = z.strictObject({
  /** Names what the rule stands for. */
  label: z.string().min(1),
  /** Every group needs a hit in the same window; each group lists patterns or "@set" references. */
  groups: z.array(z.array(pattern).min(1)).min(2).max(6),
  weight,
  /** "sentence", or a number of words. */
  window: z.union([z.literal('sentence'), z.number().int().positive().max(200)]).default('sentence'),
  /** How many windows can count. */
  maxCount: z.number().int().min(1).max(20).default(3),
  /**
   * The group of an act and the group of a person who must be its target, not its doer: "police detained
   * activists" fires, "the villagers surrounded the inspector, detaining him" does not.
   */
  target: z
    .strictObject({ act: z.number().int().min(0).max(5), person: z.number().int().min(0).max(5) })
    .optional(),
});

/**
 * One concept of a topic (censorship, forced evictions, ...): its terms and its co-occurrence rules.
 * Concepts only organize a topic and name what matched; they score as if written at the top level.
 */
const concept = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a concept id is kebab-case'),
  label: z.string().min(1),
  /** What the concept covers, and what it leaves to its neighbours. */
  description: z.string().optional(),
  terms: weights.default({}),
  cooccurrence: z.array(cooccurrence).default([]),
  /**
   * Contexts that explain this concept's evidence away, and only its evidence: a protest over fuel prices
   * broken up with tear gas is crowd control. They cancel at most what the concept contributed.
   */
  negative: weights.default({}),
});

/**
 * A topic is data: weighted terms, negative contexts, co-occurrence rules and a threshold, at the
 * top level or grouped in concepts. The score is the sum of term and rule contributions (title and
 * lead weigh more, repeats less), minus the negative contexts. A topic matches when the score
 * reaches the threshold and at least `minEvidence` distinct terms or rules contributed; one rule is
 * one piece of evidence, however many words it needs. Unknown keys are refused, by name.
 */
export const topicDefinitionSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a topic id is kebab-case'),
    label: z.string().min(1),
    description: z.string().optional(),
    threshold: weight.default(5),
    minEvidence: z.number().int().min(1).max(20).default(2),
    /**
     * A lower threshold for articles with no negative context at all: many weak signals (one more
     * than `minEvidence`) and nothing pulling the score down. Unset: the one threshold applies.
     */
    quietThreshold: weight.optional(),
    titleMultiplier: z.number().min(0).max(10).default(2),
    leadMultiplier: z.number().min(0).max(10).default(1.5),
    /** How many body paragraphs count as the lead. */
    leadParagraphs: z.number().int().min(0).max(20).default(2),
    /** Weight of each repeat of a term, relative to its first occurrence. */
    repeatFactor: z.number().min(0).max(1).default(0.5),
    maxRepeats: z.number().int().min(0).max(20).default(3),
    terms: weights.default({}),
    /** Contexts that pull the score down (entertainment, sports, markets ...), never a veto on their own. */
    negative: weights.default({}),
    /** The most that negative contexts can subtract. */
    negativeCap: z
      .number()
      .min(0)
      .max(10 * MAX_TOPIC_WEIGHT)
      .optional(),
    /** Phrases masked before matching ("told reporters" is not about reporters). */
    ignore: z.array(pattern).default([]),
    /** Named pattern lists for co-occurrence groups, beside the lexicon's word classes. */
    sets: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/), z.array(pattern).min(1)).default({}),
    cooccurrence: z.array(cooccurrence).default([]),
    concepts: z.array(concept).default([]),
  })
  .superRefine((topic, ctx) => {
    const known = (item: string) =>
      !item.startsWith('@') || !!topic.sets[item.slice(1)] || isWordClass(item.slice(1));
    const check = (item: string, path: (string | number)[]) => {
      if (!known(item)) ctx.addIssue({ code: 'custom', path, message: `unknown set or word class ${item}` });
    };
    const rules = (list: typeof topic.cooccurrence, at: (string | number)[]) => {
      list.forEach((rule, r) => {
        rule.groups.forEach((group, g) => {
          for (const item of group) check(item, [...at, r, 'groups', g]);
        });
        const { target } = rule;
        if (
          target &&
          (target.act === target.person || Math.max(target.act, target.person) >= rule.groups.length)
        )
          ctx.addIssue({
            code: 'custom',
            path: [...at, r, 'target'],
            message: 'a target names two different groups of the rule',
          });
      });
    };
    for (const key of [...Object.keys(topic.terms), ...Object.keys(topic.negative)]) check(key, [key]);
    rules(topic.cooccurrence, ['cooccurrence']);
    const ids = new Set<string>();
    topic.concepts.forEach((c, i) => {
      if (ids.has(c.id))
        ctx.addIssue({ code: 'custom', path: ['concepts', i, 'id'], message: 'duplicate concept id' });
      ids.add(c.id);
      for (const key of Object.keys(c.terms)) check(key, ['concepts', i, 'terms', key]);
      for (const key of Object.keys(c.negative)) check(key, ['concepts', i, 'negative', key]);
      rules(c.cooccurrence, ['concepts', i, 'cooccurrence']);
    });
    const evidence =
      Object.keys(topic.terms).length +
      topic.cooccurrence.length +
      topic.concepts.reduce((n, c) => n + Object.keys(c.terms).length + c.cooccurrence.length, 0);
    if (evidence === 0)
      ctx.addIssue({ code: 'custom', path: ['terms'], message: 'a topic needs at least one term or rule' });
  });

/** A validated topic definition, as the classifier uses it. */
export type TopicDefinition = z.infer<typeof topicDefinitionSchema>;
/** A topic definition as written in a config file, before defaults are applied. */
export type TopicDefinitionInput = z.input<typeof topicDefinitionSchema>;

/**
 * The ids of the built-in topics (`builtInTopics` holds their definitions). Kept here, apart from the
 * word lists, so that the config can check channel topics without loading the analysis.
 */
export const BUILT_IN_TOPIC_IDS: readonly string[] = ['human-rights'];

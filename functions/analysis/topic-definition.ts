import { z } from 'zod';

/**
 * A term pattern: one or more words, matched case-insensitively on word boundaries. A trailing `*`
 * on a word matches any ending ("detain*" matches "detained", "detention" does not). In
 * co-occurrence groups, "@name" stands for the pattern list `sets[name]`.
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

const weights = z.record(pattern, z.number().positive());

const cooccurrence = z.object({
  /** Shown as evidence when the rule fires. */
  label: z.string().min(1),
  /** Every group needs a hit in the same window; each group lists patterns or "@set" references. */
  groups: z.array(z.array(pattern).min(1)).min(2),
  weight: z.number().positive(),
  /** "sentence", or a number of words. */
  window: z.union([z.literal('sentence'), z.number().int().positive()]).default('sentence'),
  /** How many windows can count. */
  maxCount: z.number().int().min(1).default(3),
});

/**
 * A topic is data: weighted terms, negative contexts, co-occurrence rules and a threshold. The
 * score is the sum of term and rule contributions (title and lead weigh more, repeats less), minus
 * the negative contexts. A topic matches when the score reaches the threshold and at least
 * `minEvidence` distinct terms or rules contributed.
 */
export const topicDefinitionSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a topic id is kebab-case'),
    label: z.string().min(1),
    description: z.string().optional(),
    threshold: z.number().positive().default(5),
    minEvidence: z.number().int().min(1).default(2),
    /**
     * A lower threshold for articles with no negative context at all: many weak signals (one more
     * than `minEvidence`) and nothing pulling the score down. Unset: the one threshold applies.
     */
    quietThreshold: z.number().positive().optional(),
    titleMultiplier: z.number().min(0).default(2),
    leadMultiplier: z.number().min(0).default(1.5),
    /** How many body paragraphs count as the lead. */
    leadParagraphs: z.number().int().min(0).default(2),
    /** Weight of each repeat of a term, relative to its first occurrence. */
    repeatFactor: z.number().min(0).max(1).default(0.5),
    maxRepeats: z.number().int().min(0).default(3),
    terms: weights.refine((record) => Object.keys(record).length > 0, 'a topic needs at least one term'),
    /** Contexts that pull the score down (entertainment, sports, markets ...), never a veto on their own. */
    negative: weights.default({}),
    /** The most that negative contexts can subtract. */
    negativeCap: z.number().min(0).optional(),
    /** Phrases masked before matching ("told reporters" is not about reporters). */
    ignore: z.array(pattern).default([]),
    /** Named pattern lists for co-occurrence groups. */
    sets: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/), z.array(pattern).min(1)).default({}),
    cooccurrence: z.array(cooccurrence).default([]),
  })
  .superRefine((topic, ctx) => {
    topic.cooccurrence.forEach((rule, r) => {
      rule.groups.forEach((group, g) => {
        for (const item of group) {
          if (item.startsWith('@') && !topic.sets[item.slice(1)]) {
            ctx.addIssue({
              code: 'custom',
              path: ['cooccurrence', r, 'groups', g],
              message: `unknown set ${item}`,
            });
          }
        }
      });
    });
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

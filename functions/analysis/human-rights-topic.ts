import { type TopicDefinition, topicDefinitionSchema } from './topic-definition.ts';
import humanRights from './topics/human-rights.json' with { type: 'json' };

/**
 * The built-in "human-rights" topic: IPTC media topic medtop:20000592 and its neighbours, as
 * concepts (topics/human-rights.json). It is data in the shape of a user's config topic, and it
 * passes through the same schema, so a built-in topic can never use a key or a weight that a
 * user's topic could not.
 */
export const humanRightsTopic: TopicDefinition = topicDefinitionSchema.parse(humanRights);

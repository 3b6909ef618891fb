import { humanRightsTopic } from './human-rights-topic.ts';
import type { TopicDefinition } from './topic-definition.ts';

/** The topics Herald knows without configuration; `human-rights` is among them. */
export const builtInTopics: TopicDefinition[] = [humanRightsTopic];

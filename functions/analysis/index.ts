export { AnalysisBudgetError, type AnalysisOptions } from './analysis-budget.ts';
export { analyze, analyzeArticle } from './analyze-article.ts';
export { builtInTopics } from './built-in-topics.ts';
export { classifyTopic, classifyTopics } from './classify-topics.ts';
export { extractArticle } from './extract-article.ts';
export { humanRightsTopic } from './human-rights-topic.ts';
export { splitSentences } from './sentence-splitter.ts';
export { summarizeLead } from './summarize-lead.ts';
export {
  type TopicDefinition,
  type TopicDefinitionInput,
  topicDefinitionSchema,
} from './topic-definition.ts';
export type {
  Analysis,
  ArticleInput,
  ExtractedArticle,
  Quote,
  TextSource,
  TopicEvidence,
  TopicResult,
  WireService,
} from './types.ts';

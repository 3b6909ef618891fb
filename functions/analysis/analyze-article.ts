import { type AnalysisOptions, Budget, cappedParagraphs, MAX_QUOTES } from './analysis-budget.ts';
import { attributeQuotes } from './attribute-quotes.ts';
import { builtInTopics } from './built-in-topics.ts';
import { classifyTopics } from './classify-topics.ts';
import { extractArticle } from './extract-article.ts';
import { findQuotes } from './find-quotes.ts';
import { buildNameTable } from './name-table.ts';
import { pickKeyQuotes, salience } from './rank-quotes.ts';
import { summarizeLead } from './summarize-lead.ts';
import type { TopicDefinition } from './topic-definition.ts';
import type { Analysis, ArticleInput, ExtractedArticle, Quote } from './types.ts';
import { stripDateline } from './wire-copy.ts';
import { wordTokens } from './word-tokens.ts';

function quoteText(text: string): string {
  return text.replace(/[\s,;:—–-]+$/, '').trim();
}

/**
 * Analyzes an extracted article: topics with evidence (the built-in topics unless others are given),
 * a lead summary, every direct quote with its speaker, and the key quotes for a post.
 */
export function analyzeArticle(
  article: ExtractedArticle,
  topics: TopicDefinition[] = builtInTopics,
  options: AnalysisOptions = {},
): Analysis {
  const budget = new Budget(options);
  budget.check('start');
  // What the analysis considers is capped, so that a hostile page costs a bounded amount of work.
  const paragraphs = cappedParagraphs(
    article.paragraphs.map((paragraph, i) => (i === 0 ? stripDateline(paragraph) : paragraph)),
  );
  const topicResults = classifyTopics(topics, { title: article.title, paragraphs });
  budget.check('topics');
  const spans = findQuotes(paragraphs).slice(0, MAX_QUOTES);
  budget.check('quotes');
  const quoted: Array<Array<[number, number]>> = paragraphs.map(() => []);
  for (const span of spans) for (const r of span.ranges) quoted[r.paragraph]?.push([r.start, r.end]);
  const tokens = paragraphs.map(wordTokens);
  const exclude = [article.byline, article.author].filter((name): name is string => !!name);
  const table = buildNameTable({ paragraphs, captions: article.captions, quoted, tokens, exclude, budget });
  const attributed = attributeQuotes(paragraphs, spans, table, tokens, budget);
  const quotes: Quote[] = attributed.map((q) => ({
    text: quoteText(q.span.text),
    speaker: q.speaker.name,
    role: q.speaker.role,
    mention: q.speaker.mention,
    salience: salience(q, paragraphs.length),
    paragraph: q.span.open.paragraph,
  }));
  const keys = pickKeyQuotes(
    quotes.map((q) => q.salience ?? 0),
    quotes.map((q) => q.speaker),
  );
  return {
    title: article.title,
    humanRights: topicResults.some((t) => t.id === 'human-rights' && t.matched),
    topics: topicResults,
    summary: summarizeLead(
      paragraphs.length > 0 ? paragraphs : article.description ? [article.description] : [],
    ),
    quotes,
    keyQuotes: keys.map((i) => quotes[i] as Quote),
    source: article.source,
    ...(article.wire ? { wire: article.wire } : {}),
  };
}

/** Extracts and analyzes an article in one step. */
export function analyze(
  input: ArticleInput,
  topics?: TopicDefinition[],
  options: AnalysisOptions = {},
): Analysis {
  const article = extractArticle(input);
  return analyzeArticle(article, topics, options);
}

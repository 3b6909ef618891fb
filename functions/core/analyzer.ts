import type { FeedItem } from './story.ts';

/** One topic's verdict on a story, with the terms that produced it. */
export interface TopicVerdict {
  id: string;
  label: string;
  score: number;
  /** The score it had to reach. */
  threshold: number;
  matched: boolean;
  evidence: string[];
}

export interface KeyQuote {
  text: string;
  speaker: string | null;
  role: string | null;
}

/** What the poll needs to know about a story to route and render it. */
export interface StoryAnalysis {
  title: string;
  topics: TopicVerdict[];
  summary: string;
  keyQuotes: KeyQuote[];
  /** `description`: the page could not be fetched or read, so only the RSS description was used. */
  source: string;
  /** The page was too big or too deep to parse, and the description stood in: not a page that may come back. */
  pageOverBudget?: boolean;
  wire?: string;
  byline?: string;
  section?: string;
}

/**
 * The analysis port. The composition roots load the analysis module lazily behind it, so a poll
 * that finds nothing new never pays for it.
 */
export interface Analyzer {
  /**
   * @param options.budgetMs the wall-clock budget: past it the analysis gives up with an error, and the
   *   caller decides from the description
   */
  analyze(item: FeedItem, page: string | undefined, options?: { budgetMs?: number }): StoryAnalysis;
}

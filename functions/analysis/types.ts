/** What the analysis can start from: a page, a text dump, or only the RSS item. */
export interface ArticleInput {
  /** A full page (VOA or other). */
  html?: string;
  /** A plain-text dump; the first non-empty line that is not page chrome is the title. */
  text?: string;
  url?: string;
  /** From the RSS item; used when the page could not be fetched or lacks them. `author` may credit a wire service. */
  fallback?: { title?: string; description?: string; author?: string };
}

/**
 * Where the article text came from. `plain` is a page over the parse budget, read as plain text;
 * `description` means the page was unavailable, or said too little.
 */
export type TextSource = 'voa' | 'readability' | 'plain' | 'text' | 'description';

/** News agencies whose copy is not in the public domain. */
export type WireService = 'AP' | 'Reuters' | 'AFP';

/** The clean text of an article and its metadata. */
export interface ExtractedArticle {
  title: string;
  /** Clean body paragraphs: no chrome, captions, embeds, duplicates, glossary or author blurb. */
  paragraphs: string[];
  /** Image captions, kept aside: they may give a person's role, never quotes or summary text. */
  captions: string[];
  /** The reporter(s). */
  byline?: string;
  /** JSON-LD `author.name`. */
  author?: string;
  section?: string;
  /** ISO 8601 when known. */
  published?: string;
  description?: string;
  source: TextSource;
  /** The page was over the parse budget, and too little of it read as plain text: the description stood in. */
  overBudget?: boolean;
  /** Set when the story is wire copy, detected from the author or a dateline. */
  wire?: WireService;
}

/** One piece of evidence behind a topic score. */
export interface TopicEvidence {
  term: string;
  where: 'title' | 'lead' | 'body';
  /** Contribution to the score; negative for a negative context. */
  weight: number;
}

/** The outcome of one topic for one article. */
export interface TopicResult {
  id: string;
  label: string;
  score: number;
  /** The score the topic had to reach: its threshold, or its quiet threshold when that one applied. */
  threshold: number;
  matched: boolean;
  /** Positive evidence terms, strongest first. */
  evidence: string[];
  /** The topic's concepts that contributed ("evictions", "dissent"), strongest first. */
  concepts?: string[];
  details?: TopicEvidence[];
}

/** A direct quotation and who said it. */
export interface Quote {
  text: string;
  /** Canonical name as the article gives it (earliest, longest form), or an organization; null if unknown. */
  speaker: string | null;
  role: string | null;
  /** How the speaker was referred to at the quote ("Posner", "he", "the spokesman"). */
  mention: string | null;
  salience?: number;
  /** Index of the paragraph where the quote starts. */
  paragraph?: number;
}

/** Everything Herald needs to decide on and render a story. */
export interface Analysis {
  title: string;
  /** True when the built-in `human-rights` topic matched. */
  humanRights: boolean;
  topics: TopicResult[];
  /** One to three lead sentences, at most 600 characters. */
  summary: string;
  /** Every direct quote of four words or more, in document order. */
  quotes: Quote[];
  /** The top two or three quotes by salience, distinct speakers first, in document order. */
  keyQuotes: Quote[];
  source: TextSource;
  wire?: WireService;
}

import { parseHTML } from 'linkedom';
import type { Analyzer } from '../functions/core/analyzer.ts';
import type { FeedItem } from '../functions/core/story.ts';
import { renderArticle } from '../functions/local/voa-pages.ts';
import type { BenchArticle, CorpusPage } from './pages.ts';
import { median, round } from './stats.ts';

export interface AnalysisBench {
  pages: number;
  pageKB: number;
  passes: number;
  msPerArticle: number;
  articlesPerSec: number;
  /** linkedom's parseHTML of the whole page, alone. */
  parseOnlyMs: number;
  /**
   * msPerArticle / parseOnlyMs. The parse of the whole page is the floor only loosely: the VOA extractor
   * parses just the body's fragment, then topics, summary and quotes work on its text.
   */
  ratioToParse: number;
  /** The same analysis on the labeled corpus's saved VOA pages (15-22 KB, full page chrome). */
  corpus: { pages: number; pageKB: number; msPerArticle: number; parseOnlyMs: number };
}

interface Page {
  item: FeedItem;
  html: string;
}

function itemFor(url: string, title: string): FeedItem {
  return {
    key: `url:${url}`,
    feedId: 'bench',
    url,
    title,
    description: '',
    published: new Date(),
    categories: [],
  };
}

/** Median over passes of (one pass over every page) / pages, after a warm-up pass. */
function perPage(pages: readonly Page[], passes: number, run: (page: Page) => unknown): number {
  const times: number[] = [];
  for (let p = 0; p < passes + 1; p++) {
    const start = performance.now();
    for (const page of pages) run(page);
    if (p > 0) times.push((performance.now() - start) / pages.length);
  }
  return median(times);
}

/** The analysis of one article (extraction, topics, summary, quotes) against parsing its HTML alone. */
export function analysisBench(
  analyzer: Analyzer,
  articles: readonly BenchArticle[],
  corpus: readonly CorpusPage[],
  passes: number,
): AnalysisBench {
  const pages: Page[] = articles.map(({ story }) => ({
    item: itemFor(`https://www.voanews.com/a/${story.slug}/${story.id}.html`, story.title),
    html: renderArticle(story),
  }));
  const saved: Page[] = corpus.map((c) => ({
    item: itemFor(`https://www.voanews.com/a/${c.file.replace(/\.html$/, '')}/1.html`, ''),
    html: c.html,
  }));
  const analyze = (page: Page) => analyzer.analyze(page.item, page.html);
  const parse = (page: Page) => parseHTML(page.html);
  const msPerArticle = perPage(pages, passes, analyze);
  const parseOnlyMs = perPage(pages, passes, parse);
  const kb = (list: Page[]) => list.reduce((n, p) => n + Buffer.byteLength(p.html), 0) / list.length / 1024;
  return {
    pages: pages.length,
    pageKB: round(kb(pages), 1),
    passes,
    msPerArticle: round(msPerArticle, 3),
    articlesPerSec: Math.round(1000 / msPerArticle),
    parseOnlyMs: round(parseOnlyMs, 3),
    ratioToParse: round(msPerArticle / parseOnlyMs),
    corpus: {
      pages: saved.length,
      pageKB: round(kb(saved), 1),
      msPerArticle: round(perPage(saved, passes, analyze), 3),
      parseOnlyMs: round(perPage(saved, passes, parse), 3),
    },
  };
}

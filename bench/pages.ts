import { readFileSync } from 'node:fs';
import { sampleStories } from '../functions/local/sample-stories.ts';
import { renderArticle, type SampleStory } from '../functions/local/voa-pages.ts';

const CORPUS = new URL('../functions/analysis/corpus/dev/', import.meta.url);
/** The size of a VOA article page once the CMS's scripts and navigation are left aside. */
export const TARGET_PAGE_BYTES = 6 * 1024;

interface GoldEntry {
  file: string;
  format: string;
  title: string;
  humanRights: boolean;
}

export interface CorpusPage {
  file: string;
  html: string;
  humanRights: boolean;
}

function gold(): GoldEntry[] {
  const raw = JSON.parse(readFileSync(new URL('gold.json', CORPUS), 'utf8')) as
    | GoldEntry[]
    | { articles: GoldEntry[] };
  return Array.isArray(raw) ? raw : raw.articles;
}

/** The labeled corpus's VOA article pages as saved (15-22 KB each, page chrome and all). */
export function corpusPages(): CorpusPage[] {
  return gold()
    .filter((e) => e.format === 'voa-html')
    .map((e) => ({
      file: e.file,
      html: readFileSync(new URL(e.file, CORPUS), 'utf8'),
      humanRights: e.humanRights,
    }));
}

const decode = (text: string) =>
  text
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;|&rsquo;|&lsquo;/g, "'")
    .replace(/&ldquo;|&rdquo;/g, '"')
    .replace(/&mdash;/g, '—')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();

/** A corpus page's body paragraphs, crudely: enough to write a new page in the same words. */
function paragraphsOf(html: string): string[] {
  const body = html.slice(Math.max(0, html.indexOf('class="wsw')));
  return [...body.matchAll(/<p[^>]*>([\s\S]*?)<\/p>/g)]
    .map((m) => decode(m[1] ?? ''))
    .filter((p) => p.length > 40);
}

export interface BenchArticle {
  story: SampleStory;
  humanRights: boolean;
}

/**
 * VOA-style article pages of about 6 KB: the corpus's stories (and the demo's sample stories) rendered
 * by the local VOA stand-in, padded with neutral paragraphs where a story is short.
 */
export function benchArticles(now: Date): BenchArticle[] {
  const samples = sampleStories(now);
  const entries = gold().filter((e) => e.format === 'voa-html');
  const articles: BenchArticle[] = entries.map((e, i) => ({
    humanRights: e.humanRights,
    story: {
      id: 7_200_000 + i,
      slug: e.file.replace(/\.html$/, ''),
      title: e.title,
      section: 'World',
      byline: 'VOA News',
      author: 'webdesk@voanews.com (VOA News)',
      published: now,
      paragraphs: paragraphsOf(readFileSync(new URL(e.file, CORPUS), 'utf8')),
    },
  }));
  const [journalists, marathon, disappeared] = samples.after;
  for (const [story, humanRights] of [
    [journalists, true],
    [marathon, false],
    [disappeared, true],
  ] as const) {
    if (story) articles.push({ story: { ...story }, humanRights });
  }
  // Padding comes from the stories that are not about human rights, so it adds no evidence either way.
  // The list alternates the two kinds, so that any run of consecutive stories is about half matches.
  const neutral = articles.filter((a) => !a.humanRights);
  articles.forEach((article, i) => {
    const donors = neutral.filter((n) => n !== article);
    for (let k = 0; Buffer.byteLength(renderArticle(article.story)) < TARGET_PAGE_BYTES && k < 200; k++) {
      const donor = donors[(i + k) % donors.length]?.story.paragraphs ?? [];
      const paragraph = donor[(i + Math.floor(k / donors.length)) % Math.max(1, donor.length)];
      if (paragraph) article.story.paragraphs = [...article.story.paragraphs, paragraph];
    }
  });
  const rights = articles.filter((a) => a.humanRights);
  const others = articles.filter((a) => !a.humanRights);
  return Array.from({ length: Math.max(rights.length, others.length) }, (_, i) => [rights[i], others[i]])
    .flat()
    .filter((a): a is BenchArticle => a !== undefined);
}

/** A story that only has to appear in a feed (it is never fetched): short, unique, `hoursAgo` old. */
export function filler(id: number, now: Date, hoursAgo: number): SampleStory {
  return {
    id,
    slug: `market-report-${id}`,
    title: `Regional Markets Close Mixed in Quiet Trading (${id})`,
    section: 'Economy',
    byline: 'VOA News',
    author: 'webdesk@voanews.com (VOA News)',
    published: new Date(now.getTime() - hoursAgo * 3_600_000),
    paragraphs: [
      'Regional stock markets closed mixed on a quiet trading day, with energy shares slightly higher.',
    ],
  };
}

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** A gold quote: the words, and who said them as the article names them. */
export interface GoldQuote {
  text: string;
  speaker: string | null;
  role: string | null;
}

export type CorpusFormat = 'voa-html' | 'voa-text' | 'generic-html' | 'plain-text';

/** One labelled article (the corpus README gives the rules). */
export interface GoldEntry {
  file: string;
  format: CorpusFormat;
  title: string;
  humanRights: boolean;
  kind: string;
  wire: boolean;
  summaryMustInclude: string[];
  summaryMustNotInclude: string[];
  quotes: GoldQuote[];
}

/**
 * `tuned`: rules were written while looking at it, so its figures are fits. `held-out`: written by someone
 * who never saw the analyzer, and never looked at while tuning: its figures are estimates.
 */
export type SetRole = 'tuned' | 'held-out';

export interface CorpusSet {
  id: string;
  role: SetRole;
  description: string;
  /** Snippets, not stories: scored on quotes and speakers, left out of the topic figures. */
  quotesOnly?: boolean;
  folder: string;
  entries: GoldEntry[];
}

export const CORPUS_DIR = fileURLToPath(new URL('../corpus/', import.meta.url));

/** The labelled sets that `corpus/sets.json` lists, each from its folder's `gold.json` (and `seed-gold.json`). */
export function loadSets(root = CORPUS_DIR): CorpusSet[] {
  const listed = JSON.parse(readFileSync(path.join(root, 'sets.json'), 'utf8')) as Omit<
    CorpusSet,
    'folder' | 'entries'
  >[];
  return listed.map((set) => {
    const folder = path.join(root, set.id);
    const entries = ['gold.json', 'seed-gold.json']
      .map((name) => path.join(folder, name))
      .filter((file) => existsSync(file))
      .flatMap((file) => JSON.parse(readFileSync(file, 'utf8')) as GoldEntry[]);
    return { ...set, folder, entries };
  });
}

/** How the analyzer is given a corpus file: text formats as text, pages as HTML. */
export function articleInput(folder: string, entry: GoldEntry): { html: string } | { text: string } {
  const content = readFileSync(path.join(folder, entry.file), 'utf8');
  return entry.format === 'voa-text' || entry.format === 'plain-text' ? { text: content } : { html: content };
}

import type { SampleStory } from '../functions/local/voa-pages.ts';
import type { LocalServers } from './local-env.ts';
import { type BenchArticle, filler } from './pages.ts';

/** The busy and idle polls' shape: 15 feeds of 20 items; a busy poll finds 2 new items in each. */
export const FEEDS = 15;
export const ITEMS_PER_FEED = 20;
export const NEW_PER_FEED = 2;

// Story ids are unique across the whole bench, so every new story is new to any table.
let nextOldId = 8_000_000;
let nextNewId = 9_000_000;

/**
 * Feeds whose contents a scenario sets: old items (listed, never fetched) and, for a busy poll, new
 * items on top, whose articles are the ~6 KB pages.
 */
export class BenchFeeds {
  readonly ids: string[];
  private readonly old: SampleStory[][];
  private picks = 0;

  constructor(
    private readonly server: LocalServers['feeds'],
    private readonly articles: readonly BenchArticle[],
    private readonly now: Date,
    label: string,
    count = FEEDS,
    private readonly itemsPerFeed = ITEMS_PER_FEED,
  ) {
    this.ids = Array.from({ length: count }, (_, i) => `${label}-${String(i).padStart(4, '0')}`);
    this.old = this.ids.map(() =>
      Array.from({ length: itemsPerFeed }, (_, j) => filler(nextOldId++, now, 3 + j * 2)),
    );
  }

  /** Every feed lists its old items only: the state a seeding poll records. */
  setOld(): Promise<void> {
    return this.server.setStories(this.ids.map((id, f) => [id, this.old[f] ?? []]));
  }

  /**
   * Puts `perFeed` new stories on top of `feeds` feeds (all by default, else starting at feed `offset`),
   * each dropping as many old items, so that a feed still lists `itemsPerFeed`.
   */
  async publishNew(perFeed = NEW_PER_FEED, feeds = this.ids.length, offset = 0): Promise<SampleStory[]> {
    const published: SampleStory[] = [];
    const entries: Array<[string, SampleStory[]]> = [];
    for (let f = 0; f < feeds; f++) {
      const index = (offset + f) % this.ids.length;
      const fresh: SampleStory[] = [];
      for (let k = 0; k < perFeed; k++) {
        const base = this.articles[this.picks++ % this.articles.length]?.story as SampleStory;
        const id = nextNewId++;
        fresh.push({
          ...base,
          id,
          slug: `${base.slug}-${id}`,
          published: new Date(this.now.getTime() - (published.length + fresh.length + 1) * 60_000),
        });
      }
      published.push(...fresh);
      const old = (this.old[index] ?? []).slice(0, this.itemsPerFeed - perFeed);
      entries.push([this.ids[index] as string, [...fresh, ...old]]);
    }
    await this.server.setStories(entries);
    return published;
  }
}

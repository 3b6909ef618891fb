import { afterEach, describe, expect, it } from 'vitest';
import { sampleStories } from '../../functions/local/sample-stories.ts';
import { articlePath, type SampleStory } from '../../functions/local/voa-pages.ts';
import { type Harness, startHarness } from '../support/poll-harness.ts';

/** Pages built to stall a parser or an analysis: the poll must end, and post the feed's good story. */

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const nestedDivs = (depth: number) =>
  `<!DOCTYPE html><html><head><title>Deep</title></head><body>${'<div>'.repeat(depth)}Police detained the activists.${'</div>'.repeat(depth)}</body></html>`;

const quoteParagraph = (bytes: number) => {
  const unit = '"We want them back," a mother said. ';
  return `<!DOCTYPE html><html><head><title>Quotes</title></head><body><article><h1>Quotes</h1><p>${unit.repeat(Math.ceil(bytes / unit.length))}</p></article></body></html>`;
};

describe('hostile article pages', () => {
  it.each([
    ['a page of 6,000 nested divs', nestedDivs(6000)],
    ['a 400 KB paragraph of short quotes', quoteParagraph(400 * 1024)],
  ])(
    '%s does not stall the poll, and the feed’s good story is posted',
    async (_name, html) => {
      h = await startHarness();
      const config = h.config();
      const { before, after } = sampleStories(h.now);
      h.feeds.setStories('africa', before);
      await h.poll(config);
      const [good, , other] = after as [SampleStory, SampleStory, SampleStory];
      const hostile: SampleStory = {
        ...other,
        id: other.id + 50,
        slug: `${other.slug}-hostile`,
        title: `${other.title} (hostile)`,
      };
      h.feeds.publish('africa', hostile);
      h.feeds.publish('africa', good);
      h.feeds.setFault(articlePath(hostile), {
        kind: 'body',
        body: html,
        contentType: 'text/html; charset=utf-8',
      });

      const run = await h.poll(config);

      expect(run.summary).toMatchObject({ newStories: 2, retrying: 0 });
      const titles = h.discord.messages.map(
        (m) => (m.body as { embeds: Array<{ title: string }> }).embeds[0]?.title,
      );
      expect(titles).toContain(good.title);
      expect(h.store).toBeDefined();
      const state = await h.store.loadPollState(['africa'], []);
      expect(state.feeds.get('africa')?.itemsSeen).toBe(before.length + 2);
    },
    60_000,
  );
});

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../functions/cli/main.ts';
import { type DiscordStandIn, startDiscordStandIn } from '../../functions/local/discord-stand-in.ts';
import { type FeedServer, startFeedServer } from '../../functions/local/feed-server.ts';
import { sampleStories } from '../../functions/local/sample-stories.ts';
import { bufferIo } from '../support/buffer-io.ts';

/** The CLI with its output captured: what a person would see on stdout and stderr. */
const capture = (cwd: string) => bufferIo({ cwd, env: { ...process.env } });

const SEED = new URL('../../functions/analysis/corpus/dev/seed-shaped-rights-dialogue.txt', import.meta.url)
  .pathname;

describe('the herald command', () => {
  let folder: string;
  let feeds: FeedServer;
  let discord: DiscordStandIn;
  let webhookUrl: string;

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'herald-cli-'));
    [feeds, discord] = await Promise.all([startFeedServer(), startDiscordStandIn()]);
    webhookUrl = discord.webhookUrl('888888888888888888');
    await writeFile(
      join(folder, 'herald.config.json'),
      JSON.stringify({
        feeds: [{ id: 'africa', url: feeds.feedUrl('africa') }],
        channels: [{ id: 'rights', webhookUrl, topics: ['human-rights'] }],
        discord: { apiBase: discord.apiBase, timeoutMs: 1000 },
        store: { path: '.herald' },
      }),
    );
  });
  afterEach(async () => {
    await Promise.all([feeds.close(), discord.close()]);
    await rm(folder, { recursive: true, force: true });
  });

  it('poll --json prints the summary contract as one JSON object', async () => {
    const { before, after } = sampleStories(new Date());
    feeds.setStories('africa', before);
    expect(await main(['poll', '--json'], capture(folder))).toBe(0);
    feeds.publish('africa', after[0] as (typeof after)[0]);
    const io = capture(folder);
    expect(await main(['poll', '--json'], io)).toBe(0);
    expect(io.stdout).toHaveLength(1);
    const summary = JSON.parse(io.stdout[0] as string);
    expect(Object.keys(summary).sort()).toEqual(
      ['durationMs', 'failed', 'feeds', 'matched', 'newStories', 'notModified', 'posted', 'skipped'].sort(),
    );
    expect(summary).toMatchObject({ feeds: 1, newStories: 1, matched: 1, posted: 1 });
  });

  it('status --json marks a feed whose newest item is 20 days old stale, and a fresh feed not', async () => {
    // RSS dates have whole seconds.
    const now = new Date(Math.floor(Date.now() / 1000) * 1000);
    const { before } = sampleStories(now);
    const old = before.map((story, i) => ({
      ...story,
      id: story.id + 500 + i,
      slug: `${story.slug}-old`,
      published: new Date(now.getTime() - (20 * 24 + i) * 3_600_000),
    }));
    feeds.setStories('africa', before);
    feeds.setStories('quiet', old);
    await writeFile(
      join(folder, 'herald.config.json'),
      JSON.stringify({
        feeds: [
          { id: 'africa', url: feeds.feedUrl('africa') },
          { id: 'quiet', url: feeds.feedUrl('quiet') },
          { id: 'never', url: feeds.feedUrl('never') },
        ],
        channels: [{ id: 'rights', webhookUrl, topics: ['human-rights'] }],
        discord: { apiBase: discord.apiBase, timeoutMs: 1000 },
        store: { path: '.herald' },
        maxAgeHours: 24 * 365,
      }),
    );
    await main(['poll', '--json'], capture(folder));
    const io = capture(folder);

    expect(await main(['status', '--json'], io)).toBe(0);

    const status = JSON.parse(io.stdout[0] as string);
    const byId = Object.fromEntries(
      status.feeds.map((f: { id: string; stale: boolean; newestItemAt: string | null }) => [f.id, f]),
    );
    expect(byId.quiet).toMatchObject({ stale: true, newestItemAt: old[0]?.published.toISOString() });
    expect(byId.africa).toMatchObject({ stale: false, newestItemAt: expect.any(String) });
    expect(byId.never).toMatchObject({ stale: false, newestItemAt: null });
    const text = capture(folder);
    await main(['status'], text);
    expect(text.stdout.join('\n')).toMatch(/quiet\s+STALE/);
  });

  it('with no channel configured, a poll shows the matching posts once and remembers them: the next run shows only what is new', async () => {
    const { before, after } = sampleStories(new Date());
    const [journalists, , disappeared] = after as [(typeof after)[0], unknown, (typeof after)[0]];
    feeds.setStories('africa', [journalists, ...before]);
    await writeFile(
      join(folder, 'herald.config.json'),
      JSON.stringify({ feeds: [{ id: 'africa', url: feeds.feedUrl('africa') }], store: { path: '.herald' } }),
    );
    const first = capture(folder);
    expect(await main(['poll'], first)).toBe(0);
    const shown = first.stdout.join('\n');
    expect(first.stderr.join('\n')).toMatch(/No Discord channel is configured/);

    const second = capture(folder);
    expect(await main(['poll'], second)).toBe(0);
    feeds.publish('africa', disappeared);
    const third = capture(folder);
    expect(await main(['poll', '--json'], third)).toBe(0);

    expect(shown).toContain(journalists.title);
    expect(second.stdout.join('\n')).not.toContain(journalists.title);
    expect(JSON.parse(third.stdout[0] as string)).toMatchObject({ newStories: 1, posted: 1 });
    expect(discord.messages).toHaveLength(0);
  });

  it('an invalid config is refused with one message that names every bad key', async () => {
    await writeFile(
      join(folder, 'bad.json'),
      JSON.stringify({ feeds: [{ id: 'X', url: 'nope' }], maxAgeHours: 0 }),
    );
    const io = capture(folder);
    expect(await main(['poll', '--config', 'bad.json'], io)).toBe(1);
    const message = io.stderr.join('\n');
    expect(message).toMatch(/feeds\.0\.id/);
    expect(message).toMatch(/feeds\.0\.url/);
    expect(message).toMatch(/maxAgeHours/);
    expect(message).not.toMatch(/\n\s+at /);
  });

  it('the webhook token never appears in the output, whatever Discord answers', async () => {
    const token = webhookUrl.split('/').at(-1) as string;
    const { before, after } = sampleStories(new Date());
    feeds.setStories('africa', before);
    const outputs: string[] = [];
    const run = async (args: string[]) => {
      const io = capture(folder);
      await main(args, io);
      outputs.push(...io.stdout, ...io.stderr);
    };
    await run(['poll']);
    for (const [i, status] of [500, 400, 401].entries()) {
      feeds.publish('africa', after[i] as (typeof after)[0]);
      discord.failNext({ status, body: { message: `failure ${status} for ${webhookUrl}`, code: 0 } });
      await run(['poll', '--verbose']);
      await run(['status']);
      await run(['status', '--json']);
    }
    expect(outputs.join('\n')).toMatch(/HTTP 401/);
    expect(outputs.join('\n')).not.toContain(token);
  });

  it('analyze --json follows the contract, with full names for the speakers', async () => {
    const io = capture(folder);
    expect(await main(['analyze', '--json', SEED], io)).toBe(0);
    const result = JSON.parse(io.stdout[0] as string);
    expect(result).toMatchObject({
      file: SEED,
      humanRights: true,
      title: 'EU, Vietnam Spar Over Labor and Speech Rights at Annual Dialogue',
    });
    expect(result.topics[0]).toEqual({
      id: 'human-rights',
      score: expect.any(Number),
      matched: true,
      evidence: expect.arrayContaining(['human rights']),
    });
    expect(result.summary).toMatch(/^Yearly human rights talks/);
    expect(result.summary).not.toMatch(/Accessibility|Breaking News|VOA News|16x9/);
    const speakers = new Set(result.quotes.map((q: { speaker: string }) => q.speaker));
    expect(speakers).toEqual(
      new Set([
        'Helena Vasquez-Larsen',
        'Tomas Okonkwo-Reyes',
        'Marguerite Adeyemi-Holt',
        'Vietnamese delegation',
      ]),
    );
    for (const quote of result.quotes)
      expect(Object.keys(quote)).toEqual(['text', 'speaker', 'role', 'mention']);
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../core/config.ts';
import type { PollEvent } from '../../core/poll-types.ts';
import type { OutgoingPost } from '../../core/render-post.ts';
import { startDiscordStandIn } from '../../local/discord-stand-in.ts';
import { startFeedServer } from '../../local/feed-server.ts';
import { sampleStories } from '../../local/sample-stories.ts';
import { cliLogger } from '../cli-logger.ts';
import { type CliIo, parseArgs } from '../io.ts';
import { renderPostText, renderSummaryText } from '../render-terminal.ts';
import { pollOnce } from './poll.ts';

/**
 * `herald demo`: the whole pipeline offline. A local VOA stand-in serves two feeds, a local Discord
 * stand-in (which checks every body against Discord's API schema) receives the posts, and the
 * embedded store lives in a temporary folder. The first poll seeds; new stories are published; the
 * second poll posts the human-rights ones.
 */
export async function run(args: string[], io: CliIo): Promise<number> {
  const { flags } = parseArgs(args, { flags: ['keep'] });
  const now = new Date();
  const { before, after } = sampleStories(now);
  const feeds = await startFeedServer();
  const received: OutgoingPost[] = [];
  const discord = await startDiscordStandIn({
    log: (line) => io.out(`  [discord stand-in] ${line}`),
  });
  const folder = await mkdtemp(join(tmpdir(), 'herald-demo-'));
  try {
    feeds.setStories('africa', before);
    feeds.setStories('middle-east', []);
    const config = parseConfig({
      feeds: [
        { id: 'africa', url: feeds.feedUrl('africa') },
        { id: 'middle-east', url: feeds.feedUrl('middle-east') },
      ],
      channels: [{ id: 'human-rights', webhookUrl: discord.webhookUrl(), topics: ['human-rights'] }],
      discord: { apiBase: discord.apiBase },
      store: { path: folder },
    });
    const logger = cliLogger(io);
    const onEvent = (event: PollEvent) => {
      if (event.type === 'story') {
        io.out(
          `  analyzed "${event.title}": ${event.matched.length ? `matches ${event.matched.join(', ')}` : 'no topic'}`,
        );
      }
      if (event.type === 'delivery') io.out(`  delivery to #${event.channelId}: ${event.outcome}`);
    };

    io.out(
      `Local VOA feeds at ${feeds.baseUrl}, Discord stand-in at ${discord.apiBase}, store in ${folder}\n`,
    );
    io.out(
      `Poll 1: the feeds are new, so Herald records their ${before.length} stories as seen and posts nothing.`,
    );
    io.out(
      `  ${renderSummaryText(await pollOnce(config, { ...io, cwd: folder }, logger, { dryRun: false, onEvent }))}\n`,
    );

    for (const story of after)
      feeds.publish(story.section === 'Middle East' ? 'middle-east' : 'africa', story);
    // One story in two feeds: it is still posted once.
    const shared = after[0];
    if (shared) feeds.publish('middle-east', shared);
    io.out(`Published ${after.length} new stories (one of them in both feeds).\n`);

    io.out('Poll 2: the new stories are fetched, analyzed, and the human-rights ones are posted.');
    const summary = await pollOnce(config, { ...io, cwd: folder }, logger, { dryRun: false, onEvent });
    io.out(`  ${renderSummaryText(summary)}\n`);

    for (const message of discord.messages) received.push(message.body as OutgoingPost);
    io.out(`What the Discord channel received (${received.length} messages):`);
    for (const post of received) io.out(`\n${renderPostText(post)}\n`);
    if (discord.invalid.length) {
      io.err(`The Discord stand-in refused ${discord.invalid.length} request(s) as invalid.`);
      return 1;
    }
    return summary.posted > 0 ? 0 : 1;
  } finally {
    await Promise.all([feeds.close(), discord.close()]);
    if (!flags.has('keep')) await rm(folder, { recursive: true, force: true });
  }
}

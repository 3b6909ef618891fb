import type { ChannelState, FeedState, StoryRecord } from '../core/ports.ts';
import {
  EMBED_LIMITS,
  type Embed,
  escapeMarkdown,
  HERALD_BLUE,
  httpUrl,
  truncate,
} from '../core/render-post.ts';
import { EPHEMERAL, type InteractionMessage, type InteractionResponse, ResponseType } from './interaction.ts';

/** Caps that keep ten story embeds well inside Discord's 6000 characters for a whole message. */
const STORY_FOOTER_BUDGET = 200;
const CONTENT_LIMIT = 2000;
const STATUS_DESCRIPTION_BUDGET = 3500;
const STATUS_LINE_BUDGET = 300;
const ERROR_TEXT_BUDGET = 160;

/** A message only the member who asked sees, or the whole channel when `ephemeral` is false. */
export function message(
  body: { content?: string; embeds?: Embed[] },
  options: { ephemeral: boolean } = { ephemeral: true },
): InteractionMessage {
  return {
    ...(body.content === undefined ? {} : { content: truncate(body.content, CONTENT_LIMIT) }),
    ...(body.embeds === undefined ? {} : { embeds: body.embeds }),
    allowed_mentions: { parse: [] },
    ...(options.ephemeral ? { flags: EPHEMERAL } : {}),
  };
}

/** An answer in plain text, ephemeral unless asked otherwise. */
export function reply(
  content: string,
  options: { ephemeral: boolean } = { ephemeral: true },
): InteractionResponse {
  return { type: ResponseType.ChannelMessageWithSource, data: message({ content }, options) };
}

/** `human-rights` -> `Human rights`. */
export function topicLabel(topic: string): string {
  const words = topic.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function isoDate(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** One story as one small embed: its linked title, topics and pubDate. Feed text is escaped. */
export function storyEmbed(story: StoryRecord): Embed {
  const embed: Embed = {
    title: truncate(escapeMarkdown(story.title.trim() || story.url), EMBED_LIMITS.title),
    color: HERALD_BLUE,
  };
  const url = httpUrl(story.url);
  if (url) embed.url = url;
  const timestamp = isoDate(story.published);
  if (timestamp) embed.timestamp = timestamp;
  if (story.topics.length > 0) {
    embed.footer = {
      text: truncate(escapeMarkdown(story.topics.map(topicLabel).join(' · ')), STORY_FOOTER_BUDGET),
    };
  }
  return embed;
}

/** `/herald latest`: at most 10 embeds, one per story; ephemeral unless `public` was asked for. */
export function latestResponse(
  stories: readonly StoryRecord[],
  options: { topic?: string; ephemeral: boolean },
): InteractionResponse {
  const about = options.topic ? ` on ${escapeMarkdown(topicLabel(options.topic).toLowerCase())}` : '';
  const shown = stories.slice(0, 10);
  if (shown.length === 0) return reply(`No matched stories${about} yet.`, options);
  const heading =
    shown.length === 1 ? `The latest story${about}:` : `The ${shown.length} latest stories${about}:`;
  return {
    type: ResponseType.ChannelMessageWithSource,
    data: message({ content: heading, embeds: shown.map(storyEmbed) }, options),
  };
}

/** What `/herald status` shows, read from the table. */
export interface StatusReport {
  feeds: FeedState[];
  /** Feed ids the deployed config lists that have no state yet. */
  neverPolled: string[];
  channels: ChannelState[];
  /** Channels the config lists, when known: "all N channels ok". */
  channelCount?: number;
  pending: number;
  failed: number;
  /** Counts are listed up to this; a count that reaches it is shown as "N+". */
  countLimit: number;
}

/** Discord renders `<t:UNIX:R>` as a relative time in the reader's locale. */
function when(value: string | undefined): string {
  if (value === undefined) return 'unknown';
  const time = Date.parse(value);
  return Number.isNaN(time) ? escapeMarkdown(value) : `<t:${Math.floor(time / 1000)}:R>`;
}

function feedLine(feed: FeedState): string {
  const name = `**${escapeMarkdown(feed.feedId)}**`;
  if (feed.consecutiveFailures > 0) {
    const error = feed.lastError ? `: ${truncate(escapeMarkdown(feed.lastError), ERROR_TEXT_BUDGET)}` : '';
    const backoff = feed.nextPollAt ? `, next try ${when(feed.nextPollAt)}` : '';
    return `⚠️ ${name} failing ×${feed.consecutiveFailures}, last error ${when(feed.lastErrorAt)}${error}${backoff}`;
  }
  if (!feed.lastSuccessAt) return `⏳ ${name} not fetched yet`;
  return `✅ ${name} ok, last fetched ${when(feed.lastSuccessAt)}`;
}

/** Lines joined up to a budget; the rest is counted, not dropped silently. */
function joinLines(lines: readonly string[], budget: number, noun: string): string {
  const kept: string[] = [];
  let size = 0;
  for (const line of lines) {
    const cut = truncate(line, STATUS_LINE_BUDGET);
    if (size + cut.length + 1 > budget - 40) break;
    kept.push(cut);
    size += cut.length + 1;
  }
  const rest = lines.length - kept.length;
  if (rest > 0) kept.push(`… and ${rest} more ${noun}`);
  return kept.join('\n');
}

function count(n: number, limit: number): string {
  return n >= limit ? `${limit}+` : String(n);
}

/** `/herald status`: one embed, failing feeds first; broken channels; pending and failed deliveries. */
export function statusResponse(report: StatusReport): InteractionResponse {
  const failing = report.feeds.filter((f) => f.consecutiveFailures > 0);
  const healthy = report.feeds.filter((f) => f.consecutiveFailures === 0);
  const feedLines = [
    ...failing.map(feedLine),
    ...report.neverPolled.map((id) => `⏳ **${escapeMarkdown(id)}** never polled`),
    ...healthy.map(feedLine),
  ];
  const broken = report.channels.filter((c) => c.health === 'broken');
  const channelLines = broken.map(
    (c) =>
      `❌ **${escapeMarkdown(c.channelId)}** broken since ${when(c.since)}` +
      `${c.reason ? `: ${truncate(escapeMarkdown(c.reason), ERROR_TEXT_BUDGET)}` : ''}`,
  );
  const channelsOk =
    report.channelCount === undefined
      ? 'No broken channels'
      : `All ${report.channelCount} channel${report.channelCount === 1 ? '' : 's'} ok`;
  const summary =
    failing.length > 0
      ? `${failing.length} of ${report.feeds.length + report.neverPolled.length} feeds failing`
      : 'All feeds ok';
  const embed: Embed = {
    title: 'Herald status',
    color: HERALD_BLUE,
    description: feedLines.length
      ? joinLines(feedLines, STATUS_DESCRIPTION_BUDGET, 'feeds')
      : 'No feeds polled yet.',
    fields: [
      {
        name: 'Channels',
        value: channelLines.length
          ? joinLines(channelLines, EMBED_LIMITS.fieldValue, 'channels')
          : channelsOk,
      },
      {
        name: 'Deliveries',
        value: `Pending: ${count(report.pending, report.countLimit)} · Failed: ${count(report.failed, report.countLimit)}`,
      },
    ],
    footer: { text: summary },
  };
  return {
    type: ResponseType.ChannelMessageWithSource,
    data: message({ embeds: [embed] }),
  };
}

import { errorDetail } from '../core/describe-error.ts';
import { DEFAULT_STALE_DAYS } from '../core/feed-staleness.ts';
import type { Logger, StatusStore } from '../core/ports.ts';
import {
  COMMAND_NAME,
  DEFAULT_LATEST_COUNT,
  LatestOption,
  MAX_CHANNEL_ID_LENGTH,
  MAX_LATEST_COUNT,
  MAX_TOPIC_LENGTH,
  MAX_URL_LENGTH,
  Subcommand,
  TestOption,
  WhyOption,
} from './commands.ts';
import {
  ApplicationCommandOptionType,
  type CommandOption,
  canManageGuild,
  EPHEMERAL,
  type Interaction,
  type InteractionResponse,
  ResponseType,
} from './interaction.ts';
import { latestResponse, reply, type StatusReport, statusResponse } from './responses.ts';

/** What the commands read: the listing side of the state store. */
export type InteractionsStore = StatusStore;

/**
 * What `/herald poll|why|test` sends the poller: where to post the answer when it is ready, and, for
 * `why` and `test`, what to do instead of a poll (the interactions function has no analysis and no poster).
 */
export interface PollerPayload {
  followUp: { applicationId: string; token: string };
  explain?: { url: string };
  sendTest?: { channel: string };
}

/** Starts a poll without waiting for it (an async Lambda invocation). Throws when it cannot. */
export type InvokePoller = (payload: PollerPayload) => Promise<void>;

/** Feed and channel ids from the deployed config, when it is known. */
export interface ConfiguredIds {
  feedIds: string[];
  channelIds: string[];
  /** `alerts.staleDays`, when the config sets it. */
  staleDays?: number;
}

export interface CommandDeps {
  store: InteractionsStore;
  invokePoller: InvokePoller;
  logger: Logger;
  configured?: ConfiguredIds;
  /** Discord waits 3 s for the answer: a slower read is answered with "try again" instead. */
  storeDeadlineMs: number;
  clock?: () => Date;
}

/** Deliveries are counted up to this for `/herald status`. */
export const STATUS_COUNT_LIMIT = 50;

/** A store read that took longer than the deadline. The read itself goes on, unobserved. */
export class StoreDeadlineError extends Error {
  override readonly name = 'StoreDeadlineError';
}

async function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StoreDeadlineError(`no answer from the table within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function option(options: readonly CommandOption[] | undefined, name: string, type: number) {
  return options?.find((o) => o.name === name && o.type === type)?.value;
}

/** A topic as typed ("Human rights") -> the id it most likely means ("human-rights"). */
export function normalizeTopic(value: string): string | undefined {
  const topic = value.trim().toLowerCase().replace(/\s+/g, '-').slice(0, MAX_TOPIC_LENGTH);
  return topic === '' ? undefined : topic;
}

/** A channel id as the config allows it. */
const CHANNEL_ID = /^[A-Za-z0-9_-]{1,100}$/;

/** An http(s) link of at most 2048 characters, or undefined. */
function articleUrl(value: string): string | undefined {
  const trimmed = value.trim();
  if (trimmed.length > MAX_URL_LENGTH) return undefined;
  try {
    const url = new URL(trimmed);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Starts work in the poller, which answers with a follow-up: the interaction is deferred, ephemerally.
 * It needs Manage Server: default_member_permissions covers all of /herald, and a server may open it to
 * everyone. `member` is absent outside guilds, where no one has that permission.
 */
async function startInPoller(
  interaction: Interaction,
  deps: CommandDeps,
  fields: Record<string, unknown>,
  work: Omit<PollerPayload, 'followUp'>,
  words: { action: string; failure: string; started: string },
): Promise<InteractionResponse> {
  if (!canManageGuild(interaction.member?.permissions)) {
    deps.logger.warn('refused: no Manage Server permission', fields);
    return reply(`${words.action} needs the Manage Server permission.`);
  }
  try {
    await deps.invokePoller({
      followUp: { applicationId: interaction.application_id, token: interaction.token },
      ...work,
    });
  } catch (error) {
    deps.logger.error(`could not ${words.failure}`, { ...fields, error: errorDetail(error) });
    return reply(`Herald could not ${words.failure}. The interactions function's log has the details.`);
  }
  deps.logger.info(words.started, fields);
  return { type: ResponseType.DeferredChannelMessageWithSource, data: { flags: EPHEMERAL } };
}

/**
 * Runs one `/herald` subcommand and returns Discord's response. Expected failures (a slow table, a
 * poll that cannot start, a member without Manage Server) become ephemeral answers, never a 5xx:
 * Discord would show "The application did not respond", which tells the member nothing.
 */
export async function runCommand(interaction: Interaction, deps: CommandDeps): Promise<InteractionResponse> {
  const { data } = interaction;
  const sub = data?.options?.find((o) => o.type === ApplicationCommandOptionType.Subcommand);
  if (data?.name !== COMMAND_NAME || !sub) return reply('Herald does not know this command.');
  const fields = { interactionId: interaction.id, command: `${COMMAND_NAME} ${sub.name}` };

  const readStore = async (
    run: () => Promise<InteractionResponse>,
    ephemeral: boolean,
  ): Promise<InteractionResponse> => {
    try {
      return await run();
    } catch (error) {
      deps.logger.error('the table read failed', { ...fields, error: errorDetail(error) });
      return error instanceof StoreDeadlineError
        ? reply("Herald's table did not answer in time. Try again in a moment.", { ephemeral })
        : reply("Herald could not read its table. The function's log has the details.", { ephemeral });
    }
  };

  switch (sub.name) {
    case Subcommand.Latest: {
      const topicValue = option(sub.options, LatestOption.Topic, ApplicationCommandOptionType.String);
      const countValue = option(sub.options, LatestOption.Count, ApplicationCommandOptionType.Integer);
      const ephemeral =
        option(sub.options, LatestOption.Public, ApplicationCommandOptionType.Boolean) !== true;
      const topic = typeof topicValue === 'string' ? normalizeTopic(topicValue) : undefined;
      const limit =
        typeof countValue === 'number' && Number.isInteger(countValue)
          ? Math.min(Math.max(countValue, 1), MAX_LATEST_COUNT)
          : DEFAULT_LATEST_COUNT;
      return readStore(async () => {
        const stories = await withDeadline(
          deps.store.listRecentStories({ ...(topic ? { topic } : {}), limit }),
          deps.storeDeadlineMs,
        );
        deps.logger.info('answered', { ...fields, stories: stories.length });
        return latestResponse(stories, { ...(topic ? { topic } : {}), ephemeral });
      }, ephemeral);
    }

    case Subcommand.Status:
      return readStore(async () => {
        const [feeds, channels, pending, failed] = await withDeadline(
          Promise.all([
            deps.store.listFeedStates(),
            deps.store.listChannelStates(),
            deps.store.listDeliveries('pending', STATUS_COUNT_LIMIT),
            deps.store.listDeliveries('failed', STATUS_COUNT_LIMIT),
          ]),
          deps.storeDeadlineMs,
        );
        const configured = deps.configured;
        const known = new Set(feeds.map((f) => f.feedId));
        const report: StatusReport = {
          feeds: configured ? feeds.filter((f) => configured.feedIds.includes(f.feedId)) : feeds,
          neverPolled: configured ? configured.feedIds.filter((id) => !known.has(id)) : [],
          channels,
          ...(configured ? { channelCount: configured.channelIds.length } : {}),
          pending: pending.length,
          failed: failed.length,
          countLimit: STATUS_COUNT_LIMIT,
          now: (deps.clock?.() ?? new Date()).getTime(),
          staleDays: configured?.staleDays ?? DEFAULT_STALE_DAYS,
        };
        deps.logger.info('answered', fields);
        return statusResponse(report);
      }, true);

    case Subcommand.Poll:
      return startInPoller(
        interaction,
        deps,
        fields,
        {},
        {
          action: 'Running a poll',
          failure: 'start a poll',
          started: 'poll started; the poller sends the summary as a follow-up',
        },
      );

    case Subcommand.Why: {
      const value = option(sub.options, WhyOption.Url, ApplicationCommandOptionType.String);
      const url = typeof value === 'string' ? articleUrl(value) : undefined;
      if (!url)
        return reply('Give the article as an http(s) link, e.g. `https://www.voanews.com/a/.../123.html`.');
      return startInPoller(
        interaction,
        deps,
        fields,
        { explain: { url } },
        {
          action: 'Asking why',
          failure: 'explain the story',
          started: 'explain started; the poller sends the answer as a follow-up',
        },
      );
    }

    case Subcommand.Test: {
      const value = option(sub.options, TestOption.Channel, ApplicationCommandOptionType.String);
      const channel = typeof value === 'string' ? value.trim() : '';
      const known = deps.configured?.channelIds;
      if (!CHANNEL_ID.test(channel) || (known && !known.includes(channel))) {
        const list = known?.length ? ` Channels: ${known.map((id) => `\`${id}\``).join(', ')}.` : '';
        return reply(
          `No channel \`${channel.slice(0, MAX_CHANNEL_ID_LENGTH).replace(/`/g, '')}\` in Herald's config.${list}`,
        );
      }
      return startInPoller(
        interaction,
        deps,
        fields,
        { sendTest: { channel } },
        {
          action: 'Sending a test post',
          failure: 'send a test post',
          started: 'test post started; the poller reports it as a follow-up',
        },
      );
    }

    default:
      return reply('Herald does not know this command.');
  }
}

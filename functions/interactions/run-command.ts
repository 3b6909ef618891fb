import { errorDetail } from '../core/describe-error.ts';
import type { Logger, StatusStore } from '../core/ports.ts';
import {
  COMMAND_NAME,
  DEFAULT_LATEST_COUNT,
  LatestOption,
  MAX_LATEST_COUNT,
  MAX_TOPIC_LENGTH,
  Subcommand,
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

/** What `/herald poll` sends the poller: where to post the summary when the poll is done. */
export interface PollerPayload {
  followUp: { applicationId: string; token: string };
}

/** Starts a poll without waiting for it (an async Lambda invocation). Throws when it cannot. */
export type InvokePoller = (payload: PollerPayload) => Promise<void>;

/** Feed and channel ids from the deployed config, when it is known. */
export interface ConfiguredIds {
  feedIds: string[];
  channelIds: string[];
}

export interface CommandDeps {
  store: InteractionsStore;
  invokePoller: InvokePoller;
  logger: Logger;
  configured?: ConfiguredIds;
  /** Discord waits 3 s for the answer: a slower read is answered with "try again" instead. */
  storeDeadlineMs: number;
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
        };
        deps.logger.info('answered', fields);
        return statusResponse(report);
      }, true);

    case Subcommand.Poll: {
      // default_member_permissions covers all of /herald, and a server may open it to everyone: a poll
      // still needs Manage Server. `member` is absent outside guilds, where no one has that permission.
      if (!canManageGuild(interaction.member?.permissions)) {
        deps.logger.warn('refused: no Manage Server permission', fields);
        return reply('Running a poll needs the Manage Server permission.');
      }
      try {
        await deps.invokePoller({
          followUp: { applicationId: interaction.application_id, token: interaction.token },
        });
      } catch (error) {
        deps.logger.error('could not start a poll', { ...fields, error: errorDetail(error) });
        return reply("Herald could not start a poll. The interactions function's log has the details.");
      }
      deps.logger.info('poll started; the poller sends the summary as a follow-up', fields);
      return { type: ResponseType.DeferredChannelMessageWithSource, data: { flags: EPHEMERAL } };
    }

    default:
      return reply('Herald does not know this command.');
  }
}

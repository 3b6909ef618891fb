import { ApplicationCommandOptionType } from './interaction.ts';

/** The one top-level command; everything else is a subcommand of it. */
export const COMMAND_NAME = 'herald';

export const Subcommand = {
  Latest: 'latest',
  Poll: 'poll',
  Status: 'status',
  Why: 'why',
  Test: 'test',
} as const;

export const WhyOption = { Url: 'url' } as const;
export const TestOption = { Channel: 'channel' } as const;
/** Discord's own cap on an embed URL, and so on any link worth explaining. */
export const MAX_URL_LENGTH = 2048;
export const MAX_CHANNEL_ID_LENGTH = 100;

export const LatestOption = {
  Topic: 'topic',
  Count: 'count',
  Public: 'public',
} as const;

export const DEFAULT_LATEST_COUNT = 5;
/** A message holds at most 10 embeds. */
export const MAX_LATEST_COUNT = 10;
export const MAX_TOPIC_LENGTH = 64;

/** Manage Server (1 << 5), as the decimal string Discord documents for permission fields. */
export const MANAGE_GUILD_PERMISSION = '32';

/** A command as `PUT /applications/{id}/commands` takes it (the parts Herald uses). */
export interface CommandDefinition {
  name: string;
  description: string;
  type: 1;
  default_member_permissions?: string;
  /** 0: guilds only. */
  contexts: number[];
  /** 0: installed to a guild. */
  integration_types: number[];
  options: CommandOptionDefinition[];
}

export interface CommandOptionDefinition {
  type: number;
  name: string;
  description: string;
  required?: boolean;
  options?: CommandOptionDefinition[];
  min_value?: number;
  max_value?: number;
  max_length?: number;
  min_length?: number;
}

/**
 * `/herald latest|status|poll|why|test`. Discord applies `default_member_permissions` to a top-level command as a
 * whole, not to one subcommand: Manage Server is required for all of `/herald` by default, and a server
 * can open it to other roles under Server Settings > Integrations. `poll` keeps requiring Manage Server
 * even then, because the handler checks the member's permissions itself; so do `why` and `test`.
 */
export const HERALD_COMMAND: CommandDefinition = {
  name: COMMAND_NAME,
  type: 1,
  description: 'Human-rights stories from Voice of America, found by Herald',
  default_member_permissions: MANAGE_GUILD_PERMISSION,
  contexts: [0],
  integration_types: [0],
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: Subcommand.Latest,
      description: 'The most recent matched stories',
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: LatestOption.Topic,
          description: 'Only stories on this topic, e.g. human-rights',
          required: false,
          max_length: MAX_TOPIC_LENGTH,
        },
        {
          type: ApplicationCommandOptionType.Integer,
          name: LatestOption.Count,
          description: `How many stories (1-${MAX_LATEST_COUNT}, default ${DEFAULT_LATEST_COUNT})`,
          required: false,
          min_value: 1,
          max_value: MAX_LATEST_COUNT,
        },
        {
          type: ApplicationCommandOptionType.Boolean,
          name: LatestOption.Public,
          description: 'Show the answer to the whole channel (default: only you)',
          required: false,
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: Subcommand.Status,
      description: 'Feed health, broken channels, pending and failed deliveries',
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: Subcommand.Poll,
      description: 'Run a poll now and report its summary here (Manage Server)',
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: Subcommand.Why,
      description: 'Why a story would or would not be posted, per topic and channel (Manage Server)',
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: WhyOption.Url,
          description: 'The article link',
          required: true,
          max_length: MAX_URL_LENGTH,
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: Subcommand.Test,
      description: 'Post a sample alert, marked as a test, to a channel of the config (Manage Server)',
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: TestOption.Channel,
          description: "The channel's id in Herald's config, e.g. rights",
          required: true,
          max_length: MAX_CHANNEL_ID_LENGTH,
        },
      ],
    },
  ],
};

/** Everything `herald commands register` sends, in one bulk overwrite. */
export const COMMANDS: readonly CommandDefinition[] = [HERALD_COMMAND];

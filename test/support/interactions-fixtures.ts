import type {
  APIApplicationCommandInteractionDataBasicOption,
  APIChatInputApplicationCommandGuildInteraction,
  APIPingInteraction,
  ChannelType,
  GuildMemberFlags,
  Locale,
} from 'discord.js';

// discord-api-types declares these as enums; the wire carries the plain values.
const EN_US = 'en-US' as Locale;
const NO_MEMBER_FLAGS = 0 as GuildMemberFlags;

export const APPLICATION_ID = '1234567890123456789';
export const GUILD_ID = '1122334455667788990';
export const CHANNEL_ID = '1199887766554433221';
/** Manage Server (1 << 5) plus Send Messages (1 << 11). */
export const MANAGER_PERMISSIONS = String((1 << 5) | (1 << 11));
/** Send Messages and View Channel only. */
export const READER_PERMISSIONS = String((1 << 10) | (1 << 11));

let sequence = 0;
function snowflake(): string {
  sequence += 1;
  return (1_300_000_000_000_000_000n + BigInt(sequence)).toString();
}

export function pingInteraction(): APIPingInteraction {
  return {
    id: snowflake(),
    application_id: APPLICATION_ID,
    type: 1,
    token: `ping-token-${sequence}-aW50ZXJhY3Rpb246cGluZw`,
    version: 1,
    app_permissions: '0',
    entitlements: [],
    authorizing_integration_owners: {},
    attachment_size_limit: 10_485_760,
  };
}

export interface CommandFixtureOptions {
  permissions?: string;
  token?: string;
  applicationId?: string;
  name?: string;
}

/** `/herald <subcommand> [options]` as Discord sends it from a guild channel. */
export function commandInteraction(
  subcommand: string,
  options: APIApplicationCommandInteractionDataBasicOption[] = [],
  fixture: CommandFixtureOptions = {},
): APIChatInputApplicationCommandGuildInteraction {
  const id = snowflake();
  return {
    id,
    application_id: fixture.applicationId ?? APPLICATION_ID,
    type: 2,
    token: fixture.token ?? `aW50ZXJhY3Rpb246${id}OkNvbW1hbmRUb2tlbkZvclRlc3Rz`,
    version: 1,
    app_permissions: '2248473465835073',
    locale: EN_US,
    guild_locale: EN_US,
    guild_id: GUILD_ID,
    guild: { id: GUILD_ID, features: [], locale: EN_US },
    channel_id: CHANNEL_ID,
    channel: { id: CHANNEL_ID, type: 0 as ChannelType.GuildText },
    entitlements: [],
    authorizing_integration_owners: { 0: GUILD_ID },
    context: 0,
    attachment_size_limit: 10_485_760,
    member: {
      user: {
        id: '1000000000000000001',
        username: 'operator',
        discriminator: '0',
        global_name: 'Operator',
        avatar: null,
      },
      roles: [],
      joined_at: '2024-01-01T00:00:00.000000+00:00',
      permissions: fixture.permissions ?? MANAGER_PERMISSIONS,
      deaf: false,
      mute: false,
      flags: NO_MEMBER_FLAGS,
    },
    data: {
      id: '1300000000000000999',
      name: fixture.name ?? 'herald',
      type: 1,
      options: [{ type: 1, name: subcommand, options }],
    },
  } satisfies APIChatInputApplicationCommandGuildInteraction;
}

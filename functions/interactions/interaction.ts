import type { Embed } from '../core/render-post.ts';

/**
 * The few parts of Discord's interactions API that Herald uses, written out here instead of imported
 * from discord.js, so that this function never loads (or bundles) discord.js.
 * https://discord.com/developers/docs/interactions/receiving-and-responding
 */

export const InteractionType = {
  Ping: 1,
  ApplicationCommand: 2,
} as const;

export const ResponseType = {
  Pong: 1,
  ChannelMessageWithSource: 4,
  DeferredChannelMessageWithSource: 5,
} as const;

export const ApplicationCommandOptionType = {
  Subcommand: 1,
  String: 3,
  Integer: 4,
  Boolean: 5,
} as const;

/** Message flag: only the member who ran the command sees the answer. */
export const EPHEMERAL = 64;

/** Permission bits, as Discord numbers them. */
export const Permission = {
  Administrator: 1n << 3n,
  ManageGuild: 1n << 5n,
} as const;

export interface CommandOption {
  name: string;
  type: number;
  value?: string | number | boolean;
  options?: CommandOption[];
}

/** An interaction as Herald reads it: only the fields it needs, checked when parsed. */
export interface Interaction {
  id: string;
  type: number;
  application_id: string;
  /** Valid for 15 minutes: the follow-up webhook's credential. Never logged. */
  token: string;
  data?: { name: string; options?: CommandOption[] };
  guild_id?: string;
  /** Present in a guild: `permissions` is the member's total in the channel, overwrites included. */
  member?: { permissions?: string; user?: { id: string } };
  /** Present in a DM. */
  user?: { id: string };
}

/** A message as an interaction response or a follow-up carries it. Mentions are never parsed. */
export interface InteractionMessage {
  content?: string;
  embeds?: Embed[];
  allowed_mentions: { parse: [] };
  flags?: number;
}

export type InteractionResponse =
  | { type: typeof ResponseType.Pong }
  | { type: typeof ResponseType.ChannelMessageWithSource; data: InteractionMessage }
  | { type: typeof ResponseType.DeferredChannelMessageWithSource; data?: { flags?: number } };

const SNOWFLAKE = /^\d{15,25}$/;
const MAX_TOKEN_LENGTH = 1000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseOptions(value: unknown): CommandOption[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter(isRecord).flatMap((option): CommandOption[] => {
    if (typeof option.name !== 'string' || typeof option.type !== 'number') return [];
    const { value: optionValue } = option;
    const parsed: CommandOption = { name: option.name, type: option.type };
    if (['string', 'number', 'boolean'].includes(typeof optionValue))
      parsed.value = optionValue as string | number | boolean;
    const nested = parseOptions(option.options);
    if (nested) parsed.options = nested;
    return [parsed];
  });
}

/**
 * Reads a verified request body as an interaction, or undefined when it is not one. The signature has
 * already proved that Discord sent it; this only guards against shapes Herald does not handle.
 */
export function parseInteraction(json: unknown): Interaction | undefined {
  if (!isRecord(json)) return undefined;
  const { id, type, application_id: applicationId, token } = json;
  if (typeof id !== 'string' || typeof type !== 'number') return undefined;
  if (typeof applicationId !== 'string' || !SNOWFLAKE.test(applicationId)) return undefined;
  if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) return undefined;
  const interaction: Interaction = { id, type, application_id: applicationId, token };
  if (isRecord(json.data) && typeof json.data.name === 'string') {
    const options = parseOptions(json.data.options);
    interaction.data = { name: json.data.name, ...(options ? { options } : {}) };
  }
  if (typeof json.guild_id === 'string') interaction.guild_id = json.guild_id;
  if (isRecord(json.member)) {
    const { permissions, user } = json.member;
    interaction.member = {
      ...(typeof permissions === 'string' ? { permissions } : {}),
      ...(isRecord(user) && typeof user.id === 'string' ? { user: { id: user.id } } : {}),
    };
  }
  if (isRecord(json.user) && typeof json.user.id === 'string') interaction.user = { id: json.user.id };
  return interaction;
}

/** Whether a member's permission bitfield (a decimal string) holds Manage Server, or Administrator. */
export function canManageGuild(permissions: string | undefined): boolean {
  if (permissions === undefined || !/^\d{1,30}$/.test(permissions)) return false;
  const bits = BigInt(permissions);
  return (bits & (Permission.ManageGuild | Permission.Administrator)) !== 0n;
}

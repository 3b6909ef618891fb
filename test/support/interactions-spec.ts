/**
 * Discord's own request schemas, from npm `discord-api-spec` (Zod Mini, generated from Discord's
 * OpenAPI spec), for the bodies the interactions endpoint and `herald commands register` produce.
 * Discord ignores fields it does not know; these checks refuse them, so a misspelt key fails a test.
 */

interface ZodDef {
  type: string;
  shape?: Record<string, SpecSchema>;
  innerType?: SpecSchema;
  in?: SpecSchema;
  getter?: () => SpecSchema;
  element?: SpecSchema;
  options?: SpecSchema[];
  valueType?: SpecSchema;
}

interface SpecIssue {
  path: PropertyKey[];
  message: string;
  code: string;
}

export interface SpecSchema {
  _zod: { def: ZodDef };
  safeParse(data: unknown): { success: true } | { success: false; error: { issues: SpecIssue[] } };
}

export interface SpecSchemas {
  /** Body of a PING's answer. */
  PongInteractionCallbackRequestSchema: SpecSchema;
  /** Body of a type 4 or 5 answer (`create_interaction_response`). */
  CreateMessageInteractionCallbackRequestSchema: SpecSchema;
  /** `POST /webhooks/{application_id}/{token}`: a follow-up (`execute_webhook`). */
  IncomingWebhookRequestPartialSchema: SpecSchema;
  /** One element of `PUT /applications/{id}/commands` (`bulk_set_application_commands`). */
  ApplicationCommandUpdateRequestSchema: SpecSchema;
  /** `POST /applications/{id}/commands` (`create_application_command`). */
  ApplicationCommandCreateRequestSchema: SpecSchema;
}

// The package ships no types for its Zod entry point: a variable specifier lets the interface above type it.
const SPEC_ZOD_MODULE = 'discord-api-spec/zod';
let loaded: Promise<SpecSchemas> | undefined;

export function loadSpecSchemas(): Promise<SpecSchemas> {
  loaded ??= import(SPEC_ZOD_MODULE) as Promise<SpecSchemas>;
  return loaded;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Fields the schema does not declare, anywhere in the value, following unions to the branch that fits. */
function unknownKeys(schema: SpecSchema, value: unknown, path: string[], out: string[]): void {
  const def = schema._zod.def;
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
      if (def.innerType) unknownKeys(def.innerType, value, path, out);
      return;
    case 'pipe':
      if (def.in) unknownKeys(def.in, value, path, out);
      return;
    case 'lazy':
      if (def.getter) unknownKeys(def.getter(), value, path, out);
      return;
    case 'array':
      if (Array.isArray(value) && def.element) {
        const element = def.element;
        value.forEach((item, i) => {
          unknownKeys(element, item, [...path, String(i)], out);
        });
      }
      return;
    case 'union': {
      const branch = def.options?.find((option) => option.safeParse(value).success);
      if (branch) unknownKeys(branch, value, path, out);
      return;
    }
    case 'record':
      if (isRecord(value) && def.valueType) {
        const valueType = def.valueType;
        for (const [key, item] of Object.entries(value)) unknownKeys(valueType, item, [...path, key], out);
      }
      return;
    case 'object':
      if (!isRecord(value) || !def.shape) return;
      for (const [key, item] of Object.entries(value)) {
        const field = def.shape[key];
        if (field === undefined) out.push(`${[...path, key].join('.')}: not in Discord's schema`);
        else unknownKeys(field, item, [...path, key], out);
      }
      return;
    default:
      return;
  }
}

/** Every schema issue and unknown field, one readable line each; empty when the value is valid. */
export function specProblems(schema: SpecSchema, value: unknown): string[] {
  const result = schema.safeParse(value);
  const problems = result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.map(String).join('.') || '(body)'}: ${issue.message}`);
  unknownKeys(schema, value, [], problems);
  return problems;
}

/** Discord's limits on a message's embeds, which the schema does not express. */
export function embedLimitProblems(message: { embeds?: unknown }): string[] {
  const embeds = Array.isArray(message.embeds) ? (message.embeds as Record<string, unknown>[]) : [];
  const text = (value: unknown) => (typeof value === 'string' ? value.length : 0);
  let total = 0;
  for (const embed of embeds) {
    const fields = Array.isArray(embed.fields) ? (embed.fields as Record<string, unknown>[]) : [];
    total += text(embed.title) + text(embed.description);
    total += text((embed.author as { name?: unknown } | undefined)?.name);
    total += text((embed.footer as { text?: unknown } | undefined)?.text);
    for (const field of fields) total += text(field.name) + text(field.value);
  }
  const problems: string[] = [];
  if (embeds.length > 10) problems.push(`embeds: ${embeds.length} > 10`);
  if (total > 6000) problems.push(`embeds: ${total} characters in all > 6000`);
  return problems;
}

/**
 * An interaction response checked against the schema of its type: PONG, or a (deferred) message.
 * Returns the problems; empty when Discord would accept it.
 */
export async function interactionResponseProblems(response: unknown): Promise<string[]> {
  const spec = await loadSpecSchemas();
  const type = isRecord(response) ? response.type : undefined;
  if (type === 1) return specProblems(spec.PongInteractionCallbackRequestSchema, response);
  const problems = specProblems(spec.CreateMessageInteractionCallbackRequestSchema, response);
  const data = isRecord(response) && isRecord(response.data) ? response.data : {};
  return [...problems, ...embedLimitProblems(data)];
}

/**
 * A command definition checked against `bulk_set_application_commands`' element schema and, as a
 * second opinion, `create_application_command`'s. Discord documents `default_member_permissions` as a
 * string (a permission bitfield can exceed 2^53) while the OpenAPI spec types it as an integer: the
 * string is checked to be decimal, then validated as the number it encodes.
 */
export async function commandDefinitionProblems(command: unknown): Promise<string[]> {
  const spec = await loadSpecSchemas();
  const problems: string[] = [];
  let value = command;
  if (isRecord(command) && typeof command.default_member_permissions === 'string') {
    const permissions = command.default_member_permissions;
    if (!/^\d+$/.test(permissions)) problems.push('default_member_permissions: not a decimal bitfield');
    value = { ...command, default_member_permissions: Number(permissions) };
  }
  problems.push(...specProblems(spec.ApplicationCommandUpdateRequestSchema, value));
  problems.push(
    ...specProblems(spec.ApplicationCommandCreateRequestSchema, value).map((p) => `create: ${p}`),
  );
  return problems;
}

import { createHash } from 'node:crypto';
import type { HeraldConfig } from '../core/config.ts';

/**
 * The key under which synth marks the config file it validated. A deployed function trusts a marked file
 * instead of parsing it again: the config schema (zod, 450 KB) then never loads on a cold start.
 */
export const VALIDATED_KEY = '$validated';

/**
 * What the mark says: who validated the config, under which rule for secrets, and the SHA-256 of the
 * config's JSON without the mark. A file edited after synth no longer matches its digest, so it is
 * validated again, with an error that names every bad key, instead of being trusted.
 */
export interface ValidatedMark {
  by: 'herald synth';
  /** Validated as a deployed function's config: webhook URLs and the bot token live in the secret. */
  secrets: 'elsewhere';
  sha256: string;
}

/**
 * Everything of a parsed config but its store, as synth ships it: the store is the function's own
 * (HERALD_TABLE), never the laptop's that the config file may name.
 */
export type ShippedConfig = Omit<HeraldConfig, 'store'>;

function digestOf(config: unknown): string {
  return createHash('sha256').update(JSON.stringify(config)).digest('hex');
}

/** The config with its mark, for a config that `parseConfig(…, { secretsElsewhere: true })` returned. */
export function markValidated(config: ShippedConfig): ShippedConfig & { [VALIDATED_KEY]: ValidatedMark } {
  const mark: ValidatedMark = { by: 'herald synth', secrets: 'elsewhere', sha256: digestOf(config) };
  return { [VALIDATED_KEY]: mark, ...config };
}

/**
 * The config a marked file holds, when its mark is whole and its digest matches; undefined for anything
 * else (no mark, another rule for secrets, an edit since synth), which the caller validates instead.
 */
export function trustedConfig(input: unknown): ShippedConfig | undefined {
  if (!isRecord(input)) return undefined;
  const { [VALIDATED_KEY]: mark, ...config } = input;
  if (!isRecord(mark) || mark.by !== 'herald synth' || mark.secrets !== 'elsewhere') return undefined;
  return mark.sha256 === digestOf(config) ? (config as unknown as ShippedConfig) : undefined;
}

/** The input without its mark, for the schema, which refuses keys it does not know. */
export function withoutMark(input: unknown): unknown {
  if (!isRecord(input) || !(VALIDATED_KEY in input)) return input;
  const { [VALIDATED_KEY]: _mark, ...config } = input;
  return config;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

import type { Node } from 'constructs';

/**
 * Infra-only settings, read from CDK context (`cdk.json`, or `-c key=value` on the command line).
 * They are not part of herald.config.json: the function never sees them, and the config schema is
 * the app's contract, so deploy knobs stay out of it.
 *
 * | context key                  | default  | meaning                                                        |
 * |------------------------------|----------|----------------------------------------------------------------|
 * | `herald:stackName`           | `Herald` | the CloudFormation stack name (`herald invoke --stack`)        |
 * | `herald:retainTable`         | `true`   | keep the table (and its data) when the stack is destroyed      |
 * | `herald:alarmEmail`          | none     | an address subscribed to the alarm topic (confirm the e-mail)  |
 * | `herald:logRetentionDays`    | `30`     | CloudWatch Logs retention; one of the values Logs accepts      |
 * | `herald:reservedConcurrency` | `1`      | `1`, or `off` for accounts whose concurrency quota is 10       |
 * | `herald:discordPublicKey`    | none     | the Discord app's public key (64 hex characters): deploys the  |
 * |                              |          | `/herald` interactions endpoint; without it there is none      |
 */
export interface DeploySettings {
  stackName: string;
  retainTable: boolean;
  alarmEmail?: string;
  logRetentionDays: number;
  /** Undefined: no reservation (overlapping polls are still safe, see herald-stack.ts). */
  reservedConcurrency?: number;
  /** Lowercase hex. Undefined: no interactions endpoint. */
  discordPublicKey?: string;
}

export const DEFAULT_SETTINGS: DeploySettings = {
  stackName: 'Herald',
  retainTable: true,
  logRetentionDays: 30,
  reservedConcurrency: 1,
};

/** The retention periods CloudWatch Logs accepts. */
const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

/** A bad context value, named with its key. */
export class DeploySettingsError extends Error {
  override readonly name = 'DeploySettingsError';
}

/** Reads the `herald:*` context keys; throws DeploySettingsError naming every bad key. */
export function readDeploySettings(node: Node): DeploySettings {
  const problems: string[] = [];
  const get = (key: string): unknown => node.tryGetContext(`herald:${key}`);

  const stackName = get('stackName') ?? DEFAULT_SETTINGS.stackName;
  if (typeof stackName !== 'string' || !/^[A-Za-z][A-Za-z0-9-]{0,127}$/.test(stackName))
    problems.push('herald:stackName: must start with a letter and hold only letters, digits and dashes');

  const retainTable = toBoolean(get('retainTable'), DEFAULT_SETTINGS.retainTable);
  if (retainTable === undefined) problems.push('herald:retainTable: must be true or false');

  const alarmEmail = get('alarmEmail');
  if (alarmEmail !== undefined && alarmEmail !== '' && !isEmail(alarmEmail))
    problems.push('herald:alarmEmail: must be an e-mail address');

  const logRetentionDays = Number(get('logRetentionDays') ?? DEFAULT_SETTINGS.logRetentionDays);
  if (!LOG_RETENTION_DAYS.includes(logRetentionDays))
    problems.push(`herald:logRetentionDays: must be one of ${LOG_RETENTION_DAYS.join(', ')}`);

  const rawConcurrency = get('reservedConcurrency') ?? DEFAULT_SETTINGS.reservedConcurrency;
  const reservedConcurrency = parseConcurrency(rawConcurrency);
  if (reservedConcurrency === null)
    problems.push('herald:reservedConcurrency: must be a whole number >= 1, or off');

  const rawPublicKey = get('discordPublicKey');
  const discordPublicKey = typeof rawPublicKey === 'string' ? rawPublicKey.trim() : rawPublicKey;
  if (discordPublicKey !== undefined && discordPublicKey !== '' && !isPublicKey(discordPublicKey))
    problems.push(
      'herald:discordPublicKey: must be the 64 hex characters of "Public Key" in the Developer Portal',
    );

  if (problems.length > 0)
    throw new DeploySettingsError(`Invalid CDK context:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return {
    stackName: stackName as string,
    retainTable: retainTable as boolean,
    ...(typeof alarmEmail === 'string' && alarmEmail !== '' ? { alarmEmail } : {}),
    logRetentionDays,
    ...(reservedConcurrency !== undefined && reservedConcurrency !== null ? { reservedConcurrency } : {}),
    ...(typeof discordPublicKey === 'string' && discordPublicKey !== ''
      ? { discordPublicKey: discordPublicKey.toLowerCase() }
      : {}),
  };
}

/** Context values from the command line are strings; from cdk.json they are JSON values. */
function toBoolean(value: unknown, fallback: boolean): boolean | undefined {
  if (value === undefined) return fallback;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  return undefined;
}

function isEmail(value: unknown): value is string {
  return typeof value === 'string' && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value);
}

/** Ed25519 public keys are 32 bytes; the Developer Portal shows them as hex. */
function isPublicKey(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{64}$/i.test(value);
}

/** Undefined: no reservation; null: invalid. Zero is refused: it would stop the function from ever running. */
function parseConcurrency(value: unknown): number | undefined | null {
  if (value === 'off' || value === false || value === 'false') return undefined;
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? n : null;
}

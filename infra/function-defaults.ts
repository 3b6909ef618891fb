import { type Duration, RemovalPolicy, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { heraldCode } from './function-bundle.ts';
import { FUNCTION_CONFIG_FILE } from './function-config-file.ts';

export interface HeraldFunctionProps {
  /** Absolute path of the repo root. */
  rootDir: string;
  /** Handler entry, relative to rootDir; the export is always `handler`. */
  entry: string;
  description: string;
  /** Said on the role, so that the IAM console tells the roles apart. */
  roleDescription: string;
  /**
   * The function config file on the synth machine (writeFunctionConfigFile's): copied into the code as
   * herald.config.json, and named to the function by `HERALD_CONFIG_FILE`.
   */
  configFile: string;
  /** The function's own variables; `HERALD_CONFIG_FILE` is added. */
  environment: Record<string, string>;
  logRetentionDays: number;
  memorySize: number;
  timeout: Duration;
  /** Anything else the function needs (concurrency, async-invoke settings). */
  options?: Omit<
    lambda.FunctionProps,
    | 'code'
    | 'handler'
    | 'environment'
    | 'role'
    | 'logGroup'
    | 'runtime'
    | 'architecture'
    | 'memorySize'
    | 'timeout'
    | 'description'
  >;
}

export interface HeraldFunctionParts {
  function: lambda.Function;
  logGroup: logs.LogGroup;
  role: iam.Role;
}

/**
 * A Herald Lambda, created as `Logs`, `Role` and `Function` children of `scope`: Node.js 24 on arm64,
 * the code-split ESM bundle (function-bundle.ts) with the deployed config beside it (herald.config.json),
 * its own log group with a retention period, and its own role that may write only to that log group. The default role would
 * carry AWSLambdaBasicExecutionRole, whose logs:* permissions cover every log group in the account;
 * here the stack grants each function exactly what it uses.
 */
export function createHeraldFunction(scope: Construct, props: HeraldFunctionProps): HeraldFunctionParts {
  const environment = { ...props.environment, HERALD_CONFIG_FILE: FUNCTION_CONFIG_FILE };
  assertEnvironmentFits(environment);

  const logGroup = new logs.LogGroup(scope, 'Logs', {
    retention: props.logRetentionDays as logs.RetentionDays,
    // Logs are diagnostics, not state: they go with the stack (the table is what is kept).
    removalPolicy: RemovalPolicy.DESTROY,
  });

  const role = new iam.Role(scope, 'Role', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    description: props.roleDescription,
  });
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      // The log group's ARN attribute ends in `:*`, which covers its streams and nothing else.
      resources: [logGroup.logGroupArn],
    }),
  );

  const fn = new lambda.Function(scope, 'Function', {
    ...props.options,
    description: props.description,
    code: heraldCode(props.rootDir, props.entry, props.configFile),
    handler: 'index.handler',
    runtime: lambda.Runtime.NODEJS_24_X,
    architecture: lambda.Architecture.ARM_64,
    memorySize: props.memorySize,
    timeout: props.timeout,
    role,
    logGroup,
    environment,
  });
  return { function: fn, logGroup, role };
}

/** The Lambda's limit on all environment variables together. */
export const LAMBDA_ENV_LIMIT_BYTES = 4096;
/** Keep a margin under the limit for variables an operator adds by hand (e.g. a log level). */
export const ENV_BUDGET_BYTES = 3584;
/** A token's value is unknown at synth: assume the longest it can plausibly be. */
const TOKEN_ESTIMATE_BYTES = 256;

/** A function's environment would not fit in Lambda's 4 KB. */
export class EnvironmentTooLargeError extends Error {
  override readonly name = 'EnvironmentTooLargeError';
}

/**
 * About how many bytes an environment takes in Lambda's 4 KB: names and values, a token (the table
 * name, the secret ARN) counted at its worst case.
 */
export function environmentBytes(environment: Record<string, string>): number {
  return Object.entries(environment).reduce((sum, [key, value]) => sum + key.length + sizeOf(value), 0);
}

function sizeOf(value: string): number {
  if (!Token.isUnresolved(value)) return Buffer.byteLength(value);
  const markers = value.match(/\$\{Token\[[^\]]+\]\}/g) ?? [];
  const literal = markers.reduce((text, marker) => text.replace(marker, ''), value);
  return Buffer.byteLength(literal) + markers.length * TOKEN_ESTIMATE_BYTES;
}

/**
 * Fails synth with a clear message when the environment would not fit Lambda's 4 KB. The config is not
 * in it (it ships in the code), so the environment stays a few hundred bytes whatever the config holds;
 * this guards against a variable added later.
 */
export function assertEnvironmentFits(environment: Record<string, string>): void {
  const total = environmentBytes(environment);
  if (total <= ENV_BUDGET_BYTES) return;
  const detail = Object.entries(environment)
    .map(([key, value]) => [key, environmentBytes({ [key]: value })] as const)
    .sort((a, b) => b[1] - a[1])
    .map(([key, size]) => `${key}=${size} B`)
    .join(', ');
  throw new EnvironmentTooLargeError(
    `The function's environment would be about ${total} bytes (${detail}), over Herald's budget of ` +
      `${ENV_BUDGET_BYTES} bytes (Lambda's limit is ${LAMBDA_ENV_LIMIT_BYTES} bytes for all variables). ` +
      'Large values belong in the function config file, which ships in the code.',
  );
}

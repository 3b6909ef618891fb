import path from 'node:path';
import { type Duration, RemovalPolicy, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import {
  type BundlingOptions,
  NodejsFunction,
  type NodejsFunctionProps,
  OutputFormat,
  SourceMapMode,
} from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { FUNCTION_CONFIG_FILE, shipConfigFile } from './function-config-file.ts';

/**
 * How every Herald handler is bundled. Exported so the tests can pin it; the real-bundle tests check
 * the output.
 *
 * Externals: none. The AWS SDK v3 is bundled rather than taken from the Node.js 24 runtime:
 * - the artifact is then exactly what the tests ran (same SDK, same Powertools peer versions), instead of
 *   whatever SDK the runtime ships that week;
 * - the bundle imports on its own in a fresh `node` (the real-bundle tests and the cold-start bench
 *   need that: a `cdk.out` asset has no node_modules to resolve `@aws-sdk/*` from);
 * - esbuild keeps only the clients we use, minified, which loads faster than the runtime's full SDK.
 * The cost is bundle size (a few hundred KB zipped), which Lambda's 50 MB limit does not notice.
 * discord.js is bundled too; the poll handler `import()`s it only when a poll has something to post, and
 * esbuild keeps that dynamic import lazy (its module body runs on first use). Each handler is its own
 * bundle, so the interactions function carries none of the poller's dependencies.
 */
export const HERALD_BUNDLING: BundlingOptions = {
  format: OutputFormat.ESM,
  target: 'node24',
  platform: 'node',
  mainFields: ['module', 'main'],
  // Bundled CommonJS code calls require() for Node built-ins; ESM has no require, so make one.
  banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
  minify: true,
  sourceMap: true,
  sourceMapMode: SourceMapMode.DEFAULT,
  // Stack traces need line mappings, not the original text: leaving sources out keeps the map small.
  sourcesContent: false,
  externalModules: [],
  esbuildArgs: {
    // linkedom parses <style> sheets only when asked for `sheet`, which the analysis never does.
    '--alias:cssomnom/parse': './infra/bundle-stubs/cssomnom-parse.js',
    // linkedom needs htmlparser2's Parser only; the package's index brings 18 KB more.
    '--alias:htmlparser2': './infra/bundle-stubs/htmlparser2.js',
    // css-select's default adapter; linkedom always passes its own.
    '--alias:domutils': './infra/bundle-stubs/domutils.js',
  },
};

export interface HeraldFunctionProps {
  /** Absolute path of the repo root (holds package-lock.json). */
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
    NodejsFunctionProps,
    | 'entry'
    | 'handler'
    | 'environment'
    | 'role'
    | 'logGroup'
    | 'runtime'
    | 'architecture'
    | 'bundling'
    | 'memorySize'
    | 'timeout'
    | 'description'
  >;
}

export interface HeraldFunctionParts {
  function: NodejsFunction;
  logGroup: logs.LogGroup;
  role: iam.Role;
}

/**
 * A Herald Lambda, created as `Logs`, `Role` and `Function` children of `scope`: Node.js 24 on arm64,
 * the ESM bundle above with the deployed config beside it (herald.config.json), its own log group with
 * a retention period, and its own role that may write only to that log group. The default role would
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

  const fn = new NodejsFunction(scope, 'Function', {
    ...props.options,
    description: props.description,
    entry: path.join(props.rootDir, props.entry),
    handler: 'handler',
    projectRoot: props.rootDir,
    depsLockFilePath: path.join(props.rootDir, 'package-lock.json'),
    runtime: lambda.Runtime.NODEJS_24_X,
    architecture: lambda.Architecture.ARM_64,
    memorySize: props.memorySize,
    timeout: props.timeout,
    role,
    logGroup,
    environment,
    bundling: { ...HERALD_BUNDLING, commandHooks: shipConfigFile(props.configFile) },
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

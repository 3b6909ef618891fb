import path from 'node:path';
import { Duration, RemovalPolicy, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import {
  type BundlingOptions,
  NodejsFunction,
  OutputFormat,
  SourceMapMode,
} from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/**
 * How the handler is bundled. Exported so the tests can pin it; the real-bundle test checks the output.
 *
 * Externals: none. The AWS SDK v3 is bundled rather than taken from the Node.js 24 runtime:
 * - the artifact is then exactly what the tests ran (same SDK, same Powertools peer versions), instead of
 *   whatever SDK the runtime ships that week;
 * - the bundle imports on its own in a fresh `node` (the real-bundle test and the cold-start bench
 *   need that: a `cdk.out` asset has no node_modules to resolve `@aws-sdk/*` from);
 * - esbuild keeps only the clients we use, minified, which loads faster than the runtime's full SDK.
 * The cost is bundle size (a few hundred KB zipped), which Lambda's 50 MB limit does not notice.
 * discord.js is bundled too; the handler `import()`s it only when a poll has something to post, and
 * esbuild keeps that dynamic import lazy (its module body runs on first use).
 */
export const POLL_BUNDLING: BundlingOptions = {
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
};

export interface PollFunctionProps {
  /** Absolute path of the repo root (holds package-lock.json). */
  rootDir: string;
  /** Handler entry, relative to rootDir. */
  entry: string;
  environment: Record<string, string>;
  logRetentionDays: number;
  /** Undefined: no reservation. */
  reservedConcurrency?: number;
  /** Where failed async invocations go. */
  onFailure: sqs.IQueue;
  /** How long an async event may wait (e.g. behind a running poll) before it is dropped. */
  maxEventAge: Duration;
}

/** The Lambda's limit on all environment variables together. */
export const LAMBDA_ENV_LIMIT_BYTES = 4096;
/** Keep a margin under the limit for variables an operator adds by hand (e.g. a log level). */
export const ENV_BUDGET_BYTES = 3584;
/** A token's value is unknown at synth: assume the longest it can plausibly be. */
const TOKEN_ESTIMATE_BYTES = 256;

/**
 * The poll Lambda with Herald's defaults: Node.js 24 on arm64, ESM bundle, 256 MB, 120 s,
 * no async retries (the next scheduled poll is the retry), failures to a queue, and its own
 * log group and role, so that its permissions are only what the stack grants.
 */
export class PollFunction extends Construct {
  readonly function: NodejsFunction;
  readonly logGroup: logs.LogGroup;
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: PollFunctionProps) {
    super(scope, id);
    assertEnvironmentFits(props.environment);

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetentionDays as logs.RetentionDays,
      // Logs are diagnostics, not state: they go with the stack (the table is what is kept).
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // A role of our own instead of the default one with AWSLambdaBasicExecutionRole, whose
    // logs:* permissions cover every log group in the account.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Herald poll function: writes its own logs, reads its secret, uses its table',
    });
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        // The log group's ARN attribute ends in `:*`, which covers its streams and nothing else.
        resources: [this.logGroup.logGroupArn],
      }),
    );

    this.function = new NodejsFunction(this, 'Function', {
      description: 'Herald: polls the feeds and posts matching stories to Discord',
      entry: path.join(props.rootDir, props.entry),
      handler: 'handler',
      projectRoot: props.rootDir,
      depsLockFilePath: path.join(props.rootDir, 'package-lock.json'),
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 256,
      // Every network call has a timeout and retries are bounded, so a poll ends well inside this.
      timeout: Duration.seconds(120),
      role: this.role,
      logGroup: this.logGroup,
      environment: props.environment,
      ...(props.reservedConcurrency !== undefined
        ? { reservedConcurrentExecutions: props.reservedConcurrency }
        : {}),
      // Async invocations (the schedule) are not retried: a retry would repeat a whole poll, and the
      // next scheduled poll retries pending deliveries anyway. A failure goes to the queue and alarms.
      retryAttempts: 0,
      maxEventAge: props.maxEventAge,
      onFailure: new destinations.SqsDestination(props.onFailure),
      bundling: POLL_BUNDLING,
    });
  }
}

/** The function's environment would not fit in Lambda's 4 KB. */
export class EnvironmentTooLargeError extends Error {
  override readonly name = 'EnvironmentTooLargeError';
}

/** Fails synth with a clear message when the environment would not fit Lambda's 4 KB. */
export function assertEnvironmentFits(environment: Record<string, string>): void {
  const sizeOf = (value: string) => {
    if (!Token.isUnresolved(value)) return Buffer.byteLength(value);
    // A token (the table name, the secret ARN) counts at its worst case.
    const markers = value.match(/\$\{Token\[[^\]]+\]\}/g) ?? [];
    const literal = markers.reduce((text, marker) => text.replace(marker, ''), value);
    return Buffer.byteLength(literal) + markers.length * TOKEN_ESTIMATE_BYTES;
  };
  const sizes = Object.entries(environment).map(([key, value]) => [key, key.length + sizeOf(value)] as const);
  const total = sizes.reduce((sum, [, size]) => sum + size, 0);
  if (total <= ENV_BUDGET_BYTES) return;
  const detail = sizes
    .sort((a, b) => b[1] - a[1])
    .map(([key, size]) => `${key}=${size} B`)
    .join(', ');
  throw new EnvironmentTooLargeError(
    `The function's environment would be about ${total} bytes (${detail}), over Herald's budget of ` +
      `${ENV_BUDGET_BYTES} bytes (Lambda's limit is ${LAMBDA_ENV_LIMIT_BYTES} bytes for all variables). ` +
      'HERALD_CONFIG is usually the large one: shorten feed and channel names, or move long topic ' +
      'lexicons out of the config.',
  );
}

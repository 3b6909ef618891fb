import { Duration } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { createHeraldFunction } from './function-defaults.ts';

/** A poll's timeout. Every network call has a timeout and retries are bounded, so a poll ends well inside it. */
export const POLL_TIMEOUT = Duration.seconds(120);

export interface PollFunctionProps {
  /** Absolute path of the repo root. */
  rootDir: string;
  /** Handler entry, relative to rootDir. */
  entry: string;
  /** The function config file, shipped in the code (see function-config-file.ts). */
  configFile: string;
  environment: Record<string, string>;
  logRetentionDays: number;
  /** Undefined: no reservation. */
  reservedConcurrency?: number;
  /** Where failed async invocations go. */
  onFailure: sqs.IQueue;
  /** How long an async event may wait (e.g. behind a running poll) before it is dropped. */
  maxEventAge: Duration;
}

/**
 * The poll Lambda with Herald's defaults (see function-defaults.ts): 256 MB, 120 s,
 * no async retries (the next scheduled poll is the retry), and failures to a queue.
 */
export class PollFunction extends Construct {
  readonly function: lambda.Function;
  readonly logGroup: logs.LogGroup;
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: PollFunctionProps) {
    super(scope, id);
    const parts = createHeraldFunction(this, {
      rootDir: props.rootDir,
      entry: props.entry,
      description: 'Herald: polls the feeds and posts matching stories to Discord',
      roleDescription: 'Herald poll function: writes its own logs, reads its secret, uses its table',
      configFile: props.configFile,
      environment: props.environment,
      logRetentionDays: props.logRetentionDays,
      memorySize: 256,
      timeout: POLL_TIMEOUT,
      options: {
        ...(props.reservedConcurrency !== undefined
          ? { reservedConcurrentExecutions: props.reservedConcurrency }
          : {}),
        // Async invocations (the schedule) are not retried: a retry would repeat a whole poll, and the
        // next scheduled poll retries pending deliveries anyway. A failure goes to the queue and alarms.
        retryAttempts: 0,
        maxEventAge: props.maxEventAge,
        onFailure: new destinations.SqsDestination(props.onFailure),
      },
    });
    this.function = parts.function;
    this.logGroup = parts.logGroup;
    this.role = parts.role;
  }
}

import { Duration } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { createDeadLetterQueue } from './dead-letter-queue.ts';
import { createHeraldFunction } from './function-defaults.ts';
import { POLL_TIMEOUT } from './poll-function.ts';

export const DISPATCHER_ENTRY = 'functions/fanout/dispatcher.ts';
export const FAN_OUT_POLLER_ENTRY = 'functions/fanout/poller.ts';

/** Receives before a feed message goes to the feed dead-letter queue. */
export const FEED_MAX_RECEIVE_COUNT = 3;

/**
 * AWS's guidance for an SQS event source: a visibility timeout of at least six times the function's
 * timeout (plus the batching window), so that throttled and retried invocations do not see a message
 * reappear while a poller is still working on it.
 */
export const VISIBILITY_TIMEOUT_FACTOR = 6;

export interface FanOutProps {
  /** Absolute path of the repo root. */
  rootDir: string;
  dispatcherEntry: string;
  pollerEntry: string;
  /** The function config file, shipped in both functions' code (see function-config-file.ts). */
  configFile: string;
  /** The config's `scale.batchSize`: feed messages per poller invocation. */
  batchSize: number;
  /** The config's `scale.maxConcurrency`: poller invocations at once. */
  maxConcurrency: number;
  /** The dispatcher's environment; the construct adds HERALD_FEED_QUEUE_URL. */
  dispatcherEnvironment: Record<string, string>;
  /** The poller's environment: the same as the poll function's. */
  pollerEnvironment: Record<string, string>;
  logRetentionDays: number;
  /** Where a failed scheduled dispatch goes (the stack's dead-letter queue). */
  onFailure: sqs.IQueue;
  /** How long a scheduled event may wait before it is dropped. */
  maxEventAge: Duration;
}

/**
 * Fan-out mode (`scale.fanOut`), for thousands of feeds: the schedule invokes the dispatcher, which
 * queues one message per feed; the poller consumes the queue in batches, with bounded concurrency and
 * partial-batch failure reporting. A feed message that fails three times goes to the feed dead-letter
 * queue, which alarms. Overlap is harmless here as in the single function: deliveries are claimed with
 * conditional writes, so two pollers never post the same story to the same channel.
 */
export class FanOut extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly dispatcher: lambda.Function;
  readonly dispatcherRole: iam.Role;
  readonly poller: lambda.Function;
  readonly pollerRole: iam.Role;

  constructor(scope: Construct, id: string, props: FanOutProps) {
    super(scope, id);

    this.deadLetterQueue = createDeadLetterQueue(this, 'FeedDeadLetterQueue', "the feed queue's");

    // More than 10 messages per batch needs a batching window; one second is enough, because the
    // dispatcher queues every feed at once.
    const batchingWindow = props.batchSize > 10 ? Duration.seconds(1) : undefined;
    this.queue = new sqs.Queue(this, 'FeedQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(
        POLL_TIMEOUT.toSeconds() * VISIBILITY_TIMEOUT_FACTOR + (batchingWindow?.toSeconds() ?? 0),
      ),
      // A feed message is worth one poll. A day outlasts the three receives, one visibility timeout
      // apart, that lead to the dead-letter queue (about 36 minutes); the schedule queues the feed anew.
      retentionPeriod: Duration.days(1),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: FEED_MAX_RECEIVE_COUNT },
    });

    const dispatcher = createHeraldFunction(new Construct(this, 'Dispatcher'), {
      rootDir: props.rootDir,
      entry: props.dispatcherEntry,
      description: 'Herald fan-out: queues one message per feed for the pollers',
      roleDescription: 'Herald fan-out dispatcher: writes its own logs, sends to the feed queue',
      configFile: props.configFile,
      environment: { ...props.dispatcherEnvironment, HERALD_FEED_QUEUE_URL: this.queue.queueUrl },
      logRetentionDays: props.logRetentionDays,
      memorySize: 256,
      // Ten feeds per SendMessageBatch call: thousands of feeds take a few hundred calls.
      timeout: Duration.seconds(60),
      options: {
        // As for the poll function: the next scheduled dispatch is the retry, failures go to the queue.
        retryAttempts: 0,
        maxEventAge: props.maxEventAge,
        onFailure: new destinations.SqsDestination(props.onFailure),
      },
    });
    this.dispatcher = dispatcher.function;
    this.dispatcherRole = dispatcher.role;
    this.queue.grantSendMessages(this.dispatcherRole);

    const poller = createHeraldFunction(new Construct(this, 'Poller'), {
      rootDir: props.rootDir,
      entry: props.pollerEntry,
      description: 'Herald fan-out: polls the feeds of one batch of queue messages',
      roleDescription: 'Herald fan-out poller: writes its own logs, reads its secret, uses its table',
      configFile: props.configFile,
      environment: props.pollerEnvironment,
      logRetentionDays: props.logRetentionDays,
      memorySize: 256,
      timeout: POLL_TIMEOUT,
    });
    this.poller = poller.function;
    this.pollerRole = poller.role;
    this.poller.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: props.batchSize,
        ...(batchingWindow ? { maxBatchingWindow: batchingWindow } : {}),
        maxConcurrency: props.maxConcurrency,
        // The poller reports the feeds that failed; only their messages are received again.
        reportBatchItemFailures: true,
      }),
    );
  }
}

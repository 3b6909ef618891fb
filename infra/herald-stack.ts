import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  Annotations,
  CfnOutput,
  Duration,
  RemovalPolicy,
  SecretValue,
  Stack,
  type StackProps,
  Stage,
  Validations,
} from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { TABLE_KEY, TTL_ATTRIBUTE } from '../functions/adapters/table-schema.ts';
import type { HeraldConfig } from '../functions/core/config.ts';
import { HeraldAlarms, METRICS } from './alarms.ts';
import { createDeadLetterQueue } from './dead-letter-queue.ts';
import { validatedFunctionConfig } from './deploy-config.ts';
import type { DeploySettings } from './deploy-settings.ts';
import { digestScheduleExpression } from './digest-schedule.ts';
import { DISPATCHER_ENTRY, FAN_OUT_POLLER_ENTRY, FanOut } from './fan-out.ts';
import { writeFunctionConfigFile } from './function-config-file.ts';
import { INTERACTIONS_ENTRY, InteractionsEndpoint } from './interactions-endpoint.ts';
import { PollFunction } from './poll-function.ts';

/**
 * The DynamoDB actions the poll needs: exactly the operations the state store sends on the poll's path.
 * BatchGetItem (poll state, stories, deliveries), BatchWriteItem (a feed's first poll), PutItem
 * (conditional decisions and deliveries), UpdateItem (claims, marks, the outbox). No Scan: listing is
 * `herald status`, which runs with the operator's credentials, and the interactions endpoint, which gets
 * Scan and nothing else. No DeleteItem: records expire by TTL.
 */
export const TABLE_ACTIONS = [
  'dynamodb:BatchGetItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
];

export const HANDLER_ENTRY = 'functions/poll/handler.ts';

/** Each handler's entry, relative to the repo root. Every handler exports `handler`. */
export interface HandlerEntries {
  poll: string;
  interactions: string;
  dispatcher: string;
  fanOutPoller: string;
}

export const HANDLER_ENTRIES: HandlerEntries = {
  poll: HANDLER_ENTRY,
  interactions: INTERACTIONS_ENTRY,
  dispatcher: DISPATCHER_ENTRY,
  fanOutPoller: FAN_OUT_POLLER_ENTRY,
};

/** A function the stack deploys has no handler file: synth says which, instead of a bundler error. */
export class MissingHandlerError extends Error {
  override readonly name = 'MissingHandlerError';
}

export interface HeraldStackProps extends StackProps {
  /** Absolute path of the repo root. */
  rootDir: string;
  /** The config file's validated JSON, as written. */
  configInput: Record<string, unknown>;
  /** The same config, parsed with its defaults. */
  config: HeraldConfig;
  settings: DeploySettings;
  /** Overrides for HANDLER_ENTRIES (tests). */
  entries?: Partial<HandlerEntries>;
}

/**
 * Herald in one stack: table, secret, poll function, schedule, dead-letter queue and alarms; with
 * `scale.fanOut`, a dispatcher, a feed queue and a queue-driven poller; with `herald:discordPublicKey`,
 * the `/herald` interactions endpoint.
 */
export class HeraldStack extends Stack {
  readonly table: dynamodb.Table;
  readonly secret: secretsmanager.Secret;
  readonly poll: PollFunction;
  readonly deadLetterQueue: sqs.Queue;
  readonly schedule: scheduler.Schedule;
  /** One per digest channel: it runs that channel's digest. */
  readonly digestSchedules: scheduler.Schedule[];
  readonly alarms: HeraldAlarms;
  /** Present when the config's `scale.fanOut` is on. */
  readonly fanOut?: FanOut;
  /** Present when `herald:discordPublicKey` is set. */
  readonly interactions?: InteractionsEndpoint;
  /**
   * The function config as written at synth, under the cloud assembly's directory: every function's code
   * carries a copy as herald.config.json.
   */
  readonly functionConfigFile: string;

  constructor(scope: Construct, id: string, props: HeraldStackProps) {
    super(scope, id, props);
    const { settings } = props;
    const rateMinutes = props.config.schedule.rateMinutes;
    const entries = { ...HANDLER_ENTRIES, ...props.entries };
    const entry = (name: keyof HandlerEntries, reason: string): string => {
      const file = entries[name];
      if (!existsSync(path.join(props.rootDir, file)))
        throw new MissingHandlerError(`${reason}, but its handler ${file} does not exist`);
      return file;
    };

    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: TABLE_KEY, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: TTL_ATTRIBUTE,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // The table is the record of what was posted and what is still pending: `npm run destroy` keeps it,
      // and deletion protection guards it from a stray delete. `-c herald:retainTable=false` for
      // throwaway stacks.
      removalPolicy: settings.retainTable ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      deletionProtection: settings.retainTable,
    });

    // Holds `{ "channels": { "<channel id>": "<webhook URL>" }, "botToken": "..." }`, set with
    // `herald secrets set`. The template's value is an empty skeleton that never changes, so
    // CloudFormation never updates it and a redeploy keeps what was stored.
    this.secret = new secretsmanager.Secret(this, 'Secret', {
      description: 'Herald: Discord webhook URLs by channel id, and the bot token',
      secretStringValue: SecretValue.unsafePlainText(JSON.stringify({ channels: {} })),
    });
    Validations.of(this.secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The secret holds Discord webhook URLs and a bot token, which only Discord can reissue; ' +
        'there is no rotation API to drive. They are replaced by hand with `herald secrets set`.',
    });

    this.deadLetterQueue = createDeadLetterQueue(
      this,
      'DeadLetterQueue',
      "Lambda on-failure destination and the schedule's dead-letter queue",
    );

    const tableName = this.table.tableName;
    const functionConfig = validatedFunctionConfig(props.configInput);
    for (const channel of functionConfig.droppedWebhooks)
      Annotations.of(this).addInfo(
        `channel ${channel}: its webhookUrl in the config file is not deployed; store it with ` +
          `\`npx herald secrets set ${channel}\``,
      );
    if (functionConfig.droppedBotToken)
      Annotations.of(this).addInfo(
        'discord.botToken in the config file is not deployed; store it with `npx herald secrets set-bot-token`',
      );

    // A stale scheduled poll is worthless once the next one is due.
    const maxEventAge = Duration.seconds(Math.min(Math.max(rateMinutes * 60, 60), 6 * 3600));

    // Written before the functions are made: each function bundles (and copies the file) as it is built.
    const outdir = Stage.of(this)?.outdir ?? mkdtempSync(path.join(tmpdir(), 'herald-synth-'));
    this.functionConfigFile = writeFunctionConfigFile(
      path.join(outdir, 'herald-function-config'),
      functionConfig.config,
    );
    const configFile = this.functionConfigFile;
    const powertools = {
      POWERTOOLS_SERVICE_NAME: METRICS.service,
      POWERTOOLS_METRICS_NAMESPACE: METRICS.namespace,
    };
    // No NODE_OPTIONS=--enable-source-maps: it parses every loaded file's map at every cold start. The
    // handlers map a stack when one is printed instead (functions/wiring/lazy-source-maps.ts).
    const pollEnvironment = {
      HERALD_TABLE: tableName,
      HERALD_SECRET_ID: this.secret.secretArn,
      ...powertools,
    };

    // The single poll function stays in fan-out mode too: `herald invoke` and `/herald poll` run it.
    this.poll = new PollFunction(this, 'Poll', {
      rootDir: props.rootDir,
      entry: entry('poll', 'the poll function is always deployed'),
      configFile,
      environment: pollEnvironment,
      logRetentionDays: settings.logRetentionDays,
      // Overlapping polls are already harmless: every delivery is claimed with a conditional write
      // before it is posted. One reserved execution is belt and braces that costs nothing: a poll that
      // runs past the next tick delays that tick instead of racing it, and a stuck loop of invocations
      // cannot fan out into many copies hammering VOA and Discord. New accounts whose concurrency quota
      // is 10 cannot reserve any: deploy with `-c herald:reservedConcurrency=off`.
      ...(settings.reservedConcurrency !== undefined
        ? { reservedConcurrency: settings.reservedConcurrency }
        : {}),
      onFailure: this.deadLetterQueue,
      maxEventAge,
    });
    const fn = this.poll.function;

    this.table.grant(this.poll.role, ...TABLE_ACTIONS);
    this.secret.grantRead(this.poll.role);

    const { scale } = props.config;
    if (scale.fanOut) {
      const fanOut = new FanOut(this, 'FanOut', {
        rootDir: props.rootDir,
        dispatcherEntry: entry('dispatcher', 'scale.fanOut is on'),
        pollerEntry: entry('fanOutPoller', 'scale.fanOut is on'),
        configFile,
        batchSize: scale.batchSize,
        maxConcurrency: scale.maxConcurrency,
        dispatcherEnvironment: powertools,
        pollerEnvironment: pollEnvironment,
        logRetentionDays: settings.logRetentionDays,
        onFailure: this.deadLetterQueue,
        maxEventAge,
      });
      this.table.grant(fanOut.pollerRole, ...TABLE_ACTIONS);
      this.secret.grantRead(fanOut.pollerRole);
      this.fanOut = fanOut;
    }
    // In fan-out mode the schedule starts the dispatcher; otherwise it runs the poll itself.
    const scheduled = this.fanOut?.dispatcher ?? fn;

    if (settings.discordPublicKey) {
      this.interactions = new InteractionsEndpoint(this, 'Interactions', {
        rootDir: props.rootDir,
        entry: entry('interactions', 'herald:discordPublicKey is set'),
        publicKey: settings.discordPublicKey,
        table: this.table,
        poller: fn,
        configFile,
        logRetentionDays: settings.logRetentionDays,
      });
    }

    // The role targets.LambdaInvoke would create, made here so it can be acknowledged by name.
    const scheduleRole = new iam.Role(this, 'ScheduleRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: {
            'aws:SourceAccount': this.account,
            'aws:SourceArn': `arn:${this.partition}:scheduler:${this.region}:${this.account}:schedule-group/default`,
          },
        },
      }),
      description: this.fanOut
        ? 'Herald schedule: invokes the fan-out dispatcher, sends undeliverable events to the DLQ'
        : 'Herald schedule: invokes the poll function, sends undeliverable events to the DLQ',
    });
    const scheduledLogicalId = this.getLogicalId(scheduled.node.defaultChild as lambda.CfnFunction);
    Validations.of(scheduleRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${scheduledLogicalId}.Arn>:*]`,
      reason:
        'lambda:InvokeFunction as granted by CDK: the function ARN plus `:*` for its versions and aliases. ' +
        'The wildcard spans qualifiers of this one function only.',
    });

    this.schedule = new scheduler.Schedule(this, 'Schedule', {
      description: this.fanOut
        ? `Herald fan-out dispatch every ${rateMinutes} minute(s)`
        : `Herald poll every ${rateMinutes} minute(s)`,
      schedule: scheduler.ScheduleExpression.rate(Duration.minutes(rateMinutes)),
      target: new targets.LambdaInvoke(scheduled, {
        // Shaped like an EventBridge "Scheduled Event", so the handler tells a scheduled poll from a
        // manual `{ dryRun, feeds }` payload by `detail-type`.
        input: scheduler.ScheduleTargetInput.fromObject({
          version: '0',
          id: scheduler.ContextAttribute.executionId,
          'detail-type': 'Scheduled Event',
          source: 'aws.scheduler',
          account: this.account,
          time: scheduler.ContextAttribute.scheduledTime,
          region: this.region,
          resources: [scheduler.ContextAttribute.scheduleArn],
          detail: {},
        }),
        // Scheduler hands the event to Lambda's async queue; these retries cover only that hand-off.
        retryAttempts: 2,
        maxEventAge,
        role: scheduleRole,
        deadLetterQueue: this.deadLetterQueue,
      }),
    });

    // Each digest channel's schedule invokes the poll function with a digest request for that channel.
    if (scheduled !== fn && props.config.channels.some((c) => c.digest)) {
      Validations.of(scheduleRole).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(fn.node.defaultChild as lambda.CfnFunction)}.Arn>:*]`,
        reason:
          'lambda:InvokeFunction for the digest schedules, as granted by CDK: the poll function ARN plus `:*` ' +
          'for its versions and aliases.',
      });
    }
    this.digestSchedules = props.config.channels.flatMap((channel) =>
      channel.digest
        ? [
            new scheduler.Schedule(this, `Digest-${channel.id}`, {
              description: `Herald digest of #${channel.id}, every ${channel.digest.every}${channel.digest.at ? ` at ${channel.digest.at} UTC` : ''}`,
              schedule: scheduler.ScheduleExpression.expression(digestScheduleExpression(channel.digest)),
              target: new targets.LambdaInvoke(fn, {
                input: scheduler.ScheduleTargetInput.fromObject({ digest: { channels: [channel.id] } }),
                retryAttempts: 2,
                maxEventAge,
                role: scheduleRole,
                deadLetterQueue: this.deadLetterQueue,
              }),
            }),
          ]
        : [],
    );

    this.alarms = new HeraldAlarms(this, 'Alarms', {
      function: fn,
      deadLetterQueue: this.deadLetterQueue,
      ...(this.fanOut ? { feedDeadLetterQueue: this.fanOut.deadLetterQueue } : {}),
      rateMinutes,
      ...(settings.alarmEmail ? { email: settings.alarmEmail } : {}),
    });

    new CfnOutput(this, 'FunctionName', { value: fn.functionName, description: 'herald invoke calls this' });
    new CfnOutput(this, 'TableName', { value: tableName });
    new CfnOutput(this, 'SecretName', {
      value: this.secret.secretName,
      description: 'herald secrets set writes here',
    });
    new CfnOutput(this, 'SecretArn', { value: this.secret.secretArn });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn });
    new CfnOutput(this, 'DeadLetterQueueUrl', { value: this.deadLetterQueue.queueUrl });
    new CfnOutput(this, 'LogGroupName', { value: this.poll.logGroup.logGroupName });
    if (this.fanOut) {
      new CfnOutput(this, 'FeedQueueUrl', { value: this.fanOut.queue.queueUrl });
      new CfnOutput(this, 'FeedDeadLetterQueueUrl', { value: this.fanOut.deadLetterQueue.queueUrl });
    }
    if (this.interactions)
      new CfnOutput(this, 'InteractionsUrl', {
        value: this.interactions.url.url,
        description: 'Set as Interactions Endpoint URL in the Discord Developer Portal',
      });
  }
}

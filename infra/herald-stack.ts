import {
  Annotations,
  CfnOutput,
  Duration,
  RemovalPolicy,
  SecretValue,
  Stack,
  type StackProps,
  Validations,
} from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { TABLE_KEY, TTL_ATTRIBUTE } from '../functions/adapters/table-schema.ts';
import type { HeraldConfig } from '../functions/core/config.ts';
import { HeraldAlarms, METRICS } from './alarms.ts';
import { toFunctionConfig } from './deploy-config.ts';
import type { DeploySettings } from './deploy-settings.ts';
import { PollFunction } from './poll-function.ts';

/**
 * The DynamoDB actions the poll needs: exactly the operations the state store sends on the poll's path.
 * BatchGetItem (poll state, stories, deliveries), BatchWriteItem (a feed's first poll), PutItem
 * (conditional decisions and deliveries), UpdateItem (claims, marks, the outbox). No Scan: listing is
 * `herald status`, which runs with the operator's credentials. No DeleteItem: records expire by TTL.
 */
export const TABLE_ACTIONS = [
  'dynamodb:BatchGetItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
];

export const HANDLER_ENTRY = 'functions/poll/handler.ts';

export interface HeraldStackProps extends StackProps {
  /** Absolute path of the repo root. */
  rootDir: string;
  /** The config file's validated JSON, as written. */
  configInput: Record<string, unknown>;
  /** The same config, parsed with its defaults. */
  config: HeraldConfig;
  settings: DeploySettings;
}

/** Herald in one stack: table, secret, poll function, schedule, dead-letter queue and alarms. */
export class HeraldStack extends Stack {
  readonly table: dynamodb.Table;
  readonly secret: secretsmanager.Secret;
  readonly poll: PollFunction;
  readonly deadLetterQueue: sqs.Queue;
  readonly schedule: scheduler.Schedule;
  readonly alarms: HeraldAlarms;

  constructor(scope: Construct, id: string, props: HeraldStackProps) {
    super(scope, id, props);
    const { settings } = props;
    const rateMinutes = props.config.schedule.rateMinutes;

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

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the dead-letter destination (Lambda on-failure and Scheduler DLQ); ' +
        'nothing consumes it, so a queue behind it would never receive anything.',
    });

    const tableName = this.table.tableName;
    const functionConfig = toFunctionConfig(props.configInput, tableName);
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

    this.poll = new PollFunction(this, 'Poll', {
      rootDir: props.rootDir,
      entry: HANDLER_ENTRY,
      environment: {
        // JSON.stringify keeps the table-name token intact; CloudFormation joins it in.
        HERALD_CONFIG: JSON.stringify(functionConfig.config),
        HERALD_TABLE: tableName,
        HERALD_SECRET_ID: this.secret.secretArn,
        POWERTOOLS_SERVICE_NAME: METRICS.service,
        POWERTOOLS_METRICS_NAMESPACE: METRICS.namespace,
        NODE_OPTIONS: '--enable-source-maps',
      },
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
      description: 'Herald schedule: invokes the poll function, sends undeliverable events to the DLQ',
    });
    const fnLogicalId = this.getLogicalId(fn.node.defaultChild as lambda.CfnFunction);
    Validations.of(scheduleRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${fnLogicalId}.Arn>:*]`,
      reason:
        'lambda:InvokeFunction as granted by CDK: the function ARN plus `:*` for its versions and aliases. ' +
        'The wildcard spans qualifiers of this one function only.',
    });

    this.schedule = new scheduler.Schedule(this, 'Schedule', {
      description: `Herald poll every ${rateMinutes} minute(s)`,
      schedule: scheduler.ScheduleExpression.rate(Duration.minutes(rateMinutes)),
      target: new targets.LambdaInvoke(fn, {
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

    this.alarms = new HeraldAlarms(this, 'Alarms', {
      function: fn,
      deadLetterQueue: this.deadLetterQueue,
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
  }
}

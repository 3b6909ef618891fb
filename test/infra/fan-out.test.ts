import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import type { ConfigInput } from '../../functions/core/config.ts';
import { FEED_MAX_RECEIVE_COUNT, VISIBILITY_TIMEOUT_FACTOR } from '../../infra/fan-out.ts';
import { MissingHandlerError, TABLE_ACTIONS } from '../../infra/herald-stack.ts';
import {
  BASE_CONFIG,
  flatten,
  logicalIdOf,
  type Resource,
  resource,
  resourcesOf,
  statementsOf,
  synthStack,
  testApp,
} from './synth.ts';

const FAN_OUT: ConfigInput = { ...BASE_CONFIG, scale: { fanOut: true } };

function withFanOut(config: ConfigInput = FAN_OUT) {
  const { stack, template } = synthStack({ config });
  const fanOut = stack.fanOut;
  if (!fanOut) throw new Error('the stack made no fan-out');
  return {
    stack,
    template,
    queueId: logicalIdOf(fanOut.queue),
    feedDlqId: logicalIdOf(fanOut.deadLetterQueue),
    dispatcherId: logicalIdOf(fanOut.dispatcher),
    dispatcherRoleId: logicalIdOf(fanOut.dispatcherRole),
    pollerId: logicalIdOf(fanOut.poller),
    pollerRoleId: logicalIdOf(fanOut.pollerRole),
    pollId: logicalIdOf(stack.poll.function),
    stackDlqId: logicalIdOf(stack.deadLetterQueue),
    tableId: logicalIdOf(stack.table),
    secretId: logicalIdOf(stack.secret),
  };
}

/** A role's statements, with resources flattened to `<LogicalId.Attr>` strings. */
function permissions(template: ReturnType<typeof synthStack>['template'], roleId: string) {
  return statementsOf(template, roleId).map((s) => ({
    Action: s.Action,
    Resource: ([] as unknown[]).concat(s.Resource).map(flatten),
  }));
}

describe('fan-out mode off (the default)', () => {
  it('deploys one function that the schedule invokes, and no feed queue', () => {
    const { stack, template } = synthStack();
    expect(stack.fanOut).toBeUndefined();
    template.resourceCountIs('AWS::Lambda::Function', 1);
    template.resourceCountIs('AWS::SQS::Queue', 1);
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', 0);
    const [schedule] = Object.values(resourcesOf(template, 'AWS::Scheduler::Schedule'));
    expect(schedule?.Properties.Target.Arn).toEqual({
      'Fn::GetAtt': [logicalIdOf(stack.poll.function), 'Arn'],
    });
    expect(template.toJSON().Outputs.FeedQueueUrl).toBeUndefined();
  });
});

describe('fan-out mode on (scale.fanOut)', () => {
  it('points the schedule at the dispatcher, and keeps the poll function for `herald invoke`', () => {
    const { template, dispatcherId, pollId } = withFanOut();
    template.resourceCountIs('AWS::Lambda::Function', 3);
    const [schedule] = Object.values(resourcesOf(template, 'AWS::Scheduler::Schedule'));
    expect(schedule?.Properties.Target.Arn).toEqual({ 'Fn::GetAtt': [dispatcherId, 'Arn'] });
    expect(JSON.parse(flatten(schedule?.Properties.Target.Input))).toMatchObject({
      'detail-type': 'Scheduled Event',
      source: 'aws.scheduler',
    });
    expect(template.toJSON().Outputs.FunctionName.Value).toEqual({ Ref: pollId });
  });

  it('queues feeds on an encrypted, TLS-only queue that outlasts six poller timeouts, with a DLQ after 3 receives', () => {
    const { template, queueId, feedDlqId, pollerId } = withFanOut();
    template.resourceCountIs('AWS::SQS::Queue', 3);
    const queue = resource(template, queueId).Properties;
    const pollerTimeout = resource(template, pollerId).Properties.Timeout as number;
    expect(queue.SqsManagedSseEnabled).toBe(true);
    expect(queue.VisibilityTimeout).toBeGreaterThanOrEqual(VISIBILITY_TIMEOUT_FACTOR * pollerTimeout);
    expect(queue.VisibilityTimeout).toBe(720);
    expect(queue.RedrivePolicy).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': [feedDlqId, 'Arn'] },
      maxReceiveCount: FEED_MAX_RECEIVE_COUNT,
    });
    expect(FEED_MAX_RECEIVE_COUNT).toBe(3);
    const dlq = resource(template, feedDlqId).Properties;
    expect(dlq).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
    for (const id of [queueId, feedDlqId]) {
      const policy = Object.values(resourcesOf(template, 'AWS::SQS::QueuePolicy')).find((p) =>
        (p.Properties.Queues as unknown[]).some((q) => flatten(q) === `<${id}>`),
      );
      expect(policy?.Properties.PolicyDocument.Statement, id).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            Effect: 'Deny',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      );
    }
  });

  it('gives the dispatcher the config file and the queue URL, and lets it send to that queue only', () => {
    const { template, dispatcherId, dispatcherRoleId, queueId, stackDlqId, pollId } = withFanOut();
    const dispatcher = resource(template, dispatcherId).Properties;
    expect(dispatcher).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], MemorySize: 256 });
    const env = dispatcher.Environment.Variables;
    expect(env.HERALD_FEED_QUEUE_URL).toEqual({ Ref: queueId });
    expect(env.HERALD_CONFIG_FILE).toBe('herald.config.json');
    expect(env.HERALD_CONFIG_FILE).toEqual(
      resource(template, pollId).Properties.Environment.Variables.HERALD_CONFIG_FILE,
    );
    expect(env.HERALD_CONFIG).toBeUndefined();
    expect(env.HERALD_TABLE).toBeUndefined();
    expect(env.HERALD_SECRET_ID).toBeUndefined();

    const statements = permissions(template, dispatcherRoleId);
    const data = statements.filter((s) => !String(s.Action).startsWith('logs:'));
    // The feed queue, and the stack's dead-letter queue as the async-invoke failure destination (as for
    // the poll function); IAM policy minimization merges the two into one statement.
    expect(data).toEqual([
      {
        Action: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'],
        Resource: expect.any(Array),
      },
    ]);
    expect(data[0]?.Resource.sort()).toEqual([`<${stackDlqId}.Arn>`, `<${queueId}.Arn>`].sort());
    const invokeConfig = Object.values(resourcesOf(template, 'AWS::Lambda::EventInvokeConfig')).find(
      (c) => c.Properties.FunctionName.Ref === dispatcherId,
    );
    expect(invokeConfig?.Properties).toMatchObject({
      MaximumRetryAttempts: 0,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [stackDlqId, 'Arn'] } } },
    });
  });

  it('runs the poller from the queue in batches from config, with bounded concurrency and partial-batch failures', () => {
    const { template, pollerId, queueId } = withFanOut({
      ...BASE_CONFIG,
      scale: { fanOut: true, batchSize: 7, maxConcurrency: 12 },
    });
    const mappings = Object.values(resourcesOf(template, 'AWS::Lambda::EventSourceMapping'));
    expect(mappings).toHaveLength(1);
    expect(mappings[0]?.Properties).toEqual({
      FunctionName: { Ref: pollerId },
      EventSourceArn: { 'Fn::GetAtt': [queueId, 'Arn'] },
      BatchSize: 7,
      ScalingConfig: { MaximumConcurrency: 12 },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('defaults to batches of 10 and 5 pollers at once; a larger batch gets a batching window', () => {
    const defaults = withFanOut();
    const [mapping] = Object.values(resourcesOf(defaults.template, 'AWS::Lambda::EventSourceMapping'));
    expect(mapping?.Properties).toMatchObject({ BatchSize: 10, ScalingConfig: { MaximumConcurrency: 5 } });
    expect(mapping?.Properties.MaximumBatchingWindowInSeconds).toBeUndefined();

    const large = withFanOut({ ...BASE_CONFIG, scale: { fanOut: true, batchSize: 50 } });
    const [big] = Object.values(resourcesOf(large.template, 'AWS::Lambda::EventSourceMapping'));
    expect(big?.Properties).toMatchObject({ BatchSize: 50, MaximumBatchingWindowInSeconds: 1 });
    // AWS's rule for the visibility timeout counts the batching window too.
    expect(resource(large.template, large.queueId).Properties.VisibilityTimeout).toBe(721);
  });

  it("gives the poller the poll function's environment, table actions and secret reads", () => {
    const { template, pollerId, pollerRoleId, pollId, queueId, tableId, secretId } = withFanOut();
    const poller = resource(template, pollerId).Properties;
    const poll = resource(template, pollId).Properties;
    expect(poller).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], MemorySize: 256 });
    expect(poller.Timeout).toBe(poll.Timeout);
    expect(poller.Environment).toEqual(poll.Environment);
    expect(poller.ReservedConcurrentExecutions).toBeUndefined();
    expect(resource(template, pollerRoleId).Properties.ManagedPolicyArns).toBeUndefined();

    const data = permissions(template, pollerRoleId).filter((s) => !String(s.Action).startsWith('logs:'));
    expect(data).toHaveLength(3);
    expect(data).toEqual(
      expect.arrayContaining([
        { Action: TABLE_ACTIONS, Resource: [`<${tableId}.Arn>`] },
        {
          Action: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'],
          Resource: [`<${secretId}>`],
        },
        {
          Action: [
            'sqs:ChangeMessageVisibility',
            'sqs:DeleteMessage',
            'sqs:GetQueueAttributes',
            'sqs:GetQueueUrl',
            'sqs:ReceiveMessage',
          ],
          Resource: [`<${queueId}.Arn>`],
        },
      ]),
    );
  });

  it('gives each function its own log group with the retention period', () => {
    const { template, dispatcherId, pollerId } = withFanOut();
    const groups = resourcesOf(template, 'AWS::Logs::LogGroup');
    expect(Object.keys(groups)).toHaveLength(3);
    for (const id of [dispatcherId, pollerId]) {
      const group = resource(template, id).Properties.LoggingConfig.LogGroup.Ref as string;
      expect(groups[group]?.Properties.RetentionInDays).toBe(30);
    }
  });

  it('alarms when a feed message reaches the feed dead-letter queue', () => {
    const { template, feedDlqId } = withFanOut();
    const alarms = Object.values(resourcesOf(template, 'AWS::CloudWatch::Alarm'));
    expect(alarms).toHaveLength(5);
    const feedDlqAlarm = alarms.find((a) =>
      (a.Properties.Dimensions as { Value: unknown }[] | undefined)?.some(
        (d) => flatten(d.Value) === `<${feedDlqId}.QueueName>`,
      ),
    );
    expect(feedDlqAlarm?.Properties).toMatchObject({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Statistic: 'Maximum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    expect(feedDlqAlarm?.Properties.AlarmActions).toHaveLength(1);
    expect(template.toJSON().Outputs.FeedDeadLetterQueueUrl.Value).toEqual({ Ref: feedDlqId });
  });

  it('fails synth naming a fan-out handler that does not exist', () => {
    expect(() =>
      synthStack({ config: FAN_OUT, entries: { dispatcher: 'functions/fanout/nowhere.ts' } }),
    ).toThrow(MissingHandlerError);
    expect(() =>
      synthStack({ config: FAN_OUT, entries: { dispatcher: 'functions/fanout/nowhere.ts' } }),
    ).toThrow(/scale\.fanOut is on, but its handler functions\/fanout\/nowhere\.ts does not exist/);
  });

  it('passes cdk-nag with the interactions endpoint and a digest schedule too, every acknowledgement with a reason', () => {
    const app = testApp();
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { writeSuppressionsToCloudFormation: true }));
    const { stack } = synthStack({
      app,
      config: {
        ...FAN_OUT,
        channels: [
          {
            id: 'morning',
            webhookUrl: 'https://discord.com/api/webhooks/2/token',
            digest: { every: '24h', at: '08:00' },
          },
        ],
      },
      settings: { discordPublicKey: 'ab'.repeat(32) },
    });
    const assembly = app.synth();
    const report = JSON.parse(readFileSync(path.join(assembly.directory, 'validation-report.json'), 'utf8'));
    expect(report.pluginReports.flatMap((r: { violations?: unknown[] }) => r.violations ?? [])).toEqual([]);

    const resources = assembly.getStackByName('Herald').template.Resources as Record<string, Resource>;
    const acknowledged = Object.values(resources).flatMap(
      (r) => (r.Metadata?.cdk_nag?.rules_to_suppress ?? []) as { id: string; reason: string }[],
    );
    const fanOut = stack.fanOut;
    expect(fanOut).toBeDefined();
    expect([...new Set(acknowledged.map((a) => a.id))].sort()).toEqual(
      [
        // The schedule invokes the dispatcher; the interactions endpoint and the digest schedule invoke the
        // poll function.
        `AwsSolutions-IAM5[Resource::<${logicalIdOf(fanOut?.dispatcher ?? stack)}.Arn>:*]`,
        `AwsSolutions-IAM5[Resource::<${logicalIdOf(stack.poll.function)}.Arn>:*]`,
        'AwsSolutions-SMG4',
        'AwsSolutions-SQS3',
      ].sort(),
    );
    for (const { reason } of acknowledged) expect(reason.length).toBeGreaterThan(60);
  });
});

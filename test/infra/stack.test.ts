import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import { type ConfigInput, parseConfig } from '../../functions/core/config.ts';
import { withoutMark } from '../../functions/wiring/validated-config.ts';
import { METRICS } from '../../infra/alarms.ts';
import { createApp, ROOT_DIR } from '../../infra/app.ts';
import { validatedFunctionConfig } from '../../infra/deploy-config.ts';
import { digestScheduleExpression } from '../../infra/digest-schedule.ts';
import { CREATE_REQUIRE_BANNER, HERALD_ESBUILD } from '../../infra/function-bundle.ts';
import {
  assertEnvironmentFits,
  EnvironmentTooLargeError,
  environmentBytes,
} from '../../infra/function-defaults.ts';
import { HANDLER_ENTRY, type HeraldStack, TABLE_ACTIONS } from '../../infra/herald-stack.ts';
import { BASE_CONFIG, flatten, synthStack, testApp } from './synth.ts';

// biome-ignore lint/suspicious/noExplicitAny: a CloudFormation template is untyped JSON, read by path here.
type Json = any;
type Resource = { Type: string; Properties: Record<string, Json>; DeletionPolicy?: string; Metadata?: Json };

function only(template: ReturnType<typeof synthStack>['template'], type: string): [string, Resource] {
  const found = Object.entries(template.findResources(type)) as [string, Resource][];
  expect(found, type).toHaveLength(1);
  return found[0] as [string, Resource];
}

function logicalId(template: ReturnType<typeof synthStack>['template'], type: string): string {
  return only(template, type)[0];
}

/** The function config file the stack wrote at synth: what every function's code carries. */
function shippedConfig(stack: HeraldStack): Record<string, Json> {
  return JSON.parse(readFileSync(stack.functionConfigFile, 'utf8'));
}

describe('the table', () => {
  it('is on-demand, keyed by a string pk, with TTL on expiresAt and point-in-time recovery', () => {
    const { template } = synthStack();
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
  });

  it('is retained, with deletion protection, by default', () => {
    const { template } = synthStack();
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtectionEnabled: true }),
    });
  });

  it('goes with the stack when herald:retainTable is false', () => {
    const { stack } = createApp(testApp({ context: { 'herald:retainTable': 'false' } }));
    Template.fromStack(stack).hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Delete',
      Properties: Match.objectLike({ DeletionProtectionEnabled: false }),
    });
  });
});

describe('the poll function', () => {
  it('runs Node.js 24 on arm64 with 256 MB and a 120 s timeout', () => {
    const { template } = synthStack();
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      MemorySize: 256,
      Timeout: 120,
      Handler: 'index.handler',
    });
  });

  it('gets its table, secret, config file name and Powertools settings from the environment, and no NODE_OPTIONS', () => {
    const { template } = synthStack();
    const table = logicalId(template, 'AWS::DynamoDB::Table');
    const secret = logicalId(template, 'AWS::SecretsManager::Secret');
    const [, fn] = only(template, 'AWS::Lambda::Function');
    expect(fn.Properties.Environment.Variables.HERALD_CONFIG).toBeUndefined();
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: {
          HERALD_CONFIG_FILE: 'herald.config.json',
          HERALD_TABLE: { Ref: table },
          HERALD_SECRET_ID: { Ref: secret },
          POWERTOOLS_SERVICE_NAME: 'herald',
          POWERTOOLS_METRICS_NAMESPACE: 'Herald',
        },
      },
    });
    // --enable-source-maps would parse every loaded file's map at each cold start; stacks map lazily.
    expect(fn.Properties.Environment.Variables.NODE_OPTIONS).toBeUndefined();
  });

  it('ships a config that parses, leaves the store to HERALD_TABLE, and holds no secrets', () => {
    const config: ConfigInput = {
      ...BASE_CONFIG,
      channels: [
        {
          id: 'rights',
          webhookUrl: 'https://discord.com/api/webhooks/123456789012345678/wh-tok-5f9e-abcdefghijklmnopqrst',
          topics: ['human-rights'],
        },
        { id: 'bot', channelId: '123456789012345678' },
      ],
      discord: { botToken: 'bot-tok-77aa-abcdefghijklmno.abcdef.ghijklmnopqrstuvwxyz01' },
      store: { path: '.herald' },
    };
    const { stack, template } = synthStack({ config });
    Annotations.fromStack(stack).hasInfo('*', Match.stringLikeRegexp('herald secrets set rights'));
    Annotations.fromStack(stack).hasInfo('*', Match.stringLikeRegexp('herald secrets set-bot-token'));
    const raw = JSON.stringify(template.toJSON());
    expect(raw).not.toContain('wh-tok-5f9e');
    expect(raw).not.toContain('bot-tok-77aa');
    expect(raw).not.toContain('webhooks/');

    const deployed = shippedConfig(stack);
    const file = readFileSync(stack.functionConfigFile, 'utf8');
    expect(file).not.toContain('wh-tok-5f9e');
    expect(file).not.toContain('bot-tok-77aa');
    expect(file).not.toContain('webhooks/');
    expect(deployed.store).toBeUndefined();
    // Parsed at synth: the channels and discord settings with their defaults, and the secrets gone.
    expect(deployed.channels).toEqual([
      { id: 'rights', topics: ['human-rights'], kind: 'text', threads: false, mentions: [] },
      {
        id: 'bot',
        channelId: '123456789012345678',
        topics: ['human-rights'],
        kind: 'text',
        threads: false,
        mentions: [],
      },
    ]);
    expect(deployed.discord).toEqual({ apiBase: 'https://discord.com/api', timeoutMs: 10_000 });
    // With the bot token merged back from the secret, it is a valid config again.
    const merged = parseConfig({
      ...(withoutMark(deployed) as Record<string, Json>),
      discord: { ...deployed.discord, botToken: 'from-the-secret' },
    });
    expect(merged.feeds.map((f) => f.id)).toEqual(['usa', 'east-asia']);
  });

  it('synthesizes with 1,000 feeds and a topic of its own, all in the config file, none in the environment', () => {
    const feeds = Array.from({ length: 1000 }, (_, i) => ({
      id: `feed-${i}`,
      name: `A feed with a long display name number ${i}`,
      url: `https://www.voanews.com/api/feed-number-${i}-with-a-long-path`,
    }));
    const terms = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`press term ${i}`, 1 + (i % 3)]));
    const config: ConfigInput = {
      ...BASE_CONFIG,
      feeds,
      topics: [{ id: 'press-freedom', label: 'Press freedom', terms }],
      scale: { fanOut: true },
    };
    const { stack, template } = synthStack({
      config,
      settings: { discordPublicKey: 'ab'.repeat(32) },
    });

    // The file the bundling copies into each function's code.
    expect(shippedConfig(stack)).toEqual(validatedFunctionConfig(config as Record<string, unknown>).config);
    const parsed = parseConfig(withoutMark(shippedConfig(stack)), 'herald.config.json', {
      secretsElsewhere: true,
    });
    expect(parsed.feeds).toHaveLength(1000);
    expect(Object.keys(parsed.topics[0]?.terms ?? {})).toHaveLength(300);

    const functions = Object.values(template.findResources('AWS::Lambda::Function')) as Resource[];
    expect(functions).toHaveLength(4);
    for (const fn of functions) {
      const env = fn.Properties.Environment.Variables as Record<string, Json>;
      expect(env.HERALD_CONFIG_FILE).toBe('herald.config.json');
      expect(env.HERALD_CONFIG).toBeUndefined();
      expect(JSON.stringify(env)).not.toContain('feed-999');
      const estimate = environmentBytes(
        Object.fromEntries(
          Object.entries(env).map(([k, v]) => [k, typeof v === 'string' ? v : 'x'.repeat(256)]),
        ),
      );
      expect(estimate).toBeLessThan(1024);
    }
  });

  it('still refuses at synth an environment too large for Lambda, naming the variable', () => {
    expect(() => assertEnvironmentFits({ HERALD_TABLE: 'table', HUGE: 'x'.repeat(4000) })).toThrow(
      EnvironmentTooLargeError,
    );
    expect(() => assertEnvironmentFits({ HERALD_TABLE: 'table', HUGE: 'x'.repeat(4000) })).toThrow(
      /HUGE=4004 B.*4096 bytes/,
    );
    expect(() => assertEnvironmentFits({ HERALD_TABLE: 'table' })).not.toThrow();
  });

  it('is bundled as code-split, minified ESM with the createRequire banner, source maps and the SDK inside', () => {
    expect(HERALD_ESBUILD).toMatchObject({
      format: 'esm',
      target: 'node24',
      splitting: true,
      entryNames: 'index',
      outExtension: { '.js': '.mjs' },
      minify: true,
      sourcemap: 'linked',
      sourcesContent: false,
      external: [],
    });
    expect(HERALD_ESBUILD.banner.js).toBe(CREATE_REQUIRE_BANNER);
    expect(CREATE_REQUIRE_BANNER).toContain("import { createRequire } from 'module'");
    expect(CREATE_REQUIRE_BANNER).toContain('const require = createRequire(import.meta.url)');
    expect(HANDLER_ENTRY).toBe('functions/poll/handler.ts');
  });

  it('runs one at a time by default, and without a reservation when it is off', () => {
    synthStack().template.hasResourceProperties('AWS::Lambda::Function', { ReservedConcurrentExecutions: 1 });
    const { template } = synthStack({ settings: { reservedConcurrency: undefined } });
    const [, fn] = only(template, 'AWS::Lambda::Function');
    expect(fn.Properties.ReservedConcurrentExecutions).toBeUndefined();
  });

  it('does not retry async invocations and sends failures to the dead-letter queue', () => {
    const { template } = synthStack();
    const queue = logicalId(template, 'AWS::SQS::Queue');
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: 0,
      MaximumEventAgeInSeconds: 600,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queue, 'Arn'] } } },
    });
  });

  it('logs to its own log group with a retention period', () => {
    const { template } = synthStack();
    const group = logicalId(template, 'AWS::Logs::LogGroup');
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    template.hasResourceProperties('AWS::Lambda::Function', { LoggingConfig: { LogGroup: { Ref: group } } });
    synthStack({ settings: { logRetentionDays: 90 } }).template.hasResourceProperties('AWS::Logs::LogGroup', {
      RetentionInDays: 90,
    });
  });
});

describe('the dead-letter queue', () => {
  it('is encrypted and refuses plain HTTP', () => {
    const { template } = synthStack();
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });
});

describe('digest schedule expressions', () => {
  it.each([
    [{ every: '24h', at: '08:00' }, 'cron(0 8 * * ? *)'],
    [{ every: '12h', at: '07:15' }, 'cron(15 7/12 * * ? *)'],
    [{ every: '1h' }, 'cron(0 0/1 * * ? *)'],
    [{ every: '168h', at: '06:00' }, 'cron(0 6 ? * MON *)'],
    [{ every: '48h', at: '09:00' }, 'cron(0 9 1/2 * ? *)'],
    [{ every: '5h' }, 'rate(5 hours)'],
  ])('%o runs as %s (UTC)', (digest, expression) => {
    expect(digestScheduleExpression(digest)).toBe(expression);
  });
});

describe('the schedule', () => {
  it('invokes the function at the configured rate with a scheduled-event payload', () => {
    const { template } = synthStack();
    const fn = logicalId(template, 'AWS::Lambda::Function');
    const queue = logicalId(template, 'AWS::SQS::Queue');
    const [, schedule] = only(template, 'AWS::Scheduler::Schedule');
    expect(schedule.Properties.ScheduleExpression).toBe('rate(10 minutes)');
    expect(schedule.Properties.State).toBe('ENABLED');
    const target = schedule.Properties.Target;
    expect(target.Arn).toEqual({ 'Fn::GetAtt': [fn, 'Arn'] });
    expect(target.RetryPolicy).toEqual({ MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 600 });
    expect(target.DeadLetterConfig).toEqual({ Arn: { 'Fn::GetAtt': [queue, 'Arn'] } });
    const input = JSON.parse(flatten(target.Input));
    expect(input).toMatchObject({
      'detail-type': 'Scheduled Event',
      source: 'aws.scheduler',
      time: '<aws.scheduler.scheduled-time>',
      detail: {},
    });
  });

  it("runs as a role only this account's default schedule group can assume", () => {
    const { template } = synthStack();
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Principal: { Service: 'scheduler.amazonaws.com' },
            Condition: {
              StringEquals: {
                'aws:SourceAccount': { Ref: 'AWS::AccountId' },
                'aws:SourceArn': Match.anyValue(),
              },
            },
          }),
        ],
      },
    });
  });

  it('gives each digest channel a schedule of its own that asks the poll function for that digest', () => {
    const { template } = synthStack({
      config: {
        ...BASE_CONFIG,
        channels: [
          { id: 'live', webhookUrl: 'https://discord.com/api/webhooks/1/token' },
          {
            id: 'morning',
            webhookUrl: 'https://discord.com/api/webhooks/2/token',
            digest: { every: '24h', at: '08:30' },
          },
          { id: 'hourly', webhookUrl: 'https://discord.com/api/webhooks/3/token', digest: { every: '6h' } },
        ],
      },
    });
    const fn = logicalId(template, 'AWS::Lambda::Function');
    const digests = Object.values(template.findResources('AWS::Scheduler::Schedule'))
      .map((r) => r.Properties)
      .filter((p) => JSON.parse(flatten(p.Target.Input)).digest);
    expect(
      digests.map((p) => [p.ScheduleExpression, JSON.parse(flatten(p.Target.Input)), p.Target.Arn]),
    ).toEqual([
      ['cron(30 8 * * ? *)', { digest: { channels: ['morning'] } }, { 'Fn::GetAtt': [fn, 'Arn'] }],
      ['cron(0 0/6 * * ? *)', { digest: { channels: ['hourly'] } }, { 'Fn::GetAtt': [fn, 'Arn'] }],
    ]);
  });

  it('follows schedule.rateMinutes', () => {
    const { template } = synthStack({ config: { ...BASE_CONFIG, schedule: { rateMinutes: 30 } } });
    template.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'rate(30 minutes)' });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { MaximumEventAgeInSeconds: 1800 });
  });
});

describe('the secret', () => {
  it('starts as an empty channel map, so a redeploy never overwrites what was stored', () => {
    const { template } = synthStack();
    template.hasResourceProperties('AWS::SecretsManager::Secret', { SecretString: '{"channels":{}}' });
  });
});

describe('the alarms', () => {
  it('watch function errors, failed deliveries, unhealthy feeds and the dead-letter queue', () => {
    const { template } = synthStack();
    const fn = logicalId(template, 'AWS::Lambda::Function');
    const queue = logicalId(template, 'AWS::SQS::Queue');
    const topic = logicalId(template, 'AWS::SNS::Topic');
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')) as Resource[];
    expect(alarms).toHaveLength(4);
    for (const alarm of alarms) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topic }]);
      expect(alarm.Properties.OKActions).toEqual([{ Ref: topic }]);
      expect(alarm.Properties.AlarmDescription.length).toBeGreaterThan(40);
    }
    const byMetric = (name: string) => alarms.find((a) => a.Properties.MetricName === name)?.Properties;
    expect(byMetric('Errors')).toMatchObject({
      Namespace: 'AWS/Lambda',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: fn } }],
      Threshold: 1,
    });
    expect(byMetric('FailedDeliveries')).toMatchObject({
      Namespace: 'Herald',
      Dimensions: [{ Name: 'service', Value: 'herald' }],
      Statistic: 'Sum',
      Period: 600,
      EvaluationPeriods: 2,
      DatapointsToAlarm: 2,
    });
    expect(byMetric('FeedErrors')).toMatchObject({
      Namespace: 'Herald',
      Dimensions: [{ Name: 'service', Value: 'herald' }],
      EvaluationPeriods: 3,
      TreatMissingData: 'ignore',
    });
    expect(byMetric('ApproximateNumberOfMessagesVisible')).toMatchObject({
      Namespace: 'AWS/SQS',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queue, 'QueueName'] } }],
      Statistic: 'Maximum',
    });
  });

  it('watch the metric names the poll code publishes (the real-bundle test reads them from its EMF output)', () => {
    const source = readFileSync(path.join(ROOT_DIR, 'functions/wiring/lambda-runtime.ts'), 'utf8');
    expect(source).toContain(`'${METRICS.failedDeliveries}'`);
    expect(source).toContain(`'${METRICS.feedErrors}'`);
  });

  it('go to a KMS-encrypted topic that CloudWatch may publish to, over TLS only', () => {
    const { template } = synthStack();
    const key = logicalId(template, 'AWS::KMS::Key');
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [key, 'Arn'] } });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
          }),
        ]),
      },
    });
  });

  it('e-mail herald:alarmEmail when it is set, and nobody otherwise', () => {
    synthStack().template.resourceCountIs('AWS::SNS::Subscription', 0);
    synthStack({ settings: { alarmEmail: 'ops@example.org' } }).template.hasResourceProperties(
      'AWS::SNS::Subscription',
      { Protocol: 'email', Endpoint: 'ops@example.org' },
    );
  });
});

describe('permissions', () => {
  it('give the function its table actions on its table and secret reads on its secret, nothing wider', () => {
    const { template } = synthStack();
    const table = logicalId(template, 'AWS::DynamoDB::Table');
    const secret = logicalId(template, 'AWS::SecretsManager::Secret');
    const group = logicalId(template, 'AWS::Logs::LogGroup');
    const role = Object.entries(template.findResources('AWS::IAM::Role')).find(([, r]) =>
      JSON.stringify(r).includes('lambda.amazonaws.com'),
    );
    expect(role?.[1].Properties.ManagedPolicyArns).toBeUndefined();
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: role?.[0] }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Effect: 'Allow',
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            Resource: { 'Fn::GetAtt': [group, 'Arn'] },
          },
          { Effect: 'Allow', Action: TABLE_ACTIONS, Resource: { 'Fn::GetAtt': [table, 'Arn'] } },
          {
            Effect: 'Allow',
            Action: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'],
            Resource: { Ref: secret },
          },
        ]),
      },
    });
  });

  it('never use a wildcard resource for data actions', () => {
    const { template } = synthStack();
    const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
      (p) =>
        (p as Resource).Properties.PolicyDocument.Statement as {
          Action: string | string[];
          Resource: unknown;
        }[],
    );
    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) {
      const actions = ([] as string[]).concat(statement.Action);
      const resources = ([] as unknown[]).concat(statement.Resource).map(flatten);
      if (actions.some((a) => /^(dynamodb|secretsmanager|sqs|logs|kms):/.test(a)))
        expect(
          resources.filter((r) => r.includes('*')),
          actions.join(','),
        ).toEqual([]);
    }
  });

  it('cover every DynamoDB operation the state store sends on the poll path', () => {
    const source = ['dynamo-state-store.ts', 'dynamo-table.ts']
      .map((file) => readFileSync(path.join(ROOT_DIR, 'functions/adapters', file), 'utf8'))
      .join('\n');
    const commands = new Set([...source.matchAll(/\bdoc\.(\w+)\(/g)].map((m) => m[1] as string));
    expect(commands.size).toBeGreaterThan(0);
    const actionOf: Record<string, string> = {
      get: 'GetItem',
      put: 'PutItem',
      update: 'UpdateItem',
      batchGet: 'BatchGetItem',
      batchWrite: 'BatchWriteItem',
    };
    // Scan lists records for `herald status`, which runs with the operator's credentials.
    commands.delete('scan');
    for (const command of commands)
      expect(TABLE_ACTIONS).toContain(`dynamodb:${actionOf[command] ?? command}`);
  });
});

describe('outputs', () => {
  it('name the function, table, secret and alarm topic', () => {
    const { template } = synthStack();
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(outputs.FunctionName?.Value).toEqual({ Ref: logicalId(template, 'AWS::Lambda::Function') });
    expect(outputs.TableName?.Value).toEqual({ Ref: logicalId(template, 'AWS::DynamoDB::Table') });
    expect(outputs.SecretName).toBeDefined();
    expect(outputs.AlarmTopicArn?.Value).toEqual({ Ref: logicalId(template, 'AWS::SNS::Topic') });
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('passes for the app as `cdk synth` builds it, with a reason for every acknowledgement', () => {
    const app = testApp();
    createApp(app);
    // In test mode the CDK throws the validation report on errors; reaching the next line means none.
    const assembly = app.synth();
    const report = JSON.parse(readFileSync(path.join(assembly.directory, 'validation-report.json'), 'utf8'));
    const violations = report.pluginReports.flatMap((r: { violations?: unknown[] }) => r.violations ?? []);
    expect(violations).toEqual([]);

    const resources = assembly.getStackByName('Herald').template.Resources as Record<string, Resource>;
    const acknowledged = Object.values(resources).flatMap(
      (r) => (r.Metadata?.cdk_nag?.rules_to_suppress ?? []) as { id: string; reason: string }[],
    );
    expect([...new Set(acknowledged.map((a) => a.id))].sort()).toEqual([
      expect.stringMatching(/^AwsSolutions-IAM5\[Resource::<PollFunction\w+\.Arn>:\*\]$/),
      'AwsSolutions-SMG4',
      'AwsSolutions-SQS3',
    ]);
    for (const { reason } of acknowledged) expect(reason.length).toBeGreaterThan(60);
  });

  it('is live: an unencrypted queue fails synth', () => {
    const app = testApp();
    const { stack } = createApp(app);
    new sqs.Queue(stack, 'Careless', { encryption: sqs.QueueEncryption.UNENCRYPTED });
    expect(() => app.synth()).toThrow(/AwsSolutions-SQS4/);
  });
});

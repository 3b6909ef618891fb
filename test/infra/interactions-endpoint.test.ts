import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../infra/app.ts';
import { INTERACTIONS_ENTRY } from '../../infra/interactions-endpoint.ts';
import {
  flatten,
  logicalIdOf,
  type Resource,
  resource,
  resourcesOf,
  statementsOf,
  synthStack,
  testApp,
} from './synth.ts';

/** A syntactically valid public key: the template only carries it. */
const PUBLIC_KEY = 'a3f1c0de9b8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a392817069f5e';

function withEndpoint() {
  const { stack, template } = synthStack({ settings: { discordPublicKey: PUBLIC_KEY } });
  const endpoint = stack.interactions;
  if (!endpoint) throw new Error('the stack made no interactions endpoint');
  return {
    stack,
    template,
    fnId: logicalIdOf(endpoint.function),
    roleId: logicalIdOf(endpoint.role),
    groupId: logicalIdOf(endpoint.logGroup),
    pollId: logicalIdOf(stack.poll.function),
    tableId: logicalIdOf(stack.table),
  };
}

describe('the interactions endpoint', () => {
  it('is not deployed without herald:discordPublicKey', () => {
    const { stack, template } = synthStack();
    expect(stack.interactions).toBeUndefined();
    template.resourceCountIs('AWS::Lambda::Function', 1);
    template.resourceCountIs('AWS::Lambda::Url', 0);
    expect(template.toJSON().Outputs.InteractionsUrl).toBeUndefined();
  });

  it('runs its own handler on Node.js 24 arm64 with 256 MB, a 10 s timeout and its own log group', () => {
    const { template, fnId, groupId } = withEndpoint();
    template.resourceCountIs('AWS::Lambda::Function', 2);
    const fn = resource(template, fnId);
    expect(fn.Properties).toMatchObject({
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      MemorySize: 256,
      Timeout: 10,
      Handler: 'index.handler',
      LoggingConfig: { LogGroup: { Ref: groupId } },
    });
    expect(fn.Properties.ReservedConcurrentExecutions).toBeUndefined();
    expect(resource(template, groupId).Properties.RetentionInDays).toBe(30);
    expect(INTERACTIONS_ENTRY).toBe('functions/interactions/handler.ts');
  });

  it('gets the public key, the table, the poll function and the deployed config file, and no secret', () => {
    const { template, fnId, pollId, tableId } = withEndpoint();
    const env = resource(template, fnId).Properties.Environment.Variables;
    expect(Object.keys(env).sort()).toEqual([
      'DISCORD_PUBLIC_KEY',
      'HERALD_CONFIG_FILE',
      'HERALD_POLLER_FUNCTION',
      'HERALD_TABLE',
    ]);
    expect(env).toMatchObject({
      DISCORD_PUBLIC_KEY: PUBLIC_KEY,
      HERALD_TABLE: { Ref: tableId },
      HERALD_POLLER_FUNCTION: { Ref: pollId },
    });
    const pollEnv = resource(template, pollId).Properties.Environment.Variables;
    expect(env.HERALD_CONFIG_FILE).toBe('herald.config.json');
    expect(env.HERALD_CONFIG_FILE).toEqual(pollEnv.HERALD_CONFIG_FILE);
  });

  it('may scan its table and invoke the poll function, and write its own logs, nothing else', () => {
    const { template, roleId, groupId, pollId, tableId } = withEndpoint();
    const role = resource(template, roleId);
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      expect.objectContaining({ Principal: { Service: 'lambda.amazonaws.com' } }),
    ]);
    const statements = statementsOf(template, roleId).map((s) => ({
      Action: s.Action,
      Resource: ([] as unknown[]).concat(s.Resource).map(flatten),
    }));
    expect(statements).toEqual([
      { Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: [`<${groupId}.Arn>`] },
      { Action: 'dynamodb:Scan', Resource: [`<${tableId}.Arn>`] },
      { Action: 'lambda:InvokeFunction', Resource: [`<${pollId}.Arn>`, `<${pollId}.Arn>:*`] },
    ]);
  });

  it('is reached through a Function URL with auth NONE and no CORS, named in the outputs', () => {
    const { template, fnId } = withEndpoint();
    const urls = Object.entries(resourcesOf(template, 'AWS::Lambda::Url'));
    expect(urls).toHaveLength(1);
    const [urlId, url] = urls[0] as [string, Resource];
    expect(url.Properties).toEqual({ AuthType: 'NONE', TargetFunctionArn: { 'Fn::GetAtt': [fnId, 'Arn'] } });
    // Anyone may call the URL (Discord cannot sign AWS requests; the handler checks Ed25519 signatures),
    // but only through the URL: the public InvokeFunction permission is conditioned on it.
    const permissions = Object.values(resourcesOf(template, 'AWS::Lambda::Permission'))
      .map((p) => p.Properties)
      .filter((p) => flatten(p.FunctionName) === `<${fnId}.Arn>`);
    expect(permissions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Action: 'lambda:InvokeFunctionUrl',
          Principal: '*',
          FunctionUrlAuthType: 'NONE',
        }),
        expect.objectContaining({
          Action: 'lambda:InvokeFunction',
          Principal: '*',
          InvokedViaFunctionUrl: true,
        }),
      ]),
    );
    expect(permissions).toHaveLength(2);
    expect(template.toJSON().Outputs.InteractionsUrl.Value).toEqual({
      'Fn::GetAtt': [urlId, 'FunctionUrl'],
    });
  });

  it('is deployed by `cdk synth -c herald:discordPublicKey=...`, and cdk-nag stays clean', () => {
    const app = testApp({ context: { 'herald:discordPublicKey': PUBLIC_KEY.toUpperCase() } });
    const { stack } = createApp(app);
    // In test mode the CDK throws the validation report on errors; reaching the next line means none.
    const assembly = app.synth();
    const report = JSON.parse(readFileSync(path.join(assembly.directory, 'validation-report.json'), 'utf8'));
    expect(report.pluginReports.flatMap((r: { violations?: unknown[] }) => r.violations ?? [])).toEqual([]);

    const template = Template.fromJSON(assembly.getStackByName('Herald').template);
    template.resourceCountIs('AWS::Lambda::Url', 1);
    const fnId = logicalIdOf(stack.interactions?.function ?? stack);
    expect(resource(template, fnId).Properties.Environment.Variables.DISCORD_PUBLIC_KEY).toBe(PUBLIC_KEY);

    const roleId = logicalIdOf(stack.interactions?.role ?? stack);
    const acknowledged = Object.entries(template.toJSON().Resources as Record<string, Resource>)
      .filter(([id]) => id.startsWith(roleId))
      .flatMap(([, r]) => (r.Metadata?.cdk_nag?.rules_to_suppress ?? []) as { id: string; reason: string }[]);
    expect(acknowledged.map((a) => a.id)).toContain(
      `AwsSolutions-IAM5[Resource::<${logicalIdOf(stack.poll.function)}.Arn>:*]`,
    );
    for (const { reason } of acknowledged) expect(reason.length).toBeGreaterThan(60);
  });
});

import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App, type CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { type ConfigInput, parseConfig } from '../../functions/core/config.ts';
import { ROOT_DIR } from '../../infra/app.ts';
import { DEFAULT_SETTINGS, type DeploySettings } from '../../infra/deploy-settings.ts';
import { FUNCTION_CONFIG_FILE } from '../../infra/function-config-file.ts';
import { type HandlerEntries, HeraldStack } from '../../infra/herald-stack.ts';

/** The feature flags and herald:* defaults from cdk.json, so tests synthesize what `cdk synth` does. */
export const CDK_CONTEXT: Record<string, unknown> = JSON.parse(
  readFileSync(path.join(ROOT_DIR, 'cdk.json'), 'utf8'),
).context;

export const BASE_CONFIG: ConfigInput = {
  feeds: [
    { id: 'usa', name: 'USA', url: 'https://www.voanews.com/api/zqboml-vomx-tpeivmy' },
    { id: 'east-asia', url: 'https://www.voanews.com/api/zobo_l-vomx-tpepvmv' },
  ],
  channels: [],
  schedule: { rateMinutes: 10 },
};

/** A new App that skips bundling (about 2.5 s per synth) unless asked, writing to a temp dir. */
export function testApp(options: { bundle?: boolean; context?: Record<string, unknown> } = {}): App {
  return new App({
    outdir: mkdtempSync(path.join(tmpdir(), 'herald-cdk-')),
    context: {
      ...CDK_CONTEXT,
      ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }),
      ...options.context,
    },
  });
}

/** Synthesizes the stack for a config and settings; returns the stack and its template. */
export function synthStack(
  options: {
    config?: ConfigInput;
    settings?: Partial<DeploySettings>;
    app?: App;
    entries?: Partial<HandlerEntries>;
  } = {},
): { stack: HeraldStack; template: Template } {
  const app = options.app ?? testApp();
  const input = (options.config ?? BASE_CONFIG) as Record<string, unknown>;
  const stack = new HeraldStack(app, 'Herald', {
    rootDir: ROOT_DIR,
    configInput: input,
    config: parseConfig(input),
    settings: { ...DEFAULT_SETTINGS, ...options.settings },
    ...(options.entries ? { entries: options.entries } : {}),
  });
  return { stack, template: Template.fromStack(stack) };
}

/** A CloudFormation value with Fn::Join and Ref flattened to a string, refs shown as `<LogicalId>`. */
export function flatten(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if ('Fn::Join' in v) {
      const [sep, parts] = v['Fn::Join'] as [string, unknown[]];
      return parts.map(flatten).join(sep);
    }
    if ('Ref' in v) return `<${String(v.Ref)}>`;
    if ('Fn::GetAtt' in v) return `<${(v['Fn::GetAtt'] as string[]).join('.')}>`;
  }
  return JSON.stringify(value);
}

/**
 * The code asset directory (`asset.<hash>`) of one function in a synthesized cloud assembly, found through
 * the function's code key in the template, so it works whatever other functions the stack bundles.
 */
export function assetDirOf(outdir: string, template: Template, logicalId: string): string {
  const fn = template.toJSON().Resources?.[logicalId] as
    | { Type: string; Properties: { Code?: { S3Key?: unknown } } }
    | undefined;
  if (fn?.Type !== 'AWS::Lambda::Function') throw new Error(`${logicalId} is not a Lambda function`);
  const key = fn.Properties.Code?.S3Key;
  if (typeof key !== 'string' || !key.endsWith('.zip'))
    throw new Error(`${logicalId} has no asset code key (was bundling skipped?)`);
  return path.join(outdir, `asset.${key.slice(0, -'.zip'.length)}`);
}

/** The bundle (`asset.<hash>/index.mjs`) of one function in a synthesized cloud assembly. */
export function bundleOf(outdir: string, template: Template, logicalId: string): string {
  const file = path.join(assetDirOf(outdir, template, logicalId), 'index.mjs');
  if (!existsSync(file)) throw new Error(`${logicalId}: no bundle at ${file}`);
  return file;
}

/** The deployed config as one function's code carries it (`asset.<hash>/herald.config.json`), parsed. */
export function shippedConfigOf(
  outdir: string,
  template: Template,
  logicalId: string,
): Record<string, unknown> {
  const file = path.join(assetDirOf(outdir, template, logicalId), FUNCTION_CONFIG_FILE);
  if (!existsSync(file)) throw new Error(`${logicalId}: no ${FUNCTION_CONFIG_FILE} in its code`);
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** A construct's logical id in its stack: a function's, a queue's, a role's. */
export function logicalIdOf(construct: IConstruct): string {
  const resource = construct.node.defaultChild ?? construct;
  return Stack.of(construct).getLogicalId(resource as CfnElement);
}

/** The handler bundle (`asset.<hash>/index.mjs`) in a synthesized cloud assembly. */
export function findBundle(outdir: string): string {
  const bundles = readdirSync(outdir)
    .filter((name) => name.startsWith('asset.'))
    .map((name) => path.join(outdir, name, 'index.mjs'))
    .filter((file) => existsSync(file));
  if (bundles.length !== 1)
    throw new Error(`expected one handler bundle in ${outdir}, found ${bundles.length}`);
  return bundles[0] as string;
}

// biome-ignore lint/suspicious/noExplicitAny: a CloudFormation template is untyped JSON, read by path here.
type Json = any;
export type Resource = {
  Type: string;
  Properties: Record<string, Json>;
  DeletionPolicy?: string;
  Metadata?: Json;
};

/** A template's resources of one type, by logical id. */
export function resourcesOf(template: Template, type: string): Record<string, Resource> {
  return template.findResources(type) as Record<string, Resource>;
}

/** One resource by logical id, failing clearly when it is absent. */
export function resource(template: Template, logicalId: string): Resource {
  const found = template.toJSON().Resources?.[logicalId] as Resource | undefined;
  if (!found) throw new Error(`no resource ${logicalId} in the template`);
  return found;
}

/** Every statement of the IAM policies attached to a role. */
export function statementsOf(template: Template, roleLogicalId: string): Json[] {
  return Object.values(resourcesOf(template, 'AWS::IAM::Policy'))
    .filter((policy) =>
      (policy.Properties.Roles as unknown[]).some((role) => flatten(role) === `<${roleLogicalId}>`),
    )
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Json[]);
}

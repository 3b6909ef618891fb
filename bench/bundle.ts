import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { heraldBuildOptions } from '../infra/function-bundle.ts';
import { bundleChunks, sizeOf } from '../test/support/bundle-chunks.ts';
import { median } from './stats.ts';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const BENCH_DIR = path.join(ROOT, '.bench');
/** The poll function's entry, as the stack deploys it (infra/herald-stack.ts HANDLER_ENTRY). */
const POLL_ENTRY = 'functions/poll/handler.ts';
/** The outside check's bar: the deployed poll bundle imports in at most twice a bare node start. */
export const COLD_RATIO_TARGET = 2.0;

/** The poll function as `npx cdk synth` wrote it. */
export interface SynthesizedPoll {
  /** The cloud assembly directory. */
  outdir: string;
  /** `asset.<hash>/index.mjs`: the poll function's entry. */
  bundle: string;
  /** The function's NODE_OPTIONS, from the template. */
  nodeOptions: string;
  synthMs: number;
}

/**
 * Runs `npx cdk synth` as a user (and the outside check) does, offline, into .bench/cdk.out so that the
 * repo's own cdk.out is left alone, and finds the poll function's code and NODE_OPTIONS in the template.
 */
export function synthesizePoll(): SynthesizedPoll {
  const outdir = path.join(BENCH_DIR, 'cdk.out');
  rmSync(outdir, { recursive: true, force: true });
  const started = performance.now();
  execFileSync('npx', ['cdk', 'synth', '--quiet', '--no-notices', '--output', outdir], {
    cwd: ROOT,
    env: { ...process.env, AWS_EC2_METADATA_DISABLED: 'true' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const synthMs = performance.now() - started;
  const manifest = JSON.parse(readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as {
    artifacts: Record<string, { type: string; properties?: { templateFile?: string } }>;
  };
  const templateFile = Object.values(manifest.artifacts).find((a) => a.type === 'aws:cloudformation:stack')
    ?.properties?.templateFile;
  if (!templateFile) throw new Error(`no stack in ${outdir}`);
  const template = JSON.parse(readFileSync(path.join(outdir, templateFile), 'utf8')) as {
    Resources: Record<string, Resource>;
  };
  // The poll function is the one at <stack>/Poll/Function: fan-out and interactions have their own.
  const poll = Object.values(template.Resources).find(
    (r) =>
      r.Type === 'AWS::Lambda::Function' &&
      /\/Poll\/Function\/Resource$/.test(r.Metadata?.['aws:cdk:path'] ?? ''),
  );
  const key = poll?.Properties.Code?.S3Key;
  if (!poll || typeof key !== 'string') throw new Error(`no poll function code in ${templateFile}`);
  return {
    outdir,
    bundle: path.join(outdir, `asset.${key.replace(/\.zip$/, '')}`, 'index.mjs'),
    nodeOptions: poll.Properties.Environment?.Variables?.NODE_OPTIONS ?? '',
    synthMs,
  };
}

interface Resource {
  Type: string;
  Metadata?: Record<string, string>;
  Properties: { Code?: { S3Key?: unknown }; Environment?: { Variables?: Record<string, string> } };
}

/** One bundle to import cold: the deployed one, or a variant that shows what one choice is worth. */
export interface Variant {
  name: string;
  /** What it is, for the table. */
  label: string;
  bundle: string;
  nodeOptions: string;
}

/** NODE_OPTIONS as the stack set it before stacks were mapped lazily. */
const NODE_SOURCE_MAPS = '--enable-source-maps';

/**
 * The deployed bundle and variants of it, so that the bench shows in the same run what each choice buys.
 * The first four retrace the changes one at a time, from the bundle as it was to the deployed one:
 * - `before`: one file (what NodejsFunction emitted), the config and payload schemas built at import,
 *   and `--enable-source-maps`;
 * - `split`: the same, code-split: a lazy import is a chunk that loads on first use;
 * - `nodeSourceMaps`: the deployed bundle (the config trusted as synth marked it, no zod at import)
 *   with `--enable-source-maps`;
 * - `deployed`: the bundle from cdk.out with its NODE_OPTIONS: stacks are mapped when printed.
 * Then what one choice is worth on its own: the deployed code in one file, discord.js imported at the top;
 * the floor, what every poll needs anyway: the DynamoDB client (with its document layer), Powertools; and
 * beside it the SDK's DynamoDB client and document client, which the store used until Herald had its own.
 */
export async function buildVariants(deployed: SynthesizedPoll): Promise<Variant[]> {
  const dir = path.join(BENCH_DIR, 'variants');
  rmSync(dir, { recursive: true, force: true });
  const entryDir = path.join(dir, 'entries');
  mkdirSync(entryDir, { recursive: true });
  const source = (file: string) => `'${path.relative(entryDir, path.join(ROOT, file))}'`;
  const handler = `export { handler } from ${source(POLL_ENTRY)};`;
  const schemas = [
    `export * as config from ${source('functions/core/config.ts')};`,
    `export * as payload from ${source('functions/poll/payload.ts')};`,
  ].join('\n');
  const bundleVariant = async (name: string, code: string, split: boolean): Promise<string> => {
    const file = path.join(entryDir, `${name}.ts`);
    writeFileSync(file, `${code}\n`);
    const outdir = path.join(dir, name);
    await build({ ...heraldBuildOptions(ROOT, path.relative(ROOT, file), outdir), splitting: split });
    return path.join(outdir, 'index.mjs');
  };
  const none = deployed.nodeOptions;
  return [
    {
      name: 'before',
      label: `one file, zod schemas built at import, ${NODE_SOURCE_MAPS}: as it was`,
      bundle: await bundleVariant('before', `${schemas}\n${handler}`, false),
      nodeOptions: NODE_SOURCE_MAPS,
    },
    {
      name: 'split',
      label: `+ code splitting (zod schemas still at import, ${NODE_SOURCE_MAPS})`,
      bundle: await bundleVariant('split', `${schemas}\n${handler}`, true),
      nodeOptions: NODE_SOURCE_MAPS,
    },
    {
      name: 'nodeSourceMaps',
      label: `+ the config trusted as synth validated it, no zod at import (${NODE_SOURCE_MAPS})`,
      bundle: deployed.bundle,
      nodeOptions: NODE_SOURCE_MAPS,
    },
    {
      name: 'deployed',
      label: `+ stacks mapped when printed: the deployed bundle, NODE_OPTIONS=${JSON.stringify(none)}`,
      bundle: deployed.bundle,
      nodeOptions: none,
    },
    {
      name: 'oneFile',
      label: 'the deployed code in one file',
      bundle: await bundleVariant('oneFile', handler, false),
      nodeOptions: none,
    },
    {
      name: 'discordAtImport',
      label: 'the deployed code with discord.js imported at the top',
      bundle: await bundleVariant(
        'discordAtImport',
        `export * as discord from 'discord.js';\n${handler}`,
        true,
      ),
      nodeOptions: none,
    },
    {
      name: 'dynamoOnly',
      label: "the floor: Herald's DynamoDB client and document layer alone",
      bundle: await bundleVariant(
        'dynamoOnly',
        [
          `export { createDynamoClient, dynamoConfigFromEnv } from ${source('functions/adapters/dynamo-client.ts')};`,
          `export { createDocumentClient } from ${source('functions/adapters/dynamo-document.ts')};`,
        ].join('\n'),
        true,
      ),
      nodeOptions: none,
    },
    {
      name: 'sdkDynamoOnly',
      label: "the SDK's DynamoDB client and document client alone, which the store used before",
      bundle: await bundleVariant(
        'sdkDynamoOnly',
        "export { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nexport { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';",
        true,
      ),
      nodeOptions: none,
    },
    {
      name: 'powertoolsOnly',
      label: 'the floor: Powertools Logger and Metrics alone',
      bundle: await bundleVariant(
        'powertoolsOnly',
        "export { Logger } from '@aws-lambda-powertools/logger';\nexport { Metrics } from '@aws-lambda-powertools/metrics';",
        true,
      ),
      nodeOptions: none,
    },
  ];
}

export interface ColdImport {
  name: string;
  label: string;
  nodeOptions: string;
  /** Median wall time of a fresh `node` that imports the bundle and exits. */
  ms: number;
  /** `ms` over the bare node's. */
  ratio: number;
  /** `ms` minus the bare node's: what the import costs. */
  overBareMs: number;
  /** Median time of the `import()` alone, measured inside the process. */
  importMs: number;
}

export interface ColdImports {
  runs: number;
  /** Median wall time of `node -e 0`. */
  bareNodeMs: number;
  rows: ColdImport[];
}

/**
 * The outside check's measure: from this one process, `runs` fresh `node`s per variant, each importing
 * the bundle file (not `node -e`, whose global require hides a bundle without the createRequire banner)
 * with the variant's NODE_OPTIONS and exiting, beside `node -e 0`; the median wall time of each. The
 * variants take turns within each round, so that a slow moment of a shared machine touches them alike;
 * a first round warms the file cache and is not counted.
 */
export function measureColdImports(variants: readonly Variant[], runs = 11): ColdImports {
  mkdirSync(BENCH_DIR, { recursive: true });
  const runner = path.join(BENCH_DIR, 'cold-import.mjs');
  // It also says how long the import itself took: a figure without process start-up and teardown, so
  // steadier on a busy machine, for telling what each choice buys.
  writeFileSync(
    runner,
    'const t0 = performance.now();\nawait import(process.argv[2]);\nprocess.stdout.write(String(performance.now() - t0));\n',
  );
  const base = { PATH: process.env.PATH ?? '', AWS_EC2_METADATA_DISABLED: 'true' };
  const jobs = [
    { name: 'bare', args: ['-e', '0'], env: { ...base, NODE_OPTIONS: '' } },
    ...variants.map((v) => ({
      name: v.name,
      args: [runner, pathToFileURL(v.bundle).href],
      env: { ...base, NODE_OPTIONS: v.nodeOptions },
    })),
  ];
  const samples = new Map<string, number[]>(jobs.map((j) => [j.name, []]));
  const imports = new Map<string, number[]>(jobs.map((j) => [j.name, []]));
  for (let round = 0; round <= runs; round++) {
    for (let k = 0; k < jobs.length; k++) {
      const job = jobs[(round + k) % jobs.length] as (typeof jobs)[number];
      const started = performance.now();
      const out = execFileSync(process.execPath, job.args, { env: job.env, encoding: 'utf8' });
      if (round === 0) continue;
      samples.get(job.name)?.push(performance.now() - started);
      imports.get(job.name)?.push(Number(out) || 0);
    }
  }
  const bare = median(samples.get('bare') ?? []);
  return {
    runs,
    bareNodeMs: bare,
    rows: variants.map((v) => {
      const ms = median(samples.get(v.name) ?? []);
      return {
        name: v.name,
        label: v.label,
        nodeOptions: v.nodeOptions,
        ms,
        ratio: ms / bare,
        overBareMs: ms - bare,
        importMs: median(imports.get(v.name) ?? []),
      };
    }),
  };
}

export interface BundleFigures {
  /** Files loaded at import, and their KB (code, and the maps Node reads with source maps on). */
  initial: { files: number; kb: number; mapKB: number };
  /** Chunks loaded on first use. */
  lazy: { files: number; kb: number; mapKB: number };
  /** The packages that weigh most in what an import loads, KB of output. */
  atImportKB: Record<string, number>;
  /** The same for the lazy chunks. */
  lazyKB: Record<string, number>;
}

/** Sizes of the deployed bundle, and which packages its cold start loads and which wait for first use. */
export async function bundleFigures(bundle: string): Promise<BundleFigures> {
  const chunks = bundleChunks(bundle);
  const initial = sizeOf(chunks.dir, chunks.initial);
  const lazy = sizeOf(chunks.dir, chunks.lazy);
  // The same build again, for its metafile: what each output file holds.
  const outdir = path.join(BENCH_DIR, 'metafile');
  const { metafile } = await build({
    ...heraldBuildOptions(ROOT, POLL_ENTRY, outdir),
    write: false,
    metafile: true,
  });
  const initialOutputs = staticClosure(metafile, path.relative(ROOT, path.join(outdir, 'index.mjs')));
  const kb = (bytes: number) => Math.round(bytes / 1024);
  return {
    initial: { files: chunks.initial.length, kb: kb(initial.code), mapKB: kb(initial.map) },
    lazy: { files: chunks.lazy.length, kb: kb(lazy.code), mapKB: kb(lazy.map) },
    atImportKB: topPackages(metafile, (output) => initialOutputs.has(output)),
    lazyKB: topPackages(metafile, (output) => !initialOutputs.has(output)),
  };
}

/** An output and, transitively, the outputs it imports statically: what Node loads with it. */
function staticClosure(metafile: Metafile, entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imported of metafile.outputs[file]?.imports ?? [])
      if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
  };
  visit(entry);
  return seen;
}

function topPackages(metafile: Metafile, include: (output: string) => boolean): Record<string, number> {
  const sizes = new Map<string, number>();
  for (const [output, { inputs }] of Object.entries(metafile.outputs)) {
    if (!include(output)) continue;
    for (const [input, { bytesInOutput }] of Object.entries(inputs)) {
      const name =
        /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? input.split('/').slice(0, 2).join('/');
      sizes.set(name, (sizes.get(name) ?? 0) + bytesInOutput);
    }
  }
  return Object.fromEntries(
    [...sizes]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([name, bytes]) => [name, Math.round(bytes / 1024)]),
  );
}

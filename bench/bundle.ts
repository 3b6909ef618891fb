import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { type BuildOptions, build, type Metafile } from 'esbuild';
import { median } from './stats.ts';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const BENCH_DIR = path.join(ROOT, '.bench');
/** The poll function's entry, as the stack deploys it (infra/herald-stack.ts HANDLER_ENTRY). */
const POLL_ENTRY = 'functions/poll/handler.ts';

/** The bundling options the stack deploys every handler with. */
export async function deployedBundling(): Promise<{ options: BundlingOptions; source: string }> {
  const { HERALD_BUNDLING } = await import('../infra/function-defaults.ts');
  return { options: HERALD_BUNDLING, source: 'infra/function-defaults.ts HERALD_BUNDLING' };
}

// Docker run options (BundlingOptions extends them) that local esbuild bundling does not use: CDK
// passes `--platform=node` itself, whatever `platform` (the Docker platform) says.
const DOCKER_ONLY = new Set([
  'platform',
  'dockerImage',
  'forceDockerBundling',
  'buildArgs',
  'bundlingFileAccess',
  'esbuildVersion',
  'environment',
  'entrypoint',
  'network',
  'securityOpt',
  'user',
  'volumes',
  'volumesFrom',
  'workingDirectory',
  'assetHash',
]);
const TRANSLATED = new Set([
  'format',
  'target',
  'minify',
  'sourceMap',
  'sourceMapMode',
  'sourcesContent',
  'externalModules',
  'loader',
  'define',
  'logLevel',
  'keepNames',
  'banner',
  'footer',
  'mainFields',
  'inject',
  'charset',
  'tsconfig',
  'metafile',
  'esbuildArgs',
]);

/** CDK's `toCliArgsArray`: how `esbuildArgs` become command-line arguments. */
function cliArgs(esbuildArgs: Record<string, string | boolean>): string[] {
  const respecified = ['--alias', '--drop', '--pure', '--log-override', '--out-extension'];
  const args: string[] = [];
  for (const [key, value] of Object.entries(esbuildArgs)) {
    if (Array.isArray(value)) args.push(...value.map((item: unknown) => `${key}:${String(item)}`));
    else if (value === true || value === '') args.push(key);
    else if (respecified.includes(key)) args.push(`${key}:${value}`);
    else if (value) args.push(`${key}=${value}`);
  }
  return args;
}

/** The esbuild API options for the command-line arguments that `esbuildArgs` may add. */
function fromCliArgs(args: readonly string[]): BuildOptions {
  const options: BuildOptions & {
    alias: Record<string, string>;
    define: Record<string, string>;
    external: string[];
    drop: Array<'console' | 'debugger'>;
    pure: string[];
  } = { alias: {}, define: {}, external: [], drop: [], pure: [] };
  for (const arg of args) {
    const match = /^--([a-z-]+)(?::([^=]+))?(?:=(.*))?$/.exec(arg);
    const [, flag, key, value] = match ?? [];
    if (flag === 'alias' && key && value !== undefined) options.alias[key] = value;
    else if (flag === 'define' && key && value !== undefined) options.define[key] = value;
    else if (flag === 'external' && key) options.external.push(key);
    else if (flag === 'drop' && (key === 'console' || key === 'debugger')) options.drop.push(key);
    else if (flag === 'pure' && key) options.pure.push(key);
    else if (flag === 'keep-names' && !key) options.keepNames = true;
    else if (flag === 'tree-shaking' && !key) options.treeShaking = value !== 'false';
    else if (flag === 'legal-comments' && !key)
      options.legalComments = value as BuildOptions['legalComments'];
    else if (flag === 'conditions' && !key) options.conditions = value ? value.split(',') : [];
    else if (flag === 'log-level' && !key) options.logLevel = value as BuildOptions['logLevel'];
    else throw new Error(`the bench does not translate the esbuild argument ${arg}`);
  }
  return options;
}

/**
 * The esbuild API options for what `NodejsFunction` runs as a command line (aws-lambda-nodejs
 * bundling.ts: `esbuild --bundle <entry> --target --platform=node --format --outfile=index.mjs
 * --minify --sourcemap --sources-content --external... --banner:js --main-fields`). An option the
 * bench does not translate stops it, so that the bench never measures a different bundle.
 */
export function esbuildOptions(bundling: BundlingOptions, outfile: string): BuildOptions {
  const unknown = Object.keys(bundling).filter(
    (key) =>
      !TRANSLATED.has(key) && !DOCKER_ONLY.has(key) && bundling[key as keyof BundlingOptions] !== undefined,
  );
  if (unknown.length)
    throw new Error(`the bench does not translate bundling option(s) ${unknown.join(', ')}`);
  const extra = fromCliArgs(cliArgs((bundling.esbuildArgs ?? {}) as Record<string, string | boolean>));
  const sourceMap = bundling.sourceMapMode ?? bundling.sourceMap;
  const mode = bundling.sourceMapMode ?? 'default';
  return {
    bundle: true,
    absWorkingDir: ROOT,
    outfile,
    platform: 'node',
    target: bundling.target ?? 'node24',
    ...(bundling.format ? { format: bundling.format as 'esm' | 'cjs' } : {}),
    minify: bundling.minify ?? false,
    ...(sourceMap ? { sourcemap: mode === 'default' ? true : (mode as 'inline' | 'external' | 'both') } : {}),
    sourcesContent: bundling.sourcesContent ?? true,
    external: [...(bundling.externalModules ?? ['@aws-sdk/*']), ...(extra.external ?? [])],
    ...(bundling.loader ? { loader: bundling.loader as BuildOptions['loader'] } : {}),
    define: { ...bundling.define, ...extra.define },
    alias: extra.alias ?? {},
    drop: extra.drop ?? [],
    pure: extra.pure ?? [],
    ...(bundling.keepNames || extra.keepNames ? { keepNames: true } : {}),
    ...(extra.treeShaking !== undefined ? { treeShaking: extra.treeShaking } : {}),
    ...(extra.legalComments ? { legalComments: extra.legalComments } : {}),
    ...(extra.conditions ? { conditions: extra.conditions } : {}),
    ...(bundling.banner ? { banner: { js: bundling.banner } } : {}),
    ...(bundling.footer ? { footer: { js: bundling.footer } } : {}),
    ...(bundling.mainFields ? { mainFields: bundling.mainFields } : {}),
    ...(bundling.inject ? { inject: bundling.inject } : {}),
    ...(bundling.charset ? { charset: bundling.charset as 'utf8' | 'ascii' } : {}),
    ...(bundling.tsconfig ? { tsconfig: bundling.tsconfig } : {}),
    logLevel: 'warning',
  };
}

export interface Bundles {
  source: string;
  lazy: string;
  eager: string;
  /** What-if: the same handler and options, code-split (esbuild `splitting`), so lazy imports are separate files. */
  split: string;
  bundleKB: number;
  sourceMapKB: number;
  eagerBundleKB: number;
  /** The split build's entry chunk plus the chunks it imports statically. */
  splitInitialKB: number;
  /** The packages that weigh most in the deployed bundle, in KB of output. */
  topPackagesKB: Record<string, number>;
}

/**
 * Builds the poll handler as deployed into .bench/poll/index.mjs, and the same handler with discord.js
 * imported at the top (.bench/poll-eager/index.mjs), the shape it had before the poster was lazy.
 */
export async function buildBundles(): Promise<Bundles> {
  const { options, source } = await deployedBundling();
  const lazy = path.join(BENCH_DIR, 'poll', 'index.mjs');
  const eager = path.join(BENCH_DIR, 'poll-eager', 'index.mjs');
  const splitDir = path.join(BENCH_DIR, 'poll-split');
  const entry = path.join(ROOT, POLL_ENTRY);
  const deployed = await build({ ...esbuildOptions(options, lazy), entryPoints: [entry], metafile: true });
  await build({
    ...esbuildOptions(options, eager),
    stdin: {
      // A namespace that is exported is kept, so discord.js's module body runs when the bundle loads.
      contents: `import * as discord from 'discord.js';\nexport const eagerDiscord = discord;\nexport { handler } from './${POLL_ENTRY}';\n`,
      resolveDir: ROOT,
      sourcefile: 'eager-entry.ts',
      loader: 'ts',
    },
  });
  const { outfile: _, ...splitOptions } = esbuildOptions(options, lazy);
  rmSync(splitDir, { recursive: true, force: true });
  const split = await build({
    ...splitOptions,
    entryPoints: { index: entry },
    outdir: splitDir,
    splitting: true,
    outExtension: { '.js': '.mjs' },
    metafile: true,
  });
  const kb = (file: string) => statSync(file).size / 1024;
  return {
    source,
    lazy,
    eager,
    split: path.join(splitDir, 'index.mjs'),
    bundleKB: kb(lazy),
    sourceMapKB: kb(`${lazy}.map`),
    eagerBundleKB: kb(eager),
    splitInitialKB: initialKB(split.metafile, path.relative(ROOT, path.join(splitDir, 'index.mjs'))),
    topPackagesKB: topPackages(deployed.metafile, path.relative(ROOT, lazy)),
  };
}

/** The bytes a split build loads at import: the entry and, transitively, its static imports. */
function initialKB(metafile: Metafile, entry: string): number {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imported of metafile.outputs[file]?.imports ?? [])
      if (imported.kind === 'import-statement') visit(imported.path);
  };
  visit(entry);
  return [...seen].reduce((n, file) => n + (metafile.outputs[file]?.bytes ?? 0), 0) / 1024;
}

function topPackages(metafile: Metafile, output: string): Record<string, number> {
  const sizes = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(metafile.outputs[output]?.inputs ?? {})) {
    const name =
      /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? input.split('/').slice(0, 2).join('/');
    sizes.set(name, (sizes.get(name) ?? 0) + bytesInOutput);
  }
  return Object.fromEntries(
    [...sizes]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([name, bytes]) => [name, Math.round(bytes / 1024)]),
  );
}

export interface ColdStart {
  runs: number;
  /** Median ms from process start to the runner's first line, with nothing imported. */
  bareNodeMs: number;
  /** Median import time of each bundle: its median ms to "imported" minus the bare median. */
  coldStartMs: number;
  coldStartEagerDiscordMs: number;
  /** The same without `--enable-source-maps` (the stack sets it in NODE_OPTIONS). */
  coldStartNoSourceMapsMs: number;
  /** What-if: the code-split build of the same handler (with source maps). */
  coldStartSplitMs: number;
  /** Spawn-to-exit wall time, bundle minus bare: a cross-check that includes process teardown. */
  coldStartWallMs: number;
}

/**
 * Cold start on this machine: each run is a fresh `node` that imports one bundle (or nothing) and
 * prints `performance.now()`, ms since the process began. Runs of the variants are interleaved, so that
 * a slow moment of the machine touches them all alike. No handler runs: this is the Lambda init phase.
 */
export function measureColdStart(bundles: Bundles, runs: number): ColdStart {
  const runner = path.join(BENCH_DIR, 'cold-start.mjs');
  mkdirSync(BENCH_DIR, { recursive: true });
  writeFileSync(
    runner,
    'const target = process.argv[2];\nif (target) await import(target);\nprocess.stdout.write(String(performance.now()));\n',
  );
  const env = { PATH: process.env.PATH ?? '', AWS_EC2_METADATA_DISABLED: 'true' };
  const variants = {
    bare: { flags: ['--enable-source-maps'], target: [] as string[] },
    lazy: { flags: ['--enable-source-maps'], target: [bundles.lazy] },
    eager: { flags: ['--enable-source-maps'], target: [bundles.eager] },
    lazyNoMaps: { flags: [], target: [bundles.lazy] },
    split: { flags: ['--enable-source-maps'], target: [bundles.split] },
    bareNoMaps: { flags: [], target: [] as string[] },
  };
  type Variant = keyof typeof variants;
  const names = Object.keys(variants) as Variant[];
  const inside = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<Variant, number[]>;
  const wall = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<Variant, number[]>;
  for (let i = 0; i < runs + 1; i++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(i + k) % names.length] as Variant;
      const { flags, target } = variants[name];
      const start = performance.now();
      const out = execFileSync(process.execPath, [...flags, runner, ...target], { env, encoding: 'utf8' });
      const elapsed = performance.now() - start;
      // The first round warms the file cache and is not counted.
      if (i === 0) continue;
      inside[name].push(Number(out));
      wall[name].push(elapsed);
    }
  }
  const bare = median(inside.bare);
  return {
    runs,
    bareNodeMs: bare,
    coldStartMs: median(inside.lazy) - bare,
    coldStartEagerDiscordMs: median(inside.eager) - bare,
    coldStartNoSourceMapsMs: median(inside.lazyNoMaps) - median(inside.bareNoMaps),
    coldStartSplitMs: median(inside.split) - bare,
    coldStartWallMs: median(wall.lazy) - median(wall.bare),
  };
}

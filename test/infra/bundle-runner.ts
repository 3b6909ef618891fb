import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isolatedAwsEnv } from '../support/aws-stand-ins.ts';
import { type BundleChunks, bundleChunks, sizeOf, sourcesOf } from '../support/bundle-chunks.ts';

/**
 * Runs a synthesized Lambda bundle (`asset.<hash>/index.mjs` in cdk.out) the way Lambda does: a fresh
 * Node process imports the file and calls its `handler` with an event and a context. The runner is a
 * small `.mjs` written next to the asset, outside the repo, so nothing can resolve from the repo's
 * node_modules: the bundle must carry everything it needs. Results go to a file, because the handler's
 * own logs and EMF metrics go to stdout.
 */
const RUNNER = `import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const [mode, eventsFile, outFile] = process.argv.slice(2);
const started = performance.now();
const bundle = await import('./index.mjs');
const importMs = performance.now() - started;

const context = (n) => ({
  functionName: 'herald-bundle-test',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:herald-bundle-test',
  memoryLimitInMB: '256',
  awsRequestId: '00000000-0000-4000-8000-' + String(n).padStart(12, '0'),
  logGroupName: '/aws/lambda/herald-bundle-test',
  logStreamName: 'bundle-test',
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 60000,
});

const outcomes = [];
const stacks = [];
if (mode === 'invoke') {
  const events = JSON.parse(readFileSync(eventsFile, 'utf8'));
  for (const [n, event] of events.entries()) {
    try {
      outcomes.push({ ok: true, result: await bundle.handler(event, context(n)) });
    } catch (error) {
      outcomes.push({ ok: false, error: { name: error?.name, message: String(error?.message ?? error) } });
      stacks.push(String(error?.stack));
    }
  }
}
writeFileSync(outFile, JSON.stringify({ importMs, handlerType: typeof bundle.handler, outcomes, stacks }));
// Lambda freezes the process once the handler has answered; idle keep-alive sockets must not hold it here.
process.exit(0);
`;

export type Outcome<T> = { ok: true; result: T } | { ok: false; error: { name: string; message: string } };

export interface Run<T> {
  importMs: number;
  handlerType: string;
  outcomes: Outcome<T>[];
  /** The stack of each failed invocation, in order, as the Lambda runtime would print it. */
  stacks: string[];
  /** The handler's logs and metrics (Powertools writes JSON lines). */
  stdout: string;
  stderr: string;
}

export interface BundleRunner {
  bundle: string;
  /** The entry and its chunks: those loaded at import, and those loaded on first use. */
  chunks: BundleChunks;
  /** Bytes: what an import loads (code, and the maps Node reads with source maps on), and all code. */
  sizes: { initial: number; initialMap: number; total: number };
  /** Invokes the handler with each event in turn, in one fresh process (one container). */
  invoke<T = unknown>(events: unknown[], env: Record<string, string>): Promise<Run<T>>;
  /** Only imports the bundle, in a fresh process: the cold import time, ms. */
  importOnce(env: Record<string, string>): Promise<number>;
}

/**
 * A function's environment in a local run: `local` values (endpoints, names, what the stack sets as
 * tokens) on top of an isolated AWS environment, then every other variable the stack sets, as
 * `deployed` (the template's `Environment.Variables`) has it.
 */
export function functionEnv(
  deployed: Record<string, unknown>,
  local: Record<string, string>,
): Record<string, string> {
  const env: Record<string, string> = { ...isolatedAwsEnv(), ...local };
  for (const [name, value] of Object.entries(deployed))
    if (typeof value === 'string' && !(name in env)) env[name] = value;
  return env;
}

export function bundleRunner(bundle: string): BundleRunner {
  const dir = path.dirname(bundle);
  const runner = path.join(dir, 'bundle-runner.mjs');
  writeFileSync(runner, RUNNER);
  let runs = 0;

  async function run<T>(mode: 'invoke' | 'import', events: unknown[], env: Record<string, string>) {
    runs += 1;
    const eventsFile = path.join(dir, `events-${runs}.json`);
    const outFile = path.join(dir, `outcome-${runs}.json`);
    writeFileSync(eventsFile, JSON.stringify(events));
    const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
      // Asynchronous on purpose: the stand-ins the handler calls run in this process's event loop.
      execFile(
        process.execPath,
        [runner, mode, eventsFile, outFile],
        { cwd: dir, env, timeout: 60_000, maxBuffer: 32 * 1024 * 1024, encoding: 'utf8' },
        (error, out, err) =>
          error
            ? reject(
                new Error(`the bundle runner failed: ${error.message}\n${err}\n${out}`, { cause: error }),
              )
            : resolve({ stdout: out, stderr: err }),
      );
    });
    const result = JSON.parse(readFileSync(outFile, 'utf8')) as Omit<Run<T>, 'stdout' | 'stderr'>;
    return { ...result, stdout, stderr };
  }

  const chunks = bundleChunks(bundle);
  const initial = sizeOf(dir, chunks.initial);
  return {
    bundle,
    chunks,
    sizes: {
      initial: initial.code,
      initialMap: initial.map,
      total: initial.code + sizeOf(dir, chunks.lazy).code,
    },
    invoke: (events, env) => run('invoke', events, env),
    importOnce: async (env) => (await run('import', [], env)).importMs,
  };
}

/** The median of a few fresh-process imports, in ms. */
export async function coldImportMs(
  runner: BundleRunner,
  env: Record<string, string>,
  runs = 5,
): Promise<{ median: number; samples: number[] }> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(await runner.importOnce(env));
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)] as number, samples };
}

/** The source files a bundle was built from, all chunks, as their source maps list them (paths from the asset). */
export function bundleSources(bundle: string): string[] {
  const { dir, initial, lazy } = bundleChunks(bundle);
  return sourcesOf(dir, [...initial, ...lazy]);
}

/** The source files of the chunks an import loads: what every cold start parses. */
export function initialSources(bundle: string): string[] {
  const { dir, initial } = bundleChunks(bundle);
  return sourcesOf(dir, initial);
}

/** A one-line summary of a bundle's sizes, for the tests' logs. */
export function describeSizes(runner: BundleRunner): string {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
  const { initial, initialMap, total } = runner.sizes;
  return (
    `${kb(initial)} in ${runner.chunks.initial.length} file(s) at import (maps ${kb(initialMap)}), ` +
    `${kb(total)} in all with ${runner.chunks.lazy.length} lazy chunk(s)`
  );
}

/** The EMF metric documents a run printed: `{ namespace, dimensions, values }` per document. */
export function emfMetrics(
  stdout: string,
): { namespace: string; dimensions: string[][]; values: Record<string, unknown> }[] {
  return stdout
    .split('\n')
    .filter((line) => line.includes('"_aws"'))
    .map((line) => JSON.parse(line) as Record<string, unknown> & { _aws: EmfHeader })
    .map((doc) => {
      const [directive] = doc._aws.CloudWatchMetrics;
      const names = directive?.Metrics.map((m) => m.Name) ?? [];
      return {
        namespace: directive?.Namespace ?? '',
        dimensions: directive?.Dimensions ?? [],
        values: Object.fromEntries(names.map((name) => [name, doc[name]])),
      };
    });
}

interface EmfHeader {
  CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[];
}

import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pollFeeds } from '../functions/core/poll-feeds.ts';
import type { PollSummary } from '../functions/core/poll-types.ts';
import { pollOptions } from '../functions/wiring/poll-options.ts';
import { validatedFunctionConfig } from '../infra/deploy-config.ts';
import { writeFunctionConfigFile } from '../infra/function-config-file.ts';
import { startSecretsManager } from '../test/support/aws-stand-ins.ts';
import { BENCH_DIR } from './bundle.ts';
import { BenchFeeds } from './feeds.ts';
import { benchConfig, depsFor, type LocalServers, newTable, storeFor } from './local-env.ts';
import type { BenchArticle } from './pages.ts';
import { median, round } from './stats.ts';

/** One fresh `node` that imports the real bundle and runs one scheduled poll: a cold Lambda invocation. */
interface ChildRun {
  importMs: number;
  invokeMs: number;
  maxRssKB: number;
  summary: PollSummary;
  secretReads: number;
}

export interface BundleInvocations {
  /** A fresh process importing the bundle and running one poll of 15 feeds, all 304. */
  idle: { runs: number; initMs: number; invokeMs: number; maxRssMB: number; secretReads: number };
  /** The busy poll (30 new stories, 50 ms per article) in the same way. */
  busy: { runs: number; initMs: number; invokeMs: number; posted: number; secretReads: number };
  /** The largest resident set of a busy-poll process, as `process.resourceUsage().maxRSS` reports it. */
  peakRssMB: number;
  /** The same for a `node` that imports nothing: the floor under both. */
  bareNodeRssMB: number;
}

const RUNNER = `const t0 = performance.now();
const { handler } = await import(process.argv[2]);
const t1 = performance.now();
const summary = await handler({ version: '0', 'detail-type': 'Scheduled Event', source: 'aws.scheduler', detail: {} });
const t2 = performance.now();
const line = JSON.stringify({ importMs: t1 - t0, invokeMs: t2 - t1, maxRssKB: process.resourceUsage().maxRSS, summary });
process.stdout.write('\\nRESULT ' + line + '\\n', () => process.exit(0));
`;

function spawnNode(args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    // Asynchronous on purpose: the child's feeds, store and Discord are served by this process.
    execFile(
      process.execPath,
      args,
      { env, maxBuffer: 64 * 1024 * 1024, timeout: 60_000 },
      (error, stdout) => (error ? reject(error) : resolve(stdout)),
    );
  });
}

/**
 * The poll handler's real bundle, invoked in fresh processes as Lambda would on a cold start, with the
 * stack's environment (HERALD_CONFIG_FILE naming a config validated and marked as synth does it,
 * HERALD_TABLE, HERALD_SECRET_ID, the function's NODE_OPTIONS) pointed at the local stand-ins. Gives the
 * init and first-invoke times for the cost model, the secret reads, and the busy poll's peak RSS.
 */
export async function invokeBundle(
  local: LocalServers,
  bundle: string,
  nodeOptions: string,
  articles: BenchArticle[],
  now: Date,
  runs: { idle: number; busy: number },
): Promise<BundleInvocations> {
  const runner = path.join(BENCH_DIR, 'invoke.mjs');
  writeFileSync(runner, RUNNER);
  const secretName = 'herald-bench';
  const secrets = await startSecretsManager({
    [secretName]: JSON.stringify({ channels: { rights: local.discord.webhookUrl } }),
  });
  try {
    const feeds = new BenchFeeds(local.feeds, articles, now, 'cold');
    const config = benchConfig(local, feeds.ids, {
      channels: [{ id: 'rights', topics: ['human-rights'] }],
    });
    // The file as synth ships it: the function trusts it and never loads the config schema.
    const { store: _store, ...input } = config;
    const configFile = writeFunctionConfigFile(
      path.join(BENCH_DIR, 'invoke-config'),
      validatedFunctionConfig(input).config,
    );
    const baseEnv = (table: string): Record<string, string> => ({
      PATH: process.env.PATH ?? '',
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'bench',
      AWS_SECRET_ACCESS_KEY: 'bench',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      AWS_ENDPOINT_URL_DYNAMODB: local.dynamo.endpoint,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.url,
      HERALD_CONFIG_FILE: configFile,
      NODE_OPTIONS: nodeOptions,
      HERALD_TABLE: table,
      HERALD_SECRET_ID: secrets.arnOf(secretName),
      POWERTOOLS_SERVICE_NAME: 'herald',
      POWERTOOLS_METRICS_NAMESPACE: 'Herald',
    });
    const child = async (table: string): Promise<ChildRun> => {
      const reads = secrets.requests.length;
      const out = await spawnNode([runner, bundle], baseEnv(table));
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (!line) throw new Error(`the bundle's poll printed no result:\n${out.slice(-2000)}`);
      return {
        ...(JSON.parse(line.slice(7)) as Omit<ChildRun, 'secretReads'>),
        secretReads: secrets.requests.length - reads,
      };
    };
    const seed = async (): Promise<string> => {
      await feeds.setOld();
      const table = await newTable(local, 'cold');
      await pollFeeds(depsFor(storeFor(local, table), config), pollOptions(config));
      return table;
    };

    const idleTable = await seed();
    const idle: ChildRun[] = [];
    for (let i = 0; i < runs.idle; i++) {
      const run = await child(idleTable);
      if (run.summary.notModified !== feeds.ids.length)
        throw new Error('the idle bundle poll was not all 304');
      idle.push(run);
    }
    const busy: ChildRun[] = [];
    for (let i = 0; i < runs.busy; i++) {
      const table = await seed();
      await feeds.publishNew();
      busy.push(await child(table));
    }
    const bare = await spawnNode(['-e', 'process.stdout.write(String(process.resourceUsage().maxRSS))'], {
      PATH: process.env.PATH ?? '',
    });
    const mb = (kb: number) => round(kb / 1024, 1);
    return {
      idle: {
        runs: idle.length,
        initMs: round(median(idle.map((r) => r.importMs))),
        invokeMs: round(median(idle.map((r) => r.invokeMs))),
        maxRssMB: mb(Math.max(...idle.map((r) => r.maxRssKB))),
        secretReads: Math.max(...idle.map((r) => r.secretReads)),
      },
      busy: {
        runs: busy.length,
        initMs: round(median(busy.map((r) => r.importMs))),
        invokeMs: round(median(busy.map((r) => r.invokeMs))),
        posted: median(busy.map((r) => r.summary.posted)),
        secretReads: Math.max(...busy.map((r) => r.secretReads)),
      },
      peakRssMB: mb(Math.max(...busy.map((r) => r.maxRssKB))),
      bareNodeRssMB: mb(Number(bare)),
    };
  } finally {
    await secrets.close();
  }
}

// `npm run bench [-- --json] [-- --quick]`: Herald's running cost and latency on this machine, measured
// against local stand-ins only (VOA, Discord, DynamoDB, SQS, Secrets Manager, all on 127.0.0.1).
// The cold import of the deployed poll bundle as the outside check measures it (synth, then the bundle
// from cdk.out with its NODE_OPTIONS, beside a bare node), with what each bundling choice buys, the idle and busy polls (beside a naive pipeline), analysis
// speed, the busy poll's peak memory, a simulated 1,000-feed fan-out run, and the counts a cost model
// needs. Every timing is a median over repeated runs; every ratio is measured side by side.
// With --json the last line of stdout is one JSON object with every figure.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { type AnalysisBench, analysisBench } from './analysis.ts';
import {
  type BundleFigures,
  buildVariants,
  bundleFigures,
  COLD_RATIO_TARGET,
  type ColdImports,
  measureColdImports,
  type SynthesizedPoll,
  synthesizePoll,
} from './bundle.ts';
import { type FanOutBench, fanOutBench } from './fan-out.ts';
import { type BundleInvocations, invokeBundle } from './invoke-bundle.ts';
import { benchConfig, loaders, startLocal, stayOnLoopback } from './local-env.ts';
import { benchArticles, corpusPages } from './pages.ts';
import { type BusyPoll, busyPoll, type IdlePoll, idlePoll } from './polls.ts';
import { round } from './stats.ts';

const json = process.argv.includes('--json');
const quick = process.argv.includes('--quick');
const RUNS = quick
  ? {
      coldStart: 11,
      idle: 5,
      busyRounds: 2,
      analysisPasses: 3,
      idleChildren: 2,
      busyChildren: 1,
      fanOutReps: 1,
    }
  : {
      coldStart: 11,
      idle: 20,
      busyRounds: 5,
      analysisPasses: 7,
      idleChildren: 5,
      busyChildren: 3,
      fanOutReps: 2,
    };
/** Lambda memory of every Herald function (infra). */
const MEMORY_MB = 256;
/** The bench stops itself, whatever happens, well after its usual two to three minutes. */
const WATCHDOG_MS = 8 * 60_000;

const progress = (text: string) => process.stderr.write(`bench: ${text}\n`);

async function main(): Promise<void> {
  const began = performance.now();
  stayOnLoopback();
  const watchdog = setTimeout(() => {
    process.stderr.write('bench: stopped after 8 minutes without finishing\n');
    process.exit(2);
  }, WATCHDOG_MS);
  watchdog.unref();

  progress('npx cdk synth (offline), for the poll bundle as deployed');
  const synthesized = synthesizePoll();
  progress('the variants: the same handler with one bundling choice undone');
  const variants = await buildVariants(synthesized);
  progress(`cold import: ${RUNS.coldStart} fresh processes per bundle, beside node -e 0`);
  const cold = measureColdImports(variants, RUNS.coldStart);
  const bundles = await bundleFigures(synthesized.bundle);

  const now = new Date();
  const articles = benchArticles(now);
  const local = await startLocal();
  try {
    progress('analysis');
    const analyzer = await loaders(benchConfig(local, ['analysis'])).analyzer();
    const analysis = analysisBench(analyzer, articles, corpusPages(), RUNS.analysisPasses);
    progress('idle poll');
    const idle = await idlePoll(local, articles, now, RUNS.idle);
    progress('idle poll, re-stamped feeds');
    const restamped = await idlePoll(local, articles, now, RUNS.idle, { restamp: true });
    progress('busy poll, beside the naive pipeline');
    const busy = await busyPoll(local, articles, now, RUNS.busyRounds);
    progress('the real bundle, invoked cold in fresh processes (idle and busy)');
    const invoked = await invokeBundle(local, synthesized.bundle, synthesized.nodeOptions, articles, now, {
      idle: RUNS.idleChildren,
      busy: RUNS.busyChildren,
    });
    progress('fan-out: 1,000 feeds');
    const fanOut = await fanOutBench(local, articles, now, {
      pollers: [1, 4, 16, 64],
      single: [8, 64],
      reps: RUNS.fanOutReps,
    });

    const result = assemble({
      began,
      synthesized,
      cold,
      bundles,
      idle,
      restamped,
      busy,
      analysis,
      invoked,
      fanOut,
    });
    printTable(result);
    if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await local.close();
  }
}

interface Parts {
  began: number;
  synthesized: SynthesizedPoll;
  cold: ColdImports;
  bundles: BundleFigures;
  idle: IdlePoll;
  restamped: IdlePoll;
  busy: BusyPoll;
  analysis: AnalysisBench;
  invoked: BundleInvocations;
  fanOut: FanOutBench;
}

/** Every figure, in the JSON's shape. */
function assemble({
  began,
  synthesized,
  cold,
  bundles,
  idle,
  restamped,
  busy,
  analysis,
  invoked,
  fanOut,
}: Parts) {
  const defaults = JSON.parse(readFileSync(new URL('../config/default.json', import.meta.url), 'utf8')) as {
    feeds: unknown[];
    schedule?: { rateMinutes?: number };
  };
  const rateMinutes = defaults.schedule?.rateMinutes ?? 10;
  const row = (name: string) => {
    const found = cold.rows.find((r) => r.name === name);
    if (!found) throw new Error(`no cold-import figure for ${name}`);
    return found;
  };
  const deployed = row('deployed');
  const gbSeconds = (ms: number) => round((ms / 1000) * (MEMORY_MB / 1024), 4);
  const costInputs = {
    memoryMB: MEMORY_MB,
    rateMinutes,
    invocationsPerMonth: Math.round((730 * 60) / rateMinutes),
    defaultFeeds: defaults.feeds.length,
    benchFeeds: idle.feeds,
    idlePoll: {
      httpRequests: idle.requests.http.feeds,
      dynamoRequests: idle.requests.dynamo,
      dynamoItemsRead: idle.requests.items.itemsRead,
      dynamoItemsWritten: idle.requests.items.itemsWritten,
      secretReads: invoked.idle.secretReads,
      warmMs: idle.wallMs,
      coldInitMs: invoked.idle.initMs,
      coldInvokeMs: invoked.idle.invokeMs,
      gbSecondsWarm: gbSeconds(idle.wallMs),
      gbSecondsCold: gbSeconds(invoked.idle.initMs + invoked.idle.invokeMs),
    },
    busyPoll: {
      httpRequests: busy.requests.http,
      dynamoRequests: busy.requests.dynamo,
      dynamoItemsRead: busy.requests.items.itemsRead,
      dynamoItemsWritten: busy.requests.items.itemsWritten,
      dynamoBytesPut: busy.requests.items.bytesPut,
      secretReads: invoked.busy.secretReads,
      warmMs: busy.wallMs,
      coldInitMs: invoked.busy.initMs,
      coldInvokeMs: invoked.busy.invokeMs,
      gbSecondsWarm: gbSeconds(busy.wallMs),
      gbSecondsCold: gbSeconds(invoked.busy.initMs + invoked.busy.invokeMs),
    },
    fanOutPerFeed: fanOut.rows.find((r) => r.mode === 'fan-out' && r.pollers === 16) ?? fanOut.rows[0],
    note:
      'Wall times are on loopback: real VOA and Discord round trips (tens of ms each, overlapped by the ' +
      'poll’s concurrency) add to Lambda duration. Lambda bills the init phase too; a 10-minute schedule ' +
      'is often a cold start. Idle polls read the secret never; a busy poll reads it once per container ' +
      'per 5 minutes (cache).',
  };

  const result = {
    machine: { node: process.version, platform: `${os.platform()} ${os.arch()}`, cpus: os.cpus().length },
    coldStartMs: round(deployed.overBareMs, 1),
    coldStart: {
      measure:
        'npx cdk synth, then a fresh node imports the poll bundle from cdk.out with its NODE_OPTIONS; ' +
        `median wall time of ${cold.runs} runs from one process, beside node -e 0`,
      synthMs: Math.round(synthesized.synthMs),
      nodeOptions: synthesized.nodeOptions,
      bareNodeMs: round(cold.bareNodeMs, 1),
      bundleMs: round(deployed.ms, 1),
      ratio: round(deployed.ratio, 2),
      variants: Object.fromEntries(
        cold.rows.map((r) => [
          r.name,
          {
            label: r.label,
            ms: round(r.ms, 1),
            ratio: round(r.ratio, 2),
            overBareMs: round(r.overBareMs, 1),
            importMs: round(r.importMs, 1),
          },
        ]),
      ),
      bought: {
        note: 'differences of the median import() time inside the process, steadier than wall times',
        codeSplittingMs: round(row('before').importMs - row('split').importMs, 1),
        validatedConfigMs: round(row('split').importMs - row('nodeSourceMaps').importMs, 1),
        lazySourceMapsMs: round(row('nodeSourceMaps').importMs - deployed.importMs, 1),
        splittingTodayMs: round(row('oneFile').importMs - deployed.importMs, 1),
        lazyDiscordMs: round(row('discordAtImport').importMs - deployed.importMs, 1),
        ownDynamoClientMs: round(row('sdkDynamoOnly').importMs - row('dynamoOnly').importMs, 1),
      },
      bundle: bundles,
    },
    idlePoll: idle,
    restampedIdlePoll: restamped,
    busyPoll: busy,
    busyWrites: {
      writes: busy.requests.dynamoWrites,
      itemsWritten: busy.requests.items.itemsWritten,
      budget: busy.newStories + 3 * busy.summary.posted,
    },
    analysis,
    peakRssMB: invoked.peakRssMB,
    bundleInvocations: invoked,
    fanOut,
    costInputs,
    targets: {
      coldStartRatio: { target: `<= ${COLD_RATIO_TARGET}`, met: deployed.ratio <= COLD_RATIO_TARGET },
      coldStartMs: { target: '<= 150', met: deployed.overBareMs <= 150 },
      idlePoll: {
        target: '15 conditional GETs, 1 BatchGetItem, 0 writes',
        met:
          idle.requests.http.conditional === 15 &&
          idle.requests.http.feeds === 15 &&
          JSON.stringify(idle.requests.dynamo) === '{"BatchGetItem":1}' &&
          idle.requests.dynamoWrites === 0,
      },
      restampedIdlePoll: {
        target: '<= 1 DynamoDB request, 0 writes',
        met:
          Object.values(restamped.requests.dynamo).reduce((a, b) => a + b, 0) <= 1 &&
          restamped.requests.dynamoWrites === 0,
      },
      busyWrites: {
        target: '<= 1 per new story + 3 per delivery',
        met:
          busy.requests.dynamoWrites <= busy.newStories + 3 * busy.summary.posted &&
          busy.requests.items.itemsWritten <= busy.newStories + 3 * busy.summary.posted,
      },
      speedupVsNaive: { target: '>= 5', met: busy.speedupVsNaive >= 5 },
      msPerArticle: { target: '<= 5', met: analysis.msPerArticle <= 5 },
      peakRssMB: { target: '<= 200', met: invoked.peakRssMB <= 200 },
    },
    durationS: round((performance.now() - began) / 1000, 1),
  };
  return result;
}

type BenchResult = ReturnType<typeof assemble>;

function printTable(r: BenchResult): void {
  const rows: Array<[string, string]> = [];
  const section = (title: string) => rows.push([`— ${title}`, '']);
  const row = (label: string, value: unknown) => rows.push([`  ${label}`, String(value)]);
  const t = r.targets;
  const mark = (met: boolean) => (met ? 'met' : 'NOT MET');

  section(`machine: node ${r.machine.node}, ${r.machine.platform}, ${r.machine.cpus} CPUs`);
  const c0 = r.coldStart;
  section(`cold import of the deployed poll bundle (${c0.measure})`);
  row(
    'ratio to bare node',
    `${c0.ratio}x: ${c0.bundleMs} ms vs node -e 0 ${c0.bareNodeMs} ms  (target <= ${COLD_RATIO_TARGET}: ${mark(t.coldStartRatio.met)})`,
  );
  row('coldStartMs', `${r.coldStartMs} ms over bare node  (target <= 150: ${mark(t.coldStartMs.met)})`);
  for (const v of Object.values(c0.variants))
    row(`  ${v.label}`, `${v.ms} ms, ${v.ratio}x (+${v.overBareMs} ms); import() ${v.importMs} ms`);
  row(
    'what each choice buys (import())',
    `code splitting ${c0.bought.codeSplittingMs} ms, the validated config (no zod) ${c0.bought.validatedConfigMs} ms, ` +
      `lazy source maps ${c0.bought.lazySourceMapsMs} ms; on today's code, splitting ${c0.bought.splittingTodayMs} ms ` +
      `and lazy discord.js ${c0.bought.lazyDiscordMs} ms; Herald's DynamoDB client instead of the SDK's ${c0.bought.ownDynamoClientMs} ms`,
  );
  const b = c0.bundle;
  const top = (sizes: Record<string, number>) =>
    Object.entries(sizes)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
  row(
    'at import',
    `${b.initial.kb} KB in ${b.initial.files} files (+ ${b.initial.mapKB} KB of maps): ${top(b.atImportKB)}`,
  );
  row(
    'on first use',
    `${b.lazy.kb} KB in ${b.lazy.files} chunks (+ ${b.lazy.mapKB} KB of maps): ${top(b.lazyKB)}`,
  );
  row('synth', `${c0.synthMs} ms`);

  const idle = r.idlePoll;
  section(`idle poll: ${idle.feeds} feeds, all 304 (median of ${idle.runs})`);
  row('wall', `${idle.wallMs} ms`);
  row(
    'HTTP',
    `${idle.requests.http.feeds} feed GETs (${idle.requests.http.conditional} conditional, ${idle.requests.http.notModified} × 304), ${idle.requests.http.articles} articles`,
  );
  row(
    'DynamoDB',
    `${JSON.stringify(idle.requests.dynamo)}, ${idle.requests.dynamoWrites} writes, ${idle.requests.items.itemsRead} items read  (target: ${mark(t.idlePoll.met)})`,
  );
  row('modules loaded', `analyzer ${idle.analyzerLoads}, Discord poster ${idle.posterLoads}`);

  const re = r.restampedIdlePoll;
  section(
    `idle poll: ${re.feeds} feeds answering 200 with the same items and a new lastBuildDate (median of ${re.runs})`,
  );
  row('wall', `${re.wallMs} ms`);
  row(
    'DynamoDB',
    `${JSON.stringify(re.requests.dynamo)}, ${re.requests.dynamoWrites} writes  (target <= 1 request, 0 writes: ${mark(t.restampedIdlePoll.met)})`,
  );

  const busy = r.busyPoll;
  section(
    `busy poll: ${busy.feeds} feeds × ${busy.itemsPerFeed} items, ${busy.newStories} new, ${busy.articleDelayMs} ms per article (median of ${busy.rounds})`,
  );
  row('Herald', `${busy.wallMs} ms; posted ${busy.summary.posted}, matched ${busy.summary.matched}`);
  row('naive pipeline', `${busy.naiveWallMs} ms`);
  row('speedupVsNaive', `${busy.speedupVsNaive}×  (target >= 5: ${mark(t.speedupVsNaive.met)})`);
  row(
    'writes',
    `${r.busyWrites.writes} write requests, ${r.busyWrites.itemsWritten} items, for ${busy.newStories} new stories and ${busy.summary.posted} posts  (target <= ${r.busyWrites.budget}: ${mark(t.busyWrites.met)})`,
  );
  row(
    'Herald requests',
    `HTTP ${busy.requests.http.feeds} feeds + ${busy.requests.http.articles} articles + ${busy.requests.http.discordPosts} posts; DynamoDB ${JSON.stringify(busy.requests.dynamo)}`,
  );
  row(
    'naive requests',
    `HTTP ${busy.naiveRequests.http.feeds} feeds + ${busy.naiveRequests.http.articles} articles + ${busy.naiveRequests.http.discordPosts} posts; DynamoDB ${JSON.stringify(busy.naiveRequests.dynamo)}`,
  );

  const a = r.analysis;
  section(`analysis: ${a.pages} VOA-style pages of ${a.pageKB} KB (median of ${a.passes} passes)`);
  row(
    'msPerArticle',
    `${a.msPerArticle} ms (${a.articlesPerSec}/s)  (target <= 5: ${mark(t.msPerArticle.met)})`,
  );
  row('parseOnlyMs', `${a.parseOnlyMs} ms; analysis / parse = ${a.ratioToParse}`);
  row(
    'saved corpus pages',
    `${a.corpus.pages} pages of ${a.corpus.pageKB} KB: ${a.corpus.msPerArticle} ms per article, parse ${a.corpus.parseOnlyMs} ms`,
  );

  const inv = r.bundleInvocations;
  section('the real bundle, cold, in fresh processes');
  row(
    'idle',
    `init ${inv.idle.initMs} ms + invoke ${inv.idle.invokeMs} ms, max RSS ${inv.idle.maxRssMB} MB, secret reads ${inv.idle.secretReads}`,
  );
  row(
    'busy',
    `init ${inv.busy.initMs} ms + invoke ${inv.busy.invokeMs} ms, posted ${inv.busy.posted}, secret reads ${inv.busy.secretReads}`,
  );
  row(
    'peakRssMB (busy)',
    `${r.peakRssMB} MB (bare node ${inv.bareNodeRssMB} MB)  (target <= 200: ${mark(t.peakRssMB.met)})`,
  );

  const f = r.fanOut;
  section(
    `fan-out: ${f.feeds} feeds answering in ${f.feedLatencyMs} ms, ${f.changedFeedsPerRun} with a new story per run, batches of ${f.batchSize} (median of ${f.reps})`,
  );
  for (const x of f.rows)
    row(
      `${x.mode === 'single' ? 'single function' : `${x.pollers} poller(s)`}`.padEnd(18),
      `${String(x.wallMs).padStart(8)} ms  ≤${x.feedsInFlight} feeds in flight; per feed: HTTP ${x.httpPerFeed}, DynamoDB ${x.dynamoPerFeed}, SQS ${x.sqsPerFeed}`,
    );

  const c = r.costInputs;
  section(
    `cost inputs (${c.memoryMB} MB, every ${c.rateMinutes} min = ${c.invocationsPerMonth} polls/month)`,
  );
  row(
    'idle poll',
    `${c.idlePoll.httpRequests} HTTP, ${c.idlePoll.dynamoItemsRead} items read, ${c.idlePoll.dynamoItemsWritten} written; ${c.idlePoll.gbSecondsWarm} GB-s warm, ${c.idlePoll.gbSecondsCold} GB-s cold`,
  );
  row(
    'busy poll',
    `${c.busyPoll.dynamoItemsRead} items read, ${c.busyPoll.dynamoItemsWritten} written (${c.busyPoll.dynamoBytesPut} B put); ${c.busyPoll.gbSecondsWarm} GB-s warm, ${c.busyPoll.gbSecondsCold} GB-s cold`,
  );
  section(`done in ${r.durationS} s`);

  const width = Math.max(...rows.filter(([, value]) => value).map(([label]) => label.length));
  for (const [label, value] of rows)
    process.stdout.write(`${value ? `${label.padEnd(width)}  ${value}` : label}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);

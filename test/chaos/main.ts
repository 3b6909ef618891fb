// `npm run test:chaos [-- --seed N --polls N]`: the fault-injection run with its figures, outside vitest.
import { runChaos } from './chaos-run.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const seed = arg('seed', 20261128);
const polls = arg('polls', 200);
for (const [name, abortRate, lostResponses] of [
  ['no aborts', 0, false],
  ['aborts', 0.15, true],
] as const) {
  const figures = await runChaos({
    seed,
    polls,
    abortRate,
    overlapRate: 0.15,
    feedFaultRate: 0.15,
    discordFaultRate: 0.3,
    lostResponses,
    storeFaultPolls: 0.15,
    storeFaultRate: 0.25,
    analyzerFaultRate: 0.05,
  });
  const { faults, ...totals } = figures;
  console.log(`\n${name}`);
  console.table(totals);
  console.log('faults injected');
  console.table(faults);
}

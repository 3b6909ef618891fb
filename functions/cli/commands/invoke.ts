import { z } from 'zod';
import {
  createLambdaInvoker,
  type LambdaInvoker,
  StackNotFoundError,
} from '../../adapters/lambda-invoker.ts';
import type { PollSummary } from '../../core/poll-types.ts';
import { readStackOutput } from '../deployed-stack.ts';
import { type CliIo, parseArgs, UsageError } from '../io.ts';
import { renderSummaryText } from '../render-terminal.ts';

/** What the function returns; the counts are DESIGN.md's summary, the rest is optional extra detail. */
const summarySchema = z.looseObject({
  feeds: z.number(),
  notModified: z.number(),
  newStories: z.number(),
  matched: z.number(),
  posted: z.number(),
  failed: z.number(),
  skipped: z.number(),
  durationMs: z.number(),
  feedErrors: z.number().optional(),
  pending: z.number().optional(),
  dryRun: z.boolean().optional(),
});

const FEED_ID = /^[a-z0-9][a-z0-9-]*$/;

/**
 * `herald invoke [--dry-run] [--feed ID[,ID...]] [--json] [--stack NAME] [--function NAME]`:
 * runs one poll in the deployed function (synchronously) and prints its summary.
 * The payload, `{ "dryRun": bool, "feeds": [ids] }`, is the one `aws lambda invoke` takes.
 */
export async function run(
  args: string[],
  io: CliIo,
  deps: { invoker?: LambdaInvoker } = {},
): Promise<number> {
  const { flags, options, positionals } = parseArgs(args, {
    flags: ['dry-run', 'json'],
    options: ['feed', 'stack', 'function'],
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const feeds = options
    .get('feed')
    ?.split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  const badFeed = feeds?.find((id) => !FEED_ID.test(id));
  if (badFeed !== undefined) throw new UsageError(`--feed: "${badFeed}" is not a feed id`);
  if (feeds?.length === 0) throw new UsageError('--feed needs at least one feed id');

  const invoker = deps.invoker ?? createLambdaInvoker();
  let functionName = options.get('function');
  if (!functionName) {
    try {
      functionName = await readStackOutput(['FunctionName'], options.get('stack'), (name) =>
        invoker.stackOutputs(name),
      );
    } catch (error) {
      if (error instanceof StackNotFoundError) {
        io.err(`herald invoke: ${error.message}`);
        return 1;
      }
      throw error;
    }
  }

  const dryRun = flags.has('dry-run');
  const payload = { dryRun, ...(feeds ? { feeds } : {}) };
  io.progress(`Invoking ${functionName}${dryRun ? ' (dry run)' : ''}...`);
  const result = await invoker.invoke(functionName, payload);
  io.progress('');

  if (result.kind === 'busy') {
    io.err(
      `herald invoke: ${functionName} is busy: a poll is already running (the function runs one at a time). ` +
        'Try again in a minute.',
    );
    return 1;
  }
  if (result.kind === 'function-error') {
    io.err(`herald invoke: the function failed: ${result.errorType}: ${result.errorMessage}`);
    return 1;
  }
  const parsed = summarySchema.safeParse(result.payload);
  if (!parsed.success) {
    io.err(
      `herald invoke: ${functionName} answered without a poll summary: ${JSON.stringify(result.payload)}`,
    );
    return 1;
  }
  const summary = parsed.data;
  if (flags.has('json')) {
    const { feeds: f, notModified, newStories, matched, posted, failed, skipped, durationMs } = summary;
    io.out(
      JSON.stringify({ feeds: f, notModified, newStories, matched, posted, failed, skipped, durationMs }),
    );
  } else {
    const full: PollSummary = {
      ...summary,
      feedErrors: summary.feedErrors ?? 0,
      pending: summary.pending ?? 0,
      dryRun: summary.dryRun ?? dryRun,
    };
    io.out(`${renderSummaryText(full)} (${functionName})`);
  }
  // As `herald poll`: a poll in which every feed it tried failed is a failure.
  const tried = summary.feeds - summary.skipped;
  return summary.feedErrors !== undefined && tried > 0 && summary.feedErrors === tried ? 1 : 0;
}

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createHttpArticleSource } from '../../adapters/http-article-source.ts';
import type { HeraldConfig } from '../../core/config.ts';
import { explanationLines } from '../../core/explain-story.ts';
import type { ChannelState } from '../../core/ports.ts';
import { type ExplainInput, explainArticle } from '../../wiring/explain-article.ts';
import { httpLimits } from '../../wiring/poll-options.ts';
import { type CliIo, parseArgs, UsageError } from '../io.ts';
import { loadConfig } from '../load-config.ts';
import { openStore } from '../open-store.ts';

/**
 * `herald explain [--config FILE] [--json] FILE|URL...`: why each story would or would not be posted, per
 * topic (score, threshold, evidence) and per channel (the routing rule, and a broken channel's health
 * when the store has it). `--json` prints one object per input, one per line.
 */
export async function run(args: string[], io: CliIo): Promise<number> {
  const { flags, options, positionals } = parseArgs(args, { flags: ['json'], options: ['config'] });
  if (positionals.length === 0) throw new UsageError('name at least one article file or URL');
  const { config } = await loadConfig(io.cwd, options.get('config'));
  const channelStates = await readChannelStates(config, io);
  const articleSource = createHttpArticleSource({ limits: httpLimits(config) });
  let failures = 0;
  for (const [index, name] of positionals.entries()) {
    const input = await readInput(name, io);
    if (input.kind === 'error') {
      io.err(`herald explain: ${input.reason}`);
      failures++;
      continue;
    }
    const result = await explainArticle(config, input, { articleSource, channelStates });
    if (result.kind === 'error') {
      io.err(`herald explain: ${result.reason}`);
      failures++;
      continue;
    }
    if (flags.has('json')) io.out(JSON.stringify({ input: name, ...result.explanation }));
    else {
      if (index > 0) io.out('');
      io.out(name);
      for (const line of explanationLines(result.explanation)) io.out(`  ${line}`);
    }
  }
  return failures ? 1 : 0;
}

async function readInput(name: string, io: CliIo): Promise<ExplainInput | { kind: 'error'; reason: string }> {
  if (/^https?:\/\//i.test(name)) return { kind: 'url', url: name };
  try {
    return { kind: 'content', content: await readFile(resolve(io.cwd, name), 'utf8') };
  } catch (error) {
    return {
      kind: 'error',
      reason: `cannot read ${name}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    };
  }
}

/**
 * The channels' health from the configured store. A local store that does not exist yet has none (and is not
 * created); a store that cannot be read is reported and explain goes on without it.
 */
async function readChannelStates(config: HeraldConfig, io: CliIo): Promise<Map<string, ChannelState>> {
  if ('path' in config.store && !existsSync(resolve(io.cwd, config.store.path))) return new Map();
  try {
    const opened = await openStore(config, io.cwd);
    try {
      const states = await opened.store.listChannelStates();
      return new Map(states.map((s) => [s.channelId, s]));
    } finally {
      await opened.close();
    }
  } catch (error) {
    io.err(
      `herald explain: could not read channel health from the store (${error instanceof Error ? error.message : String(error)}); explaining without it`,
    );
    return new Map();
  }
}

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { looksLikeHtml } from '../../wiring/explain-article.ts';
import { type CliIo, parseArgs, UsageError } from '../io.ts';
import { loadConfig } from '../load-config.ts';

/** `herald analyze [--json] [--config FILE] FILE...`: HTML pages or plain-text dumps. */
export async function run(args: string[], io: CliIo): Promise<number> {
  const { flags, options, positionals } = parseArgs(args, { flags: ['json'], options: ['config'] });
  if (positionals.length === 0) throw new UsageError('name at least one article file (HTML or plain text)');
  const analysis = await import('../../analysis/index.ts');
  const { config } = await loadConfig(io.cwd, options.get('config'));
  const topics = [...analysis.builtInTopics, ...config.topics];
  let failures = 0;
  for (const file of positionals) {
    let content: string;
    try {
      content = await readFile(resolve(io.cwd, file), 'utf8');
    } catch (error) {
      io.err(
        `herald analyze: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
      failures++;
      continue;
    }
    const result = analysis.analyze(looksLikeHtml(content) ? { html: content } : { text: content }, topics);
    const record = {
      file,
      title: result.title,
      humanRights: result.humanRights,
      topics: result.topics.map(({ id, score, matched, evidence }) => ({ id, score, matched, evidence })),
      summary: result.summary,
      quotes: result.quotes.map(({ text, speaker, role, mention }) => ({ text, speaker, role, mention })),
      keyQuotes: result.keyQuotes.map(({ text, speaker, role }) => ({ text, speaker, role })),
      source: result.source,
      ...(result.wire ? { wire: result.wire } : {}),
    };
    if (flags.has('json')) {
      io.out(JSON.stringify(record));
      continue;
    }
    io.out(`${file}\n  ${record.title}`);
    for (const topic of record.topics) {
      io.out(
        `  topic ${topic.id}: ${topic.matched ? 'MATCH' : 'no'} (score ${topic.score.toFixed(2)}) ${topic.evidence.join(', ')}`,
      );
    }
    io.out(`  summary: ${record.summary}`);
    for (const quote of record.quotes) {
      io.out(
        `  “${quote.text}”\n      — ${quote.speaker ?? 'unattributed'}${quote.role ? `, ${quote.role}` : ''}`,
      );
    }
    io.out('');
  }
  return failures ? 1 : 0;
}

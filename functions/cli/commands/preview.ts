import { createHttpArticleSource } from '../../adapters/http-article-source.ts';
import { renderStory } from '../../core/render-story.ts';
import { normalizeUrl, storyKey } from '../../core/story.ts';
import { analyzerLoader } from '../../wiring/loaders.ts';
import { httpLimits } from '../../wiring/poll-options.ts';
import { type CliIo, parseArgs, UsageError } from '../io.ts';
import { loadConfig } from '../load-config.ts';
import { renderPostText } from '../render-terminal.ts';

/** `herald preview [--json] URL`: fetch one article and show the post Herald would make. */
export async function run(args: string[], io: CliIo): Promise<number> {
  const { flags, options, positionals } = parseArgs(args, { flags: ['json'], options: ['config'] });
  const [url] = positionals;
  if (!url || !normalizeUrl(url)) throw new UsageError('give one http(s) article URL');
  const { config } = await loadConfig(io.cwd, options.get('config'));
  const page = await createHttpArticleSource({ limits: httpLimits(config) }).fetchArticle(url);
  if (page.kind === 'error') {
    io.err(`herald preview: could not fetch ${url}: ${page.reason}`);
    return 1;
  }
  const item = {
    key: storyKey(url, undefined) ?? url,
    feedId: 'preview',
    url,
    title: '',
    description: '',
    categories: [],
  };
  const analysis = (await analyzerLoader(config)()).analyze(item, page.html);
  const post = renderStory(item, analysis);
  if (flags.has('json')) io.out(JSON.stringify({ analysis, post }));
  else {
    const matched = analysis.topics.filter((t) => t.matched).map((t) => t.id);
    io.out(renderPostText(post));
    io.out(
      `\n${matched.length ? `Matches: ${matched.join(', ')}` : 'Matches no topic: Herald would not post this story.'}`,
    );
  }
  return 0;
}

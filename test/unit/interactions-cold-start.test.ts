import path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, test } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ENTRY = 'functions/interactions/handler.ts';

/** The files reached from the entry, following static imports only, or every kind of import. */
function reachable(metafile: Metafile, from: string, kinds: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [from];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const edge of metafile.inputs[file]?.imports ?? []) {
      if (!edge.external && kinds.includes(edge.kind)) queue.push(edge.path);
    }
  }
  return seen;
}

describe('the interactions handler cold start', () => {
  let metafile: Metafile;

  beforeAll(async () => {
    // Bundled as the stack bundles it (ESM, node platform), to see the module graph esbuild keeps.
    const result = await build({
      absWorkingDir: ROOT,
      entryPoints: [ENTRY],
      bundle: true,
      write: false,
      metafile: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      mainFields: ['module', 'main'],
      logLevel: 'silent',
    });
    metafile = result.metafile;
  }, 60_000);

  test('loads only its own small modules and node:crypto at import time', () => {
    const atImport = [...reachable(metafile, ENTRY, ['import-statement'])].sort();

    expect(atImport).toEqual([
      'functions/core/describe-error.ts',
      'functions/core/feed-staleness.ts',
      'functions/core/redact.ts',
      'functions/core/render-post.ts',
      'functions/interactions/commands.ts',
      'functions/interactions/console-logger.ts',
      'functions/interactions/handler.ts',
      'functions/interactions/interaction.ts',
      'functions/interactions/json-depth.ts',
      'functions/interactions/lazy-store.ts',
      'functions/interactions/poller-invoker.ts',
      'functions/interactions/responses.ts',
      'functions/interactions/run-command.ts',
      'functions/interactions/verify-signature.ts',
      'functions/wiring/config-files.ts',
      'functions/wiring/lazy-source-maps.ts',
    ]);
    const externals = metafile.inputs['functions/interactions/verify-signature.ts']?.imports.filter(
      (i) => i.external,
    );
    expect(externals?.map((i) => i.path)).toEqual(['node:crypto']);
  });

  test('the DynamoDB client and the Lambda SDK load on first use only, through dynamic imports', () => {
    const dynamic = Object.values(metafile.inputs)
      .flatMap((input) => input.imports)
      .filter((edge) => edge.kind === 'dynamic-import')
      .map((edge) => edge.original ?? edge.path);

    expect(dynamic).toEqual(
      expect.arrayContaining([
        '../adapters/dynamo-client.ts',
        '@aws-sdk/client-lambda',
        '../adapters/dynamo-state-store.ts',
      ]),
    );
  });

  test("never bundles discord.js, the analysis module, rss-parser, the poller or the SDK's DynamoDB client", () => {
    const everything = [
      ...reachable(metafile, ENTRY, ['import-statement', 'dynamic-import', 'require-call']),
    ];
    const forbidden = everything.filter((file) =>
      /node_modules\/(discord\.js|@discordjs|rss-parser|linkedom|@mozilla\/readability|@aws-lambda-powertools|zod|@aws-sdk\/client-dynamodb|@aws-sdk\/lib-dynamodb)\/|functions\/(core\/analysis|poll|adapters\/(rss-feed-source|http-article-source|discord-poster))/.test(
        file,
      ),
    );

    expect(forbidden).toEqual([]);
  });
});

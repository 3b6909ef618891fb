import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { AssetHashType, DockerImage, type ILocalBundling } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { type BuildOptions, buildSync } from 'esbuild';
import { FUNCTION_CONFIG_FILE } from './function-config-file.ts';

/**
 * Bundled CommonJS code calls require() for Node built-ins; ESM has no require, so every output file
 * makes one. Without it a chunk fails at import with `Dynamic require of "http"` (which `node -e` hides,
 * since it has a global require).
 */
export const CREATE_REQUIRE_BANNER =
  "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/**
 * How every Herald handler is bundled: esbuild, minified ESM for Node.js 24, code-split.
 *
 * Splitting is the point. Each `import()` in the code (discord.js and the Discord REST client, the
 * analysis with linkedom and Readability, rss-parser, the secret and its SDK client) becomes its own
 * chunk, which Node reads, parses and runs only when that import runs. One file would make every cold
 * start parse all of it: an idle poll posts nothing, yet paid for undici and discord.js (800 KB). The
 * entry is `index.mjs`; the chunks sit beside it, so that `import.meta.url` means the code directory in
 * every chunk.
 *
 * Externals: none. The AWS SDK v3 is bundled rather than taken from the Node.js 24 runtime:
 * - the artifact is then exactly what the tests ran (same SDK, same Powertools peer versions), instead of
 *   whatever SDK the runtime ships that week;
 * - the bundle imports on its own in a fresh `node` (the real-bundle tests and the cold-start bench
 *   need that: a `cdk.out` asset has no node_modules to resolve `@aws-sdk/*` from);
 * - esbuild keeps only the clients we use, minified, which loads faster than the runtime's full SDK.
 *
 * Source maps are linked files without the sources: stack traces need line mappings, not the original
 * text. The handlers read a file's map only when a stack through it is printed (lazy-source-maps.ts).
 */
export const HERALD_ESBUILD = {
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'esm',
  mainFields: ['module', 'main'],
  splitting: true,
  entryNames: 'index',
  outExtension: { '.js': '.mjs' },
  banner: { js: CREATE_REQUIRE_BANNER },
  minify: true,
  sourcemap: 'linked',
  sourcesContent: false,
  external: [],
  alias: {
    // linkedom parses <style> sheets only when asked for `sheet`, which the analysis never does.
    'cssomnom/parse': './infra/bundle-stubs/cssomnom-parse.js',
    // linkedom needs htmlparser2's Parser only; the package's index brings 18 KB more.
    htmlparser2: './infra/bundle-stubs/htmlparser2.js',
    // css-select's default adapter; linkedom always passes its own.
    domutils: './infra/bundle-stubs/domutils.js',
  },
  logLevel: 'warning',
} as const satisfies BuildOptions;

/** esbuild's options for one handler: `entry` (relative to `rootDir`) into `outdir` as index.mjs and its chunks. */
export function heraldBuildOptions(rootDir: string, entry: string, outdir: string): BuildOptions {
  return {
    ...HERALD_ESBUILD,
    absWorkingDir: rootDir,
    entryPoints: [path.join(rootDir, entry)],
    outdir,
  };
}

/**
 * Bundles a handler on this machine (never in Docker): esbuild is a devDependency, and its output is the
 * same on any host. The fields are what CDK's asset cache keys on within one synth, so two functions, or
 * two configs (whose files are named by content), never share a bundle.
 */
export class HeraldBundling implements ILocalBundling {
  constructor(
    readonly rootDir: string,
    readonly entry: string,
    /** The function config file on the synth machine, copied into the code as herald.config.json. */
    readonly configFile: string,
  ) {}

  tryBundle(outputDir: string): boolean {
    // A build error throws, and the synth fails with esbuild's message: returning false would send CDK
    // to Docker instead.
    buildSync(heraldBuildOptions(this.rootDir, this.entry, outputDir));
    copyFileSync(this.configFile, path.join(outputDir, FUNCTION_CONFIG_FILE));
    return true;
  }
}

/**
 * A handler's code: the bundle directory with the function config beside it. The asset is hashed by its
 * output, so a changed config or a changed source is a changed asset, and the repo itself is never
 * fingerprinted. When a test skips bundling (`aws:cdk:bundling-stacks: []`), nothing runs at all.
 */
export function heraldCode(rootDir: string, entry: string, configFile: string): lambda.Code {
  return lambda.Code.fromAsset(rootDir, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      local: new HeraldBundling(rootDir, entry, configFile),
      // Required by the type; never pulled, since the local bundling never declines.
      image: DockerImage.fromRegistry('public.ecr.aws/sam/build-nodejs24.x'),
    },
  });
}

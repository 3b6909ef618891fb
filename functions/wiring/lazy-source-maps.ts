import { existsSync, readFileSync } from 'node:fs';
import { SourceMap, type SourceMapping } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Readable stack traces in the logs, paid for only when a stack is printed.
 *
 * `--enable-source-maps` makes Node read and parse the source map of every file it loads, as it loads it:
 * a quarter of the poll function's cold start, for stacks that most polls never print. V8 instead asks
 * `Error.prepareStackTrace` for the text of a stack when something first reads `error.stack` (a log
 * line, the Lambda runtime reporting a failure). This formatter maps each frame in the bundle's own
 * files through that file's map, read on that first use and kept: `at pollFeeds
 * (functions/core/poll-feeds.ts:88:11)` instead of a position in minified code. Frames elsewhere (Node's
 * internals) read as V8 writes them.
 *
 * Installed only in a bundle (this module's file has its map beside it), and only when Node's own source
 * maps are off: run from source (tsx, vitest), stacks stay as those tools make them.
 */
export function installLazySourceMaps(): void {
  const here = fileURLToPath(import.meta.url);
  if (process.sourceMapsEnabled || !existsSync(`${here}.map`)) return;
  const codeDir = path.dirname(here);
  const maps = new Map<string, SourceMap | undefined>();
  const mapOf = (fileName: string | undefined): SourceMap | undefined => {
    if (!fileName?.startsWith('file://')) return undefined;
    const file = fileURLToPath(fileName);
    if (path.dirname(file) !== codeDir) return undefined;
    if (!maps.has(file)) maps.set(file, readMap(file));
    return maps.get(file);
  };
  Error.prepareStackTrace = (error, sites) => {
    const header = headerOf(error);
    try {
      return [header, ...sites.map((site, i) => `    at ${mappedFrame(site, sites[i + 1], mapOf)}`)].join(
        '\n',
      );
    } catch {
      // A stack must always print: a map that cannot be read leaves the frames as V8 wrote them.
      return [header, ...sites.map((site) => `    at ${String(site)}`)].join('\n');
    }
  };
}

function readMap(file: string): SourceMap | undefined {
  try {
    return new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
  } catch {
    return undefined;
  }
}

/** What V8 puts first: `Name: message`. */
function headerOf(error: unknown): string {
  try {
    return Error.prototype.toString.call(error);
  } catch {
    return 'Error';
  }
}

/** A mapping with the identifier the source wrote there, when the map names one (Node's types omit it). */
type NamedMapping = SourceMapping & { name?: string };

/** Node's findEntry takes 0-based positions; an unmapped position gives `{}` (Node 20) or undefined. */
function entryAt(map: SourceMap, line: number | null, column: number | null): NamedMapping | undefined {
  if (!line || !column) return undefined;
  const entry = map.findEntry(line - 1, column - 1) as Partial<NamedMapping> | undefined;
  return entry?.originalSource ? (entry as NamedMapping) : undefined;
}

/** V8's call sites also tell where the enclosing function starts; Node's types leave that out. */
type EnclosingCallSite = NodeJS.CallSite & {
  getEnclosingLineNumber?: () => number | null;
  getEnclosingColumnNumber?: () => number | null;
};

/**
 * One frame with its position in the original source, and the function's name as the source wrote it
 * (the bundle's is minified): the name mapped where the function starts, or else where the caller's
 * frame calls it, as Node's own source maps look it up.
 */
function mappedFrame(
  site: EnclosingCallSite,
  caller: NodeJS.CallSite | undefined,
  mapOf: (fileName: string | undefined) => SourceMap | undefined,
): string {
  const text = String(site);
  const fileName = site.getFileName() ?? undefined;
  const map = mapOf(fileName);
  const line = site.getLineNumber();
  const column = site.getColumnNumber();
  const entry = map && entryAt(map, line, column);
  if (!map || !entry) return text;
  const generated = `${fileName}:${line}:${column}`;
  const original = `${sourcePath(entry.originalSource)}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  let frame = text.replace(generated, original);
  const callerMap = caller && mapOf(caller.getFileName() ?? undefined);
  const name =
    entryAt(map, site.getEnclosingLineNumber?.() ?? null, site.getEnclosingColumnNumber?.() ?? null)?.name ||
    (callerMap && entryAt(callerMap, caller.getLineNumber(), caller.getColumnNumber())?.name);
  const minified = site.getFunctionName();
  if (name && minified && name !== minified) frame = frame.replace(minified, name);
  return frame;
}

/**
 * A source as the map names it, relative to where the bundle was built (`../../functions/core/x.ts`),
 * without the climb: `functions/core/x.ts`, and a dependency from its `node_modules/`.
 */
function sourcePath(source: string): string {
  const relative = source.replace(/^(?:\.\.?\/)+/, '');
  const dependency = relative.lastIndexOf('node_modules/');
  return dependency > 0 ? relative.slice(dependency) : relative;
}

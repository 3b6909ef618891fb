import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * What a code-split bundle directory holds, read from esbuild's output itself: the chunks that Node loads
 * when it imports the entry (the entry and, transitively, its static imports), and the ones that load
 * only when an `import()` runs. esbuild writes a static import as `import ... from"./chunk.mjs"` or
 * `import"./chunk.mjs"`, a dynamic one as `import("./chunk.mjs")`.
 */
export interface BundleChunks {
  dir: string;
  /** File names loaded at import, entry first. */
  initial: string[];
  /** Every other `.mjs` file in the directory. */
  lazy: string[];
}

const STATIC_IMPORT = /(?:\bfrom|\bimport)\s*"(\.\/[^"]+\.mjs)"/g;

export function bundleChunks(entry: string): BundleChunks {
  const dir = path.dirname(entry);
  const initial: string[] = [];
  const visit = (file: string) => {
    if (initial.includes(file)) return;
    initial.push(file);
    const code = readFileSync(path.join(dir, file), 'utf8');
    for (const [, imported] of code.matchAll(STATIC_IMPORT)) visit(path.normalize(imported as string));
  };
  visit(path.basename(entry));
  const lazy = readdirSync(dir).filter((f) => f.endsWith('.mjs') && !initial.includes(f));
  return { dir, initial, lazy };
}

/** Bytes of the named files in `dir`, and of their `.map` files. */
export function sizeOf(dir: string, files: readonly string[]): { code: number; map: number } {
  const bytes = (file: string) => (existsSync(file) ? statSync(file).size : 0);
  return files.reduce(
    (sum, f) => ({
      code: sum.code + bytes(path.join(dir, f)),
      map: sum.map + bytes(path.join(dir, `${f}.map`)),
    }),
    { code: 0, map: 0 },
  );
}

/** The source files that the named chunks were built from, as their source maps list them. */
export function sourcesOf(dir: string, files: readonly string[]): string[] {
  return files.flatMap((f) => {
    const map = path.join(dir, `${f}.map`);
    if (!existsSync(map)) return [];
    return (JSON.parse(readFileSync(map, 'utf8')) as { sources: string[] }).sources;
  });
}

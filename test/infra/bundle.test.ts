import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleChunks } from '../support/bundle-chunks.ts';
import { findBundle, synthStack, testApp } from './synth.ts';

describe('the real bundle', () => {
  it('is ESM files with the createRequire banner, whose entry imports in a fresh node and exports handler', () => {
    const app = testApp({ bundle: true });
    synthStack({ app });
    const assembly = app.synth();
    const bundle = findBundle(assembly.directory);

    const code = readFileSync(bundle, 'utf8');
    // Every file, the lazy chunks too: bundled CommonJS in any of them may require() a built-in.
    const { initial, lazy } = bundleChunks(bundle);
    expect(lazy.length).toBeGreaterThan(0);
    for (const file of [...initial, ...lazy])
      expect(
        readFileSync(path.join(path.dirname(bundle), file), 'utf8').startsWith(
          "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
        ),
        file,
      ).toBe(true);
    expect(existsSync(`${bundle}.map`)).toBe(true);
    expect(code).toContain('//# sourceMappingURL=index.mjs.map');
    const kb = statSync(bundle).size / 1024;
    const mapKb = statSync(`${bundle}.map`).size / 1024;
    console.log(`bundle: ${bundle}\n  index.mjs ${kb.toFixed(0)} KB, index.mjs.map ${mapKb.toFixed(0)} KB`);
    expect(kb).toBeLessThan(5 * 1024);

    // Import the file itself from a module (not `node -e`, whose global require hides a missing banner),
    // outside the repo, so nothing can resolve from node_modules.
    const runner = path.join(path.dirname(bundle), 'import-check.mjs');
    writeFileSync(runner, "const m = await import('./index.mjs'); console.log(typeof m.handler);\n");
    const out = execFileSync(process.execPath, [runner], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', AWS_EC2_METADATA_DISABLED: 'true' },
    });
    expect(out.trim()).toBe('function');
  }, 60_000);
});

import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../infra/app.ts';
import { heraldBuildOptions } from '../../infra/function-bundle.ts';

/** The fixture bundled as the functions are, in its own directory. */
function bundleFixture(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'herald-stacks-'));
  buildSync(heraldBuildOptions(ROOT_DIR, 'test/infra/fixtures/throwing-handler.ts', dir));
  writeFileSync(
    path.join(dir, 'run.mjs'),
    "const { handler } = await import('./index.mjs');\ntry { handler(); } catch (error) { process.stdout.write(error.stack); }\n",
  );
  return dir;
}

function stackOf(dir: string, nodeOptions = ''): string {
  return execFileSync(process.execPath, [path.join(dir, 'run.mjs')], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', NODE_OPTIONS: nodeOptions },
  });
}

describe('stack traces of a bundle, mapped when printed', () => {
  let dir: string;
  beforeAll(() => {
    dir = bundleFixture();
  }, 60_000);

  it('name the source file, line and function, as the source wrote them', () => {
    const stack = stackOf(dir);
    expect(stack).toMatch(/^RangeError: the fixture failed: on purpose\n/);
    expect(stack).toMatch(/\n {4}at failDeeply \(\S*test\/infra\/fixtures\/throwing-handler\.ts:6:9\)\n/);
    // An arrow's name is its variable's, which no mapping names: the position still says where.
    expect(stack).toMatch(/\n {4}at \S+ \(\S*test\/infra\/fixtures\/throwing-handler\.ts:10:\d+\)\n/);
    expect(stack).not.toContain('index.mjs');
    // The runner has no map: its frame reads as V8 writes it.
    expect(stack).toMatch(/\n {4}at file:\/\/\S+\/run\.mjs:2:\d+/);
  });

  it("leave Node's own source maps alone when they are on", () => {
    const stack = stackOf(dir, '--enable-source-maps');
    expect(stack).toMatch(/throwing-handler\.ts:6:9/);
  });

  it('read as V8 writes them when a map cannot be read', () => {
    writeFileSync(path.join(dir, 'index.mjs.map'), '{ not a map');
    const stack = stackOf(dir);
    expect(stack).toMatch(/^RangeError: the fixture failed: on purpose\n/);
    expect(stack).toMatch(/\n {4}at \S+ \(file:\/\/\S+\/index\.mjs:\d+:\d+\)/);
  });
});

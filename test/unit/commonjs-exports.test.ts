import { describe, expect, it } from 'vitest';
import { commonJsExports } from '../../functions/adapters/commonjs-exports.ts';

describe('the exports of a CommonJS package loaded with import()', () => {
  it("are the namespace's default when a code-split bundle gives nothing else", () => {
    class REST {}
    // What esbuild's split output gives for `import('discord.js')`: module.exports on default only.
    const split = { default: { REST } } as unknown as { REST: typeof REST };
    expect(commonJsExports(split).REST).toBe(REST);
  });

  it("are module.exports, Node's default, when Node loads the package itself", async () => {
    const namespace = await import('rss-parser');
    expect(commonJsExports(namespace)).toBe(namespace.default);
  });

  it('are the namespace itself for an ES module without an object default', () => {
    const esm = { parse: () => 1, default: 'a string' };
    expect(commonJsExports(esm)).toBe(esm);
    const noDefault = { parse: () => 1 };
    expect(commonJsExports(noDefault)).toBe(noDefault);
  });
});

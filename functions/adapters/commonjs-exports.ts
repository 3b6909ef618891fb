/**
 * The exports of a CommonJS package loaded with `import()`. Node's namespace for it holds the named
 * exports and `default` (its `module.exports`); esbuild's code-split output holds only `default`
 * (evanw/esbuild#3245), so `default` is read whenever it is there, which is right in both.
 */
export function commonJsExports<T extends object>(namespace: T): T {
  const exports = (namespace as { default?: unknown }).default;
  return exports !== null && (typeof exports === 'object' || typeof exports === 'function')
    ? (exports as T)
    : namespace;
}

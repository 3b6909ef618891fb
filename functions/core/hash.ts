/**
 * A 64-bit FNV-1a-style hash of a string, as base-36 text: stable across processes and versions, pure, and
 * wide enough that a collision (a changed feed taken for an unchanged one) is not a practical concern.
 */
export function hash64(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return `${h1.toString(36)}${h2.toString(36)}`;
}

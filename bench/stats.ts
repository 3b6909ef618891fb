/** The median of some timings (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** A figure rounded for the JSON: a few significant digits, no float noise. */
export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Runs `fn` and returns its wall time in milliseconds with its result. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

/** A Map of counts as a plain, key-sorted object. */
export function countsOf(map: ReadonlyMap<string, number>): Record<string, number> {
  return Object.fromEntries([...map].filter(([, n]) => n > 0).sort(([a], [b]) => a.localeCompare(b)));
}

const DAY_MS = 86_400_000;

/** `alerts.staleDays`' default. */
export const DEFAULT_STALE_DAYS = 7;

/**
 * A feed is stale when its newest item is older than `staleDays`: VOA's English feeds kept serving the same
 * old items for months from March 2025. A feed with no dated item is not called stale.
 */
export function isStale(newest: string | undefined, now: number, staleDays = DEFAULT_STALE_DAYS): boolean {
  const at = newest ? Date.parse(newest) : Number.NaN;
  return !Number.isNaN(at) && now - at > staleDays * DAY_MS;
}

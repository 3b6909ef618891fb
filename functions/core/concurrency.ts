/**
 * Starts `fn` for each item with at most `limit` running at once. Returns one promise per item,
 * in input order, so a caller can consume results in order while later items are still running.
 */
export function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R>[] {
  let running = 0;
  const queue: Array<() => void> = [];
  const release = () => {
    running--;
    queue.shift()?.();
  };
  const acquire = () =>
    new Promise<void>((resolve) => {
      if (running < limit) {
        running++;
        resolve();
      } else
        queue.push(() => {
          running++;
          resolve();
        });
    });
  return items.map(async (item, index) => {
    await acquire();
    try {
      return await fn(item, index);
    } finally {
      release();
    }
  });
}

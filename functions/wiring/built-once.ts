/**
 * What a container builds on its first invocation (config, clients) and keeps for its life. A build that
 * fails (a bad config, a missing variable) is not kept: the next invocation tries again and reports the
 * same error itself. Calls that overlap the first build share it.
 */
export function builtOnce<T>(build: () => Promise<T>): () => Promise<T> {
  let built: Promise<T> | undefined;
  return () => {
    built ??= build().catch((error: unknown) => {
      built = undefined;
      throw error;
    });
    return built;
  };
}

/**
 * The embedded store's folder when the config names no store. Its own module, without zod, because a
 * deployed function fills the store in from the environment without loading the config schema.
 */
export const DEFAULT_STORE_PATH = '.herald';

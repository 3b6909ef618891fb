import type { Logger } from '../core/ports.ts';
import type { CliIo } from './io.ts';

/** Log lines for a person: one line each on stderr, fields as `key=value`, info only when verbose. */
export function cliLogger(io: CliIo, verbose = false): Logger {
  const line = (level: string, message: string, fields?: Record<string, unknown>) => {
    const rest = Object.entries(fields ?? {})
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(' ');
    io.err(`${level}: ${message}${rest ? ` (${rest})` : ''}`);
  };
  return {
    info: (message, fields) => {
      if (verbose) line('info', message, fields);
    },
    warn: (message, fields) => {
      // The common case gets one plain line per feed: "feed usa: ENOTFOUND ...".
      if (message === 'feed failed' && fields?.feedId)
        return io.err(`feed ${fields.feedId}: ${fields.reason}`);
      line('warn', message, fields);
    },
    error: (message, fields) => line('error', message, fields),
  };
}

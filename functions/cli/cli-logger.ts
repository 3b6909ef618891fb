import type { ErrorDetail } from '../core/describe-error.ts';
import type { Logger } from '../core/ports.ts';
import { redact } from '../core/redact.ts';
import type { CliIo } from './io.ts';

function isErrorDetail(value: unknown): value is ErrorDetail {
  return typeof value === 'object' && value !== null && 'message' in value && 'name' in value;
}

/** An error field in one line: its name and message, then each cause's. */
function errorLine(detail: ErrorDetail): string {
  const parts: string[] = [];
  for (let d: ErrorDetail | undefined = detail; d; d = d.cause) parts.push(`${d.name}: ${d.message}`);
  return parts.join(' <- ');
}

/**
 * Log lines for a person: one line each on stderr, fields as `key=value`, info only when verbose. An
 * error field shows its name, message and causes; its stack too when verbose.
 */
export function cliLogger(io: CliIo, verbose = false): Logger {
  const line = (level: string, message: string, fields?: Record<string, unknown>) => {
    const stacks: string[] = [];
    const rest = Object.entries(fields ?? {})
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => {
        if (isErrorDetail(v)) {
          if (verbose && v.stack) stacks.push(v.stack);
          return `${k}=${errorLine(v)}`;
        }
        return `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`;
      })
      .join(' ');
    // Secrets never reach the terminal, whatever a field carries.
    io.err(redact(`${level}: ${message}${rest ? ` (${rest})` : ''}`));
    for (const stack of stacks) io.err(redact(stack));
  };
  return {
    info: (message, fields) => {
      if (verbose) line('info', message, fields);
    },
    warn: (message, fields) => {
      // The common case gets one plain line per feed: "feed usa: ENOTFOUND ...".
      if (message === 'feed failed' && fields?.feedId)
        return io.err(redact(`feed ${fields.feedId}: ${fields.reason}`));
      line('warn', message, fields);
    },
    error: (message, fields) => line('error', message, fields),
  };
}

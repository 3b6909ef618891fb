import { redact } from './redact.ts';

/**
 * An error as one line, for summaries, stored reasons and Discord text. Library errors quote the URL
 * they were given, so credentials and webhook tokens are taken out.
 */
export function describeError(error: unknown): string {
  return redact(error instanceof Error ? error.message : String(error));
}

/** An error for a log line: what `describeError` says, plus its name, stack and causes. */
export interface ErrorDetail {
  name: string;
  message: string;
  stack?: string;
  cause?: ErrorDetail;
}

/** Causes are followed this deep: SDK errors nest a few levels, and a cycle must not loop forever. */
const CAUSE_DEPTH = 4;

/** The error as a log field: the stack and the chain of causes are what an operator debugs with. */
export function errorDetail(error: unknown, depth = CAUSE_DEPTH): ErrorDetail {
  if (!(error instanceof Error)) return { name: typeof error, message: redact(String(error)) };
  const detail: ErrorDetail = { name: error.name, message: redact(error.message) };
  if (error.stack) detail.stack = redact(error.stack);
  if (error.cause !== undefined && depth > 1) detail.cause = errorDetail(error.cause, depth - 1);
  return detail;
}

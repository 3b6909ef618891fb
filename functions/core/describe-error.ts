/** An error as one line, for summaries, stored reasons and Discord text. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
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
  if (!(error instanceof Error)) return { name: typeof error, message: String(error) };
  const detail: ErrorDetail = { name: error.name, message: error.message };
  if (error.stack) detail.stack = error.stack;
  if (error.cause !== undefined && depth > 1) detail.cause = errorDetail(error.cause, depth - 1);
  return detail;
}

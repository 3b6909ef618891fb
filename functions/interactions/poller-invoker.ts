import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { InvokePoller } from './run-command.ts';

/** The poller could not be invoked: the request failed, timed out, or Lambda did not queue it. */
export class PollerInvokeError extends Error {
  override readonly name = 'PollerInvokeError';
}

export interface PollerInvokerOptions {
  functionName: string;
  /** A client already configured; by default one is built on first use (region, endpoint from env). */
  client?: LambdaClient;
  /** Bound on the Invoke call: the interaction must be answered within Discord's 3 seconds. Default 1500. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 1500;

/**
 * Invokes the poller asynchronously (`InvocationType: 'Event'`): Lambda queues the event and answers 202
 * at once, so the interaction can be deferred within Discord's 3 seconds while the poll runs for minutes.
 * `@aws-sdk/client-lambda` is imported on the first `/herald poll`, never on the PING or `latest` path.
 * The payload carries the interaction token, so it is never put in an error or a log line.
 */
export function createPollerInvoker(options: PollerInvokerOptions): InvokePoller {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let loaded: Promise<{ client: LambdaClient; sdk: typeof import('@aws-sdk/client-lambda') }> | undefined;
  const load = () => {
    loaded ??= import('@aws-sdk/client-lambda').then((sdk) => ({
      sdk,
      // Two attempts at most: a repeated async invoke is a second, harmless poll (deliveries are claimed).
      client: options.client ?? new sdk.LambdaClient({ maxAttempts: 2 }),
    }));
    loaded.catch(() => {
      loaded = undefined;
    });
    return loaded;
  };

  return async (payload) => {
    const { client, sdk } = await load();
    let statusCode: number | undefined;
    try {
      const output = await client.send(
        new sdk.InvokeCommand({
          FunctionName: options.functionName,
          InvocationType: 'Event',
          Payload: new TextEncoder().encode(JSON.stringify(payload)),
        }),
        { abortSignal: AbortSignal.timeout(timeoutMs) },
      );
      statusCode = output.StatusCode;
    } catch (error) {
      const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      throw new PollerInvokeError(`could not invoke ${options.functionName}: ${detail}`, { cause: error });
    }
    if (statusCode !== 202) {
      throw new PollerInvokeError(
        `Lambda answered ${statusCode ?? 'no status'} instead of 202 for ${options.functionName}`,
      );
    }
  };
}

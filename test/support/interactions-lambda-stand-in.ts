import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One `Invoke` call as the Lambda API received it. */
export interface Invocation {
  functionName: string;
  /** `X-Amz-Invocation-Type`: `Event` for an async invoke. */
  invocationType: string | undefined;
  payload: unknown;
}

export interface LambdaApiStandIn {
  /** Use as `AWS_ENDPOINT_URL_LAMBDA` or as a LambdaClient's endpoint. */
  url: string;
  readonly invocations: Invocation[];
  close(): Promise<void>;
}

export interface LambdaApiStandInOptions {
  /** Functions that exist; any other name answers 404 ResourceNotFoundException. */
  functions: string[];
  /**
   * Runs after an `Event` invocation has been answered 202, as Lambda's async queue would: the caller
   * does not wait for it. A rejection is the function's failure, which the caller never sees either.
   */
  onEvent?: (invocation: Invocation) => void;
  /** Answers this many requests with a 500 first. */
  failFirst?: number;
  /** Delays every answer, to test the caller's timeout. */
  delayMs?: number;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A local stand-in for the Lambda Invoke API (REST-JSON, `POST /2015-03-31/functions/<name>/invocations`),
 * reached by the real SDK client. An `Event` invocation is answered 202 with no body, as Lambda does.
 */
export async function startLambdaApiStandIn(options: LambdaApiStandInOptions): Promise<LambdaApiStandIn> {
  const invocations: Invocation[] = [];
  let failures = options.failFirst ?? 0;
  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    const match = /^\/2015-03-31\/functions\/([^/]+)\/invocations/.exec(req.url ?? '');
    if (req.method !== 'POST' || !match) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"not found"}');
      return;
    }
    if (failures > 0) {
      failures -= 1;
      res
        .writeHead(500, { 'content-type': 'application/json', 'x-amzn-errortype': 'ServiceException' })
        .end(JSON.stringify({ Type: 'Service', message: 'stand-in: scripted failure' }));
      return;
    }
    const functionName = decodeURIComponent(match[1] as string);
    if (!options.functions.includes(functionName)) {
      res
        .writeHead(404, {
          'content-type': 'application/json',
          'x-amzn-errortype': 'ResourceNotFoundException',
        })
        .end(JSON.stringify({ Type: 'User', Message: `Function not found: ${functionName}` }));
      return;
    }
    const invocation: Invocation = {
      functionName,
      invocationType: req.headers['x-amz-invocation-type'] as string | undefined,
      payload: body ? JSON.parse(body) : undefined,
    };
    invocations.push(invocation);
    if (invocation.invocationType === 'Event') {
      res.writeHead(202).end();
      options.onEvent?.(invocation);
      return;
    }
    res
      .writeHead(200, { 'content-type': 'application/json', 'x-amz-executed-version': '$LATEST' })
      .end('null');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    invocations,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

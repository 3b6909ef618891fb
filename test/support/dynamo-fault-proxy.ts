import { createServer, request, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What a faulty DynamoDB front answers instead of the real one. */
export type DynamoFault = 'internal-error' | 'throttled' | 'throughput-exceeded' | 'reset' | 'response-lost';

export const DYNAMO_FAULTS: readonly DynamoFault[] = [
  'internal-error',
  'throttled',
  'throughput-exceeded',
  'reset',
  'response-lost',
];

export interface DynamoFaultProxy {
  endpoint: string;
  /** From now on, each request fails with this probability, with a fault `pick` chooses; 0 heals it. */
  setFaultRate(rate: number): void;
  faults: Record<string, number>;
  close(): Promise<void>;
}

const errorBody = (type: string, message: string) =>
  JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message });

/**
 * A loopback front for a DynamoDB endpoint that fails requests at random, as a strained service does:
 * 500s, throttling, throughput errors and resets before the request reaches the store, and responses
 * lost after it did (the write happened; the client never hears so, and retries). The SDK's own retries
 * see these as they would in AWS.
 */
export async function startDynamoFaultProxy(target: string, random: () => number): Promise<DynamoFaultProxy> {
  const upstream = new URL(target);
  let rate = 0;
  const faults: Record<string, number> = {};
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const fault = random() < rate ? DYNAMO_FAULTS[Math.floor(random() * DYNAMO_FAULTS.length)] : undefined;
      if (fault) faults[`dynamo-${fault}`] = (faults[`dynamo-${fault}`] ?? 0) + 1;
      if (fault === 'reset') return req.socket.destroy();
      if (fault === 'internal-error' || fault === 'throttled' || fault === 'throughput-exceeded') {
        const [status, type] =
          fault === 'internal-error'
            ? [500, 'InternalServerError']
            : fault === 'throttled'
              ? [400, 'ThrottlingException']
              : [400, 'ProvisionedThroughputExceededException'];
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
        return res.end(errorBody(type, `injected ${fault}`));
      }
      const forward = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: req.headers,
        },
        (answer) => {
          const body: Buffer[] = [];
          answer.on('data', (c: Buffer) => body.push(c));
          answer.on('end', () => {
            if (fault === 'response-lost') return req.socket.destroy();
            res.writeHead(answer.statusCode ?? 500, answer.headers);
            res.end(Buffer.concat(body));
          });
        },
      );
      forward.on('error', () => req.socket.destroy());
      forward.end(Buffer.concat(chunks));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    setFaultRate: (value) => {
      rate = value;
    },
    faults,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

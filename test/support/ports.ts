import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';

/**
 * A local port that nothing listens on: the OS hands out a free one, and it is closed again. A client
 * that connects to it is refused (ECONNREFUSED); a server can be started on it.
 */
export async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

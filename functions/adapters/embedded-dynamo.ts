import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  type DynamoDBClientConfig,
  ResourceInUseException,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import {
  LOCAL_REQUEST_TIMEOUT_MS,
  LOCAL_STORE_CREDENTIALS,
  LOCAL_STORE_REGION,
} from './local-dynamo-client.ts';
import { createTableInput } from './table-schema.ts';

export interface EmbeddedDynamo {
  /** `http://127.0.0.1:<port>` */
  endpoint: string;
  client: DynamoDBClient;
  /** Closes the client, the server and the LevelDB folder, so that the folder can be opened again. */
  close(): Promise<void>;
}

/** Thrown when the embedded store cannot start, e.g. because another process holds its folder. */
export class EmbeddedDynamoError extends Error {
  override readonly name = 'EmbeddedDynamoError';
}

const TABLE_ACTIVE_TIMEOUT_MS = 10_000;
const LOCK_FILE = 'herald.lock';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const TAKEOVER_FILE = 'herald.lock.takeover';
// A takeover is a few file operations; one older than this was left by a process that died during it.
const TAKEOVER_STALE_MS = 10_000;

function inUse(path: string, file: string, holder: number | string): EmbeddedDynamoError {
  return new EmbeddedDynamoError(
    `the embedded store in ${path} is in use by ${typeof holder === 'number' ? `process ${holder}` : holder}` +
      ` (is another herald process running? If not, delete ${file})`,
  );
}

async function holderOf(file: string): Promise<number | undefined> {
  const holder = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10);
  return Number.isInteger(holder) && holder > 0 ? holder : undefined;
}

/**
 * Takes the folder for this process. dynalite cannot report a LevelDB folder that another process holds:
 * its requests hang and it throws an uncaught error. So we refuse before we start it, with a lock file that
 * names the holder's pid. A lock whose process has gone is stale and is taken over, but only by one
 * process: the takeover itself is guarded by a second file created exclusively, and the lock is rewritten
 * in place, never deleted and recreated, so two processes that find the same stale lock cannot both win.
 */
export async function lockFolder(path: string): Promise<() => Promise<void>> {
  const file = join(path, LOCK_FILE);
  const release = () => rm(file, { force: true });
  try {
    await writeFile(file, String(process.pid), { flag: 'wx' });
    return release;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const holder = await holderOf(file);
  if (holder !== undefined && isRunning(holder)) throw inUse(path, file, holder);

  const takeover = join(path, TAKEOVER_FILE);
  try {
    await writeFile(takeover, String(process.pid), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const age = Date.now() - ((await stat(takeover).catch(() => undefined))?.mtimeMs ?? 0);
    if (age < TAKEOVER_STALE_MS) throw inUse(path, file, 'another process that is taking it over');
    // Left by a process that died mid-takeover: clear it; the next start takes over.
    await rm(takeover, { force: true });
    throw inUse(path, file, 'a process that died while taking it over; try again');
  }
  try {
    // Under the takeover guard, the lock either still names the stale holder (ours now) or a live one.
    const current = await holderOf(file);
    if (current !== undefined && current !== holder && isRunning(current)) throw inUse(path, file, current);
    await writeFile(file, String(process.pid));
    return release;
  } finally {
    await rm(takeover, { force: true });
  }
}

/** LevelDB's own files: its logs of writes, its sorted tables and the manifests that list them. */
const LEVELDB_DATA = /^(?:\d+\.(?:log|ldb|sst)|MANIFEST-\d+)$/;

function damaged(path: string, what: string): string {
  return (
    `the embedded store in ${path} is damaged (${what}). Herald will not start it empty over its data: ` +
    `restore the folder from a backup, or move it away to start afresh`
  );
}

/**
 * Opens the folder's LevelDB once on its own before dynalite does, so that a damaged store is one clear
 * error: dynalite would otherwise throw from inside a callback, which ends the process with a stack trace.
 * LevelDB told to create a missing database would also start an empty one beside data whose `CURRENT`
 * file is gone; that is refused here.
 */
async function checkFolder(path: string): Promise<void> {
  const names = await readdir(path);
  if (!names.includes('CURRENT')) {
    if (names.some((name) => LEVELDB_DATA.test(name)))
      throw new EmbeddedDynamoError(damaged(path, 'its CURRENT file is missing, but it holds data'));
    return;
  }
  const { Level } = await import('level');
  const db = new Level(path, { createIfMissing: false });
  try {
    await db.open();
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause ?? error;
    const detail = (cause instanceof Error ? cause.message : String(cause)).split('\n')[0]?.slice(0, 200);
    // LevelDB's own lock, held by a process that is not herald (or ignored our lock file).
    if (/\block\b/i.test(detail ?? ''))
      throw new EmbeddedDynamoError(`the embedded store in ${path} is in use: LevelDB says ${detail}`, {
        cause: error,
      });
    throw new EmbeddedDynamoError(damaged(path, `LevelDB: ${detail}`), { cause: error });
  } finally {
    await db.close().catch(() => {});
  }
}

/**
 * The SDK's client for a local DynamoDB endpoint, for creating tables: it signs as the state store's
 * client does (`local-dynamo-client.ts`), so that the SDK never looks for credentials or a region in the
 * environment or at the EC2 metadata address, and DynamoDB Local puts the table where the store looks.
 */
export function createLocalClient(endpoint: string, config: DynamoDBClientConfig = {}): DynamoDBClient {
  return new DynamoDBClient({
    requestHandler: { requestTimeout: LOCAL_REQUEST_TIMEOUT_MS },
    ...config,
    endpoint,
    region: LOCAL_STORE_REGION,
    credentials: LOCAL_STORE_CREDENTIALS,
  });
}

/** Creates the table unless it exists, and waits until it is ACTIVE. */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  const deadline = Date.now() + TABLE_ACTIVE_TIMEOUT_MS;
  for (;;) {
    let status: string | undefined;
    try {
      const output = await client.send(new DescribeTableCommand({ TableName: tableName }));
      status = output.Table?.TableStatus;
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
      try {
        await client.send(new CreateTableCommand(createTableInput(tableName)));
      } catch (createError) {
        // Another process created it first.
        if (!(createError instanceof ResourceInUseException)) throw createError;
      }
    }
    if (status === 'ACTIVE') return;
    if (Date.now() > deadline) {
      throw new EmbeddedDynamoError(`table ${tableName} is not ACTIVE after ${TABLE_ACTIVE_TIMEOUT_MS} ms`);
    }
    await sleep(5);
  }
}

/**
 * Starts dynalite in this process on a free loopback port, over a LevelDB folder or in memory,
 * and creates the table if it is missing. It needs no Java and starts in milliseconds.
 *
 * @param options.path the LevelDB folder (e.g. `.herald`), created if missing; in memory when undefined
 * @param options.tableName the table to create if missing
 */
export async function startEmbeddedDynamo(options: {
  path?: string;
  tableName: string;
}): Promise<EmbeddedDynamo> {
  let unlock = async (): Promise<void> => {};
  if (options.path !== undefined) {
    await mkdir(options.path, { recursive: true });
    unlock = await lockFolder(options.path);
    try {
      await checkFolder(options.path);
    } catch (error) {
      await unlock();
      throw error;
    }
  }
  const server = dynalite({
    path: options.path,
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await unlock();
    throw new EmbeddedDynamoError(`could not start the embedded store: ${String(error)}`, { cause: error });
  }
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = createLocalClient(endpoint);

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      client.destroy();
      try {
        await new Promise<void>((resolve, reject) => {
          server.close((error) => (error ? reject(error) : resolve()));
          server.closeIdleConnections();
        });
      } finally {
        await unlock();
      }
    })();
    return closing;
  };

  try {
    await ensureTable(client, options.tableName);
  } catch (error) {
    await close().catch(() => {});
    const where = options.path === undefined ? 'in memory' : `in ${options.path}`;
    throw new EmbeddedDynamoError(`could not open the embedded store ${where}: ${String(error)}`, {
      cause: error,
    });
  }
  return { endpoint, client, close };
}

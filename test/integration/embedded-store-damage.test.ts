import { execFile, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { EmbeddedDynamoError, startEmbeddedDynamo } from '../../functions/adapters/embedded-dynamo.ts';
import { main } from '../../functions/cli/main.ts';
import { bufferIo } from '../support/buffer-io.ts';

const run = promisify(execFile);
const TABLE = 'herald';
const folders: string[] = [];

async function storeWithData(): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'herald-damage-'));
  folders.push(root);
  const folder = path.join(root, '.herald');
  const db = await startEmbeddedDynamo({ path: folder, tableName: TABLE });
  await db.client.send(new PutItemCommand({ TableName: TABLE, Item: { pk: { S: 'feed#f' } } }));
  await db.close();
  return folder;
}

afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

describe('a damaged embedded store', () => {
  it('whose LevelDB CURRENT file is gone is refused, never silently started empty', async () => {
    const folder = await storeWithData();
    await rm(path.join(folder, 'CURRENT'));
    const before = (await readdir(folder)).sort();

    await expect(startEmbeddedDynamo({ path: folder, tableName: TABLE })).rejects.toThrow(
      /damaged \(its CURRENT file is missing, but it holds data\)/,
    );
    expect((await readdir(folder)).sort()).toEqual(before);
  });

  it('whose manifest is garbage is one clear error, not a crash from inside dynalite', async () => {
    const folder = await storeWithData();
    const manifest = (await readdir(folder)).find((name) => name.startsWith('MANIFEST-'));
    await writeFile(path.join(folder, manifest ?? 'MANIFEST-000002'), 'garbage');

    const error = await startEmbeddedDynamo({ path: folder, tableName: TABLE }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmbeddedDynamoError);
    expect((error as Error).message).toMatch(/is damaged \(LevelDB: Corruption/);
    // The lock is released, so the operator's next try is not told the store is in use.
    expect(await readdir(folder)).not.toContain('herald.lock');
  });

  it('makes `herald status` print one line with no stack trace', async () => {
    const folder = await storeWithData();
    await rm(path.join(folder, 'CURRENT'));
    const cwd = path.dirname(folder);
    await writeFile(
      path.join(cwd, 'herald.config.json'),
      JSON.stringify({ feeds: [{ id: 'f', url: 'https://www.voanews.com/api/x' }] }),
    );
    const io = bufferIo({ cwd, env: {} });

    expect(await main(['status'], io)).toBe(1);
    expect(io.stderr).toEqual([expect.stringMatching(/^herald status: the embedded store in .* is damaged/)]);
    expect(io.all()).not.toMatch(/\n\s+at /);
  });
});

describe('the stale-lock takeover', () => {
  const contender = path.resolve(import.meta.dirname, '../support/lock-contender.ts');

  it('cannot race: of two processes started at once on a stale lock, one wins and one is told it is in use, 30 times over', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'herald-lock-'));
    folders.push(root);
    // A pid that surely names no process: one that has just exited.
    const gone = spawnSync(process.execPath, [
      '-e',
      'process.stdout.write(String(process.pid))',
    ]).stdout.toString();
    for (let round = 0; round < 30; round++) {
      const folder = path.join(root, String(round));
      await rm(folder, { recursive: true, force: true });
      await mkdir(folder);
      await writeFile(path.join(folder, 'herald.lock'), gone);
      const startAt = String(Date.now() + 700);
      const outcomes = await Promise.all(
        [0, 1].map(async () => {
          const { stdout } = await run(process.execPath, [
            '--import',
            'tsx',
            contender,
            folder,
            startAt,
            '2',
          ]);
          return stdout.trim();
        }),
      );
      expect(
        outcomes.filter((o) => o === 'won'),
        `round ${round}: ${outcomes.join(' | ')}`,
      ).toHaveLength(1);
      expect(outcomes.find((o) => o !== 'won')).toMatch(
        /^EmbeddedDynamoError: the embedded store in .* is in use/,
      );
    }
  }, 180_000);
});

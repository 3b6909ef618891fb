import { describe, expect, it } from 'vitest';
import type { PollRuntime } from '../../functions/wiring/lambda-runtime.ts';
import { runtimeOnce } from '../../functions/wiring/lambda-runtime.ts';

describe('the runtime of a container', () => {
  it('is built once and kept for every later invocation', async () => {
    let builds = 0;
    const runtime = { config: {} } as PollRuntime;
    const get = runtimeOnce(async () => {
      builds += 1;
      return runtime;
    });
    const [first, second] = await Promise.all([get(), get()]);
    expect(await get()).toBe(runtime);
    expect([first, second]).toEqual([runtime, runtime]);
    expect(builds).toBe(1);
  });

  it('is built again after a failed build, so that each invocation reports the failure itself', async () => {
    let builds = 0;
    const get = runtimeOnce(async () => {
      builds += 1;
      if (builds === 1) throw new Error('HERALD_TABLE is not set');
      return { config: {} } as PollRuntime;
    });
    await expect(get()).rejects.toThrow('HERALD_TABLE is not set');
    await expect(get()).resolves.toBeDefined();
    expect(builds).toBe(2);
  });
});

import { describe, expect, it } from 'vitest';
import { builtOnce } from '../../functions/wiring/built-once.ts';

describe('what a container builds once', () => {
  it('is built once and kept for every later invocation', async () => {
    let builds = 0;
    const runtime = { config: {} };
    const get = builtOnce(async () => {
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
    const get = builtOnce(async () => {
      builds += 1;
      if (builds === 1) throw new Error('HERALD_TABLE is not set');
      return { config: {} };
    });
    await expect(get()).rejects.toThrow('HERALD_TABLE is not set');
    await expect(get()).resolves.toBeDefined();
    expect(builds).toBe(2);
  });
});

import { describe, expect, it } from 'vitest';
import { createInteractionsHandler, type FunctionUrlEvent } from '../../functions/interactions/handler.ts';
import { jsonDeeperThan } from '../../functions/interactions/json-depth.ts';
import { createTestKeys, signedEvent } from '../support/interactions-signing.ts';

const keys = createTestKeys();
const handle = createInteractionsHandler({
  publicKey: keys.publicKeyHex,
  store: {
    listRecentStories: async () => [],
    listFeedStates: async () => [],
    listChannelStates: async () => [],
    listDeliveries: async () => [],
    listStoryIssues: async () => ({ retrying: [], fromDescription: [] }),
  },
  invokePoller: async () => {},
  logger: { info: () => {}, warn: () => {}, error: () => {} },
});

/** A `/herald` command whose options nest `depth` levels: each option holds the next. */
function nestedCommand(depth: number): string {
  const open = '{"name":"x","type":1,"options":['.repeat(depth);
  const close = ']}'.repeat(depth);
  return `{"id":"1","application_id":"2","type":2,"token":"t","version":1,"data":{"id":"3","name":"herald","type":1,"options":[${open}${close}]}}`;
}

describe('a signed interaction nested 20,000 deep', () => {
  it.each([
    ['nested options', nestedCommand(20_000)],
    [
      'nested arrays',
      `{"type":2,"data":{"name":"herald","options":${'['.repeat(20_000)}${']'.repeat(20_000)}}}`,
    ],
  ])('with %s is answered 400, never a thrown RangeError', async (_shape, body) => {
    const result = await handle(signedEvent(keys, body) as FunctionUrlEvent);
    expect(result).toMatchObject({ statusCode: 400, body: 'the body nests too deeply' });
  });

  it('a real PING still goes through, and a few levels of nesting are fine', async () => {
    const result = await handle(
      signedEvent(keys, {
        id: '1',
        type: 1,
        application_id: '123456789012345678',
        token: 't',
        version: 1,
      }) as FunctionUrlEvent,
    );
    expect(result.statusCode).toBe(200);
    expect(jsonDeeperThan(nestedCommand(5), 32)).toBe(false);
  });

  it('brackets inside strings do not count as depth', () => {
    expect(jsonDeeperThan(JSON.stringify({ text: '['.repeat(100), quote: '\\"[[[' }), 2)).toBe(false);
    expect(jsonDeeperThan('[[[]]]', 2)).toBe(true);
  });
});

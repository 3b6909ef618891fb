import { describe, expect, it } from 'vitest';
import { classifyDiscordResponse } from '../../functions/core/discord-outcome.ts';

describe('classifyDiscordResponse', () => {
  it('a 2xx with a message id is posted with that id', () => {
    expect(classifyDiscordResponse({ status: 200, detail: 'ok', messageId: '1234567890123456789' })).toEqual({
      kind: 'posted',
      messageId: '1234567890123456789',
    });
  });

  it('a 2xx without a message id is retried, since nothing proves the message exists', () => {
    expect(classifyDiscordResponse({ status: 204, detail: '' })).toEqual({
      kind: 'retry',
      reason: 'HTTP 204 without a message id',
    });
  });

  it('a 429 is retried later, with the wait Discord asked for', () => {
    expect(classifyDiscordResponse({ status: 429, detail: 'slow down', retryAfterMs: 1500 })).toEqual({
      kind: 'retry',
      reason: 'HTTP 429 rate limited: slow down',
      retryAfterMs: 1500,
    });
  });

  it('a global 429 says so in its reason', () => {
    const outcome = classifyDiscordResponse({
      status: 429,
      detail: 'slow down',
      retryAfterMs: 60_000,
      global: true,
    });

    expect(outcome).toMatchObject({ kind: 'retry', retryAfterMs: 60_000 });
    expect(outcome.kind === 'retry' && outcome.reason).toContain('global rate limit');
  });

  it.each([500, 502, 503, 504, 408])('a %i is retried later', (status) => {
    expect(classifyDiscordResponse({ status, detail: 'oops' })).toEqual({
      kind: 'retry',
      reason: `HTTP ${status}: oops`,
    });
  });

  it('a network error, with no status, is retried later', () => {
    expect(classifyDiscordResponse({ detail: 'ECONNRESET' })).toEqual({
      kind: 'retry',
      reason: 'network: ECONNRESET',
    });
  });

  it('a 400 is rejected with Discord’s reason and not retried as it is', () => {
    expect(classifyDiscordResponse({ status: 400, detail: 'Invalid Form Body' })).toEqual({
      kind: 'rejected',
      reason: 'HTTP 400: Invalid Form Body',
    });
  });

  it.each([413, 422])('another 4xx (%i) is rejected', (status) => {
    expect(classifyDiscordResponse({ status, detail: 'no' }).kind).toBe('rejected');
  });

  it.each([401, 403, 404])('a %i marks the webhook or channel broken', (status) => {
    expect(classifyDiscordResponse({ status, detail: 'Unknown Webhook' })).toEqual({
      kind: 'broken',
      reason: `HTTP ${status}: Unknown Webhook`,
    });
  });

  it('a forum webhook post without thread_name (400, code 220001) breaks the channel as a configuration error that names it', () => {
    const outcome = classifyDiscordResponse(
      {
        status: 400,
        code: 220001,
        detail: 'Webhooks posted to forum channels must have a thread_name or thread_id (code 220001)',
      },
      'rights-forum',
    );
    expect(outcome.kind).toBe('broken');
    expect('reason' in outcome && outcome.reason).toMatch(
      /^configuration error: channel rights-forum is a forum channel: set "kind": "forum"/,
    );
  });

  it('another 400 with a code stays rejected', () => {
    expect(classifyDiscordResponse({ status: 400, code: 50035, detail: 'Invalid Form Body' }, 'x').kind).toBe(
      'rejected',
    );
  });
});

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  type FollowUpTarget,
  followUpMessage,
  sendFollowUp,
} from '../../functions/adapters/discord-followup.ts';
import { pollFailureText, pollReportText } from '../../functions/core/poll-report.ts';
import { type DiscordStandIn, startDiscordStandIn } from '../../functions/local/discord-stand-in.ts';
import { unusedPort } from '../support/ports.ts';

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

/** The stand-in's webhook route is Discord's follow-up route: an application id and a token. */
function targetOf(webhookUrl: string): FollowUpTarget {
  const [applicationId = '', token = ''] = new URL(webhookUrl).pathname.split('/').slice(-2);
  return { applicationId, token };
}

describe('interaction follow-ups', () => {
  let discord: DiscordStandIn;
  let target: FollowUpTarget;

  beforeAll(async () => {
    discord = await startDiscordStandIn();
    target = targetOf(discord.webhookUrl('interaction'));
  });

  afterAll(async () => {
    await discord?.close();
  });

  test('the poll summary arrives as a valid webhook message and comes back with its id', async () => {
    const outcome = await sendFollowUp(target, followUpMessage(pollReportText(SUMMARY)), {
      apiBase: discord.apiBase,
      timeoutMs: 2000,
    });

    const received = discord.messages.at(-1);
    expect(outcome).toEqual({ kind: 'sent', messageId: received?.id });
    expect(received?.targetId).toBe(target.applicationId);
    expect(received?.body).toEqual({
      content:
        'Poll done in 2.3 s: 13 feeds (10 not modified), 4 new stories, 1 matched, 1 posted, 0 failed, 0 skipped.',
      allowed_mentions: { parse: [] },
      flags: 64,
    });
    expect(discord.invalid).toEqual([]);
  });

  test('a failed poll is reported with its error, escaped', async () => {
    const error = Object.assign(new Error('table **gone**\nstack'), { name: 'StoreError' });

    await sendFollowUp(target, followUpMessage(pollFailureText(error)), {
      apiBase: `${discord.apiBase}/`,
      timeoutMs: 2000,
    });

    expect(discord.messages.at(-1)?.body.content).toBe('The poll failed: StoreError: table \\*\\*gone\\*\\*');
    expect(discord.invalid).toEqual([]);
  });

  test('an expired token is a failed outcome that names the status, never the token', async () => {
    const expired = { ...target, token: `${target.token.slice(0, -4)}AAAA` };

    const outcome = await sendFollowUp(expired, followUpMessage(pollReportText(SUMMARY)), {
      apiBase: discord.apiBase,
      timeoutMs: 2000,
    });

    expect(outcome).toEqual({
      kind: 'failed',
      status: 401,
      reason: 'HTTP 401: Invalid Webhook Token (code 50027)',
    });
  });

  test('no answer within the timeout is a failed outcome, not a hang', async () => {
    discord.failNext({ status: 200, delayMs: 1000 });

    const started = Date.now();
    const outcome = await sendFollowUp(target, followUpMessage(pollReportText(SUMMARY)), {
      apiBase: discord.apiBase,
      timeoutMs: 100,
    });

    expect(Date.now() - started).toBeLessThan(900);
    expect(outcome).toEqual({ kind: 'failed', reason: 'no answer within 100 ms' });
  });

  test('a network failure is a failed outcome without the token', async () => {
    const port = await unusedPort();

    const outcome = await sendFollowUp(target, followUpMessage(pollReportText(SUMMARY)), {
      apiBase: `http://127.0.0.1:${port}/api`,
      timeoutMs: 2000,
    });

    expect(outcome.kind).toBe('failed');
    expect(outcome.kind === 'failed' && outcome.reason).toMatch(/ECONNREFUSED/);
    expect(JSON.stringify(outcome)).not.toContain(target.token);
  });
});

import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createDiscordPoster,
  type DiscordPosterOptions,
  parseWebhookUrl,
  redactSecrets,
} from '../../functions/adapters/discord-poster.ts';
import { deliveryNonce } from '../../functions/core/nonce.ts';
import type { ChannelTarget, PostOutcome } from '../../functions/core/ports.ts';
import { EMBED_LIMITS, type OutgoingPost, renderPost } from '../../functions/core/render-post.ts';
import { type DiscordStandIn, startDiscordStandIn } from '../../functions/local/discord-stand-in.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const WEBHOOK: ChannelTarget = { id: 'rights-webhook', kind: 'webhook' };
const BOT: ChannelTarget = { id: 'rights-bot', kind: 'bot' };
const BOT_CHANNEL_SNOWFLAKE = '1234567890123456789';

function samplePost(): OutgoingPost {
  return renderPost({
    title: 'US, China Trade Accusations on Human Rights',
    url: 'https://www.voanews.com/a/us-china-trade-accusations-on-human-rights/1234567.html',
    summary:
      'Annual human rights talks between the United States and China have produced few visible results, analysts say.',
    authorLine: 'VOA News · East Asia',
    quotes: [
      {
        text: 'At the same time, we see that political reforms have not kept pace with economic advances.',
        speaker: 'Michael Posner',
        role: 'U.S. Assistant Secretary of State for Democracy, Human Rights and Labor',
      },
    ],
    topicLabel: 'Human rights',
    evidence: ['human rights', 'political reforms'],
    published: new Date('2012-07-25T14:00:00Z'),
    image: 'https://gdb.voanews.com/01234567-89ab-cdef-0123-456789abcdef_w1023_r1_s.jpg',
  });
}

function webhookToken(url: string): string {
  const token = parseWebhookUrl(url)?.token;
  if (!token) throw new Error(`not a webhook URL: ${url}`);
  return token;
}

describe('Discord poster against the local stand-in', () => {
  let standIn: DiscordStandIn;
  let webhookUrl: string;

  const makePoster = (overrides: Partial<DiscordPosterOptions> = {}) =>
    createDiscordPoster({
      apiBase: standIn.apiBase,
      timeoutMs: 2000,
      botToken: standIn.botToken,
      webhooks: new Map([[WEBHOOK.id, webhookUrl]]),
      channels: new Map([[BOT.id, BOT_CHANNEL_SNOWFLAKE]]),
      ...overrides,
    });

  beforeEach(async () => {
    standIn = await startDiscordStandIn();
    webhookUrl = standIn.webhookUrl('rights');
  });

  afterEach(async () => {
    await standIn.close();
    // Every body the poster sent, accepted or answered with a scripted fault, passed the spec validation.
    expect(standIn.invalid).toEqual([]);
  });

  it('a webhook post returns posted with the id of the message the webhook created', async () => {
    const outcome = await makePoster().post(WEBHOOK, samplePost(), { nonce: 'delivery-1' });

    expect(standIn.messages).toHaveLength(1);
    const [message] = standIn.messages;
    expect(outcome).toEqual({ kind: 'posted', messageId: message?.id });
    expect(message?.route).toBe('webhook');
    expect(message?.targetId).toBe(parseWebhookUrl(webhookUrl)?.id);
    expect(message?.body.allowed_mentions).toEqual({ parse: [] });
    expect(message?.body.embeds?.[0]?.title).toBe('US, China Trade Accusations on Human Rights');
    expect(message?.body).not.toHaveProperty('nonce');
  });

  it('a webhook URL on discord.com is posted through the configured API base', async () => {
    const { id, token } = parseWebhookUrl(webhookUrl) ?? { id: '', token: '' };
    const poster = makePoster({
      webhooks: new Map([[WEBHOOK.id, `https://canary.discord.com/api/v10/webhooks/${id}/${token}`]]),
    });

    const outcome = await poster.post(WEBHOOK, samplePost(), { nonce: 'delivery-1' });

    expect(outcome.kind).toBe('posted');
    expect(standIn.messages).toHaveLength(1);
  });

  it('a bot post sends the nonce with enforce_nonce, and a repeat with the same nonce returns the same message', async () => {
    const poster = makePoster();

    const first = await poster.post(BOT, samplePost(), { nonce: 'delivery-7' });
    const again = await poster.post(BOT, samplePost(), { nonce: 'delivery-7' });

    expect(first.kind).toBe('posted');
    expect(again).toEqual(first);
    expect(standIn.requests).toBe(2);
    expect(standIn.messages).toHaveLength(1);
    const [message] = standIn.messages;
    expect(message?.route).toBe('channel');
    expect(message?.targetId).toBe(BOT_CHANNEL_SNOWFLAKE);
    expect(message?.nonce).toBe('delivery-7');
    expect(message?.body).toMatchObject({
      nonce: 'delivery-7',
      enforce_nonce: true,
      allowed_mentions: { parse: [] },
    });
  });

  it('a bot post with a different nonce creates a new message', async () => {
    const poster = makePoster();

    const first = await poster.post(BOT, samplePost(), { nonce: 'delivery-1' });
    const second = await poster.post(BOT, samplePost(), { nonce: 'delivery-2' });

    expect(first.kind).toBe('posted');
    expect(second.kind).toBe('posted');
    expect(second).not.toEqual(first);
    expect(standIn.messages).toHaveLength(2);
  });

  it("a delivery's nonce is at most 25 characters, and the same on a retry, so Discord drops the repeat", async () => {
    const poster = makePoster();
    const nonce = deliveryNonce({
      storyKey: 'url:https://example.org/a/very/long/story/path',
      channelId: 'rights-desk-with-a-long-name',
    });

    const first = await poster.post(BOT, samplePost(), { nonce });
    const again = await poster.post(BOT, samplePost(), { nonce });

    expect(again).toEqual(first);
    expect(standIn.messages).toHaveLength(1);
    expect(standIn.messages[0]?.nonce).toBe(nonce);
    expect(nonce.length).toBeLessThanOrEqual(25);
  });

  it('a 429 with a short Retry-After is waited out once and the post is retried', async () => {
    standIn.failNext({ status: 429, headers: { 'Retry-After': '0.2' } });

    const outcome = await makePoster().post(WEBHOOK, samplePost(), { nonce: 'n' });

    expect(outcome.kind).toBe('posted');
    expect(standIn.requests).toBe(2);
    expect(standIn.messages).toHaveLength(1);
  });

  it('a 429 with a long Retry-After returns a retry outcome at once, with the wait Discord asked for', async () => {
    standIn.failNext({ status: 429, headers: { 'Retry-After': '30' } });
    const started = Date.now();

    const outcome = await makePoster().post(WEBHOOK, samplePost(), { nonce: 'n' });

    expect(outcome).toMatchObject({ kind: 'retry', retryAfterMs: 30_000 });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(standIn.requests).toBe(1);
  });

  it('repeated 429s end in a retry outcome within a few seconds, after at most two requests', async () => {
    standIn.failNext(...Array.from({ length: 20 }, () => ({ status: 429, headers: { 'Retry-After': '1' } })));
    const started = Date.now();

    const outcome = await makePoster().post(WEBHOOK, samplePost(), { nonce: 'n' });

    expect(outcome.kind).toBe('retry');
    expect(Date.now() - started).toBeLessThan(3000);
    expect(standIn.requests).toBeLessThanOrEqual(2);
    expect(standIn.messages).toHaveLength(0);
  });

  it('a global 429 is reported as a global rate limit', async () => {
    standIn.failNext({
      status: 429,
      body: { message: 'You are being rate limited.', retry_after: 60, global: true },
    });

    const outcome = await makePoster().post(BOT, samplePost(), { nonce: 'n' });

    expect(outcome).toMatchObject({ kind: 'retry', retryAfterMs: 60_000 });
    expect(outcome.kind === 'retry' && outcome.reason).toContain('global rate limit');
  });

  it.each([500, 502, 503])('a %i leaves the post to be retried', async (status) => {
    standIn.failNext({ status });

    const outcome = await makePoster().post(WEBHOOK, samplePost(), { nonce: 'n' });

    expect(outcome).toMatchObject({ kind: 'retry', reason: expect.stringContaining(`HTTP ${status}`) });
    expect(standIn.requests).toBe(1);
  });

  it('a 400 is rejected with the reason Discord gave', async () => {
    standIn.failNext({
      status: 400,
      body: {
        code: 50035,
        message: 'Invalid Form Body',
        errors: {
          embeds: {
            0: {
              title: {
                _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 256 or fewer in length.' }],
              },
            },
          },
        },
      },
    });

    const outcome = await makePoster().post(WEBHOOK, samplePost(), { nonce: 'n' });

    expect(outcome.kind).toBe('rejected');
    expect(outcome.kind === 'rejected' && outcome.reason).toMatch(/^HTTP 400: Invalid Form Body/);
    expect(outcome.kind === 'rejected' && outcome.reason).toContain('Must be 256 or fewer in length.');
  });

  it('a body over Discord limits is refused by the stand-in and rejected with the field Discord names', async () => {
    const oversized: OutgoingPost = { embeds: [{ title: 'x'.repeat(300) }], allowed_mentions: { parse: [] } };

    const outcome = await makePoster().post(WEBHOOK, oversized, { nonce: 'n' });

    expect(outcome.kind).toBe('rejected');
    expect(outcome.kind === 'rejected' && outcome.reason).toContain('embeds[0].title[BASE_TYPE_MAX_LENGTH]');
    expect(standIn.invalid).toHaveLength(1);
    standIn.invalid.length = 0;
  });

  it.each([401, 403, 404])('a %i marks the channel broken', async (status) => {
    standIn.failNext({ status });

    const outcome = await makePoster().post(WEBHOOK, samplePost(), { nonce: 'n' });

    expect(outcome).toMatchObject({ kind: 'broken', reason: expect.stringContaining(`HTTP ${status}`) });
  });

  it('a webhook that Discord does not know is broken', async () => {
    const deleted = `${standIn.apiBase}/webhooks/1111111111111111111/${'t'.repeat(68)}`;

    const outcome = await makePoster({ webhooks: new Map([[WEBHOOK.id, deleted]]) }).post(
      WEBHOOK,
      samplePost(),
      {
        nonce: 'n',
      },
    );

    expect(outcome).toMatchObject({ kind: 'broken', reason: expect.stringContaining('Unknown Webhook') });
  });

  it('a bot token that Discord refuses marks the channel broken, on every post', async () => {
    const poster = makePoster({ botToken: 'not-the-token' });

    const first = await poster.post(BOT, samplePost(), { nonce: 'n1' });
    const second = await poster.post(BOT, samplePost(), { nonce: 'n2' });

    expect(first).toMatchObject({ kind: 'broken', reason: expect.stringContaining('HTTP 401') });
    expect(second).toMatchObject({ kind: 'broken', reason: expect.stringContaining('HTTP 401') });
  });

  it('a server slower than timeoutMs gives a network retry within the bound', async () => {
    standIn.failNext({ status: 200, delayMs: 3000 });
    const started = Date.now();

    const outcome = await makePoster({ timeoutMs: 300 }).post(WEBHOOK, samplePost(), { nonce: 'n' });

    expect(outcome).toMatchObject({ kind: 'retry', reason: expect.stringMatching(/^network: /) });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('a slow error answer is also cut off at timeoutMs', async () => {
    standIn.failNext({ status: 500, delayMs: 3000 });
    const started = Date.now();

    const outcome = await makePoster({ timeoutMs: 300 }).post(BOT, samplePost(), { nonce: 'n' });

    expect(outcome).toMatchObject({ kind: 'retry', reason: expect.stringMatching(/^network: /) });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('an unreachable Discord gives a network retry', async () => {
    const apiBase = standIn.apiBase;
    await standIn.close();
    standIn = await startDiscordStandIn();

    const outcome = await makePoster({ apiBase }).post(WEBHOOK, samplePost(), { nonce: 'n' });

    expect(outcome).toMatchObject({
      kind: 'retry',
      reason: expect.stringMatching(/^network: .*ECONNREFUSED/),
    });
  });

  it('an unknown channel id is broken, and nothing is sent', async () => {
    const outcome = await makePoster().post({ id: 'nowhere', kind: 'webhook' }, samplePost(), { nonce: 'n' });

    expect(outcome).toEqual({
      kind: 'broken',
      reason: 'no webhook URL or channel id configured for nowhere',
    });
    expect(standIn.requests).toBe(0);
  });

  it('a malformed webhook URL is broken, and its text is not echoed', async () => {
    const poster = makePoster({ webhooks: new Map([[WEBHOOK.id, 'https://example.com/hooks/secret-ish']]) });

    const outcome = await poster.post(WEBHOOK, samplePost(), { nonce: 'n' });

    expect(outcome.kind).toBe('broken');
    expect(JSON.stringify(outcome)).not.toContain('secret-ish');
    expect(standIn.requests).toBe(0);
  });

  it('a bot channel without a bot token is broken, and nothing is sent', async () => {
    const outcome = await makePoster({ botToken: undefined }).post(BOT, samplePost(), { nonce: 'n' });

    expect(outcome).toEqual({ kind: 'broken', reason: 'no bot token configured for rights-bot' });
    expect(standIn.requests).toBe(0);
  });

  it('no returned reason contains the webhook token or the bot token, even when Discord echoes them', async () => {
    const token = webhookToken(webhookUrl);
    const poster = makePoster();
    const outcomes: PostOutcome[] = [];
    const echo = `see ${webhookUrl} and Bot ${standIn.botToken}`;
    for (const status of [400, 401, 403, 404, 429, 500]) {
      standIn.failNext({ status, body: { message: echo, code: 0, retry_after: 60, global: false } });
      outcomes.push(await poster.post(WEBHOOK, samplePost(), { nonce: 'n' }));
      standIn.failNext({ status, body: { message: echo, code: 0, retry_after: 60, global: false } });
      outcomes.push(await poster.post(BOT, samplePost(), { nonce: 'n' }));
    }
    standIn.failNext({ status: 200, delayMs: 1000 });
    outcomes.push(await makePoster({ timeoutMs: 200 }).post(WEBHOOK, samplePost(), { nonce: 'n' }));

    expect(outcomes.map((outcome) => outcome.kind)).not.toContain('posted');
    const text = JSON.stringify(outcomes);
    expect(text).toContain('***');
    expect(text).not.toContain(token);
    expect(text).not.toContain(standIn.botToken);
  });

  it('a post rendered from maximal hostile input is accepted by the stand-in', async () => {
    const hostile = '@everyone **bold** <@&123456789012345678> # heading [link](https://evil.example) ';
    const post = renderPost({
      title: hostile.repeat(40),
      url: 'https://www.voanews.com/a/story/7654321.html',
      summary: hostile.repeat(200),
      authorLine: `VOA News · ${'East Asia '.repeat(60)}`,
      quotes: Array.from({ length: 50 }, (_, i) => ({
        text: `${hostile}${'q'.repeat(2000)}`.slice(0, 2000),
        speaker: `Speaker ${i} @here`,
        role: '_analyst_',
      })),
      topicLabel: 'Human rights',
      evidence: Array.from({ length: 400 }, () => 'human rights'),
      published: new Date('2024-01-02T03:04:05Z'),
      image: 'https://gdb.voanews.com/image.jpg',
    });

    const webhookOutcome = await makePoster().post(WEBHOOK, post, { nonce: 'n1' });
    const botOutcome = await makePoster().post(BOT, post, { nonce: 'n2' });

    expect(webhookOutcome.kind).toBe('posted');
    expect(botOutcome.kind).toBe('posted');
    expect(standIn.messages).toHaveLength(2);
    const embed = standIn.messages[0]?.body.embeds?.[0];
    expect(embed?.title?.length).toBeLessThanOrEqual(EMBED_LIMITS.title);
    expect(JSON.stringify(embed)).not.toMatch(/@(everyone|here)/);
    expect(standIn.messages[0]?.body.allowed_mentions).toEqual({ parse: [] });
  });
});

describe('Discord poster module loading', () => {
  it('importing the poster does not load discord.js; the first post does', async () => {
    const standIn = await startDiscordStandIn();
    try {
      const script = `
        import { createRequire } from 'node:module';
        const require = createRequire(import.meta.url);
        const discordModules = () =>
          Object.keys(require.cache).filter((path) => /[\\\\/]node_modules[\\\\/]discord\\.js[\\\\/]/.test(path)).length;
        const { createDiscordPoster } = await import('./functions/adapters/discord-poster.ts');
        const poster = createDiscordPoster({
          apiBase: process.env.API_BASE,
          timeoutMs: 5000,
          webhooks: new Map([['c', process.env.WEBHOOK_URL]]),
          channels: new Map(),
        });
        const afterImport = discordModules();
        const outcome = await poster.post(
          { id: 'c', kind: 'webhook' },
          { embeds: [{ title: 'lazy' }], allowed_mentions: { parse: [] } },
          { nonce: 'n' },
        );
        console.log(JSON.stringify({ afterImport, afterPost: discordModules(), outcome: outcome.kind }));
      `;

      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', '--input-type=module', '-e', script],
        {
          cwd: repoRoot,
          env: { ...process.env, API_BASE: standIn.apiBase, WEBHOOK_URL: standIn.webhookUrl() },
          timeout: 20_000,
        },
      );

      const report = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
      expect(report).toMatchObject({ afterImport: 0, outcome: 'posted' });
      // The positive control: the same check does see discord.js once a post has run.
      expect(report.afterPost).toEqual(expect.any(Number));
      expect(report.afterPost).toBeGreaterThan(0);
    } finally {
      await standIn.close();
    }
  });
});

describe('parseWebhookUrl', () => {
  const id = '123456789012345678';
  const token = 'a'.repeat(34) + '-_'.repeat(17);

  it.each([
    `https://discord.com/api/webhooks/${id}/${token}`,
    `https://discord.com/api/v10/webhooks/${id}/${token}`,
    `https://discordapp.com/api/webhooks/${id}/${token}`,
    `https://ptb.discord.com/api/webhooks/${id}/${token}`,
    `https://canary.discord.com/api/webhooks/${id}/${token}/`,
    `http://127.0.0.1:4000/api/webhooks/${id}/${token}`,
  ])('takes the id and token from %s', (url) => {
    expect(parseWebhookUrl(url)).toEqual({ id, token });
  });

  it('keeps a thread id from the query', () => {
    expect(
      parseWebhookUrl(`https://discord.com/api/webhooks/${id}/${token}?thread_id=987654321098765432`),
    ).toEqual({
      id,
      token,
      threadId: '987654321098765432',
    });
  });

  it.each([
    'not a url',
    `ftp://discord.com/api/webhooks/${id}/${token}`,
    `https://discord.com/api/webhooks/${id}`,
    `https://discord.com/api/webhooks/abc/${token}`,
    `https://discord.com/webhooks/${id}/${token}`,
  ])('refuses %s', (url) => {
    expect(parseWebhookUrl(url)).toBeUndefined();
  });

  it('redacts a webhook token even when it was not configured', () => {
    expect(redactSecrets(`POST https://discord.com/api/v10/webhooks/${id}/${token}?wait=true failed`)).toBe(
      `POST https://discord.com/api/v10/webhooks/${id}/***?wait=true failed`,
    );
  });
});

describe('Discord stand-in', () => {
  let standIn: DiscordStandIn;

  beforeEach(async () => {
    standIn = await startDiscordStandIn();
  });

  afterEach(async () => {
    await standIn.close();
  });

  const postJson = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${standIn.apiBase}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  const webhookPath = (url: string, query = '') =>
    `${new URL(url).pathname.replace(/^\/api/, '/v10')}${query}`;

  it('the same label always gives the same well-formed webhook URL', () => {
    const url = standIn.webhookUrl('alerts');

    expect(standIn.webhookUrl('alerts')).toBe(url);
    expect(standIn.webhookUrl()).not.toBe(url);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/webhooks\/\d{17,19}\/[\w-]{68}$/);
  });

  it('a webhook without ?wait=true answers 204 and still records the message', async () => {
    const response = await postJson(webhookPath(standIn.webhookUrl()), { content: 'hello' });

    expect(response.status).toBe(204);
    expect(standIn.messages).toHaveLength(1);
  });

  it('a misspelt field is refused with Discord’s error shape', async () => {
    const response = await postJson(webhookPath(standIn.webhookUrl(), '?wait=true'), {
      content: 'hi',
      allowedMentions: { parse: [] },
    });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      code: 50035,
      message: 'Invalid Form Body',
      errors: { allowedMentions: { _errors: [{ code: 'UNKNOWN_FIELD' }] } },
    });
    expect(standIn.invalid[0]?.errors).toEqual([expect.stringContaining('allowedMentions')]);
    expect(standIn.messages).toHaveLength(0);
  });

  it('embeds over 6000 characters in all are refused even when each field is within its limit', async () => {
    const embed = { title: 't', description: 'd'.repeat(4000) };

    const response = await postJson(webhookPath(standIn.webhookUrl(), '?wait=true'), {
      embeds: [embed, embed],
    });

    expect(response.status).toBe(400);
    expect(standIn.invalid[0]?.errors).toEqual([expect.stringContaining('MAX_EMBED_SIZE_EXCEEDED')]);
  });

  it('a nonce on a webhook, which Discord does not take there, is refused', async () => {
    const response = await postJson(webhookPath(standIn.webhookUrl(), '?wait=true'), {
      content: 'x',
      nonce: 'n',
    });

    expect(response.status).toBe(400);
  });

  it('an empty message is refused', async () => {
    const response = await postJson(webhookPath(standIn.webhookUrl(), '?wait=true'), { embeds: [] });

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ code: 50006, message: 'Cannot send an empty message' });
  });

  it('a channel message needs the bot token', async () => {
    const response = await postJson(`/v10/channels/${BOT_CHANNEL_SNOWFLAKE}/messages`, { content: 'x' });

    expect(response.status).toBe(401);
  });

  it('a wrong webhook token is refused, and an unknown route is a 404', async () => {
    const { id } = parseWebhookUrl(standIn.webhookUrl()) ?? { id: '' };

    const wrongToken = await postJson(`/v10/webhooks/${id}/${'x'.repeat(68)}`, { content: 'x' });
    const unknownRoute = await postJson('/v10/guilds/1/whatever', {});

    expect(wrongToken.status).toBe(401);
    expect(unknownRoute.status).toBe(404);
  });

  it('prints one line per accepted message, without the token', async () => {
    const lines: string[] = [];
    const logged = await startDiscordStandIn({ log: (line) => lines.push(line) });
    try {
      const url = logged.webhookUrl();
      await fetch(`${logged.apiBase}${webhookPath(url, '?wait=true')}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(samplePost()),
      });

      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain('US, China Trade Accusations on Human Rights');
      expect(lines[0]).not.toContain(webhookToken(url));
    } finally {
      await logged.close();
    }
  });
});

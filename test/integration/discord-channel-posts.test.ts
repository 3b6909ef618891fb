import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDiscordPoster, parseWebhookUrl } from '../../functions/adapters/discord-poster.ts';
import type { TopicVerdict } from '../../functions/core/analyzer.ts';
import { postForChannel } from '../../functions/core/channel-post.ts';
import { type ChannelConfig, parseConfig } from '../../functions/core/config.ts';
import type { ChannelTarget } from '../../functions/core/ports.ts';
import { type OutgoingPost, renderPost } from '../../functions/core/render-post.ts';
import { type DiscordStandIn, startDiscordStandIn } from '../../functions/local/discord-stand-in.ts';

const ROLE = '111111111111111111';
const RIGHTS_TAG = '333333333333333333';
const TEXT_CHANNEL = '1234567890123456789';
const TITLE = 'Rights lawyer detained in Beijing after meeting diplomats';
const HOSTILE_TITLE = `@everyone <@&222222222222222222> <@999999999999999999> ${TITLE}`;

const rights: TopicVerdict = {
  id: 'human-rights',
  label: 'Human rights',
  score: 9,
  threshold: 5,
  matched: true,
  evidence: ['human rights', 'detained'],
};

function basePost(title = TITLE): OutgoingPost {
  return renderPost({
    title,
    url: 'https://www.voanews.com/a/rights-lawyer-detained/7000001.html',
    summary: 'A rights lawyer was detained in Beijing, his family said. @everyone',
    quotes: [{ text: 'They took him at night.', speaker: 'Li Wen', role: 'his wife' }],
    topicLabel: 'Human rights',
    evidence: rights.evidence,
  });
}

describe('channel decorations reach Discord', () => {
  let standIn: DiscordStandIn;

  beforeEach(async () => {
    standIn = await startDiscordStandIn();
  });

  afterEach(async () => {
    await standIn.close();
    expect(standIn.invalid).toEqual([]);
  });

  /** One channel from a config, and a poster that knows it. */
  function setUp(channel: Record<string, unknown>) {
    const [config] = parseConfig({
      feeds: [{ id: 'usa', url: 'https://example.org/feed' }],
      discord: { apiBase: standIn.apiBase, botToken: standIn.botToken },
      channels: [channel],
    }).channels as [ChannelConfig];
    const webhooks = new Map(config.webhookUrl ? [[config.id, config.webhookUrl]] : []);
    const channels = new Map(config.channelId ? [[config.id, config.channelId]] : []);
    const poster = createDiscordPoster({
      apiBase: standIn.apiBase,
      timeoutMs: 2000,
      botToken: standIn.botToken,
      webhooks,
      channels,
    });
    const target: ChannelTarget = { id: config.id, kind: config.channelId ? 'bot' : 'webhook' };
    const post = (title = TITLE) =>
      poster.post(target, postForChannel(basePost(title), config, { title, topics: [rights] }), {
        nonce: 'delivery-1',
      });
    return { config, post, poster, target };
  }

  it("a forum webhook post carries the story title as thread_name and the topic's tag", async () => {
    const { post } = setUp({
      id: 'rights-forum',
      kind: 'forum',
      webhookUrl: standIn.webhookUrl('forum', { forum: true }),
      forumTags: { 'human-rights': RIGHTS_TAG },
    });

    const outcome = await post();

    expect(outcome.kind).toBe('posted');
    expect(standIn.threads).toEqual([
      expect.objectContaining({ name: TITLE, appliedTags: [RIGHTS_TAG], route: 'webhook' }),
    ]);
    expect(standIn.messages[0]?.body).toMatchObject({ thread_name: TITLE, applied_tags: [RIGHTS_TAG] });
  });

  it('a forum webhook post without thread_name is reported as a configuration error naming the channel', async () => {
    // The config says text, the webhook belongs to a forum: Discord refuses with code 220001.
    const { post } = setUp({ id: 'rights-forum', webhookUrl: standIn.webhookUrl('forum', { forum: true }) });

    const outcome = await post();

    expect(outcome.kind).toBe('broken');
    const reason = 'reason' in outcome ? outcome.reason : '';
    expect(reason).toContain('configuration error: channel rights-forum is a forum channel');
    expect(reason).toContain('"kind": "forum"');
    expect(reason).toContain('220001');
    expect(standIn.messages).toHaveLength(0);
  });

  it("a forum post to a text channel's webhook is a configuration error naming the channel", async () => {
    const { post } = setUp({ id: 'rights-text', kind: 'forum', webhookUrl: standIn.webhookUrl('text') });

    const outcome = await post();

    expect(outcome).toMatchObject({ kind: 'broken' });
    expect('reason' in outcome && outcome.reason).toContain('channel rights-text is not a forum channel');
  });

  it('a bot forum post is made through POST /channels/{id}/threads with its message and applied_tags', async () => {
    const forum = standIn.forumChannel();
    const { post } = setUp({
      id: 'rights-forum',
      kind: 'forum',
      channelId: forum,
      forumTags: { 'human-rights': RIGHTS_TAG },
    });

    const outcome = await post();

    const [thread] = standIn.threads;
    expect(thread).toMatchObject({
      parentId: forum,
      name: TITLE,
      appliedTags: [RIGHTS_TAG],
      route: 'forum-thread',
    });
    // The starter message has the thread's id; it is the delivery's message.
    expect(outcome).toEqual({ kind: 'posted', messageId: thread?.id });
    expect(standIn.messages[0]?.body.embeds?.[0]?.title).toBe(TITLE);
  });

  it('a bot message to a forum channel configured as text is a configuration error naming the channel', async () => {
    const { post } = setUp({ id: 'rights-bot', channelId: standIn.forumChannel() });

    const outcome = await post();

    expect(outcome).toMatchObject({ kind: 'broken' });
    expect('reason' in outcome && outcome.reason).toContain('channel rights-bot is a forum channel');
  });

  it('a bot text channel with threads opens a thread named after the story on the posted message', async () => {
    const { post } = setUp({ id: 'rights-bot', channelId: TEXT_CHANNEL, threads: true });

    const outcome = await post();

    const [message] = standIn.messages;
    expect(outcome).toEqual({ kind: 'posted', messageId: message?.id });
    expect(standIn.threads).toEqual([
      { id: message?.id, parentId: TEXT_CHANNEL, name: TITLE, appliedTags: [], route: 'message-thread' },
    ]);
  });

  it('a thread that cannot be opened leaves the message posted, with a note, so it is never posted twice', async () => {
    const { post } = setUp({ id: 'rights-bot', channelId: TEXT_CHANNEL, threads: true });
    standIn.failNext({ status: 200 }, { status: 403 });

    const outcome = await post();

    expect(outcome).toMatchObject({ kind: 'posted', messageId: standIn.messages[0]?.id });
    expect('note' in outcome && outcome.note).toContain('the thread was not opened: Missing Access');
    expect(standIn.messages).toHaveLength(1);
  });

  it.each([
    ['webhook', () => ({ webhookUrl: standIn.webhookUrl('text') })],
    ['bot', () => ({ channelId: TEXT_CHANNEL })],
  ])(
    'a role ping through a %s carries the configured role in allowed_mentions.roles alone, and hostile feed text pings no one',
    async (_, route) => {
      const { post } = setUp({ id: 'rights', mentions: [{ role: ROLE }], ...route() });

      const outcome = await post(HOSTILE_TITLE);

      expect(outcome.kind).toBe('posted');
      const body = standIn.messages[0]?.body;
      expect(body?.allowed_mentions).toEqual({ parse: [], roles: [ROLE] });
      expect(body?.content).toBe(`<@&${ROLE}>`);
      const text = JSON.stringify(body?.embeds);
      expect(text).not.toMatch(/@everyone|@here|<@&?\d+>/);
    },
  );

  it('a forum post named by a hostile title keeps the title as plain text and pings only the configured role', async () => {
    const { post } = setUp({
      id: 'rights-forum',
      kind: 'forum',
      webhookUrl: standIn.webhookUrl('forum', { forum: true }),
      mentions: [{ role: ROLE }],
    });

    await post(HOSTILE_TITLE);

    const [message] = standIn.messages;
    expect(message?.thread?.name.length).toBeLessThanOrEqual(100);
    expect(message?.body.allowed_mentions).toEqual({ parse: [], roles: [ROLE] });
  });
});

describe('Discord stand-in threads', () => {
  let standIn: DiscordStandIn;

  beforeEach(async () => {
    standIn = await startDiscordStandIn();
  });

  afterEach(async () => {
    await standIn.close();
  });

  const postJson = (path: string, body: unknown, auth = true) =>
    fetch(`${standIn.apiBase}/v10${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(auth ? { authorization: `Bot ${standIn.botToken}` } : {}),
      },
      body: JSON.stringify(body),
    });

  it('a forum webhook refuses a post without thread_name with 400 and code 220001, as Discord does', async () => {
    const url = standIn.webhookUrl('forum', { forum: true });
    const { id, token } = parseWebhookUrl(url) ?? { id: '', token: '' };

    const response = await postJson(`/webhooks/${id}/${token}?wait=true`, { content: 'hi' }, false);

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      message: 'Webhooks posted to forum channels must have a thread_name or thread_id',
      code: 220001,
    });
    expect(standIn.messages).toHaveLength(0);
  });

  it('a thread on a message that the channel does not hold is Unknown Message', async () => {
    const response = await postJson(`/channels/${TEXT_CHANNEL}/messages/1234567890123456780/threads`, {
      name: 'x',
    });

    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 10008 });
  });

  it('a forum post body is checked against the spec, its message too', async () => {
    const forum = standIn.forumChannel();

    const response = await postJson(`/channels/${forum}/threads`, {
      name: 'n'.repeat(101),
      message: { content: 'c'.repeat(2001), allowedMentions: {} },
    });

    expect(response.status).toBe(400);
    const errors = standIn.invalid[0]?.errors.join('\n');
    expect(errors).toContain('name: BASE_TYPE_MAX_LENGTH');
    expect(errors).toContain('message.content: BASE_TYPE_MAX_LENGTH');
    expect(errors).toContain('message.allowedMentions: UNKNOWN_FIELD');
  });

  it('a second thread on the same message is refused', async () => {
    const posted = await postJson(`/channels/${TEXT_CHANNEL}/messages`, { content: 'hello' });
    const { id } = (await posted.json()) as { id: string };

    const first = await postJson(`/channels/${TEXT_CHANNEL}/messages/${id}/threads`, { name: 'a' });
    const second = await postJson(`/channels/${TEXT_CHANNEL}/messages/${id}/threads`, { name: 'b' });

    expect(first.status).toBe(201);
    expect(second.status).toBe(400);
    expect(standIn.threads).toHaveLength(1);
  });
});

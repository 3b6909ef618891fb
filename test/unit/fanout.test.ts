import type { SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../functions/core/config.ts';
import {
  encodeFeedMessage,
  feedMessages,
  InvalidFeedMessageError,
  parseFeedMessage,
} from '../../functions/fanout/feed-message.ts';
import { planBatch } from '../../functions/fanout/poller.ts';
import { toRecord } from '../../functions/local/sqs-stand-in.ts';

const config = parseConfig({
  feeds: ['africa', 'world', 'asia'].map((id) => ({ id, url: `https://www.voanews.com/api/${id}` })),
});

let sequence = 0;
function record(body: string): SQSRecord {
  sequence += 1;
  return toRecord({
    messageId: `m-${sequence}`,
    queueName: 'herald-feeds',
    body,
    md5OfBody: '',
    sentTimestamp: 0,
  });
}

describe('feed messages', () => {
  it('one message per feed, and only the first retries pending deliveries', () => {
    const messages = feedMessages(['africa', 'world', 'asia']);
    expect(messages).toEqual([
      { feedId: 'africa', retryPending: true },
      { feedId: 'world' },
      { feedId: 'asia' },
    ]);
    expect(messages.map(encodeFeedMessage)).toEqual([
      '{"feedId":"africa","retryPending":true}',
      '{"feedId":"world"}',
      '{"feedId":"asia"}',
    ]);
  });

  it('a body reads back as the message it encodes; unknown keys are dropped', () => {
    expect(parseFeedMessage('{"feedId":"africa"}')).toEqual({ feedId: 'africa' });
    expect(parseFeedMessage('{"feedId":"africa","retryPending":true}')).toEqual({
      feedId: 'africa',
      retryPending: true,
    });
    expect(parseFeedMessage('{"feedId":"africa","priority":3}')).toEqual({ feedId: 'africa' });
  });

  it.each([
    ['not JSON', 'feedId=africa'],
    ['no feed id', '{"feed":"africa"}'],
    ['an empty feed id', '{"feedId":""}'],
    ['a feed id that is not a string', '{"feedId":7}'],
    ['an array', '["africa"]'],
    ['null', 'null'],
    ['a feed id of 201 characters', JSON.stringify({ feedId: 'a'.repeat(201) })],
    ['a retryPending that is not true', '{"feedId":"africa","retryPending":"yes"}'],
  ])('a body with %s is refused with InvalidFeedMessageError', (_, body) => {
    expect(() => parseFeedMessage(body)).toThrow(InvalidFeedMessageError);
  });

  it('a refused body is told what was wrong, key by key', () => {
    expect(() => parseFeedMessage('{"feedId":7,"retryPending":false}')).toThrow(
      'expected {"feedId": "..."}: feedId: must be a string of 1 to 200 characters; retryPending: must be true or absent',
    );
    expect(() => parseFeedMessage('[]')).toThrow('(body): must be an object');
    expect(parseFeedMessage(JSON.stringify({ feedId: 'a'.repeat(200) })).feedId).toHaveLength(200);
  });
});

describe('planning a poller batch', () => {
  it("polls the batch's feeds once each, in config order", () => {
    const plan = planBatch(
      [record('{"feedId":"asia"}'), record('{"feedId":"africa"}'), record('{"feedId":"asia"}')],
      config.feeds,
    );
    expect(plan.feeds.map((f) => f.id)).toEqual(['africa', 'asia']);
    expect(plan.retryPending).toBe(false);
    expect(plan.refused.size + plan.unknown.size).toBe(0);
  });

  it('retries pending deliveries when the batch holds the designated message', () => {
    const plan = planBatch(
      [record('{"feedId":"world"}'), record('{"feedId":"asia","retryPending":true}')],
      config.feeds,
    );
    expect(plan.retryPending).toBe(true);
  });

  it('refuses bodies that are not feed messages and sets aside feeds the config does not list', () => {
    const bad = record('{"feed":"africa"}');
    const gone = record('{"feedId":"europe"}');
    const plan = planBatch([record('{"feedId":"africa"}'), bad, gone], config.feeds);
    expect(plan.feeds.map((f) => f.id)).toEqual(['africa']);
    expect([...plan.refused.keys()]).toEqual([bad.messageId]);
    expect(plan.refused.get(bad.messageId)).toBeInstanceOf(InvalidFeedMessageError);
    expect([...plan.unknown.keys()]).toEqual([gone.messageId]);
  });
});

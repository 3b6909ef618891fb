import { describe, expect, it } from 'vitest';
import { InvalidPayloadError, parsePayload } from '../../functions/poll/payload.ts';
import { isScheduledEvent } from '../../functions/poll/scheduled-event.ts';

const followUp = { applicationId: '1234567890123456789', token: 'aW50ZXJhY3Rpb246dGVzdA' };

describe('the poll function payload for /herald why and /herald test', () => {
  it('an explain request with a follow-up is read as such', () => {
    const url = 'https://www.voanews.com/a/story/7000001.html';
    expect(parsePayload({ followUp, explain: { url } }, ['usa'])).toEqual({ followUp, explain: { url } });
  });

  it('a send-test request names a channel id', () => {
    expect(parsePayload({ followUp, sendTest: { channel: 'rights' } }, ['usa'])).toEqual({
      followUp,
      sendTest: { channel: 'rights' },
    });
  });

  it('an explain request for something that is not an http(s) URL is refused', () => {
    expect(() => parsePayload({ explain: { url: 'file:///etc/passwd' } }, [])).toThrow(
      /explain\.url: must be an http\(s\) URL/,
    );
  });

  it('explain and sendTest together are refused: one request at a time', () => {
    expect(() =>
      parsePayload({ explain: { url: 'https://example.org/a' }, sendTest: { channel: 'rights' } }, []),
    ).toThrow(InvalidPayloadError);
  });
});

describe('the poll function payload for a digest schedule', () => {
  it('a digest request names the channels whose digests are due, or none for all of them', () => {
    expect(parsePayload({ digest: { channels: ['morning'] } }, ['usa'])).toEqual({
      digest: { channels: ['morning'] },
    });
    expect(parsePayload({ digest: {} }, ['usa'])).toEqual({ digest: {} });
  });

  it('a digest request with another request is refused', () => {
    expect(() => parsePayload({ digest: {}, sendTest: { channel: 'rights' } }, [])).toThrow(
      /"sendTest" and "digest" are separate requests/,
    );
  });
});

const fromScheduler = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'Scheduled Event',
  source: 'aws.scheduler',
  account: '123456789012',
  time: '2026-01-01T00:00:00Z',
  region: 'us-east-1',
  resources: ['arn:aws:scheduler:us-east-1:123456789012:schedule/default/Herald-Schedule'],
  detail: {},
};
const fromRule = { ...fromScheduler, source: 'aws.events' };

describe('a scheduled event', () => {
  it("is what Scheduler's templated target or an EventBridge rule sends, whatever else it holds", () => {
    expect(isScheduledEvent(fromScheduler)).toBe(true);
    expect(isScheduledEvent(fromRule)).toBe(true);
    expect(isScheduledEvent({ source: 'aws.events', 'detail-type': 'Scheduled Event' })).toBe(true);
  });

  it.each([
    ['nothing', undefined],
    ['null', null],
    ['an array', [fromScheduler]],
    ['another source', { ...fromScheduler, source: 'aws.s3' }],
    ['another detail-type', { ...fromScheduler, 'detail-type': 'Object Created' }],
    ['no detail-type', { source: 'aws.scheduler' }],
    ['a manual payload', { dryRun: true }],
  ])('is not %s', (_, event) => {
    expect(isScheduledEvent(event)).toBe(false);
  });

  it('asks the poll for nothing, as the payload parser reads it too', () => {
    expect(parsePayload(fromScheduler, ['usa'])).toEqual({});
    expect(parsePayload(undefined, ['usa'])).toEqual({});
    expect(parsePayload({ dryRun: true, feeds: ['usa'] }, ['usa'])).toEqual({ dryRun: true, feeds: ['usa'] });
    expect(() => parsePayload({ ...fromScheduler, source: 'aws.s3' }, ['usa'])).toThrow(InvalidPayloadError);
  });
});

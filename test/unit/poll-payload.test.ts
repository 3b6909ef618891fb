import { describe, expect, it } from 'vitest';
import { InvalidPayloadError, parsePayload } from '../../functions/poll/payload.ts';

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

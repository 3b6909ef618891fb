import { describe, expect, it } from 'vitest';
import { InvalidPayloadError, parsePayload } from '../../functions/poll/payload.ts';
import { isScheduledEvent } from '../../functions/poll/scheduled-event.ts';

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

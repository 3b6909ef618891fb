/**
 * Whether an invocation is the schedule's: what EventBridge rules, or Scheduler's templated target, send
 * (`source` aws.events or aws.scheduler, `detail-type` "Scheduled Event", any other keys). Plain code,
 * not the payload schema: nearly every invocation is a scheduled one, and it must not load zod.
 */
export function isScheduledEvent(event: unknown): boolean {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return false;
  const { source, 'detail-type': detailType } = event as Record<string, unknown>;
  return (source === 'aws.events' || source === 'aws.scheduler') && detailType === 'Scheduled Event';
}

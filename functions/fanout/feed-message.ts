import { z } from 'zod';

/**
 * One SQS message of a fan-out run: poll this feed. One message of each run also carries
 * `retryPending`: the batch that holds it retries the deliveries that earlier polls left pending, so
 * that each run retries them once, as a single-function poll does, instead of once per poller.
 */
export interface FeedMessage {
  feedId: string;
  retryPending?: true;
}

// Unknown keys are dropped, not refused: during a deploy a newer dispatcher may feed an older poller.
const feedMessageSchema = z.object({
  feedId: z.string().min(1).max(200),
  retryPending: z.literal(true).optional(),
});

/** A message body that is not a feed message: retrying it cannot help, so it fails to the queue's DLQ. */
export class InvalidFeedMessageError extends Error {
  override readonly name = 'InvalidFeedMessageError';
}

export function encodeFeedMessage(message: FeedMessage): string {
  return JSON.stringify(message.retryPending ? message : { feedId: message.feedId });
}

export function parseFeedMessage(body: string): FeedMessage {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw new InvalidFeedMessageError('the message body is not JSON', { cause: error });
  }
  const parsed = feedMessageSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`);
    throw new InvalidFeedMessageError(`expected {"feedId": "..."}: ${problems.join('; ')}`);
  }
  const { feedId, retryPending } = parsed.data;
  return retryPending ? { feedId, retryPending } : { feedId };
}

/** The messages of one run, one per feed, in config order; the first carries `retryPending`. */
export function feedMessages(feedIds: readonly string[]): FeedMessage[] {
  return feedIds.map((feedId, index) => (index === 0 ? { feedId, retryPending: true } : { feedId }));
}

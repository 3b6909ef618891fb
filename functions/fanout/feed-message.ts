/**
 * One SQS message of a fan-out run: poll this feed. One message of each run also carries
 * `retryPending`: the batch that holds it retries the deliveries that earlier polls left pending, so
 * that each run retries them once, as a single-function poll does, instead of once per poller.
 */
export interface FeedMessage {
  feedId: string;
  retryPending?: true;
}

/** The longest feed id a message may carry: config ids are far shorter. */
const MAX_FEED_ID = 200;

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
  const problems = problemsOf(json);
  if (problems.length)
    throw new InvalidFeedMessageError(`expected {"feedId": "..."}: ${problems.join('; ')}`);
  const { feedId, retryPending } = json as { feedId: string; retryPending?: true };
  return retryPending ? { feedId, retryPending } : { feedId };
}

/**
 * What is wrong with a message body, checked by hand: two keys do not need a schema library, and the
 * poller reads a message on every invocation. Unknown keys are dropped, not refused: during a deploy a
 * newer dispatcher may feed an older poller.
 */
function problemsOf(json: unknown): string[] {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return ['(body): must be an object'];
  const { feedId, retryPending } = json as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof feedId !== 'string' || feedId.length < 1 || feedId.length > MAX_FEED_ID)
    problems.push(`feedId: must be a string of 1 to ${MAX_FEED_ID} characters`);
  if (retryPending !== undefined && retryPending !== true)
    problems.push('retryPending: must be true or absent');
  return problems;
}

/** The messages of one run, one per feed, in config order; the first carries `retryPending`. */
export function feedMessages(feedIds: readonly string[]): FeedMessage[] {
  return feedIds.map((feedId, index) => (index === 0 ? { feedId, retryPending: true } : { feedId }));
}

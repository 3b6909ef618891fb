import type { ChannelConfig } from '../core/config.ts';
import type { Poster, PostOutcome } from '../core/ports.ts';
import { testPost } from '../core/test-post.ts';

export interface TestSendResult {
  outcome: PostOutcome;
  /** One line that names the channel and says what Discord said. Never holds a secret. */
  text: string;
}

/** Posts the sample test alert to one channel, decorated as the channel decorates stories. */
export async function sendTestPost(
  channel: ChannelConfig,
  poster: Poster,
  now: Date,
): Promise<TestSendResult> {
  const target = { id: channel.id, kind: channel.channelId ? ('bot' as const) : ('webhook' as const) };
  // A nonce of its own for every test: each one is meant to post.
  const nonce = `test-${now.getTime().toString(36)}`;
  const outcome = await poster.post(target, testPost(channel, now), { nonce });
  switch (outcome.kind) {
    case 'posted':
      return {
        outcome,
        text:
          `Posted a test to channel ${channel.id} (message ${outcome.messageId}).` +
          (outcome.note ? ` But ${outcome.note}.` : ''),
      };
    case 'retry':
      return {
        outcome,
        text: `The test post to channel ${channel.id} did not go through: ${outcome.reason}`,
      };
    default:
      return { outcome, text: `Discord refused the test post to channel ${channel.id}: ${outcome.reason}` };
  }
}

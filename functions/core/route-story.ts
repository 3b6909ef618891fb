import type { TopicVerdict } from './analyzer.ts';
import type { ChannelConfig } from './config.ts';
import type { WirePolicy } from './poll-types.ts';
import type { ChannelState } from './ports.ts';

/**
 * Where a story goes in one channel: posted during the poll, kept for the channel's digest, or not at all.
 * `why` says it in words, for `herald explain` and `/herald why`.
 */
export interface ChannelRoute {
  channelId: string;
  mode: 'post' | 'digest' | 'none';
  why: string;
  /** The topics of the channel that the story matched, strongest first. */
  topics: string[];
  /** Wire copy under the link-only policy: the post shows the title and the link only. */
  linkOnly: boolean;
}

const score = (n: number) => n.toFixed(1);

/**
 * Routes one analysed story to each channel: a channel takes it when one of its topics matched. Wire copy
 * follows the wire policy. A digest channel keeps it for its next digest instead of a post.
 */
export function routeStory(
  story: { topics: readonly TopicVerdict[]; wire?: string },
  channels: readonly ChannelConfig[],
  wirePolicy: WirePolicy,
): ChannelRoute[] {
  return channels.map((channel) => {
    const own = story.topics.filter((t) => channel.topics.includes(t.id)).sort((a, b) => b.score - a.score);
    const matched = own.filter((t) => t.matched);
    const base = { channelId: channel.id, topics: matched.map((t) => t.id), linkOnly: false };
    if (!matched.length) {
      const best = own[0];
      const why = !best
        ? 'no matching topic'
        : best.score < best.threshold
          ? `score ${score(best.score)} below ${score(best.threshold)}`
          : `too little evidence for ${best.id} (${best.evidence.length} terms)`;
      return { ...base, mode: 'none', why };
    }
    if (story.wire && wirePolicy === 'skip')
      return { ...base, mode: 'none', why: `wire copy (${story.wire}): skipped` };
    const linkOnly = Boolean(story.wire) && wirePolicy === 'link-only';
    const top = matched[0] as TopicVerdict;
    const reason = linkOnly
      ? 'wire copy: link-only'
      : `${top.id} score ${score(top.score)} reaches ${score(top.threshold)}`;
    if (channel.digest) return { ...base, linkOnly, mode: 'digest', why: `digest channel (${reason})` };
    return { ...base, linkOnly, mode: 'post', why: reason };
  });
}

/** Whether a routed story would be posted now, given the channel's health: for `herald explain`. */
export function wouldPostNow(
  route: ChannelRoute,
  state: ChannelState | undefined,
): { wouldPost: boolean; why: string } {
  if (route.mode !== 'post') return { wouldPost: false, why: route.why };
  if (state?.health === 'broken')
    return {
      wouldPost: false,
      why: `channel broken since ${state.since ?? 'unknown'}: ${state.reason ?? ''}`.trim(),
    };
  return { wouldPost: true, why: route.why };
}

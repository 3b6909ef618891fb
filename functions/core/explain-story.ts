import type { TopicVerdict } from './analyzer.ts';
import type { ChannelConfig } from './config.ts';
import type { WirePolicy } from './poll-types.ts';
import type { ChannelState } from './ports.ts';
import { routeStory, wouldPostNow } from './route-story.ts';

/** What the analysis said about a story, as much as an explanation shows. */
export interface ExplainedAnalysis {
  title: string;
  topics: readonly TopicVerdict[];
  summary: string;
  quotes: readonly { text: string; speaker: string | null; role: string | null; mention?: string | null }[];
  wire?: string;
}

/** `herald explain --json`, one per input, and `/herald why`. */
export interface StoryExplanation {
  title: string;
  humanRights: boolean;
  topics: { id: string; score: number; threshold: number; matched: boolean; evidence: string[] }[];
  channels: { id: string; wouldPost: boolean; why: string }[];
  summary: string;
  quotes: { text: string; speaker: string | null; role: string | null; mention?: string | null }[];
  wire?: string;
}

/**
 * Why a story would or would not be posted: each topic's score against its threshold and the evidence,
 * and for each channel the routing rule's answer, with a broken channel's health on top.
 */
export function explainStory(
  analysis: ExplainedAnalysis,
  channels: readonly ChannelConfig[],
  wirePolicy: WirePolicy,
  channelStates: ReadonlyMap<string, ChannelState> = new Map(),
): StoryExplanation {
  const routes = routeStory(analysis, channels, wirePolicy);
  return {
    title: analysis.title,
    humanRights: analysis.topics.some((t) => t.id === 'human-rights' && t.matched),
    topics: analysis.topics.map(({ id, score, threshold, matched, evidence }) => ({
      id,
      score,
      threshold,
      matched,
      evidence: [...evidence],
    })),
    channels: routes.map((route) => ({
      id: route.channelId,
      ...wouldPostNow(route, channelStates.get(route.channelId)),
    })),
    summary: analysis.summary,
    quotes: analysis.quotes.map((q) => ({ ...q })),
    ...(analysis.wire ? { wire: analysis.wire } : {}),
  };
}

/** The explanation in lines of plain text, for the terminal and for `/herald why`. */
export function explanationLines(explanation: StoryExplanation): string[] {
  const lines = [explanation.title || '(no title)'];
  if (explanation.wire) lines.push(`wire copy: ${explanation.wire}`);
  for (const t of explanation.topics) {
    const evidence = t.evidence.length ? `: ${t.evidence.join(', ')}` : '';
    lines.push(
      `topic ${t.id}: ${t.matched ? 'matched' : 'not matched'}, score ${t.score.toFixed(1)} ` +
        `(threshold ${t.threshold.toFixed(1)})${evidence}`,
    );
  }
  if (!explanation.channels.length) lines.push('no channel is configured');
  for (const c of explanation.channels)
    lines.push(`#${c.id}: ${c.wouldPost ? 'would post' : 'would not post'} (${c.why})`);
  return lines;
}

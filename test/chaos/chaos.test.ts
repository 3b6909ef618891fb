import { describe, expect, it } from 'vitest';
import { type ChaosFigures, runChaos } from './chaos-run.ts';

const report = (name: string, figures: ChaosFigures) => {
  console.log(`chaos (${name}): ${JSON.stringify(figures)}`);
};

describe('fault injection: many polls, random faults, recovery', () => {
  it('with no aborted poll, nothing is lost and nothing is posted twice', async () => {
    const figures = await runChaos({
      seed: 20261128,
      polls: 120,
      abortRate: 0,
      overlapRate: 0.2,
      feedFaultRate: 0.15,
      discordFaultRate: 0.3,
      lostResponses: false,
      storeFaultPolls: 0.15,
      storeFaultRate: 0.25,
      analyzerFaultRate: 0.05,
    });
    report('no aborts', figures);
    expect(figures.matchingStories).toBeGreaterThan(50);
    expect(Object.keys(figures.faults).length).toBeGreaterThanOrEqual(20);
    expect(figures.faults['analyzer-throws']).toBeGreaterThan(0);
    expect(figures.faults['dynamo-response-lost']).toBeGreaterThan(0);
    expect(figures.summariesMissing).toBe(0);
    expect(figures.overlappingPolls).toBeGreaterThan(5);
    expect(figures).toMatchObject({
      lost: 0,
      duplicates: 0,
      falsePosts: 0,
      unescapedMentions: 0,
      invalidBodies: 0,
      leakedSecrets: 0,
    });
    expect(figures.postedOnce).toBe(figures.expectedDeliveries);
  }, 240_000);

  it('with aborted polls, a duplicate needs a crash between post and mark, and never on the bot path', async () => {
    const figures = await runChaos({
      seed: 7,
      polls: 120,
      abortRate: 0.15,
      overlapRate: 0.1,
      feedFaultRate: 0.15,
      discordFaultRate: 0.3,
      lostResponses: true,
      storeFaultPolls: 0.15,
      storeFaultRate: 0.25,
      analyzerFaultRate: 0.05,
    });
    report('aborts', figures);
    expect(figures.aborts).toBeGreaterThan(5);
    expect(figures.abortsBetweenPostAndMark).toBeGreaterThan(0);
    expect(figures.lost).toBe(0);
    expect(figures.summariesMissing).toBe(0);
    expect(figures.duplicatesBot).toBe(0);
    expect(figures.duplicatesWebhook).toBeLessThanOrEqual(
      figures.abortsBetweenPostAndMark + (figures.faults['discord-response-lost'] ?? 0),
    );
    expect(figures).toMatchObject({
      falsePosts: 0,
      unescapedMentions: 0,
      invalidBodies: 0,
      leakedSecrets: 0,
    });
  }, 240_000);
});

import type { PollSummary } from './poll-types.ts';
import { escapeMarkdown, truncate } from './render-post.ts';

const FAILURE_DETAIL_LIMIT = 500;

/** What `/herald poll` answers once the poll is done: its summary, in a sentence or two of Discord text. */
export function pollReportText(summary: PollSummary): string {
  const parts = [
    `${summary.feeds} feed${summary.feeds === 1 ? '' : 's'} (${summary.notModified} not modified)`,
    `${summary.newStories} new stor${summary.newStories === 1 ? 'y' : 'ies'}`,
    `${summary.matched} matched`,
    `${summary.posted} posted`,
    `${summary.failed} failed`,
    `${summary.skipped} skipped`,
  ];
  const notes: string[] = [];
  if (summary.feedErrors > 0)
    notes.push(`${summary.feedErrors} feed${summary.feedErrors === 1 ? '' : 's'} failed`);
  if (summary.pending > 0)
    notes.push(`${summary.pending} deliver${summary.pending === 1 ? 'y' : 'ies'} left for the next poll`);
  const seconds = (summary.durationMs / 1000).toFixed(1);
  return (
    `${summary.dryRun ? 'Dry run done' : 'Poll done'} in ${seconds} s: ${parts.join(', ')}.` +
    (notes.length ? `\n${notes.join('; ')}.` : '')
  );
}

/** What `/herald poll` answers when the poll itself threw. The error's name and message hold no secrets. */
export function pollFailureText(error: unknown): string {
  const detail =
    error instanceof Error ? `${error.name}: ${error.message.split('\n')[0] ?? ''}` : String(error);
  return `The poll failed: ${truncate(escapeMarkdown(detail), FAILURE_DETAIL_LIMIT)}`;
}

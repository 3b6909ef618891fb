import type { PollSummary } from '../core/poll-types.ts';
import type { OutgoingPost } from '../core/render-post.ts';

/** Discord's markdown escapes, undone for a terminal. */
const unescapeMarkdown = (text: string) => text.replace(/\\([\\*_~`|[\]#>-])/g, '$1').replace(/\u200b/g, '');

/** A post as a reader would see it in Discord, in plain text. */
export function renderPostText(post: OutgoingPost, width = 100): string {
  const lines: string[] = [];
  for (const embed of post.embeds) {
    if (embed.author) lines.push(embed.author.name);
    lines.push(bold(unescapeMarkdown(embed.title)));
    if (embed.url) lines.push(embed.url);
    if (embed.description) lines.push('', ...wrap(unescapeMarkdown(embed.description), width));
    for (const field of embed.fields ?? []) {
      lines.push(
        '',
        unescapeMarkdown(field.name),
        ...wrap(unescapeMarkdown(field.value), width).map((l) => (l.startsWith('>') ? l : `> ${l}`)),
      );
    }
    const footer = [embed.footer?.text, embed.timestamp].filter(Boolean).join(' · ');
    if (footer) lines.push('', dim(footer));
    if (embed.image) lines.push(dim(`image: ${embed.image.url}`));
  }
  return lines.join('\n');
}

export function renderSummaryText(summary: PollSummary): string {
  const parts = [
    `${summary.feeds} feeds`,
    `${summary.notModified} not modified`,
    `${summary.newStories} new stories`,
    `${summary.matched} matched`,
    `${summary.posted} posted`,
    `${summary.failed} failed`,
    `${summary.skipped} skipped`,
  ];
  if (summary.pending) parts.push(`${summary.pending} pending`);
  return `${summary.dryRun ? 'Dry run: ' : ''}${parts.join(', ')} in ${summary.durationMs} ms`;
}

function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      if (line && line.length + word.length + 1 > width) {
        out.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push(line);
  }
  return out;
}

const color = process.stdout.isTTY && !process.env.NO_COLOR;
const bold = (text: string) => (color ? `\x1b[1m${text}\x1b[22m` : text);
const dim = (text: string) => (color ? `\x1b[2m${text}\x1b[22m` : text);

import {
  EMBED_LIMITS,
  escapeMarkdown,
  HERALD_BLUE,
  httpUrl,
  type OutgoingPost,
  truncate,
} from './render-post.ts';

/** One story in a digest: its title as a link, one line of summary, and its top quote's speaker. */
export interface DigestEntry {
  title: string;
  url: string;
  summary: string;
  speaker?: string;
}

/** Room left in an embed's description for the "(continued)" line. */
const DESCRIPTION_ROOM = EMBED_LIMITS.description - 96;
const LINE_SUMMARY = 240;

/** A markdown link whose URL cannot end early: `)` and spaces would close it. */
function link(title: string, url: string): string {
  const safe = httpUrl(url);
  const text = escapeMarkdown(truncate(title.trim() || url, 200));
  return safe ? `[${text}](${safe.replace(/[()\s]/g, encodeURIComponent)})` : text;
}

function entryLines(entry: DigestEntry): string {
  const who = entry.speaker ? ` — ${escapeMarkdown(entry.speaker)}` : '';
  const summary = entry.summary ? `\n${escapeMarkdown(truncate(entry.summary, LINE_SUMMARY))}${who}` : who;
  return `**${link(entry.title, entry.url)}**${summary}`;
}

/**
 * A digest as Discord messages: one embed each, listing the stories oldest first. Discord's limits decide
 * how many messages it takes (4096 characters of description an embed); every story is in exactly one.
 * Returns the messages with the indexes of the entries each one lists.
 */
export function renderDigest(
  entries: readonly DigestEntry[],
  options: { heading: string; at: Date },
): Array<{ post: OutgoingPost; entries: number[] }> {
  const chunks: Array<{ lines: string[]; entries: number[] }> = [];
  let current: { lines: string[]; entries: number[]; size: number } | undefined;
  entries.forEach((entry, i) => {
    const line = truncate(entryLines(entry), DESCRIPTION_ROOM);
    if (!current || current.size + line.length + 2 > DESCRIPTION_ROOM) {
      current = { lines: [], entries: [], size: 0 };
      chunks.push(current);
    }
    current.lines.push(line);
    current.entries.push(i);
    current.size += line.length + 2;
  });
  return chunks.map((chunk, n) => {
    const part = chunks.length > 1 ? ` (${n + 1}/${chunks.length})` : '';
    const count = `${entries.length} stor${entries.length === 1 ? 'y' : 'ies'}`;
    return {
      entries: chunk.entries,
      post: {
        embeds: [
          {
            title: truncate(`${options.heading}: ${count}${part}`, EMBED_LIMITS.title),
            description: chunk.lines.join('\n\n'),
            color: HERALD_BLUE,
            timestamp: options.at.toISOString(),
          },
        ],
        allowed_mentions: { parse: [] },
      },
    };
  });
}

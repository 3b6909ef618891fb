/** Discord's embed limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const EMBED_LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  total: 6000,
} as const;

export interface EmbedField {
  name: string;
  value: string;
  inline?: boolean;
}

/** The subset of Discord's embed object that Herald sends. */
export interface Embed {
  title: string;
  url?: string;
  description?: string;
  author?: { name: string };
  fields?: EmbedField[];
  footer?: { text: string };
  timestamp?: string;
  image?: { url: string };
  color?: number;
}

/**
 * A message body as Discord's API takes it. Mentions are never parsed: feed text is untrusted. Only the
 * roles a channel configures (`mentions`) are ever listed in `allowed_mentions.roles`.
 */
export interface OutgoingPost {
  content?: string;
  embeds: Embed[];
  allowed_mentions: { parse: []; roles?: string[] };
  /** A forum channel: the name of the story's forum post, 1-100 characters. */
  thread_name?: string;
  /** A forum channel: the forum's tag ids for the post, at most 5. */
  applied_tags?: string[];
  /** A bot's text channel: a thread of this name is opened on the message once it is posted. */
  thread?: { name: string };
}

export interface PostQuote {
  text: string;
  speaker: string | null;
  role: string | null;
}

/** What a post shows, before escaping and truncation. */
export interface PostView {
  title: string;
  url: string;
  summary: string;
  /** "VOA News · East Asia" */
  authorLine?: string;
  quotes: PostQuote[];
  /** "Human rights" */
  topicLabel?: string;
  evidence: string[];
  published?: Date;
  image?: string;
  /** Wire copy: title and link only. */
  linkOnly?: boolean;
  /** Said at the end of the footer, e.g. that the story was decided from its RSS description. */
  note?: string;
}

/** The accent colour of every Herald embed. */
export const HERALD_BLUE = 0x1f6feb;
/** Caps below Discord's own, so that the summary and footer always leave room for the quotes. */
const DESCRIPTION_BUDGET = 2048;
const FOOTER_BUDGET = 256;
const MAX_URL = 2048;

/** Discord refuses an embed whose url or image is not an absolute http(s) URL of at most 2048 characters. */
export function httpUrl(url: string | undefined): string | undefined {
  if (!url || url.length > MAX_URL) return undefined;
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Bidi embeddings, overrides and isolates, direction marks and zero-width characters: in feed text they
 * only serve to reorder what a reader sees (an RTL override turns "exe.txt" around) or to hide text.
 */
const INVISIBLE = /[\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
/**
 * The opening `<` of Discord markup that renders as something else than its text: slash-command mentions
 * (`</name sub:id>`), timestamps (`<t:0:R>`) and custom emoji (`<:x:id>`, `<a:x:id>`). A zero-width space
 * after the `<` leaves the text readable and the markup inert; user, role and channel mentions get theirs
 * after the sigil.
 */
const DISCORD_MARKUP = /<(?=(?:\/[^<>\n]{1,100}:\d|a?:[^\s<>:]{1,64}:\d|t:-?\d))/g;

/**
 * Makes feed text inert in any Discord field, including those that render no markdown (embed author,
 * footer): strips invisible and direction-changing characters, then defuses mentions and markup.
 */
export function defuseDiscordMarkup(text: string): string {
  return text
    .replace(INVISIBLE, '')
    .replace(/@(everyone|here)/gi, '@\u200b$1')
    .replace(/<(@[!&]?|#)(\d+)>/g, '<$1\u200b$2>')
    .replace(DISCORD_MARKUP, '<\u200b');
}

/** Escapes Discord markdown and defuses mentions and markup, so feed text renders as text. */
export function escapeMarkdown(text: string): string {
  return defuseDiscordMarkup(
    text.replace(/[\\*_~`|[\]]/g, (c) => `\\${c}`).replace(/^(\s*)([#>-])/gm, '$1\\$2'),
  );
}

/** Cuts text to a limit at a word boundary, with an ellipsis, never leaving a dangling escape. */
export function truncate(text: string, limit: number): string {
  if (text.length <= limit) return text;
  let cut = text.slice(0, limit - 1);
  const space = cut.lastIndexOf(' ');
  // Back off to a word boundary unless the cut already falls on one.
  if (text[limit - 1] !== ' ' && space > limit * 0.6) cut = cut.slice(0, space);
  cut = cut.replace(/\\+$/, (slashes) => (slashes.length % 2 ? slashes.slice(0, -1) : slashes));
  return `${cut.trimEnd()}…`;
}

function embedSize(embed: Embed): number {
  return (
    embed.title.length +
    (embed.description?.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

function quoteField(quote: PostQuote): EmbedField {
  const who = [quote.speaker, quote.role].filter(Boolean).join(', ') || 'Unattributed';
  const value = `> “${escapeMarkdown(quote.text)}”`;
  return {
    name: truncate(escapeMarkdown(who), EMBED_LIMITS.fieldName),
    value: truncate(value, EMBED_LIMITS.fieldValue - 1).replace(/…$/, '…”'),
  };
}

/**
 * Renders one story as one embed, laid out as DESIGN.md shows: author line, linked title, summary,
 * one field per key quote, the topic and its evidence in the footer, the pubDate and the enclosure image.
 * The result stays inside every Discord limit, the 6000-character total included.
 */
export function renderPost(view: PostView): OutgoingPost {
  const embed: Embed = {
    title: truncate(escapeMarkdown(view.title.trim() || view.url), EMBED_LIMITS.title),
    color: HERALD_BLUE,
  };
  const url = httpUrl(view.url);
  if (url) embed.url = url;
  // The author and footer render no markdown, so escaping would show backslashes: defuse only.
  if (view.authorLine)
    embed.author = { name: truncate(defuseDiscordMarkup(view.authorLine), EMBED_LIMITS.author) };
  if (view.published && !Number.isNaN(view.published.getTime()))
    embed.timestamp = view.published.toISOString();
  const image = httpUrl(view.image);
  if (image) embed.image = { url: image };
  const footer = [view.topicLabel, view.note, view.evidence.join(', ')].filter(Boolean).join(' · ');
  if (footer) embed.footer = { text: truncate(defuseDiscordMarkup(footer), FOOTER_BUDGET) };

  if (!view.linkOnly) {
    if (view.summary) embed.description = truncate(escapeMarkdown(view.summary), DESCRIPTION_BUDGET);
    const fields = view.quotes.slice(0, EMBED_LIMITS.fields).map(quoteField);
    if (fields.length) embed.fields = fields;
  }
  while (embedSize(embed) > EMBED_LIMITS.total && embed.fields?.length) embed.fields.pop();
  if (embed.fields?.length === 0) delete embed.fields;
  if (embedSize(embed) > EMBED_LIMITS.total && embed.description) {
    embed.description = truncate(
      embed.description,
      EMBED_LIMITS.total - embedSize({ ...embed, description: '' }),
    );
  }
  return { embeds: [embed], allowed_mentions: { parse: [] } };
}

/** An operational alert: plain content, escaped, within Discord's 2000-character content limit. */
export function renderAlert(text: string): OutgoingPost {
  return {
    content: truncate(`⚠️ ${escapeMarkdown(text)}`, 2000),
    embeds: [],
    allowed_mentions: { parse: [] },
  };
}

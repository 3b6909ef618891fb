import { normalizeSpace } from './clean-text.ts';
import { decodeEntities } from './html-entities.ts';
import { elementsNamed } from './html-fragment.ts';

const LD_JSON = /\stype\s*=\s*["']?application\/ld\+json/i;

/** Metadata read from a page's JSON-LD and meta tags. */
export interface PageMetadata {
  title?: string;
  author?: string;
  section?: string;
  published?: string;
  description?: string;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * Normalizes a date to ISO 8601. Strings that carry a zone ("2019-06-30 22:02:29Z", "+00:00") become
 * full UTC timestamps; "July 27, 2012" becomes "2012-07-27". A time without a zone is kept as a local
 * date-time rather than guessed.
 */
export function toIsoDate(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const text = decodeEntities(raw).trim();
  if (text === '') return undefined;
  const iso =
    /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})?)?$/i.exec(text);
  if (iso) {
    const [, day, time, zone] = iso;
    if (!time) return day;
    if (!zone) return `${day}T${time}`;
    const parsed = new Date(
      `${day}T${time}${zone.toUpperCase() === 'Z' ? 'Z' : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')}`,
    );
    return Number.isNaN(parsed.getTime()) ? `${day}T${time}${zone}` : parsed.toISOString();
  }
  const rfc =
    /(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})[a-z]*\s+(\d{4})\s+(\d{2}:\d{2}(?::\d{2})?)\s*([+-]\d{4}|GMT|UTC|Z)/.exec(
      text,
    );
  if (rfc) {
    const [, d, mon, y, time, zone] = rfc;
    const month = MONTHS.indexOf((mon ?? '').toLowerCase()) + 1;
    if (month > 0 && d && y && time && zone) {
      const offset = /^[+-]/.test(zone) ? `${zone.slice(0, 3)}:${zone.slice(3)}` : 'Z';
      const parsed = new Date(
        `${y}-${String(month).padStart(2, '0')}-${d.padStart(2, '0')}T${time}${offset}`,
      );
      if (!Number.isNaN(parsed.getTime())) return parsed.toISOString();
    }
  }
  const prose = /\b([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),\s+(\d{4})\b/.exec(text);
  if (prose) {
    const month = MONTHS.indexOf((prose[1] ?? '').toLowerCase()) + 1;
    if (month > 0)
      return `${prose[3]}-${String(month).padStart(2, '0')}-${(prose[2] ?? '').padStart(2, '0')}`;
  }
  return undefined;
}

function cleanString(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  // JSON-LD on VOA pages double-escapes entities ("\u0026amp;" arrives as "&amp;", sometimes "&amp;amp;").
  const text = normalizeSpace(decodeEntities(decodeEntities(value)));
  return text === '' ? undefined : text;
}

function authorName(value: unknown): string | undefined {
  const list = Array.isArray(value) ? value : [value];
  const names: string[] = [];
  for (const item of list) {
    const name =
      typeof item === 'string'
        ? cleanString(item)
        : item && typeof item === 'object'
          ? cleanString((item as { name?: unknown }).name)
          : undefined;
    if (name && !names.includes(name)) names.push(name);
  }
  return names.length > 0 ? names.join(', ') : undefined;
}

const ARTICLE_TYPES = /article|posting|report|webpage/i;

function pickArticleNode(data: unknown): Record<string, unknown> | undefined {
  const queue: unknown[] = [data];
  let fallback: Record<string, unknown> | undefined;
  while (queue.length > 0) {
    const node = queue.shift();
    if (Array.isArray(node)) {
      queue.push(...node);
      continue;
    }
    if (!node || typeof node !== 'object') continue;
    const record = node as Record<string, unknown>;
    if (Array.isArray(record['@graph'])) queue.push(...record['@graph']);
    const type = record['@type'];
    const types = Array.isArray(type) ? type.join(' ') : typeof type === 'string' ? type : '';
    if (record.headline !== undefined && ARTICLE_TYPES.test(types)) return record;
    if (record.headline !== undefined && !fallback) fallback = record;
  }
  return fallback;
}

function stripControlCharacters(text: string): string {
  let out = '';
  for (const ch of text) out += ch.charCodeAt(0) < 0x20 ? ' ' : ch;
  return out;
}

function parseJsonLoose(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    try {
      // Raw control characters inside strings are a common publishing bug.
      return JSON.parse(stripControlCharacters(text));
    } catch {
      return undefined;
    }
  }
}

function attr(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return match ? (match[1] ?? match[2] ?? match[3]) : undefined;
}

function metaContent(html: string, key: string): string | undefined {
  const re = /<meta\b[^<>]*>/gi;
  for (let match = re.exec(html); match; match = re.exec(html)) {
    const tag = match[0];
    const name = attr(tag, 'property') ?? attr(tag, 'name') ?? attr(tag, 'itemprop');
    if (name?.toLowerCase() === key) {
      const content = cleanString(attr(tag, 'content'));
      if (content) return content;
    }
  }
  return undefined;
}

function stripTags(html: string): string {
  return normalizeSpace(decodeEntities(html.replace(/<[^<>]*>/g, ' ')));
}

/** Reads title, author, section, date and description from JSON-LD, with meta-tag fallbacks. */
export function readPageMetadata(html: string): PageMetadata {
  const meta: PageMetadata = {};
  for (const script of elementsNamed(html, 'script')) {
    if (!LD_JSON.test(script.tag)) continue;
    const node = pickArticleNode(parseJsonLoose(script.inner));
    if (!node) continue;
    meta.title ??= cleanString(node.headline);
    meta.author ??= authorName(node.author);
    const section = node.articleSection;
    meta.section ??= cleanString(Array.isArray(section) ? section[0] : section);
    meta.published ??= toIsoDate(cleanString(node.datePublished));
    meta.description ??= cleanString(node.description);
  }
  meta.title ??= metaContent(html, 'og:title') ?? metaContent(html, 'twitter:title');
  if (!meta.title) {
    const h1 = elementsNamed(html, 'h1').next().value;
    const title = elementsNamed(html, 'title').next().value;
    const text = h1
      ? stripTags(h1.inner)
      : title
        ? stripTags(title.inner).replace(/\s+[|–—-]\s+[^|–—-]+$/, '')
        : '';
    if (text) meta.title = text;
  }
  meta.author ??= metaContent(html, 'author') ?? metaContent(html, 'article:author');
  meta.section ??= metaContent(html, 'article:section');
  meta.published ??= toIsoDate(metaContent(html, 'article:published_time'));
  if (!meta.published) {
    const time = /<time\b[^<>]*\bdatetime\s*=\s*["']([^"']+)["']/i.exec(html);
    meta.published = toIsoDate(time?.[1]);
  }
  meta.description ??= metaContent(html, 'og:description') ?? metaContent(html, 'description');
  return meta;
}

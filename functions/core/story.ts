/** A feed item after normalization: what the rest of the pipeline knows about a story. */
export interface FeedItem {
  /** Identity across feeds: the VOA numeric id, else a normalized URL, else the guid. */
  key: string;
  feedId: string;
  url: string;
  title: string;
  description: string;
  /** The pubDate as published, with its offset; undefined when missing or unparseable. */
  publishedRaw?: string;
  published?: Date;
  image?: string;
  author?: string;
  categories: string[];
  guid?: string;
}

const VOA_ID =
  /^https?:\/\/(?:www\.)?(?:voanews\.com|learningenglish\.voanews\.com)\/(?:a|content)\/(?:[^/]+\/)?(\d{5,})\.html$/i;

/**
 * The story key. VOA serves one story under several feeds and URL shapes
 * (`/a/<slug>/<id>.html`, `/a/<id>.html`, `/content/<slug>/<id>.html`), so the numeric id is the identity.
 */
export function storyKey(link: string | undefined, guid: string | undefined): string | undefined {
  for (const candidate of [link, guid]) {
    const url = candidate ? normalizeUrl(candidate) : undefined;
    if (!url) continue;
    const voa = VOA_ID.exec(url);
    if (voa) return `voa:${voa[1]}`;
  }
  const url = (link && normalizeUrl(link)) || (guid && normalizeUrl(guid));
  if (url) return `url:${url}`;
  const trimmed = guid?.trim();
  return trimmed ? `guid:${trimmed}` : undefined;
}

/** An http(s) URL without query, fragment, default port or trailing slash; undefined for anything else. */
export function normalizeUrl(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : '';
  return `https://${url.hostname.toLowerCase().replace(/^www\./, 'www.')}${url.port ? `:${url.port}` : ''}${path}`;
}

/** Oldest first; undated items last, in feed order. */
export function byPublished(a: FeedItem, b: FeedItem): number {
  const ta = a.published?.getTime() ?? Number.POSITIVE_INFINITY;
  const tb = b.published?.getTime() ?? Number.POSITIVE_INFINITY;
  return ta - tb;
}

/** A story to publish on the local feed server, in VOA's shape. */
export interface SampleStory {
  id: number;
  slug: string;
  title: string;
  /** Body paragraphs, plain text; quotes inside them are kept as written. */
  paragraphs: string[];
  published: Date;
  section: string;
  byline?: string;
  /** The RSS `author`, e.g. `webdesk@voanews.com (VOA News)`. */
  author?: string;
  caption?: string;
  categories?: string[];
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** RFC 822 with a numeric offset, as voanews.com writes it (`-0400`). */
export function rfc822(date: Date, offsetMinutes = -240): string {
  const local = new Date(date.getTime() + offsetMinutes * 60_000);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n: number) => String(n).padStart(2, '0');
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${days[local.getUTCDay()]}, ${pad(local.getUTCDate())} ${months[local.getUTCMonth()]} ${local.getUTCFullYear()} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())} ${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
}

export function articlePath(story: SampleStory): string {
  return `/a/${story.slug}/${story.id}.html`;
}

/** An RSS 2.0 feed as VOA's Pangea CMS serves it: atom namespace only, no content:encoded. */
export function renderFeed(options: {
  title: string;
  baseUrl: string;
  selfPath: string;
  stories: readonly SampleStory[];
  /** The `lastBuildDate`; by default the newest story's pubDate. */
  builtAt?: Date;
}): string {
  const items = options.stories.map((story) => {
    const link = `${options.baseUrl}${articlePath(story)}`;
    const description = `${story.paragraphs.join('').slice(0, 480)}...`;
    return [
      '<item>',
      `<title>${escapeXml(story.title)} </title>`,
      `<description>${escapeXml(description)}</description>`,
      `<link>${escapeXml(link)}</link>`,
      `<guid>${escapeXml(link)}</guid>`,
      `<pubDate>${rfc822(story.published)}</pubDate>`,
      ...(story.categories ?? [story.section]).map((c) => `<category>${escapeXml(c)}</category>`),
      story.author ? `<author>${escapeXml(story.author)}</author>` : '',
      `<enclosure url="https://gdb.voanews.com/${story.id.toString(16).padStart(8, '0')}-0000-0000-0000-000000000000_cx0_cy6_cw0_w800_h450.jpg" length="0" type="image/jpeg"/>`,
      '</item>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '<channel>',
    `<title>${escapeXml(options.title)} - Voice of America</title>`,
    `<link>${options.baseUrl}/</link>`,
    '<description>Voice of America</description>',
    `<atom:link href="${options.baseUrl}${options.selfPath}" rel="self" type="application/rss+xml"/>`,
    '<ttl>60</ttl>',
    `<lastBuildDate>${rfc822(options.builtAt ?? options.stories[0]?.published ?? new Date(0))}</lastBuildDate>`,
    '<generator>Pangea CMS – VOA</generator>',
    ...items,
    '</channel>',
    '</rss>',
  ].join('\n');
}

/** An article page in VOA's layout: JSON-LD, page chrome, a figure, the `.wsw` body, the author box. */
export function renderArticle(story: SampleStory): string {
  const ld = JSON.stringify({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: story.title,
    datePublished: story.published
      .toISOString()
      .replace('T', ' ')
      .replace(/\.\d+Z$/, 'Z'),
    dateModified: story.published
      .toISOString()
      .replace('T', ' ')
      .replace(/\.\d+Z$/, 'Z'),
    articleSection: story.section,
    author: { '@type': 'Person', name: story.byline ?? 'VOA News' },
    description: story.paragraphs[0] ?? '',
  }).replace(/&/g, '\\u0026amp;');
  const html = (text: string) => escapeXml(text).replace(/&quot;/g, '"');
  return `<!DOCTYPE html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<title>${html(story.title)}</title>
<meta content="${html(story.title)}" property="og:title">
<script type="application/ld+json">${ld}</script>
</head>
<body>
<div class="skip"><a href="#content">Accessibility links</a></div>
<header class="hdr"><nav><a href="/">Home</a> <a href="/usa">USA</a> <a href="/world">World</a></nav>
<div class="breaking">Breaking News</div></header>
<main id="content">
<h1 class="title pg-title">${html(story.title)}</h1>
<div class="publishing-details"><div class="links"><ul><li class="links__item"><a class="links__item-link" href="/author/1.html">${html(story.byline ?? 'VOA News')}</a></li></ul></div>
<time datetime="${story.published.toISOString().replace(/\.\d+Z$/, '&#x2B;00:00')}">${story.published.toDateString()}</time></div>
${story.caption ? `<figure class="media-image"><img src="https://gdb.voanews.com/x.jpg" alt=""><figcaption><span class="caption">${html(story.caption)}</span></figcaption></figure>` : ''}
<div id="article-content" class="content-floated-wrap">
<div class="wsw">
${story.paragraphs.map((p, i) => (i === 2 ? `<div class="wsw__embed"><div class="media-pholder"><div>No media source currently available</div><div>Embed</div><div>share</div><div>The code has been copied to your clipboard.</div></div></div>\n<p>${html(p)}</p>` : `<p>${html(p)}</p>`)).join('\n')}
</div>
</div>
<div class="c-author"><div class="c-author__name">VOA News</div><p>The Voice of America provides news and information in more than 40 languages to an estimated weekly audience of over 326 million people.</p></div>
</main>
<aside class="sidebar"><h2>Most Viewed</h2><ul><li><a href="/a/other/1.html">Video: Floods sweep through river towns</a></li></ul></aside>
<footer><p>XS SM MD LG</p></footer>
</body>
</html>`;
}

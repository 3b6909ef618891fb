/**
 * Page chrome: navigation, player and share widgets, and VOA's boilerplate, as they show up in
 * text dumps and inside article bodies.
 */
const CHROME_LINES = new Set([
  'accessibility links',
  'skip to main content',
  'skip to main navigation',
  'skip to search',
  'skip to content',
  'breaking news',
  'embed',
  'share',
  'share this',
  'print',
  'print this',
  'email',
  'comments',
  'comment',
  'follow us',
  'related',
  'related stories',
  'related articles',
  'see all news updates of the day',
  'no media source currently available',
  'download file',
  'pop-out player',
  'image',
  'video',
  'audio',
  'menu',
  'search',
  'languages',
  'live',
  'play',
  'replay',
  'pause',
  'mute',
  'unmute',
  'close',
  'copy',
  'link',
  'subscribe',
  'advertisement',
  'loading...',
  'previous',
  'next',
  'back',
  'toggle navigation',
  'listen',
  'watch',
  'read more',
  'show more',
  'more',
  'print edition',
]);

const CHROME_PATTERNS: RegExp[] = [
  /^(?:xs|sm|md|lg)(?:\s+(?:xs|sm|md|lg))*$/i,
  /^•?\s*\d+x\d+\s+image$/i,
  /^the (?:code|url|link) has been copied to your clipboard\.?$/i,
  /^no media source currently available\.?$/i,
  /^\d{1,2}:\d{2}(?::\d{2})?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/,
  /^(?:share|embed|print|email|download)(?:\s+(?:on\s+)?\w+)?$/i,
  /^(?:facebook|twitter|whatsapp|telegram|linkedin|reddit|x)$/i,
  /^(?:direct link|download)\s*\d*\s*(?:p|kbps|mb)?$/i,
  /^(?:\d{3,4}p\s*\|\s*)+\d+(?:\.\d+)?\s*mb$/i,
  /^•\s*$/,
  /^\d+$/,
];

/** True for a line that is page furniture rather than article text. */
export function isChromeLine(line: string): boolean {
  const text = line.trim();
  if (text === '') return true;
  if (CHROME_LINES.has(text.toLowerCase())) return true;
  return CHROME_PATTERNS.some((pattern) => pattern.test(text));
}

/** VOA's closing author box ("The Voice of America provides news and information ..."). */
export function isVoaBlurb(line: string): boolean {
  return (
    /^the voice of america provides news and information/i.test(line.trim()) ||
    /^stories with the voa news byline/i.test(line.trim())
  );
}

/** A photo caption line such as "FILE - Police stand guard ...". */
export function isFileCaption(line: string): boolean {
  return /^(?:FILE|File)(?:\s+PHOTO)?\s*[-–—:]\s/.test(line.trim());
}

/** Where a Learning English story's glossary starts: the `____` rule or the "Words in This Story" heading. */
export function isGlossaryStart(line: string): boolean {
  const text = line.trim();
  return /^_{4,}$/.test(text) || /^words in this story:?$/i.test(text);
}

/** A byline paragraph ("By Jane Doe", "By Jane Doe and John Roe"). */
export function parseBylineLine(line: string): string | undefined {
  const match =
    /^by\s+([\p{Lu}][\p{L}.'’-]*(?:\s+[\p{Lu}][\p{L}.'’-]*){0,3}(?:(?:,\s*|\s+and\s+)[\p{Lu}][\p{L}.'’-]*(?:\s+[\p{Lu}][\p{L}.'’-]*){0,3}){0,3})\s*$/iu.exec(
      line.trim(),
    );
  return match?.[1];
}

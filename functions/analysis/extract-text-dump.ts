import { cleanBody } from './clean-body.ts';
import { countWords, dedupeKey, normalizeSpace } from './clean-text.ts';
import { decodeEntities } from './html-entities.ts';
import { isChromeLine, isFileCaption, isGlossaryStart, isVoaBlurb, parseBylineLine } from './page-chrome.ts';
import { toIsoDate } from './page-metadata.ts';
import type { ExtractedArticle } from './types.ts';
import { detectWire } from './wire-copy.ts';

const AUTHOR_BOX = /^•?\s*\d+x\d+\s+image$/i;
const PHOTO_CREDIT = /\((?:(?:AP|AFP|Reuters|VOA|Getty)\s*)?Photo\b[^)]*\)\s*$|\bfile photo\)\s*$/i;
// VOA captions end with the date of the photo ("..., in Nairobi, Kenya, June 25, 2024."); above the lead that marks the lead image.
const CAPTION_DATE =
  /,\s+(?:Jan|Feb|March|April|May|June|July|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},\s+\d{4}\.?$/;
const DATE_LINE =
  /^(?:(?:updated|published|posted)\s*:?\s*)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}\b.{0,40}$/i;

function looksLikeBody(line: string): boolean {
  return countWords(line) >= 8 || /[.!?]["”’)]?$/.test(line);
}

/**
 * Extracts a plain-text dump of a page, as in the seed: drops chrome lines ("Accessibility links",
 * "XS SM MD LG", "• 16x9 Image"), captions (a line repeated at once, "FILE -" lines, photo credits),
 * the VOA author blurb and a Learning English glossary. The title is the first line that is not chrome.
 */
export function extractTextDump(dump: string, fallbackTitle?: string): ExtractedArticle {
  const lines = decodeEntities(dump)
    .split(/\r?\n/)
    .map((line) => normalizeSpace(line));
  let title = '';
  let byline: string | undefined;
  let published: string | undefined;
  const captions: string[] = [];
  const paragraphs: string[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    if (
      title !== '' &&
      (isVoaBlurb(line) || (paragraphs.length > 0 && (AUTHOR_BOX.test(line) || isGlossaryStart(line))))
    )
      break;
    if (isChromeLine(line)) continue;
    if (title === '') {
      title = line;
      continue;
    }
    const next = lines[i + 1];
    if (next !== undefined && next !== '' && dedupeKey(next) === dedupeKey(line)) {
      captions.push(line);
      while (i + 1 < lines.length && dedupeKey(lines[i + 1] ?? '') === dedupeKey(line)) i += 1;
      continue;
    }
    if (
      isFileCaption(line) ||
      PHOTO_CREDIT.test(line) ||
      (paragraphs.length === 0 && CAPTION_DATE.test(line))
    ) {
      captions.push(line);
      continue;
    }
    if (paragraphs.length === 0 && !looksLikeBody(line)) {
      byline ??= parseBylineLine(line);
      if (DATE_LINE.test(line)) published ??= toIsoDate(line);
      continue;
    }
    paragraphs.push(line);
  }
  const body = cleanBody(paragraphs, captions);
  byline ??= body.byline;
  const wire = detectWire([byline], body.paragraphs[0]);
  return {
    title: title || normalizeSpace(fallbackTitle ?? ''),
    paragraphs: body.paragraphs,
    captions: body.captions,
    ...(byline ? { byline } : {}),
    ...(published ? { published } : {}),
    source: 'text',
    ...(wire ? { wire } : {}),
  };
}

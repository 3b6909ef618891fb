import { dedupeKey, normalizeSpace } from './clean-text.ts';
import { isChromeLine, isFileCaption, isGlossaryStart, isVoaBlurb, parseBylineLine } from './page-chrome.ts';

/** Body paragraphs after cleanup, with what was set aside. */
export interface CleanBody {
  paragraphs: string[];
  captions: string[];
  byline?: string;
}

const EDITORIAL_NOTES =
  /^(?:\(?(?:AP|Reuters|AFP)\)?\s*$|Copyright\b|©|All rights reserved|This story (?:was|has been) (?:updated|corrected)|Some information (?:for this (?:story|report) )?(?:came|comes) from|Some information in this report came from|Information for this report came from|This (?:article|story|report) (?:was|contains) (?:written|reported|originated|information)|Click here|Subscribe to|Sign up for|Follow (?:us|VOA|him|her) on|Editor's Note:)/i;

// Learning English stories end with the reporter's sign-off ("I'm Dan Friedell.").
const LEARNING_ENGLISH_SIGN_OFF = /^(?:And )?I['’]m [\p{Lu}][\p{L}.'’-]+(?: [\p{Lu}][\p{L}.'’-]+){0,3}\.$/u;

const GLUED_BYLINE =
  /^By\s+([\p{Lu}][\p{L}.'’-]+(?:\s+[\p{Lu}][\p{L}.'’-]+){1,2})\s+(?=(?:The|A|An|In|On|At|As|After|For|When|While|Police|Officials|Authorities|[\p{Lu}]{2,}[\s,])\b)/u;

/** True for a closing credit line such as "Some information for this report came from Reuters." */
export function isCreditLine(paragraph: string): boolean {
  return EDITORIAL_NOTES.test(paragraph.trim()) && paragraph.length < 240;
}

/**
 * Cleans extracted paragraphs: cuts at a Learning English glossary or VOA's author blurb, drops
 * chrome and duplicates, and moves "FILE -" captions and repeated captions aside.
 */
export function cleanBody(raw: string[], knownCaptions: string[] = []): CleanBody {
  const captions = [...knownCaptions];
  const captionKeys = new Set(knownCaptions.map(dedupeKey));
  const seen = new Set<string>();
  const paragraphs: string[] = [];
  let byline: string | undefined;
  for (const text of raw) {
    let paragraph = normalizeSpace(text);
    if (isGlossaryStart(paragraph) || isVoaBlurb(paragraph)) break;
    if (isChromeLine(paragraph) || isCreditLine(paragraph) || LEARNING_ENGLISH_SIGN_OFF.test(paragraph))
      continue;
    if (isFileCaption(paragraph)) {
      if (!captionKeys.has(dedupeKey(paragraph))) captions.push(paragraph);
      captionKeys.add(dedupeKey(paragraph));
      continue;
    }
    if (paragraphs.length === 0 && !byline) {
      const name = parseBylineLine(paragraph);
      if (name) {
        byline = name;
        continue;
      }
      // A byline run into the lead: "By Jane Doe The government said ...".
      const glued = GLUED_BYLINE.exec(paragraph);
      if (glued?.[1]) {
        byline = glued[1];
        paragraph = paragraph.slice(glued[0].length);
      }
    }
    const key = dedupeKey(paragraph);
    if (seen.has(key) || captionKeys.has(key)) continue;
    seen.add(key);
    paragraphs.push(paragraph);
  }
  return byline ? { paragraphs, captions, byline } : { paragraphs, captions };
}

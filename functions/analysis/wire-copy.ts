import type { WireService } from './types.ts';

const AGENCY_IN_DATELINE = /\((AP|Reuters|REUTERS|AFP)\)\s*[-–—]/;

function agencyOf(name: string): WireService | undefined {
  if (/associated press/i.test(name) || /\bAP\b/.test(name)) return 'AP';
  if (/reuters/i.test(name)) return 'Reuters';
  if (/\bAFP\b|agence france[- ]presse/i.test(name)) return 'AFP';
  return undefined;
}

/**
 * Detects wire copy from the author or byline ("Associated Press", "Reuters", "AFP") or from a
 * dateline such as "LONDON (REUTERS) —" at the start of the first paragraph.
 */
export function detectWire(
  names: Array<string | undefined>,
  firstParagraph: string | undefined,
): WireService | undefined {
  for (const name of names) {
    if (!name) continue;
    const agency = agencyOf(name);
    if (agency) return agency;
  }
  const dateline = firstParagraph ? AGENCY_IN_DATELINE.exec(firstParagraph.slice(0, 160)) : null;
  if (dateline?.[1]) return agencyOf(dateline[1]);
  return undefined;
}

const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\\.?\\s+\\d{1,2}';
const CAPS_DATELINE = new RegExp(
  `^[\\p{Lu}][\\p{Lu}.'’ -]{1,40}(?:,\\s*[\\p{Lu}][\\p{L}.'’ -]{1,30}){0,2}(?:,?\\s*${MONTH})?\\s*(?:\\([^)]{1,30}\\))?\\s*[-–—]{1,2}\\s+`,
  'u',
);
const AGENCY_DATELINE =
  /^[\p{Lu}][\p{L}.'’ -]{1,40}(?:,\s*[\p{Lu}][\p{L}.'’ -]{1,30}){0,2}(?:,?\s*[A-Z][a-z]+\.?\s+\d{1,2})?\s*\((?:AP|Reuters|REUTERS|AFP|VOA)\)\s*[-–—]{1,2}\s+/u;

/** Removes a leading dateline ("WASHINGTON —", "Kyiv, Ukraine (AP) —", "LONDON (REUTERS) -"). */
export function stripDateline(paragraph: string): string {
  const agency = AGENCY_DATELINE.exec(paragraph);
  if (agency) return paragraph.slice(agency[0].length);
  const caps = CAPS_DATELINE.exec(paragraph);
  if (caps) {
    const head = caps[0].replace(/\([^)]*\)/, '');
    // The first word must be in capitals ("WASHINGTON"), so that "U.S. officials — ..." survives.
    const firstWord = /^[\p{L}.'’]+/u.exec(head)?.[0] ?? '';
    if (firstWord.length >= 2 && firstWord === firstWord.toUpperCase() && /\p{Lu}{2}/u.test(firstWord)) {
      return paragraph.slice(caps[0].length);
    }
  }
  return paragraph;
}

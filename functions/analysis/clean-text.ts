const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
const SPACES = /[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+/g;

/** Collapses runs of whitespace (including no-break and thin spaces) and drops invisible characters. */
export function normalizeSpace(text: string): string {
  return text.replace(INVISIBLE, '').replace(SPACES, ' ').trim();
}

/** A key for spotting duplicated paragraphs and captions: case, spacing and quote styles ignored. */
export function dedupeKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[‘’`´]/g, "'")
    .replace(/[“”„‟«»]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Keeps the first of each set of paragraphs that are equal apart from spacing, case and quote style. */
export function dropDuplicates(paragraphs: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const paragraph of paragraphs) {
    const key = dedupeKey(paragraph);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(paragraph);
  }
  return out;
}

/** Counts words: runs of letters or digits. */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

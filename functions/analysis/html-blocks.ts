import { normalizeSpace } from './clean-text.ts';

/** The minimal DOM surface the extractors use; linkedom and browsers both provide it. */
export interface BlockElement {
  tagName: string;
  textContent: string | null;
  parentElement: BlockElement | null;
  querySelectorAll(selector: string): Iterable<BlockElement>;
  remove(): void;
  getAttribute(name: string): string | null;
}

const BLOCKS = 'p, h2, h3, h4, h5, li, blockquote, pre';

/**
 * Text of the block elements under `root`, in document order. A block nested in another block
 * (a `p` inside a `blockquote` or `li`) is read once, through the innermost block.
 */
export function blockTexts(root: BlockElement): string[] {
  const blocks = [...root.querySelectorAll(BLOCKS)];
  const withNested = new Set<BlockElement>();
  for (const block of blocks) {
    for (let parent = block.parentElement; parent && parent !== root; parent = parent.parentElement) {
      if (/^(?:P|H[2-5]|LI|BLOCKQUOTE|PRE)$/i.test(parent.tagName)) withNested.add(parent);
    }
  }
  const texts: string[] = [];
  for (const block of blocks) {
    if (withNested.has(block)) continue;
    const text = normalizeSpace(block.textContent ?? '');
    if (text) texts.push(text);
  }
  return texts;
}

/** Removes every element matching `selector` under `root` and returns their texts. */
export function removeAll(root: BlockElement, selector: string): string[] {
  const texts: string[] = [];
  for (const element of [...root.querySelectorAll(selector)]) {
    const text = normalizeSpace(element.textContent ?? '');
    if (text) texts.push(text);
    element.remove();
  }
  return texts;
}

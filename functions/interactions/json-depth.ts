/**
 * Whether JSON text nests arrays and objects deeper than `max`, found in one pass without parsing it.
 * `JSON.parse` takes any depth, but every recursive walk after it (our option parser, `JSON.stringify`
 * in a logger) overflows the stack on a body nested 20,000 deep: a signed request must not be able to
 * throw a RangeError out of the handler. Brackets inside strings do not count.
 */
export function jsonDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 92)
        i++; // a backslash escapes the next character
      else if (code === 34) inString = false;
    } else if (code === 34) inString = true;
    else if (code === 91 || code === 123) {
      if (++depth > max) return true;
    } else if (code === 93 || code === 125) depth--;
  }
  return false;
}

/**
 * Normalises call text for fingerprints: comments stripped (so adding a suppression comment does
 * not change a fingerprint), whitespace folded to single spaces. String literals are kept verbatim.
 */
export function foldText(src: string): string {
  let out = '';
  let i = 0;
  let pendingSpace = false;
  const n = src.length;
  while (i < n) {
    const c = src[i]!;
    if (c === '/' && src[i + 1] === '/') {
      while (i < n && src[i] !== '\n' && src[i] !== '\r') i++;
      pendingSpace = true;
      continue;
    }
    if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
      pendingSpace = true;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      pendingSpace = true;
      i++;
      continue;
    }
    if (pendingSpace && out.length > 0) out += ' ';
    pendingSpace = false;
    if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < n && src[j] !== c) {
        if (src[j] === '\\' && c !== '`') j++;
        else if (c !== '`' && (src[j] === '\n' || src[j] === '\r')) break;
        j++;
      }
      out += src.slice(i, Math.min(j + 1, n));
      i = j + 1;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

/** Makes text safe for a terminal: control characters (ANSI escapes included) become visible. */
export function sanitizeForTerminal(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** Is the comment at `offset` preceded by code on its line (a trailing comment)? */
export function isTrailingComment(text: string, offset: number): boolean {
  for (let i = offset - 1; i >= 0; i--) {
    const c = text[i];
    if (c === '\n' || c === '\r') return false;
    if (c !== ' ' && c !== '\t') return true;
  }
  return false;
}

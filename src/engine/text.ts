/** what folding can change: a comment, a line break, a tab, a run of spaces, a leading space */
const NEEDS_FOLDING = /[\n\r\t/]| {2}|^ /;

/**
 * Normalises call text for fingerprints: comments stripped (so adding a suppression comment does
 * not change a fingerprint), whitespace folded to single spaces. String literals are kept verbatim.
 *
 * The result is built from whole runs of the source joined once, not a character at a time: a
 * string grown by `+=` is a chain of V8 cons strings (one 32-byte node per character past the
 * thirteenth), and summaries keep these texts for the whole scan (measured on prometheus: 1.1M
 * cons nodes, 34 MB, nearly half the heap, copied by every scavenge).
 *
 * With `max`, folding stops once more than `max` characters are out: the result then starts with
 * the first `max + 1` characters of the whole result, all foldClip needs.
 */
export function foldText(src: string, max = Infinity): string {
  // most texts fold to themselves: no comment, line break, tab or run of spaces (a `/` anywhere,
  // even in a string, takes the long way)
  if (!NEEDS_FOLDING.test(src) && src.charCodeAt(src.length - 1) !== 32) return src;
  const parts: string[] = [];
  const n = src.length;
  let emitted = 0; // length of what is in parts
  let i = 0;
  let runStart = -1; // start of the verbatim run [runStart, i) not yet in parts, -1 when none
  let pendingSpace = false;
  const flush = (): void => {
    if (runStart >= 0 && i > runStart) {
      parts.push(src.slice(runStart, i));
      emitted += i - runStart;
    }
    runStart = -1;
  };
  // what is emitted is final (folding never takes text back): past `max`, the rest cannot change it
  while (i < n && emitted + (runStart >= 0 ? i - runStart : 0) <= max) {
    const c = src[i]!;
    if (c === '/' && src[i + 1] === '/') {
      flush();
      while (i < n && src[i] !== '\n' && src[i] !== '\r') i++;
      pendingSpace = true;
      continue;
    }
    if (c === '/' && src[i + 1] === '*') {
      flush();
      const end = src.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
      pendingSpace = true;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      flush();
      pendingSpace = true;
      i++;
      continue;
    }
    if (runStart < 0) {
      if (pendingSpace && parts.length > 0) {
        parts.push(' ');
        emitted++;
      }
      pendingSpace = false;
      runStart = i;
    }
    if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < n && src[j] !== c) {
        if (src[j] === '\\' && c !== '`') j++;
        else if (c !== '`' && (src[j] === '\n' || src[j] === '\r')) break;
        j++;
      }
      i = Math.min(j + 1, n);
      continue;
    }
    i++;
  }
  flush();
  return parts.length === 1 ? parts[0]! : parts.join('');
}

/**
 * `foldText` clipped to `max` characters (the last one then `…`), without folding more of the
 * source than the clipped text needs: a call's text holds its callbacks' bodies, and the calls
 * inside them fold theirs again.
 */
export function foldClip(src: string, max: number): string {
  // a long text whose first max + 1 characters fold to themselves (the last not a space: a space
  // is kept only before more text) is clipped where it stands
  if (src.length > max && src.charCodeAt(max) !== 32 && !NEEDS_FOLDING.test(src.slice(0, max + 1))) return `${src.slice(0, max - 1)}…`;
  const s = foldText(src, max);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
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

/** A JS/TS file at least this long (characters) whose lines average more than MINIFIED_LINE is skipped. */
export const MINIFIED_MIN_LENGTH = 4096;
export const MINIFIED_LINE = 300;

/**
 * The average line length of a minified (or otherwise machine-written) JS/TS file, or undefined
 * for a file a developer writes. Bundles and `.min.js` files are build output: their calls are a
 * library's, not the service's, and summarising one cost as much as thousands of source lines (a
 * 460 kB minified file summarised to 8 MB). Semgrep and CodeQL skip JavaScript files by their
 * average line length too (thresholds 300 and 200); hand-written and formatter-written code stays
 * far below 300 characters a line.
 */
export function minifiedLineLength(text: string): number | undefined {
  if (text.length < MINIFIED_MIN_LENGTH) return undefined;
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  const avg = text.length / lines;
  return avg > MINIFIED_LINE ? Math.round(avg) : undefined;
}

/** `s` as a regular expression that matches it literally (`/` escaped too, for the odd pattern source). */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** `\w` in a regex (what `\b` counts as part of a word): ASCII letters, digits and `_`. */
export function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/**
 * Go `fmt` format strings: which verb formats which operand. Handles `%%`, flags, width and
 * precision (including `*`, which consumes an operand), and explicit argument indexes (`%[2]v`).
 */

export interface VerbUse {
  /** 0-based operand index (after the format argument) */
  operand: number;
  /** the verb with its flags, e.g. `%+v` */
  verb: string;
  /** the verb letter */
  letter: string;
  /** a literal precision, `%.80s`: a string or a byte slice is cut to that many runes or bytes */
  precision?: number;
}

export function parseGoFormat(format: string): VerbUse[] {
  const out: VerbUse[] = [];
  let argNum = 0;
  let i = 0;
  const n = format.length;
  while (i < n) {
    if (format[i] !== '%') {
      i++;
      continue;
    }
    const start = i;
    i++;
    if (format[i] === '%') {
      i++;
      continue;
    }
    while (i < n && '+-# 0'.includes(format[i]!)) i++;
    const readIndex = (): void => {
      if (format[i] !== '[') return;
      const close = format.indexOf(']', i);
      if (close < 0) return;
      const k = Number(format.slice(i + 1, close));
      if (Number.isInteger(k) && k >= 1) argNum = k - 1;
      i = close + 1;
    };
    readIndex();
    if (format[i] === '*') {
      argNum++;
      i++;
    } else while (i < n && /[0-9]/.test(format[i]!)) i++;
    let precision: number | undefined;
    if (format[i] === '.') {
      i++;
      readIndex();
      if (format[i] === '*') {
        argNum++;
        i++;
      } else {
        const from = i;
        while (i < n && /[0-9]/.test(format[i]!)) i++;
        precision = Number(format.slice(from, i)); // `%.s`: precision 0
      }
    }
    readIndex();
    if (i >= n) break;
    const letter = format[i]!;
    i++;
    const use: VerbUse = { operand: argNum, verb: format.slice(start, i).replace(/\[\d+\]/g, '').replace(/[0-9.*]/g, ''), letter };
    if (precision !== undefined) use.precision = precision;
    out.push(use);
    argNum++;
  }
  return out;
}

/** Verbs that render the whole value (the ones that matter for log volume). */
export const PRINTING_VERBS = new Set(['v', 's', 'q']);

/**
 * Message templates: the variable parts of a message are masked so that lines written by the same
 * call site collapse into one template. One left-to-right pass with one combined regular
 * expression (so a UUID is not first eaten by the number rule); whole-JSON messages are templated
 * by their structure instead (keys kept, values masked, message-like values masked inside).
 *
 * Only the first MASK_INPUT_CHARS of a message are masked and the template keeps the first
 * TEMPLATE_CHARS of the result, so a template key is small and a token cut by the first limit
 * cannot make otherwise-equal lines differ.
 */

const MASK_INPUT_CHARS = 4096;
export const TEMPLATE_CHARS = 1024;
const MAX_JSON_DEPTH = 8;

const HEX4 = '[0-9a-fA-F]{1,4}';
const PATTERNS: [string, string][] = [
  // a quoted JSON key (or `"key": …` in text) is structure, not a value: kept
  ['key', String.raw`"(?:[^"\\\n]|\\.){0,200}"(?=\s*:)`],
  ['dq', String.raw`"(?:[^"\\\n]|\\.)*"`],
  ['sq', String.raw`(?<![\w'])'(?:[^'\\\n]|\\.)*'(?![\w'])`],
  ['uuid', String.raw`\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b`],
  ['time', String.raw`\b\d{4}[-/]\d\d[-/]\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:[.,]\d+)?)?(?:Z|[+-]\d\d:?\d\d\b)?)?|\b\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z\b)?`],
  ['ip', String.raw`\b(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?\b`],
  ['ip', String.raw`(?<![\w:.])\[?(?:(?:${HEX4}:){7}${HEX4}|(?:${HEX4}:){1,6}:(?:${HEX4}(?::${HEX4}){0,5})?|::${HEX4}(?::${HEX4}){0,5})\]?(?::\d{1,5})?(?![\w:])`],
  ['dur', String.raw`(?<![\w.])\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h)(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))*(?![\w.])`],
  ['hex', String.raw`\b0x[0-9a-fA-F]+\b|\b(?=[0-9a-fA-F]*\d)(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{8,}\b`],
  ['num', String.raw`(?<![\w.])[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?(?![\w])`],
];

const MASKS: Record<string, string> = {
  dq: '"<str>"',
  sq: "'<str>'",
  uuid: '<uuid>',
  time: '<time>',
  ip: '<ip>',
  dur: '<dur>',
  hex: '<hex>',
  num: '<num>',
};

const COMBINED = new RegExp(PATTERNS.map(([name, re], i) => `(?<${name}${i}>${re})`).join('|'), 'g');
const GROUP_KIND = PATTERNS.map(([name]) => name);

/** Mask the variable parts of free text. */
export function maskText(text: string): string {
  const input = text.length > MASK_INPUT_CHARS ? text.slice(0, MASK_INPUT_CHARS) : text;
  return input.replace(COMBINED, (match: string, ...rest: unknown[]) => {
    // the positional groups come first in `rest`, in pattern order
    for (let i = 0; i < GROUP_KIND.length; i++) {
      if (rest[i] !== undefined) {
        const kind = GROUP_KIND[i]!;
        return kind === 'key' ? match : MASKS[kind]!;
      }
    }
    return match;
  });
}

/** JSON keys whose string values are the message: masked inside rather than replaced. */
const MESSAGE_KEYS = new Set(['msg', 'message', 'level', 'lvl', 'severity', 'logger', 'caller', 'error', 'err', 'event']);

function jsonShape(v: unknown, depth: number, key?: string): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return key !== undefined && MESSAGE_KEYS.has(key) ? JSON.stringify(maskText(v)) : '"<str>"';
  if (typeof v === 'number') return '<num>';
  if (typeof v === 'boolean') return '<bool>';
  if (depth >= MAX_JSON_DEPTH) return '<…>';
  if (Array.isArray(v)) return v.length === 0 ? '[]' : `[${jsonShape(v[0], depth + 1)},…]`;
  const obj = v as Record<string, unknown>;
  return `{${Object.keys(obj)
    .map((k) => `${JSON.stringify(k)}:${jsonShape(obj[k], depth + 1, k)}`)
    .join(',')}}`;
}

/**
 * The template of a message (or a grouped multi-line event). `complete` is false when the text is
 * only a prefix of the message; a prefix is never parsed as JSON.
 */
export function templateOf(text: string, complete = true): string {
  let t: string | undefined;
  if (complete && text.length <= MASK_INPUT_CHARS * 4 && text.charCodeAt(0) === 0x7b /* { */ && text.endsWith('}')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) t = jsonShape(parsed, 0);
    } catch {
      t = undefined;
    }
  }
  t ??= maskText(text);
  return t.length > TEMPLATE_CHARS ? `${t.slice(0, TEMPLATE_CHARS)}…` : t;
}

/**
 * The TS/JS prefilter (issue 6, demand-driven analysis): which files of a TS group must be parsed.
 *
 * A finding sits on a sink call (or a time-zone call). In a file, such a call is recognised either
 * by its text (an anchor below) or through the module model's resolution, which leaves a file only
 * through its relative imports. So the files that can hold a finding are the anchored ones and
 * the files that import them, transitively; and those importers are also every file that can call
 * into them, register them as handlers or pass them parameter types. Resolution from these files
 * may still read other files (a class, a re-export, a type alias): the model records each such
 * file it could not see as a miss, and the scan loads it and builds the model again (scan.ts).
 * A loaded file that turns out to hold sink calls, or to keep parameters in class fields (read
 * through another file's resolution), brings its own importers too. The result is exact: the
 * same findings as parsing everything (tested on the fixtures and real corpora); only the
 * syntax-error notices of files that were never parsed are absent. `--no-prefilter` parses all.
 *
 * Go is prefiltered only by whole groups (goAnchor): calls inside a Go package are unqualified, so
 * a closure over imports reaches every package of a module.
 */
import type { SinkEntry } from '../config/load.js';
import { LOGGER_LEVEL_METHODS, LOGGER_NAME, TS_LOGGER_METHODS, TS_MEMBERS, TS_MODULE_EXPORTS } from '../languages/ts/apis.js';
import type { TsFileSummary } from '../languages/ts/summarize.js';
import { GO_FUNC_RESULTS, GO_METHOD_RESULTS, GO_PKG_VARS, GO_SINK_FUNCS, GO_SINK_METHODS } from '../languages/go/apis.js';
import { configSinkKey } from '../languages/go/model.js';
import { LOGGER_INTERFACE_NAME } from '../languages/go/summarize.js';
import { escapeRegExp, isWordChar } from './text.js';

const alt = (xs: Iterable<string>): string => [...new Set(xs)].sort().map(escapeRegExp).join('|');

/**
 * Library modules whose exports lead to a type that can print (a logger, `moment.tz`): the
 * default or namespace import is anchored by the module specifier, a named one by the specifier
 * and the export name together. Member steps named like a logger (`req.log`) are left out: the
 * name anchor below covers them.
 */
function printingModules(): { whole: string[]; named: [string, string][] } {
  const types = new Set([...Object.keys(TS_LOGGER_METHODS), 'moment.Tz']);
  for (let changed = true; changed; ) {
    changed = false;
    for (const [k, t] of Object.entries(TS_MEMBERS)) {
      const seg = k.endsWith('.()') ? '()' : k.slice(k.lastIndexOf('.') + 1);
      const owner = k.slice(0, k.length - seg.length - 1);
      if (types.has(t) && !types.has(owner) && !LOGGER_NAME.test(seg)) {
        types.add(owner);
        changed = true;
      }
    }
  }
  const whole: string[] = [];
  const named: [string, string][] = [];
  for (const [k, t] of Object.entries(TS_MODULE_EXPORTS)) {
    if (!types.has(t)) continue;
    const mod = k.slice(0, k.lastIndexOf('#'));
    const name = k.slice(k.lastIndexOf('#') + 1);
    if (name === 'default' || name === '*') whole.push(mod);
    else named.push([mod, name]);
  }
  return { whole, named };
}

/** a suppression comment's words (suppressions.ts): a file holding one is always parsed */
const DIRECTIVE = /logvol|nolint/;

const quoted = (mods: Iterable<string>): string => `['"\`](?:node:)?(?:${alt(mods)})['"\`]`;

/**
 * Whether a file's text could hold a finding or a suppression comment on its own, that is, when
 * nothing it imports from a relative path explains it (the importers closure and the model's misses
 * cover those): the globals that print (`console`, `process.stdout`), `timeZone`, a printing
 * library module, a configured sink name, a suppression comment, or a logger name (`logger`,
 * `this._log`, `auditLogger`) together with a level method after a dot, a quote or in a pattern
 * (`.info`, `['warn']`, `{ info }`). Only code counts (codeOnly): not comments, not string
 * contents, and `console` only as the global (the model resolves no `x.console`).
 */
/** An anchor test, with `key`: what it matches, as text (the plan index is valid for one key). */
export type Anchor<A extends unknown[]> = ((text: string, ...rest: A) => boolean) & { key: string };

export function tsAnchor(tsSinks: readonly SinkEntry[]): Anchor<[rel?: string]> {
  const methods = new Set<string>(LOGGER_LEVEL_METHODS);
  for (const list of Object.values(TS_LOGGER_METHODS)) for (const m of list) if (m !== '()') methods.add(m);
  // `console` is the global only as a free identifier (the model resolves no `x.console`)
  const words = ['stdout', 'stderr', 'timeZone'];
  for (const s of tsSinks) {
    const name = typeof s === 'string' ? s : s.name;
    const last = name.split(/[.#]/).pop();
    if (last) words.push(last);
  }
  const mods = printingModules();
  const own = new RegExp(`${DIRECTIVE.source}|(?<![.$]\\s*)\\bconsole\\b|\\b(?:${alt(words)})\\b|${quoted(mods.whole)}`);
  const named = mods.named.map(([mod, name]) => [new RegExp(quoted([mod])), new RegExp(`\\b${escapeRegExp(name)}\\b`)] as const);
  // one scan for any of those modules before the pairs are tested one by one (most files name none)
  const anyNamed = new RegExp(quoted(mods.named.map(([mod]) => mod)));
  const method = new RegExp(`[.'"\`{,]\\s*(?:${alt(methods)})\\b`);
  const wholeModule = new RegExp(quoted(mods.whole));
  const namesModule = (text: string): boolean => anyNamed.test(text) && named.some(([m, n]) => m.test(text) && n.test(text));
  const test = (text: string): boolean => own.test(text) || namesModule(text) || (hasLoggerWord(text) && method.test(text));
  // a declaration file can still hand a printing module on (`export { default } from 'pino'`)
  const handsModuleOn = (text: string): boolean => wholeModule.test(text) || namesModule(text);
  // the words again in the code alone: in comments and string literals they print nothing
  // (measured: opentelemetry-js's semantic conventions, 30k lines naming `log` and `stderr` in
  // doc comments and attribute values, were parsed whole for that). Directives are comments.
  const keys = new Set([...methods, 'timeZone']);
  const anchor = (text: string, rel?: string): boolean =>
    rel !== undefined && DECLARATION_FILE.test(rel)
      ? DIRECTIVE.test(text) || (handsModuleOn(text) && handsModuleOn(codeOnly(text, keys)))
      : test(text) && (DIRECTIVE.test(text) || test(codeOnly(text, keys)));
  const key = JSON.stringify([own.source, named.map(([m, n]) => [m.source, n.source]), method.source, wholeModule.source, [...keys]]);
  return Object.assign(anchor, { key });
}

/**
 * A declaration file (`.d.ts`, `.d.mts`, `.d.cts`) holds no code that runs (TypeScript allows no
 * statements or bodies there), so no call in it prints: it is anchored only by a suppression
 * comment or a printing module it names in code (it can hand one on: `import pino from 'pino';
 * export default pino;`, imported as `'./types.d'`), not by words such as `console`. It is still
 * loaded when the model's resolution needs it (a miss) or with its whole group. Measured on
 * playwright: its `types.d.ts` (1.1 MB), protocol and channel declarations (15 files, 5.4 MB) were
 * anchored by member names such as `console`, and parsed and modelled for nothing.
 */
const DECLARATION_FILE = /\.d\.[cm]?ts$/;


/** the parts of a logger name (LOGGER_NAME, apis.ts) one of which every name it accepts contains */
export const LOGGER_NAME_SEED = /log|Log|LOG/;
const SEED = new RegExp(LOGGER_NAME_SEED.source, 'g');

/**
 * Whether a whole word of the text is a logger name (LOGGER_NAME). Only the words around a seed
 * (`log`, `Log`, `LOG`) are tried: the name as a regex between word boundaries, tried at every
 * word, was a sixth of the plan's time on opentelemetry-js.
 */
export function hasLoggerWord(text: string): boolean {
  const seed = SEED;
  seed.lastIndex = 0;
  for (let m = seed.exec(text); m; m = seed.exec(text)) {
    let a = m.index;
    let b = m.index + m[0].length;
    while (a > 0 && isWordChar(text.charCodeAt(a - 1))) a--;
    while (b < text.length && isWordChar(text.charCodeAt(b))) b++;
    if (LOGGER_NAME.test(text.slice(a, b))) return true;
    seed.lastIndex = b; // the rest of this word is the same word
  }
  return false;
}

/**
 * Template literals, string literals (`'` and `"`), comments and regex literals, one token at a
 * time from the left. A regex literal is a token so that a quote inside it (`/'/g`) starts no string:
 * a string started there would end at the next real one's opening quote and turn the code between
 * them into string contents.
 */
const TOKEN = /`(?:[^`\\]|\\[\s\S])*`|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|\/\*[\s\S]*?\*\/|\/\/[^\n]*|\/(?:[^/\\\n[]|\\.|\[(?:[^\]\\\n]|\\.)*\])+\/[a-z]*/g;
/** the last code before a `/` that starts a regex literal rather than dividing */
const REGEX_AFTER = /(?:^|[(,=:[!&|?{};+\-*%<>~^]|\b(?:return|typeof|case|do|else|in|of|void|yield|await|delete|throw|new))\s*$/;
/** what may precede and follow a string literal (anything else: a quote inside a regex literal, say) */
const STRING_BEFORE = /[\s(,=:[!&|?{};+\-]/;
const STRING_AFTER = /[\s),;:\]}+.]/;
const QUOTED_WORD = /^['"][A-Za-z_$][\w$]*['"]$/;
const SPECIFIER_BEFORE = /(?:\bfrom|\bimport|\brequire\s*\(|\bimport\s*\()\s*$/;

/**
 * A file's text with what cannot print blanked: comments, and the contents of string literals
 * except module specifiers (`from 'pino'`, `require('debug')`), member names (`log['warn']`) and
 * the object keys in `keys` (`{ 'timeZone': tz }`, `const { 'info': log } = logger`; other keys,
 * such as a JSON schema's `"console":`, print nothing). Template literals stay whole (their `${}`
 * is code).
 *
 * Without a parse this is a heuristic, and it errs on the side of keeping text: regex literals
 * are tokens kept whole where one can start (a quote in `/'/g` starts no string); a comment starts
 * only after whitespace or at a line start; a block comment must close on its line unless it
 * opens one; a string must begin where an expression can and end before an operator or
 * punctuation; and after a quote that starts no string (JSX text: `it's`) nothing more is blanked
 * on that line. Kept text can only make the file parsed. What can still mislead it: a backtick
 * outside a template (JSX text, a regex read as a division) pairs the templates after it the wrong
 * way round, and a comment opener at a line start inside such a template then blanks to its end.
 */
export function codeOnly(text: string, keys: ReadonlySet<string>): string {
  const out: string[] = [];
  let kept = 0; // text[kept, …) not yet in out
  const blank = (from: number, to: number, by: string): void => {
    out.push(text.slice(kept, from), by);
    kept = to;
  };
  const re = new RegExp(TOKEN.source, 'g');
  // after a quote that starts no string (JSX text such as `it's`), the rest of its line may pair
  // quotes the wrong way round: nothing more is blanked up to the line's end
  let unsureUntil = -1;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const tok = m[0];
    const offset = m.index;
    const c = tok[0]!;
    if (c === '`') continue;
    const before = offset > 0 ? text[offset - 1]! : '\n';
    if (c === '/' && tok[1] !== '/' && tok[1] !== '*') {
      // a regex literal stays whole; a division is one character
      if (!REGEX_AFTER.test(text.slice(Math.max(0, offset - 16), offset))) re.lastIndex = offset + 1;
      continue;
    }
    if (c === '/') {
      // no comment here (a regex literal such as /\//g): step over the slashes only, so the rest
      // of the line (a minified file's whole text) is still read token by token
      if (before !== '\n' && !/\s/.test(before)) {
        re.lastIndex = offset + 2;
        continue;
      }
      if (tok[1] !== '*') blank(offset, offset + tok.length, '');
      else {
        const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
        if (/^\s*$/.test(text.slice(lineStart, offset)) || !tok.includes('\n')) blank(offset, offset + tok.length, ' ');
        else re.lastIndex = offset + 2;
      }
      continue;
    }
    const after = text[offset + tok.length] ?? '\n';
    if (offset < unsureUntil) continue;
    if (!STRING_BEFORE.test(before) || !STRING_AFTER.test(after)) {
      const eol = text.indexOf('\n', offset + tok.length);
      unsureUntil = eol < 0 ? text.length : eol;
      continue;
    }
    if (QUOTED_WORD.test(tok) && (/\[\s*$/.test(text.slice(Math.max(0, offset - 8), offset)) || (keys.has(tok.slice(1, -1)) && /^\s*:/.test(text.slice(offset + tok.length, offset + tok.length + 8))))) continue;
    if (SPECIFIER_BEFORE.test(text.slice(Math.max(0, offset - 24), offset))) continue;
    blank(offset, offset + tok.length, c + c);
  }
  out.push(text.slice(kept));
  return out.join('');
}

/**
 * Whether a Go file's text could take part in a finding or a suppression: it imports a package
 * that has a sink (the quoted import path, derived from the sink tables and the configured sinks),
 * names a configured sink, loads a time zone, touches a stack, or holds a suppression comment.
 * A Go group (partition.ts) in which no file matches has no sink call at all (a sink's value can
 * only come from a package some file of the group imports), hence no finding: it is not parsed.
 */
export function goAnchor(goSinks: readonly { name: string }[]): Anchor<[]> {
  const paths = new Set<string>();
  const words = new Set<string>();
  for (const key of [...Object.keys(GO_SINK_FUNCS), ...Object.keys(GO_SINK_METHODS), ...goSinks.map((s) => configSinkKey(s.name))]) {
    // every prefix that ends before a dot after the last slash could be the import path
    const slash = key.lastIndexOf('/');
    for (let j = key.indexOf('.', slash + 1); j > 0; j = key.indexOf('.', j + 1)) paths.add(key.slice(0, j));
  }
  // the types with a sink method, and those with a method that returns one (`*zerolog.Logger`'s
  // `Info` returns the `*zerolog.Event` whose `Msg` writes), until none is added
  const owners = new Set(Object.keys(GO_SINK_METHODS).map((k) => k.slice(0, k.lastIndexOf('.'))));
  const yieldsOwner = (types: readonly string[]): boolean => types.some((t) => owners.has(t.replace(/^\*/, '')));
  for (let grown = true; grown; ) {
    grown = false;
    for (const [key, types] of Object.entries(GO_METHOD_RESULTS)) {
      const owner = key.slice(0, key.lastIndexOf('.'));
      if (owners.has(owner) || !yieldsOwner(types)) continue;
      owners.add(owner);
      grown = true;
    }
  }
  // a library's package-level logger (`jww.INFO`, a `*log.Logger`), or a library function that
  // returns one (`log.Error()` of zerolog's `log` package: a file importing only that package
  // writes through the event it returns): its package's import path
  for (const [key, type] of Object.entries(GO_PKG_VARS)) if (owners.has(type.replace(/^\*/, ''))) paths.add(key.slice(0, key.lastIndexOf('.')));
  for (const [key, types] of Object.entries(GO_FUNC_RESULTS)) if (yieldsOwner(types)) paths.add(key.slice(0, key.lastIndexOf('.')));
  for (const s of goSinks) words.add(s.name.split(/[.)]/).pop() ?? '');
  words.delete('');
  // an interface named like a logger (model.ts loggerInterfaceSink): its level methods write
  const iface = String.raw`|\b(?:${LOGGER_INTERFACE_NAME})(?:\[[^\]\n]*\])?\s+interface\s*\{`;
  const re = new RegExp(`${DIRECTIVE.source}|LoadLocation|Stack|["\`](?:${alt(paths)})["\`]${iface}${words.size ? `|\\b(?:${alt(words)})\\b` : ''}`);
  return Object.assign((text: string): boolean => re.test(text), { key: re.source });
}

/** `seed` and every file that imports one of them, transitively (indices into `importers`). */
export function withImporters(seed: Iterable<number>, importers: readonly (readonly number[])[], into = new Set<number>()): Set<number> {
  const queue: number[] = [];
  for (const i of seed) {
    if (into.has(i)) continue;
    into.add(i);
    queue.push(i);
  }
  while (queue.length) {
    for (const j of importers[queue.pop()!] ?? []) {
      if (into.has(j)) continue;
      into.add(j);
      queue.push(j);
    }
  }
  return into;
}

/** A summary whose class fields or exports hold a parameter: its callers' argument types are read through it. */
export function keepsParameters(s: TsFileSummary): boolean {
  const isParam = (v: { root: { kind: string } }): boolean => v.root.kind === 'param';
  return Object.values(s.exports).some(isParam) || s.classes.some((c) => Object.values(c.fields).some(isParam));
}

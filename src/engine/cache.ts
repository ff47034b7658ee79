/**
 * Per-file result cache (`--cache`): one JSON file per entry, keyed by a hash of the logvol
 * version, the file's path and Go package, the size limit, and the file's content. Entries are
 * written to a temporary name and renamed into place, so several logvol processes (pre-commit runs
 * hooks in parallel) can share a cache directory safely; a corrupt or partial entry is a miss.
 *
 * Lookups run on the main thread before any worker starts (`lookupCached`): a warm run reads and
 * hashes the files and parses the entries, and starts no worker and loads no grammar at all. Only
 * the misses are analysed (`analyzeCached`, in a worker or in this thread) and stored.
 */
import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { analyzeText, oversizedResult, readWithinLimit, unreadable, type AnalyzeRequest, type AnalyzeResult, type AnySummary } from './analyze-file.js';
import { VERSION } from './package-info.js';
import type { GoArg, GoCall } from '../languages/go/summarize.js';
import type { TsArg, TsCall } from '../languages/ts/summarize.js';

export interface CachedRequest extends AnalyzeRequest {
  /** cache directory, or undefined for no cache */
  cacheDir?: string;
  /** the file's cache key when already computed (fileKey) */
  key?: string;
  /**
   * Only the module model reads this file's summary (a run reporting on other files): a cache hit
   * is read without the parts only views read (splitEntry).
   */
  modelOnly?: boolean;
}

/** Bump when the summary shape, the entry format, or what analysing the same bytes yields, changes without a version bump. */
export const CACHE_FORMAT = 85; // 85: TS and Go summaries have every field from the start (TS classes: statics and getters after base and writes; TS file: errorLine … factories; Go functions, calls, arguments, file), so JSON keys come in that order; 84: the second review of stop 40 (Hono on routes, logger classes by their code, client handlers by name, Go joiners by name, int names read on the right); 83: the review of stop 40 (TS logger classes must write to the console, client components' effects and handlers only, destructuring writes, no toString(); Go int names not shadowed); 82: workspace package names no longer resolve (stored models change); 81: GitHub webhook handlers (octokit Webhooks.on/onAny, probot app.on) are TS entry points (stored models change); 80: Go functions taking a module struct that embeds a framework context are handlers (stored models change); 79: Go wrappers that join their variadic parameter before writing it (stored models change); 78: TS wrappers that write their parameter changed in case or trimmed (stored models change); 77: a tRPC adapter's onError is a TS entry point (stored models change); 76: Go range over a field or package name the file declares as an integer, named for retries, is a retry loop; 75: golang.org/x/exp/slog is log/slog (stored models change); 74: TS summaries mark files that open with "use client"; 73: TS loops over a function's own short const array or [...new Set([…])] of one; redirect and hop counts bound loops (Go and TS summaries change); 72: TS level methods of a class of the project named as a logger are sinks (stored models change); 71: TS specifiers resolve through nested tsconfig/jsconfig paths and workspace package names (stored models change); 70: Go once flags are names and fields again, not behind an index (e043907 had widened them); 69: TS wrapper levels (stored models change); 68: TS consts bound to object literals print their members; 67: the review of e043907 and 006302c (flags keyed by a turn's name, includes() behind a default the list holds); 66: TS lists of non-production environments holding NODE_ENV; 65: TS environment flags by ES import and imported functions called with nothing; 64: TS once guards tested against undefined/null/typeof and keyed module caches; 63: typed string and byte fields (zap.String, slog.String, zerolog Str/Bytes) are Go field sinks; 62: signal-paced loops in goroutine literals and over channels of os.Signal; 61: twirp constructors of the module must return a TwirpServer (stored models change); 60: caught wrappers settled over every sink call of their function, until nothing changes; 59: the review of 2df7009 (break targets, labelled breaks, continues on the way, cached per node, throws and process.exit leave); 58: TS wrappers that interpolate a parameter after a prefix, by a call that is all their function does (sole); 57: Go command-line actions are start-up roots (startFuncs), closures called in place and action literals (stored models change); 56: TS factories returning loggers (summary factories), loggers named by their local bound to an unknown call; 55: Go calls in signal-paced loops (onSignal); 54: Go test-support packages (named …test, importing testing or httptest) are test code; 53: TS wrappers that write only in their catch blocks (stored models change); 52: TS lines followed by a statement that always returns, or a return after the statements around them; a continue between ends the search; 51: express `Router` as a type annotation is a router (stored models change); 50: gRPC methods return an error; connect services named Service (stored models change); 49: twirp service methods are Go entry points (stored models change); 48: TS once flags and once-guarded calls read their scope's declarations from the tree (later declarators, callback parameters, for-of headers; not inner callbacks'); 47: the review of 46 (once guards through enclosing functions and emptied values, reduce indices, channel values, connect RPC shapes and neutral edits); 46: the fifth audits (connect-go handlers, one-turn guards, TS calls kept behind a once guard); 45: the second review (Go adapters: returned closures only, wrapped calls, compared in neutral edits; NewServeMux; TS types through barrels, none named as responses; koa named routes); 44: the review of this stop (continue statements, falsy resets, GraphQL clients and mocks, %v of bytes, count names, comments in Go once blocks); 43: Go handlers registered through an adapter called in place are entry points (stored models change); 42: TS named types that stand for another (interface extends, intersection aliases) are summarised and resolved; 41: a known router's route named without a slash is in its entry point's label (stored models change); 40: jwalterweatherman level loggers are Go sinks (package vars and Notepad fields); 39: Go operands a short format precision cuts (`%.80s` of a body) are not printed whole; 38: TS route arguments: no instance methods as handlers (stored models change); 37: GraphQL resolver maps are TS entry points (summaries and stored models change); 36: the review of 35 (continue, resets, reassigned bases, destructured items, count names, stop receives), TS once flags set truthy or outliving nested loops; 35: Go once flags as fields or nested, range over an int or a ticker; TS once flags as fields or nested; 34: the review of stop 36 (export default members reverted, ctx-first logger interfaces, …); 33: tRPC procedures are TS entry points (stored models change); 32: pocketbase handlers are entry points (stored models change); 31: Go interfaces: methods with results, and a logger-named one's level methods; 30: Go calls that end the process (log.Fatalf) or are followed by such a call leave their loop; 29: TS members of `export default { … }` read as exports; 28: gqlgen resolvers and handlers typed from express-serve-static-core are entry points (the model changed: stored models and results go); 27: a bare //nolint is marked shared; 26: the second review (Go outgoing headers copied only from received requests, closures, helpers; literals filled only by index on maps, address or maps.Copy); 25: the stop 35 review (Go outgoing requests as an argument mark, literals filled later, type-switch and receive names; TS typed aliases); 24: TS locals annotated with a type and bound to a function are the function; `a && b` prints b; 23: Go arguments that are a field of a local bound to a call (operandFromCall); 22: Go slices that start as a literal or are assigned literals are fixed sets; 21: TS calls in branches that run only outside production (NODE_ENV tests, dev flags, `if (false)`) not recorded; Go select cases that end their loop by a labelled break or a break after the select; 20: the stop 33 reviews (turn counters, timer-paced loops, fixed appends, literal sets, stored functions, exits); 19: Go format parameters joined with literals (`"[API] "+format`) make wrappers, sampled lines (`if n%1000 == 0`) do not repeat per item, and the stop's other summary changes; 18: the review of 14–17 (Go literal keys counted per file, retry bounds only on names, Receive only in endless loops; TS sleeping polls only in while/do/for(;;), no bound beside a size test); 17: each Go package-level literal its own function (not one init.var per package); JSX in attributes and type-operator names after < read; 16: TS functions made in a loop and registered under a made key or kept for after it; `in` members and Go new(*call()) read; 15: Go select-on-Messages() and Receive() loops per message; TS promise rejection handlers read as catch blocks, retry-count, compound and sleeping loop bounds; 14: TS keyed Nest parameter decorators (`@Body('name')`) are not the whole body, a return leaves every loop; Go prefixed retry bounds, a final newline added to a file that needs it; 13: Go retry loops bounded, Dequeue loops per message, reset timers tick (the loki audit); 12: the review's fixes to 11 (a local named like a package func variable is not it; such a variable passed by value; dead-branch forms); 11: a Go package-level `var X = func…` is the function X, not a start-up closure; dead `if false` / false-const branches dropped; `range x.Messages()` with two variables is no message loop; 10: TS class getters, loops left by throws, once flags, closures stored in loops (07161c8 and the review's fixes); 9: Go background loops (worker, spawned); 8: Go calls' `exits`, receiver-field caches (memoFrom), TS class statics and accessors, timers; 7: `//go:build ignore` files skipped (6: a broken ASCII file parsed from its bytes, 481a5a2 to ce1d7a2, recovered into another tree)

/** What a file's key is made of beside its content: the format, logvol's version and the file's settings. */
function keyHeader(req: AnalyzeRequest): string {
  return `${CACHE_FORMAT}\u0000${VERSION}\u0000${req.rel}\u0000${req.pkgPath}\u0000${req.maxFileSize}\u0000`;
}

export function cacheKey(req: AnalyzeRequest, content: Buffer): string {
  return createHash('sha256').update(keyHeader(req)).update(content).digest('hex');
}

/**
 * The content key of what readWithinLimit gave: of the bytes, or for an oversized file of its size
 * (its result is the size's skip notice; the leading word keeps these keys apart from any content's).
 */
export function keyOfRead(req: AnalyzeRequest, got: Buffer | number): string {
  if (typeof got !== 'number') return cacheKey(req, got);
  return createHash('sha256').update(`oversized\u0000${keyHeader(req)}${got}`).digest('hex');
}

function entryPath(cacheDir: string, key: string): string {
  return join(cacheDir, key.slice(0, 2), `${key}.json`);
}

/** The cache key of the file's current content, or undefined when it cannot be read. */
export function fileKey(req: AnalyzeRequest): string | undefined {
  try {
    return keyOfRead(req, readWithinLimit(req));
  } catch {
    return undefined; // unreadable: analyseFile reports it as a notice
  }
}

/** The cached result for the file's current content, or undefined (a miss, an unreadable file, no cache). */
export function lookupCached(req: CachedRequest): AnalyzeResult | undefined {
  if (!req.cacheDir) return undefined;
  const key = req.key ?? fileKey(req);
  return key ? readKey(req.cacheDir, key, req.modelOnly) : undefined;
}

/**
 * Whether the cache holds an entry for the file as it is now, no entry read. A key computed here
 * is kept on the request, as the whole-result lookup keeps the keys it hashed (scan.ts): the
 * lookup that follows does not read and hash the file again.
 */
export function holdsEntry(req: CachedRequest): boolean {
  if (!req.cacheDir) return false;
  const key = (req.key ??= fileKey(req));
  return key !== undefined && existsSync(entryPath(req.cacheDir, key));
}

/** The entry stored under `key`, or undefined; `modelOnly`: without what only views read (splitEntry). */
export function readKey(cacheDir: string, key: string, modelOnly = false): AnalyzeResult | undefined {
  const r = readEntry(entryPath(cacheDir, key), modelOnly);
  if (r) r.key = key;
  return r;
}

/**
 * A file of the cache directory's `sub` folder (the indexes, stored models and walks beside the
 * entries), named by a hash of `parts` in order: what the file holds for (version, root, setting …).
 */
export function hashedCacheFile(cacheDir: string, sub: string, parts: Iterable<string>): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return join(cacheDir, sub, `${h.digest('hex').slice(0, 32)}.json`);
}

/** Remove the least recently modified `.json` files of `dir` past the `keep` newest (never `except`). */
export function pruneOldest(dir: string, keep: number, except: string): void {
  try {
    const all = readdirSync(dir)
      .filter((n) => n.endsWith('.json'))
      .map((n) => ({ path: join(dir, n), at: statSync(join(dir, n)).mtimeMs }))
      .sort((a, b) => b.at - a.at || (a.path < b.path ? -1 : 1));
    for (const old of all.slice(keep)) if (old.path !== except) rmSync(old.path, { force: true });
  } catch {
    // another process pruning at the same time, or an unreadable directory: only space is lost
  }
}

/** Write `data` as JSON (asciiJson) to `file` through a temporary name, so readers never see a partial file. */
export function writeAtomicJson(file: string, data: unknown): void {
  writeAtomicText(file, asciiJson(data));
}

const NON_ASCII = /[\u0080-\uffff]/;
const NON_ASCII_ALL = /[\u0080-\uffff]/g;

/**
 * `JSON.stringify(data)` with every non-ASCII character escaped (`\u2192`): the same value when
 * parsed, but the text is ASCII, which Node decodes and V8 parses as a one-byte string. One arrow
 * or accent in a summary made the whole entry a two-byte string: on the issue's TS corpus 620 of
 * 1,677 entries, 59 of 71 MB; reading and parsing them all, 617–642 -> 499–511 ms.
 */
export function asciiJson(data: unknown): string {
  const text = JSON.stringify(data);
  return NON_ASCII.test(text) ? text.replace(NON_ASCII_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : text;
}

/** Write `text` to `file` through a temporary name, so readers never see a partial file. */
export function writeAtomicText(file: string, text: string): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(tmp, text);
    try {
      renameSync(tmp, file);
    } catch {
      rmSync(tmp, { force: true });
    }
  } catch {
    // an unwritable cache only costs speed
  }
}

/** Results read from a cache entry in this thread (see fromCache). */
const readFromCache = new WeakSet<AnalyzeResult>();

/**
 * Whether this result was read from a cache entry here: its strings are fresh copies made by
 * JSON.parse, not views of a source file (scan.ts compacts only summaries made from a parse).
 */
export function fromCache(r: AnalyzeResult): boolean {
  return readFromCache.has(r);
}

/** Summaries read without their views' parts (readKey `modelOnly`): no view may be made of one. */
const modelOnlySummaries = new WeakSet<object>();

export function isModelOnly(s: object): boolean {
  return modelOnlySummaries.has(s);
}

/**
 * A cache file's text. Cache files are ASCII (asciiJson), and ASCII bytes decoded as Latin-1 are
 * the same text: that decoder copies the bytes where the UTF-8 one checks each (a 8.4 MB stored Go
 * model: 23 -> 11 ms). A file that is not ASCII (edited by hand) is decoded as UTF-8.
 */
export function readCacheText(file: string): string {
  return decodeCached(readFileSync(file));
}

function decodeCached(b: Buffer): string {
  return isAscii(b) ? b.toString('latin1') : b.toString('utf8');
}

function readEntry(entry: string, modelOnly: boolean): AnalyzeResult | undefined {
  try {
    let first: string | undefined;
    let second = '';
    if (modelOnly) first = readFirstLine(entry);
    else {
      const text = readCacheText(entry);
      const nl = text.indexOf('\n');
      if (nl >= 0) {
        first = text.slice(0, nl);
        second = text.slice(nl + 1);
      }
    }
    if (first === undefined) return undefined;
    const r = JSON.parse(first) as AnalyzeResult;
    // a valid entry is an object with a notices array; anything else (a truncated or foreign file) is a miss
    if (!r || typeof r !== 'object' || !Array.isArray(r.notices) || (r.summary !== undefined && !isSummary(r.summary))) return undefined;
    if (r.summary && modelOnly) modelOnlySummaries.add(r.summary);
    else if (r.summary && !fillViewParts(r.summary, JSON.parse(second) as unknown)) return undefined;
    readFromCache.add(r);
    return r;
  } catch {
    return undefined; // a miss, or an entry another process is still writing
  }
}

/** Bytes read at a time for an entry's first line; the buffer grows to the longest line met. */
const FIRST_LINE_CHUNK = 1 << 16;
let lineBuffer: Buffer | undefined;

/**
 * An entry's first line, read up to its end and no further (undefined for a file without one). The
 * second line is 36-41% of an entry on the issue's caches: a fallback pre-commit run read and
 * decoded it for every file of the group (1,724 TS entries: 392-412 -> 341-348 ms).
 */
function readFirstLine(entry: string): string | undefined {
  const fd = openSync(entry, 'r');
  try {
    let buf = (lineBuffer ??= Buffer.allocUnsafe(FIRST_LINE_CHUNK));
    let n = 0;
    for (;;) {
      if (n === buf.length) {
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger);
        buf = lineBuffer = bigger;
      }
      const got = readSync(fd, buf, n, buf.length - n, null);
      const nl = buf.indexOf(10, n);
      n += got;
      if (nl >= 0 && nl < n) return decodeCached(buf.subarray(0, nl));
      if (got === 0) return undefined;
    }
  } finally {
    closeSync(fd);
  }
}

function isSummary(s: unknown): s is AnySummary {
  const o = s as { language?: unknown; calls?: unknown } | null;
  return typeof o === 'object' && o !== null && (o.language === 'go' || o.language === 'ts') && Array.isArray(o.calls);
}

/**
 * An entry as stored: two lines of JSON. The first is the result with the parts of its summary
 * that only views of the file itself read set to 0 in place (a subset of what modelInput leaves
 * out: imports, directives, and the texts and spans of calls, arguments and printed parts, with
 * Go arguments' literals and members and TS arguments' object keys); the second, those parts'
 * values in order. A run reporting on a few files of a large group reads the others' entries for
 * the module model only, and parses only their first lines (measured on the caches of the issue's
 * corpora: 59% of the Go entries' bytes, 64% of the TS entries'; parsing them all, 436 -> 245 ms
 * and 495 -> 359 ms). modelInput of such a summary is that of the whole one: the same keys in the
 * same order, each left out either way.
 */
export function splitEntry(r: AnalyzeResult): string {
  if (!r.summary) return `${asciiJson(r)}\n[]`;
  const values: unknown[] = [];
  swapViewParts(r.summary, (now) => {
    values.push(now);
    return 0 as never;
  });
  let first: string;
  try {
    first = asciiJson(r);
  } finally {
    putViewParts(r.summary, values);
  }
  return `${first}\n${asciiJson(values)}`;
}

/** Put the view parts back into a summary read from an entry's first line; false when they do not fit. */
function fillViewParts(s: AnySummary, values: unknown): boolean {
  return Array.isArray(values) && putViewParts(s, values);
}

/**
 * Put `values` (the parts splitEntry took, in order) back in place of the 0s; false when they do
 * not fit (another count, a place that is not 0, a part that is null): the entry is then a miss.
 */
function putViewParts(s: AnySummary, values: readonly unknown[]): boolean {
  let i = 0;
  let fits = true;
  swapViewParts(s, (now) => {
    const part = values[i++];
    // no part is null: a hand-edited line would crash a view
    if (now !== 0 || part === null || part === undefined) fits = false;
    return part as never;
  });
  return fits && i === values.length;
}

/**
 * Each part of a summary that only views of its own file read (see splitEntry), in order,
 * replaced by what `swap` returns for it (typed `never`: the part's own type while it is a summary,
 * 0 while it is split out). Field by field: a visitor with computed keys made
 * reading whole entries 5% slower than one JSON text.
 */
function swapViewParts(s: AnySummary, swap: (now: unknown) => never): void {
  s.imports = swap(s.imports);
  s.directives = swap(s.directives);
  const go = s.language === 'go';
  for (const c of s.calls as (GoCall | TsCall)[]) {
    c.span = swap(c.span);
    c.text = swap(c.text);
    for (const a of c.args as (GoArg | TsArg)[]) {
      a.text = swap(a.text);
      a.span = swap(a.span);
      if (go) {
        const g = a as GoArg;
        if (g.literal !== undefined) g.literal = swap(g.literal);
        if (g.members !== undefined) g.members = swap(g.members);
        continue;
      }
      const t = a as TsArg;
      if (t.keys !== undefined) t.keys = swap(t.keys);
      for (const p of t.parts) {
        p.text = swap(p.text);
        p.span = swap(p.span);
      }
    }
  }
}

/**
 * A file read once: `done` when there is nothing to analyse (a cache hit, an oversized or unreadable
 * file, as their notice), else its content and `store`, which caches a fresh result (a no-op
 * without a cache) and returns it. Oversized files are judged by their size, never read.
 */
export type Opened = { done: AnalyzeResult } | { done?: undefined; buf: Buffer; store: (result: AnalyzeResult) => AnalyzeResult };

export function openCached(req: CachedRequest): Opened {
  const { cacheDir } = req;
  // the key is known when the whole-result lookup already hashed the file: a hit needs no read
  const known = req.key ? lookupCached(req) : undefined;
  if (known) return { done: known };
  let got: Buffer | number;
  try {
    got = readWithinLimit(req);
  } catch (e) {
    return { done: unreadable(req, e) };
  }
  if (typeof got === 'number') return { done: oversizedResult(req, got) };
  const buf = got;
  if (!cacheDir) return { buf, store: (r) => r };
  // keyed by the bytes read now (misses are few, and a file edited since it was hashed is stored right)
  const key = cacheKey(req, buf);
  const entry = entryPath(cacheDir, key);
  const hit = key === req.key ? undefined : readKey(cacheDir, key);
  if (hit) return { done: hit };
  return {
    buf,
    store: (r) => {
      writeAtomicText(entry, splitEntry(r));
      r.key = key; // after the write: the key names the entry, it is not in it
      return r;
    },
  };
}

export function analyzeCached(req: CachedRequest): AnalyzeResult {
  const o = openCached(req);
  return o.done ?? o.store(analyzeText(req, o.buf));
}

/**
 * One file → a summary or a notice. Pure with respect to the project (reads one file, parses it,
 * summarises it), so it can run in a worker thread. Never throws: every failure becomes a notice.
 */
import { isAscii } from 'node:buffer';
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { EXTENSIONS, parseFlat, readable, type Grammar } from '../languages/parsers.js';
import type { FlatTree } from '../languages/flat-tree.js';
import type { Language } from '../languages/types.js';
import { summarizeGo, type GoFileSummary } from '../languages/go/summarize.js';
import { summarizeTs, type TsFileSummary } from '../languages/ts/summarize.js';
import type { Notice } from '../languages/types.js';
import { MINIFIED_LINE, minifiedLineLength } from './text.js';

export type AnySummary = GoFileSummary | TsFileSummary;

export interface AnalyzeRequest {
  abs: string;
  rel: string;
  /** Go import path of the file's package */
  pkgPath: string;
  maxFileSize: number;
}

export interface AnalyzeResult {
  summary?: AnySummary;
  notices: Notice[];
  /** with `--cache`: the cache key of the bytes this result is from (set by cache.ts, never stored) */
  key?: string;
}

const GENERATED_GO = /^\/\/ Code generated .* DO NOT EDIT\.$/m;
/** `//go:build ignore` (or `// +build ignore`): a program run by hand (`go run gen.go`) or an example, which no build includes. */
const IGNORED_GO = /^\/\/(go:build| \+build) ignore[ \t]*\r?$/m;

/** A Go file logvol skips: generated (its header says so), or built by no build (`//go:build ignore`). */
export function skippedGo(text: string): boolean {
  const pkg = text.search(/^package\s/m);
  const head = pkg >= 0 ? text.slice(0, pkg) : text.slice(0, 4096);
  return GENERATED_GO.test(head) || IGNORED_GO.test(head);
}

/**
 * Old-Mac line endings: a lone `\r` becomes `\n`. Go's grammar only knows `\n` as a line break (a
 * lone-CR Go file would parse as one long line with no automatic semicolons), and `//` comments
 * must end at the break. The replacement keeps every offset, so positions (positions.ts, which
 * already counts a lone `\r` as a break) are unchanged. `\r\n` is left alone.
 */
export function normalizeLoneCr(text: string): string {
  if (!text.includes('\r')) return text;
  return text.replace(/\r(?!\n)/g, '\n');
}

export const oversized = (bytes: number, max: number): string => `skipped: ${bytes} bytes is over the ${max}-byte limit (--max-file-size)`;

/**
 * The file's bytes, or its size when that is over the limit: an oversized file is judged by its
 * size and never read. Before, the plan read every file whole, and a tree holding a 1.1 GB file
 * failed with an internal error (its bytes cannot be a string) after 1.2 GB of memory; a 300 MB
 * file took 11 s and 2.3 GB for its skip notice. Throws when the file cannot be read.
 */
export function readWithinLimit(req: AnalyzeRequest): Buffer | number {
  const fd = openSync(req.abs, 'r');
  try {
    const { size } = fstatSync(fd);
    return size > req.maxFileSize ? size : readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}
const BINARY = 'skipped: binary content (NUL bytes)';
const minifiedMessage = (avg: number): string => `skipped: minified or generated (lines average ${avg} characters, over ${MINIFIED_LINE})`;

/** A supported file's text as the grammars get it: no byte-order mark, no lone `\r`. */
function cleanText(text: string): string {
  return normalizeLoneCr(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
}

/**
 * Why analysing these bytes would skip the file (over the size limit, binary, minified), as its
 * notice's message; undefined when it would not. prepareText's checks, without parsing: the plan
 * (partition.ts) keeps it for every file it reads, so a file that is not analysed gets its skip
 * notice without being read again. `text`: the bytes decoded, when the caller has them.
 */
export function skipMessage(req: AnalyzeRequest, buf: Buffer, text?: string): string | undefined {
  const ext = EXTENSIONS[extname(req.abs)];
  return ext ? skipOf(req, ext.language, buf, () => cleanText(text ?? buf.toString('utf8'))) : undefined;
}

/** The skip checks of a supported file, in order; `clean` gives its text as the grammars get it (only JS/TS needs it). */
function skipOf(req: AnalyzeRequest, language: Language, buf: Buffer, clean: () => string): string | undefined {
  if (buf.length > req.maxFileSize) return oversized(buf.length, req.maxFileSize);
  if (buf.subarray(0, 8192).includes(0)) return BINARY;
  if (language === 'go') return undefined;
  const minified = minifiedLineLength(clean());
  return minified === undefined ? undefined : minifiedMessage(minified);
}

export function analyzeFile(req: AnalyzeRequest): AnalyzeResult {
  if (!EXTENSIONS[extname(req.abs)]) return { notices: [] };
  let got: Buffer | number;
  try {
    got = readWithinLimit(req);
  } catch (e) {
    return unreadable(req, e);
  }
  return typeof got === 'number' ? oversizedResult(req, got) : analyzeText(req, got);
}

/** The result of a file over the size limit: its skip notice. */
export function oversizedResult(req: AnalyzeRequest, bytes: number): AnalyzeResult {
  return { notices: [{ path: req.rel, kind: 'skip', message: oversized(bytes, req.maxFileSize) }] };
}

/** The result of a file that cannot be read: an error notice saying why. */
export function unreadable(req: AnalyzeRequest, e: unknown): AnalyzeResult {
  const code = (e as NodeJS.ErrnoException).code ?? 'error';
  const why = code === 'ENOENT' ? 'file disappeared before it could be read' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (e as Error).message;
  return { notices: [{ path: req.rel, kind: 'error', message: `cannot read: ${why}` }] };
}

/** Only the `skip` notices analysing the file would give (size, binary, minified), without parsing it. */
export function skipNotices(req: AnalyzeRequest): Notice[] {
  try {
    const got = readWithinLimit(req);
    return skipNoticesOf(req, typeof got === 'number' ? oversized(got, req.maxFileSize) : skipMessage(req, got));
  } catch {
    return []; // unreadable: an error notice, which is not a skip
  }
}

/** The file's skip notice for this message (skipMessage), or none. */
export function skipNoticesOf(req: AnalyzeRequest, message: string | null | undefined): Notice[] {
  return message ? [{ path: req.rel, kind: 'skip', message }] : [];
}

/** A file ready to parse, or its final result (skipped, generated, not a source file). */
export type Prepared =
  | { done: AnalyzeResult }
  | {
      done?: undefined;
      text: string;
      grammar: Grammar;
      language: Language;
      /** the file's bytes when they are all ASCII and are the text as it is (no BOM, no lone CR): each byte one code unit */
      ascii?: Buffer;
    };

/** The checks before parsing: size, binary content, BOM and lone CRs, generated Go, minified JS/TS. */
export function prepareText(req: AnalyzeRequest, buf: Buffer): Prepared {
  const ext = EXTENSIONS[extname(req.abs)];
  if (!ext) return { done: { notices: [] } };
  let text: string | undefined;
  let decoded: string | undefined;
  const clean = (): string => (text ??= cleanText((decoded = buf.toString('utf8'))));
  const skip = skipOf(req, ext.language, buf, clean);
  if (skip) return { done: { notices: skipNoticesOf(req, skip) } };
  if (ext.language === 'go' && skippedGo(clean())) return { done: { notices: [] } };
  const t = clean();
  return { text: t, grammar: ext.grammar, language: ext.language, ...(t === decoded && isAscii(buf) ? { ascii: buf } : {}) };
}

/** Summarise a parsed file; a syntax error is a notice, the readable parts are still summarised. */
export function summarizeParsed(req: AnalyzeRequest, p: Exclude<Prepared, { done: AnalyzeResult }>, tree: FlatTree): AnalyzeResult {
  const { rel } = req;
  try {
    const read = readable(p.grammar, p.text, tree);
    const summary: AnySummary = p.language === 'go' ? summarizeGo(read.tree, read.text, rel, req.pkgPath) : summarizeTs(read.tree, read.text, rel, read.grammar);
    const notices: Notice[] = [];
    if (summary.partial) {
      notices.push({
        path: rel,
        kind: 'parse',
        message: `syntax error${summary.errorLine ? ` near line ${summary.errorLine}` : ''}: partially parsed, findings in the readable parts are still reported`,
        ...(summary.errorLine ? { line: summary.errorLine } : {}),
      });
    }
    return { summary, notices };
  } catch (e) {
    return internalError(req, e);
  }
}

/** The stack of a thrown error, for `--debug` (Notice.stack). */
export function stackOf(e: unknown): { stack?: string } {
  return e instanceof Error && e.stack ? { stack: e.stack } : {};
}

export function internalError(req: AnalyzeRequest, e: unknown): AnalyzeResult {
  return { notices: [{ path: req.rel, kind: 'error', message: `internal error while analysing: ${(e as Error).message}`, internal: true, ...stackOf(e) }] };
}

/** Parse in this thread (parsers.ts parseFlat) and summarise. */
export function parseAndSummarize(req: AnalyzeRequest, p: Exclude<Prepared, { done: AnalyzeResult }>): AnalyzeResult {
  let tree: FlatTree;
  try {
    tree = parseFlat(p.grammar, p.text);
  } catch (e) {
    return internalError(req, e);
  }
  return summarizeParsed(req, p, tree);
}

/** Analyse content already read (the cache hashes it first). */
export function analyzeText(req: AnalyzeRequest, buf: Buffer): AnalyzeResult {
  const p = prepareText(req, buf);
  return p.done ?? parseAndSummarize(req, p);
}

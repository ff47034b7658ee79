/**
 * One file → a summary or a notice. Pure with respect to the project (reads one file, parses it,
 * summarises it), so it can run in a worker thread. Never throws: every failure becomes a notice.
 */
import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { EXTENSIONS, parseFlat } from '../languages/parsers.js';
import { summarizeGo, type GoFileSummary } from '../languages/go/summarize.js';
import { summarizeTs, type TsFileSummary } from '../languages/ts/summarize.js';
import type { Notice } from '../languages/types.js';

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
}

const GENERATED_GO = /^\/\/ Code generated .* DO NOT EDIT\.$/m;

export function isGeneratedGo(text: string): boolean {
  const pkg = text.search(/^package\s/m);
  const head = pkg >= 0 ? text.slice(0, pkg) : text.slice(0, 4096);
  return GENERATED_GO.test(head);
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

export function analyzeFile(req: AnalyzeRequest): AnalyzeResult {
  const { abs, rel } = req;
  const ext = EXTENSIONS[extname(abs)];
  if (!ext) return { notices: [] };
  let buf: Buffer;
  try {
    const st = statSync(abs);
    if (st.size > req.maxFileSize) {
      return { notices: [{ path: rel, kind: 'skip', message: `skipped: ${st.size} bytes is over the ${req.maxFileSize}-byte limit (--max-file-size)` }] };
    }
    buf = readFileSync(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    const why = code === 'ENOENT' ? 'file disappeared before it could be read' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (e as Error).message;
    return { notices: [{ path: rel, kind: 'error', message: `cannot read: ${why}` }] };
  }
  return analyzeText(req, buf);
}

/** Analyse content already read (the cache hashes it first). */
export function analyzeText(req: AnalyzeRequest, buf: Buffer): AnalyzeResult {
  const { rel } = req;
  const ext = EXTENSIONS[extname(req.abs)];
  if (!ext) return { notices: [] };
  if (buf.length > req.maxFileSize) {
    return { notices: [{ path: rel, kind: 'skip', message: `skipped: ${buf.length} bytes is over the ${req.maxFileSize}-byte limit (--max-file-size)` }] };
  }
  if (buf.subarray(0, 8192).includes(0)) {
    return { notices: [{ path: rel, kind: 'skip', message: 'skipped: binary content (NUL bytes)' }] };
  }
  let text = buf.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  text = normalizeLoneCr(text);
  if (ext.language === 'go' && isGeneratedGo(text)) return { notices: [] };
  try {
    const tree = parseFlat(ext.grammar, text);
    const summary: AnySummary =
      ext.language === 'go' ? summarizeGo(tree, text, rel, req.pkgPath) : summarizeTs(tree, text, rel, ext.grammar);
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
    return { notices: [{ path: rel, kind: 'error', message: `internal error while analysing: ${(e as Error).message}` }] };
  }
}

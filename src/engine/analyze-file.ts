/**
 * One file → a summary or a notice. Pure with respect to the project (reads one file, parses it,
 * summarises it), so it can run in a worker thread. Never throws: every failure becomes a notice.
 */
import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { EXTENSIONS, parse } from '../languages/parsers.js';
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
  if (buf.length > req.maxFileSize) {
    return { notices: [{ path: rel, kind: 'skip', message: `skipped: ${buf.length} bytes is over the ${req.maxFileSize}-byte limit (--max-file-size)` }] };
  }
  if (buf.subarray(0, 8192).includes(0)) {
    return { notices: [{ path: rel, kind: 'skip', message: 'skipped: binary content (NUL bytes)' }] };
  }
  let text = buf.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (ext.language === 'go' && isGeneratedGo(text)) return { notices: [] };
  try {
    const tree = parse(ext.grammar, text);
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

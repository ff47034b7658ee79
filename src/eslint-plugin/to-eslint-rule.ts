/**
 * One logvol rule → one ESLint rule module. ESLint's AST is never read: `Program:exit` hands the
 * source text and file name to our own TS/JS analysis (tree-sitter summary → module model → the
 * rule's `ts` detector), so the editor shows exactly what `logvol scan` reports for that file.
 * The analysis runs once per source text for all rules (cached), so N rules cost one parse.
 */
import { basename, extname, isAbsolute, relative } from 'node:path';
import type { Rule, ReportDescriptor, Span } from '../rule-api.js';
import { ruleDocsUrl } from '../rule-api.js';
import { EXTENSIONS, parseFlat, readable, type Grammar } from '../languages/parsers.js';
import { inBrowserOnly, summarizeTs } from '../languages/ts/summarize.js';
import { TsModel } from '../languages/ts/model.js';
import { SuppressionIndex } from '../engine/suppressions.js';
import { minifiedLineLength } from '../engine/text.js';
import { belowLevel, LOG_LEVELS, type LogLevel } from '../engine/levels.js';

/** The slice of ESLint's rule context we use (structural, so eslint stays an optional peer). */
export interface EslintContext {
  sourceCode: { text: string };
  filename: string;
  cwd: string;
  /** ESLint's shared settings: `settings.logvol.logLevel`, as the config's `logLevel` */
  settings?: Record<string, unknown>;
  report(descriptor: { messageId: string; data?: Record<string, string>; loc: { start: { line: number; column: number }; end: { line: number; column: number } } }): void;
}

export interface EslintRuleModule {
  meta: {
    type: 'problem';
    docs: { description: string; url: string; recommended: boolean };
    messages: Record<string, string>;
    schema: unknown[];
    defaultOptions: unknown[];
  };
  create(context: EslintContext): Record<string, () => void>;
}

interface FileFinding {
  messageId: string;
  data: Record<string, string>;
  span: Span;
}

const CACHE_SIZE = 16;
const cache = new Map<string, Map<string, FileFinding[]>>();

/** Findings of every given rule for one source text, computed once per (file, text). */
export function analyzeSource(text: string, filename: string, cwd: string, rules: readonly Rule[], logLevel?: LogLevel): Map<string, FileFinding[]> {
  const key = `${cwd}\0${filename}\0${logLevel ?? ''}\0${text}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const out = new Map<string, FileFinding[]>();
  const grammar = grammarOf(filename);
  // minified or generated text: `logvol scan` skips it (analyze-file.ts), so the editor does too
  if (grammar && minifiedLineLength(text) === undefined) {
    const rel = isAbsolute(filename) ? relative(cwd, filename).split('\\').join('/') : filename;
    const read = readable(grammar, text, parseFlat(grammar, text));
    const summary = summarizeTs(read.tree, read.text, rel || basename(filename), read.grammar);
    const view = new TsModel([summary], [], { root: cwd }).view(summary);
    const suppressions = new SuppressionIndex(summary.directives);
    for (const rule of rules) {
      const detector = rule.detectors.ts;
      const list: FileFinding[] = [];
      out.set(rule.meta.id, list);
      if (!detector) continue;
      const report = (d: ReportDescriptor<string>): void => {
        // a `"use client"` file's effects and event handlers run in the browser: `logvol scan` reports nothing in them, nor does the editor
        if (inBrowserOnly(summary, d.at.func)) return;
        if (suppressions.match(rule.meta.id, d.at.span.line)) return;
        if (belowLevel(d.at, logLevel)) return;
        list.push({ messageId: d.messageId, data: d.data ?? {}, span: d.at.span });
      };
      try {
        detector({ file: view, options: rule.meta.defaultOptions, report });
      } catch {
        // a detector that throws reports nothing in the editor; `logvol scan` shows it as a notice
      }
    }
  }
  cache.set(key, out);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return out;
}

/** The grammar for a file name; virtual names (`<input>`, `<text>`) are read as TypeScript. */
function grammarOf(filename: string): Grammar | undefined {
  const ext = extname(filename);
  if (!ext || filename.startsWith('<')) return 'typescript';
  const e = EXTENSIONS[ext];
  return e && e.language === 'ts' ? e.grammar : undefined;
}

export function toEslintRule(rule: Rule, all: readonly Rule[]): EslintRuleModule {
  const id = rule.meta.id;
  return {
    meta: {
      type: 'problem',
      docs: { description: rule.meta.summary, url: ruleDocsUrl(id), recommended: rule.meta.recommended },
      messages: { ...(rule.meta.messages as Record<string, string>) },
      schema: [rule.meta.schema],
      defaultOptions: [rule.meta.defaultOptions],
    },
    create(context) {
      return {
        'Program:exit'() {
          const findings = analyzeSource(context.sourceCode.text, context.filename, context.cwd, all, settingsLevel(context.settings)).get(id) ?? [];
          for (const f of findings) {
            context.report({
              messageId: f.messageId,
              data: f.data,
              // ESLint lines are 1-based and columns 0-based; ours are both 1-based (UTF-16 units)
              loc: { start: { line: f.span.line, column: f.span.column - 1 }, end: { line: f.span.endLine, column: f.span.endColumn - 1 } },
            });
          }
        },
      };
    },
  };
}

/** `settings: { logvol: { logLevel: 'info' } }` in the flat config; anything else is no level. */
function settingsLevel(settings: Record<string, unknown> | undefined): LogLevel | undefined {
  const v = (settings?.logvol as { logLevel?: unknown } | undefined)?.logLevel;
  return typeof v === 'string' && (LOG_LEVELS as readonly string[]).includes(v) ? (v as LogLevel) : undefined;
}

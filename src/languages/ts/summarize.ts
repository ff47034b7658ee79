/**
 * One TS/JS file → summary. The TS/JS analysis (sinks, handlers, module graph) is issue 4; today a
 * TS summary carries what the engine needs from every file: parse state and suppression directives.
 */
import type Parser from 'tree-sitter';
import { LineTable } from '../../engine/positions.js';
import { parseDirective } from '../../engine/suppressions.js';
import type { Directive, FunctionInfo } from '../types.js';
import type { Grammar } from '../parsers.js';

export interface TsFileSummary {
  path: string;
  language: 'ts';
  grammar: Grammar;
  functions: FunctionInfo[];
  directives: Directive[];
  partial: boolean;
  errorLine?: number;
  lineCount: number;
}

export function summarizeTs(tree: Parser.Tree, text: string, path: string, grammar: Grammar): TsFileSummary {
  const lines = new LineTable(text);
  const root = tree.rootNode;
  const directives: Directive[] = [];
  for (const c of root.descendantsOfType('comment')) {
    const d = parseDirective(c.text, lines.lineOf(c.startIndex), isTrailing(text, c.startIndex), lines.span(c.startIndex, c.endIndex));
    if (d) directives.push(d);
  }
  const summary: TsFileSummary = { path, language: 'ts', grammar, functions: [], directives, partial: root.hasError, lineCount: lines.lineCount };
  if (root.hasError) {
    const err = root.descendantsOfType('ERROR')[0];
    if (err) summary.errorLine = lines.lineOf(err.startIndex);
  }
  return summary;
}

function isTrailing(text: string, offset: number): boolean {
  for (let i = offset - 1; i >= 0; i--) {
    const c = text[i];
    if (c === '\n' || c === '\r') return false;
    if (c !== ' ' && c !== '\t') return true;
  }
  return false;
}

/**
 * Grammar loading: lazy (only the languages present are loaded), one parser per language per thread.
 */
import { createRequire } from 'node:module';
import type ParserType from 'tree-sitter';
import type { Language } from './types.js';
import { FlatTree } from './flat-tree.js';

const require = createRequire(import.meta.url);

export type Grammar = 'go' | 'typescript' | 'tsx' | 'javascript';

export const EXTENSIONS: Record<string, { grammar: Grammar; language: Language }> = {
  '.go': { grammar: 'go', language: 'go' },
  '.ts': { grammar: 'typescript', language: 'ts' },
  '.mts': { grammar: 'typescript', language: 'ts' },
  '.cts': { grammar: 'typescript', language: 'ts' },
  '.tsx': { grammar: 'tsx', language: 'ts' },
  '.js': { grammar: 'javascript', language: 'ts' },
  '.jsx': { grammar: 'javascript', language: 'ts' },
  '.mjs': { grammar: 'javascript', language: 'ts' },
  '.cjs': { grammar: 'javascript', language: 'ts' },
};

export const SOURCE_EXTENSIONS = ['.go', '.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs'];

let ParserCtor: typeof ParserType | undefined;
const parsers = new Map<Grammar, ParserType>();

/** The grammar package's export (its `language` is the TSLanguage the native flattener takes). */
export function loadGrammar(g: Grammar): unknown {
  switch (g) {
    case 'go':
      return require('tree-sitter-go');
    case 'typescript':
      return (require('tree-sitter-typescript') as { typescript: unknown }).typescript;
    case 'tsx':
      return (require('tree-sitter-typescript') as { tsx: unknown }).tsx;
    case 'javascript':
      return require('tree-sitter-javascript');
  }
}

export function parserFor(g: Grammar): ParserType {
  let p = parsers.get(g);
  if (!p) {
    ParserCtor ??= require('tree-sitter') as typeof ParserType;
    p = new ParserCtor();
    p.setLanguage(loadGrammar(g) as Parameters<ParserType['setLanguage']>[0]);
    parsers.set(g, p);
  }
  return p;
}

/**
 * TypeScript 5.0's type-only star re-export (`export type * from './x'`, `export type * as ns from
 * './x'`) has no rule in tree-sitter-typescript 0.23.2, the newest release: every such line was a
 * syntax error, and a `syntax error … partially parsed` notice on every scan of a valid file
 * (typeorm's barrels). The keyword is blanked (four spaces: every offset and line is kept), so the
 * grammar reads an `export *`, and the module model resolves types through it as through any star
 * re-export (a value read through it would not compile). Only a statement at the start of a line.
 */
const TYPE_STAR = /^([ \t]*export[ \t]+)type(?=[ \t]+\*)/gm;

/** The text a grammar is given for a file's text (see TYPE_STAR); the same string when nothing changes. */
export function grammarText(g: Grammar, text: string): string {
  if ((g !== 'typescript' && g !== 'tsx') || !text.includes('export type')) return text;
  return text.replace(TYPE_STAR, '$1    ');
}

export function parse(g: Grammar, text: string): ParserType.Tree {
  return parserFor(g).parse(text);
}

/**
 * Parse into a flat tree (flat-tree.ts): natively when logvol's addon was built, else with the
 * binding and a cursor copy. Only the newest flat tree of a thread is valid.
 */
export function parseFlat(g: Grammar, text: string): FlatTree {
  return FlatTree.parseNative(loadGrammar(g) as { language?: unknown }, text) ?? FlatTree.fromTree(parse(g, text), text);
}

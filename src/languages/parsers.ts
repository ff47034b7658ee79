/**
 * Grammar loading: lazy (only the languages present are loaded), one parser per language per thread.
 */
import { createRequire } from 'node:module';
import type ParserType from 'tree-sitter';
import type { Language } from './types.js';
import { FlatTree, type FlatNode } from './flat-tree.js';

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

/**
 * Go 1.26's `new(expr)` (`new(uint64(m.ID))`, `new(e.crc.Sum32())`: a pointer to the value) has no
 * rule in tree-sitter-go 0.25.0, which reads `new`'s argument as a type: etcd's 7 files using it were
 * syntax errors. `new(` before an argument that can only be an expression (a call or conversion, a
 * literal, an index or a field of one, a chain of two fields or more such as `c.ctx.ns`, which no
 * type is, an operand followed by a binary operator, `s + "-x"`, a unary operator, `!r.Skip`,
 * `&x`, `^m`, `<-ch` (not `<-chan T`, a type), `*c.Client()` (a call's result; not `*T`), or a
 * composite literal, `P{V: 1}`,
 * `[]string{"a"}`, `map[string]int{…}`, not of a type literal: `new(struct{ X int })` and
 * `new(map[string]struct{})` are types) becomes `(&  `, the same length: the grammar reads
 * `(&  uint64(m.ID))`, a pointer to the value, as Go does, and `new(T)` of a type is left alone. A
 * message quoting such an argument quotes that text. Strings, runes and comments are left alone
 * (their text is in messages and fingerprints). A file that declares its own function `new`
 * (containerd's fifosync) is left alone: there `new(…)` is a call of it; one declared in another
 * file of the package is not seen.
 */
const NEW_EXPR = /(?<![\w.])new\((?=\s*(?:(?!func\b)[A-Za-z_][\w.[\]]*\s*\(|[A-Za-z_][\w.]*\[(?:\s*[0-9]|[^\]\n]*\]\.)|[A-Za-z_]\w*(?:\.[A-Za-z_]\w*){2,}\s*\)|(?!(?:chan|map|func|struct|interface)\b)[A-Za-z_][\w.]*\s*(?:[-+*/%^|]|<<|>>|&&|[=!<>]=|[<>])|[0-9"'`!&^+-]|<-(?!\s*chan\b)|\*(?!func\b)[A-Za-z_][\w.]*\s*\(|(?:(?:map)?\[[^\]\n]*\]\**)*(?!(?:chan|map|func|struct|interface)\b)[A-Za-z_][\w.]*(?:\[[^\]\n]*\])?\s*\{))/y;

/** `func new(`, `func new[T any](`: the file's own `new` */
const OWN_NEW = /^func\s+new\s*[[(]/m;

/**
 * A file's text with syntax newer than the grammars rewritten (TYPE_STAR, NEW_EXPR, IMPORT_ASSERT;
 * with the tree that failed, TAG_TYPE_ARGS, KEYWORD_PARAM and lone `&` in JSX); the same string when
 * nothing changes. Only a file that parsed with an error is rewritten (readable), and every rewrite
 * keeps each offset and line. With the tree, no rewrite changes a string, template, comment or
 * regular expression (messages and fingerprints quote them); without it (a direct call), TYPE_STAR
 * and IMPORT_ASSERT are plain text replacements.
 */
export function grammarText(g: Grammar, text: string, tree?: FlatTree): string {
  if (g === 'go') return finalNewline(goNewExpr(text));
  const zones = tree ? new Zones(tree) : undefined;
  const jsx = zones && (g === 'tsx' || g === 'javascript') ? jsxInAttributes(jsxAmpersands(text, zones), zones) : text;
  if (g !== 'typescript' && g !== 'tsx') return importAssertions(jsx, zones);
  const typeStar = /type[ \t]+\*/.test(jsx) ? replaceOutside(jsx, TYPE_STAR, (_m, lead: string) => `${lead}    `, zones) : jsx;
  return zones ? typeOperatorNames(importTypes(abstractMembers(keywordParams(tagTypeArgs(typeStar, zones), zones), zones), zones), zones) : typeStar;
}

/** `text.replace(re, to)`, leaving alone a match that starts in a string, template or comment of the tree that failed. */
function replaceOutside(text: string, re: RegExp, to: (m: string, first: string) => string, zones: Zones | undefined): string {
  return text.replace(re, (m: string, first: string, ...rest: unknown[]) => {
    const at = rest.find((x): x is number => typeof x === 'number')!;
    return zones && Zones.within(zones.quoted, at) ? m : to(m, first);
  });
}

/**
 * What the rewrites read of the tree that failed, each as sorted, disjoint `[start, end)` offset
 * pairs: its ERROR nodes; the strings (JSX attribute strings too), templates, comments and regular
 * expressions, whose text no rewrite changes but a lone `&` in JSX (messages and fingerprints quote
 * it); and the JSX text and attribute strings.
 */
class Zones {
  private readonly cache = new Map<string, number[]>();
  private parameterStarts: Set<number> | undefined;
  private missingStarts: number[] | undefined;
  constructor(private readonly tree: FlatTree) {}

  /** made when first asked for: most files with an error need none (each costs a walk of the tree) */
  private zone(name: string, make: (root: FlatNode) => FlatNode[]): number[] {
    let z = this.cache.get(name);
    if (!z) this.cache.set(name, (z = Zones.merged(make(this.tree.rootNode))));
    return z;
  }

  get errors(): number[] {
    return this.zone('errors', (root) => root.descendantsOfType('ERROR'));
  }

  /** where the tree that failed put a MISSING node (a token or name it expected and did not find), in order */
  get missing(): readonly number[] {
    if (!this.missingStarts) {
      const out: number[] = [];
      for (let i = 0; i < this.tree.count; i++) {
        const n = this.tree.node(i);
        if (n.isMissing) out.push(n.startIndex);
      }
      this.missingStarts = out.sort((a, b) => a - b);
    }
    return this.missingStarts;
  }

  /** Whether the tree that failed put a MISSING node in `[from, to]`. */
  missingIn(from: number, to: number): boolean {
    return this.missing.some((p) => p >= from && p <= to);
  }

  get quoted(): number[] {
    return this.zone('quoted', (root) => root.descendantsOfType(['string', 'template_string', 'comment', 'regex']));
  }

  /** where the tree reads a parameter list (of a function, an arrow function, a method, a type), by start offset */
  get parameters(): ReadonlySet<number> {
    return (this.parameterStarts ??= new Set(this.tree.rootNode.descendantsOfType('formal_parameters').map((n) => n.startIndex)));
  }

  get jsx(): number[] {
    return this.zone('jsx', (root) => [...root.descendantsOfType('jsx_text'), ...root.descendantsOfType('string').filter(Zones.attribute)]);
  }

  private static attribute(n: FlatNode): boolean {
    return n.parent?.type === 'jsx_attribute';
  }

  private static merged(nodes: readonly FlatNode[]): number[] {
    const spans = nodes.map((n) => [n.startIndex, n.endIndex] as const).sort((a, b) => a[0] - b[0]);
    const out: number[] = [];
    for (const [start, end] of spans) {
      if (out.length > 0 && start <= out[out.length - 1]!) out[out.length - 1] = Math.max(out[out.length - 1]!, end);
      else out.push(start, end);
    }
    return out;
  }

  /** Whether `pos` lies in one of the pairs (a binary search). */
  static within(zones: readonly number[], pos: number): boolean {
    let lo = 0;
    let hi = zones.length / 2 - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (pos < zones[2 * mid]!) hi = mid - 1;
      else if (pos >= zones[2 * mid + 1]!) lo = mid + 1;
      else return true;
    }
    return false;
  }
}

/**
 * A lone `&` in JSX text or an attribute string ("Terms & Conditions", `title="Q&A"`) is valid JSX,
 * rendered as itself, but the JSX grammars (tree-sitter-javascript 0.25.0, tree-sitter-typescript
 * 0.23.2) read `&` there only as a character reference's start: the element was a syntax error (4
 * files of Novu's web app). A lone `&` (not `&&`, `&=` or a reference such as `&amp;`) becomes a space
 * in a JSX text or attribute string of the tree that failed, or in one of its ERROR nodes outside a
 * string, template or comment: one the tree holds, or a quote opened earlier on its line (an ERROR
 * node's string may be no string node). JSX text is never analysed, and a rewrite that still fails
 * is dropped (readable).
 */
const CHAR_REF = /&(?:#\d+|#x[\da-fA-F]+|[A-Za-z][A-Za-z\d]*);/y;

function jsxAmpersands(text: string, zones: Zones): string {
  if (!text.includes('&')) return text;
  let out: string[] | undefined;
  let from = 0;
  const quotes = new LineQuotes(text);
  for (let i = text.indexOf('&'); i >= 0; i = text.indexOf('&', i + 1)) {
    if (text[i - 1] === '&' || text[i + 1] === '&' || text[i + 1] === '=') continue;
    CHAR_REF.lastIndex = i;
    if (CHAR_REF.test(text)) continue;
    const jsx = Zones.within(zones.jsx, i) || (Zones.within(zones.errors, i) && !Zones.within(zones.quoted, i) && !quotes.inside(i));
    if (!jsx) continue;
    (out ??= []).push(text.slice(from, i), ' ');
    from = i + 1;
  }
  return out ? out.join('') + text.slice(from) : text;
}

/**
 * Whether an offset follows a quote (`"`, `'`, `` ` ``) opened earlier on its line and not closed,
 * asked in increasing order: the text is read once, from where the last question stopped.
 */
class LineQuotes {
  private pos = 0;
  private open = '';
  constructor(private readonly text: string) {}

  inside(at: number): boolean {
    for (; this.pos < at; this.pos++) {
      const c = this.text[this.pos]!;
      if (c === '\n') this.open = '';
      else if (c === '\\') this.pos++;
      else if (this.open === '' && (c === '"' || c === "'" || c === '`')) this.open = c;
      else if (c === this.open) this.open = '';
    }
    return this.open !== '';
  }
}

/**
 * An import assertion (`import pkg from './package.json' assert { type: 'json' }`, Node 17 to 21, the
 * form before import attributes) is a syntax error to tree-sitter-javascript 0.25.0, which knows
 * only `with { … }`: `assert` becomes `with  `, the same length (the TS grammar reads both).
 */
const IMPORT_ASSERT = /(\bfrom\s*(["'])[^"'\n]*\2\s*)assert(?=\s*\{)/g;

function importAssertions(text: string, zones: Zones | undefined): string {
  return text.includes('assert') ? replaceOutside(text, IMPORT_ASSERT, (_m, lead) => `${lead}with  `, zones) : text;
}

/**
 * A function type whose parameter is named like a type (`onChange: (string) => void`: TypeScript
 * reads a parameter `string` of type any) is a syntax error to tree-sitter-typescript 0.23.2, which
 * takes `string` there only as the type (6 files of Novu). The name's first letter becomes `_` (the
 * same length), unless the tree that failed reads a parameter list there: an arrow function's
 * parameter (`async (object) => log(object)`) keeps its name; a type's parameter names are never
 * analysed.
 */
const KEYWORD_PARAM = /(\(\s*)(?:string|number|boolean|object|any|unknown|symbol|bigint)\s*\)\s*(?==>)/g;

function keywordParams(text: string, zones: Zones): string {
  if (!text.includes('=>')) return text;
  return text.replace(KEYWORD_PARAM, (m, open: string, at: number) =>
    !zones.parameters.has(at) && !Zones.within(zones.quoted, at) ? `${open}_${m.slice(open.length + 1)}` : m,
  );
}

/**
 * A member named `abstract` (`abstract?: boolean;` in an interface, a type literal or a class:
 * TypeScript reads the keyword as a name before `:` or `?:`) is a syntax error to
 * tree-sitter-typescript 0.23.2, which reads it only as the modifier (a crash sweep's TS services).
 * The name's first letter becomes `_` (the same length) where it starts a member (after `{`, `;`,
 * `,` or at a line's start, behind modifiers such as `readonly`) where the tree that failed has an
 * ERROR node, or a MISSING name right after it (a class field: the grammar took `abstract` for the
 * modifier of a field with no name), outside strings, templates and comments: an object literal's
 * `{ abstract: true }`, which the grammar reads, and a modifier (`abstract name: T`) keep their
 * text. So is a member named `in` at a line's start after a member with no `;` (`value: string⏎
 * in: "header"`, an OpenAPI type in kratos' end-to-end tests), which the grammar reads as the
 * operator. A field so renamed
 * is not matched with `this.abstract` by the model (a file that failed to parse loses more).
 */
const ABSTRACT_MEMBER = /(^|[{;,])([ \t]*(?:(?:readonly|public|private|protected|static|declare|override)[ \t]+)*)(abstract|in)(?=[ \t]*\??[ \t]*:)/gm;

function abstractMembers(text: string, zones: Zones): string {
  if (!text.includes('abstract') && !/^[ \t]*in[ \t]*\??[ \t]*:/m.test(text)) return text;
  // the name's start is found from the match's, not by a lookbehind: one with `[ \t]*` was tried
  // again at every offset, quadratic in a long run of spaces (a review: 45 s for a 140 kB file)
  return text.replace(ABSTRACT_MEMBER, (whole, lead: string, mods: string, m: string, start: number) => {
    const at = start + lead.length + mods.length;
    // where the `?` or `:` after the name is
    let next = at + m.length;
    while (text[next] === ' ' || text[next] === '\t') next++;
    // where the code before the name ends
    let before = at;
    while (before > 0 && /\s/.test(text[before - 1]!)) before--;
    // an ERROR there, or a MISSING node from the end of the code before to the `?` or `:` (a name
    // after `abstract`, taken for the modifier; a `}` before `in`, taken for the operator)
    const failed = Zones.within(zones.errors, at) || Zones.within(zones.errors, next) || zones.missingIn(before, next);
    return failed && !Zones.within(zones.quoted, at) ? `${lead}${mods}_${m.slice(1)}` : whole;
  });
}

/**
 * An import type's member (`import("fs").Dirent`) is read by tree-sitter-typescript 0.23.2 as a
 * member of a dynamic import, which holds as an annotation but not as an array's element type
 * (`let e: import("fs").Dirent[]`) or a call's type argument (`getRequest<import("fastify").
 * FastifyRequest>()`): syntax errors in growthbook and hedgedoc. The `import("…")` becomes a name
 * of the same length (`import______`), so the grammar reads a qualified type name. Not one
 * written over several lines (a name cannot hold their breaks, and lines must stay), before a call
 * (`import("./x").then(…)`, a dynamic import), nor in a string, template or comment.
 */
const IMPORT_TYPE = /(?<![\w$.])import\([ \t]*(["'])[^"'\n]+\1[ \t]*\)(?=\.[A-Za-z_$][\w$]*(?!\s*\(|[\w$]))/g;

function importTypes(text: string, zones: Zones): string {
  if (!text.includes('import(')) return text;
  return replaceOutside(text, IMPORT_TYPE, (m) => `import${'_'.repeat(m.length - 6)}`, zones);
}

/**
 * A JSX attribute named `in` (`<Collapse in={open}>`, Material UI's transitions) is a syntax error
 * to tree-sitter-javascript 0.25.0, which reads the operator (five files of navidrome's UI). Its first letter
 * becomes `_` (the same length); JSX attributes are never analysed. Not in a string, template,
 * comment or JSX text.
 */
const JSX_IN_ATTRIBUTE = /(?<=\s)in(?=\s*=\s*[{"'])/g;

function jsxInAttributes(text: string, zones: Zones): string {
  if (!/\sin\s*=\s*[{"']/.test(text)) return text;
  return text.replace(JSX_IN_ATTRIBUTE, (m, at: number) => (Zones.within(zones.quoted, at) || Zones.within(zones.jsx, at) ? m : '_n'));
}

/**
 * A value named like a type operator right after `<` (`i < unique.length`, `n < keyof || …`) is
 * read by tree-sitter-typescript 0.23.2 as the start of type arguments, which `unique`, `keyof`,
 * `infer` and `abstract` begin (trigger.dev's URI batching; a `||` after it lost the rest of the
 * file). Where what follows the name ends an expression (`.`, `;`, `)`, `,`, `]`, `|`, `&`, `?`,
 * `:`), which no type form allows, the name's first letter becomes `_` (the same length). Not in a
 * string, template or comment.
 */
const TYPE_OPERATOR_NAME = /(<[ \t]*)(unique|keyof|infer|abstract)(?=[ \t]*[.;),\]|&?:])/g;

function typeOperatorNames(text: string, zones: Zones): string {
  if (!/<[ \t]*(?:unique|keyof|infer|abstract)[ \t]*[.;),\]|&?:]/.test(text)) return text;
  return replaceOutside(text, TYPE_OPERATOR_NAME, (whole, lead) => `${lead}_${whole.slice(lead.length + 1)}`, zones);
}

/**
 * A tagged template with type arguments (`styled.div<{ $active: boolean }>`…``, TypeScript 2.9) has
 * no rule in tree-sitter-typescript 0.23.2: every styled-components file that types its props was a
 * syntax error (108 files of Outline, 59 of Novu). The type arguments are blanked, newlines kept, so
 * the grammar reads the tagged template it is; the tag and the template keep their text and
 * offsets. A `<` counts as the list's start only right after a name, `)` or `]`, within
 * TAG_ARGS_MAX characters of its `>`, neither is in a string, template or comment of the tree that
 * failed (`Array<T>`` ` in a template literal stays), and what lies between holds no `&&`, `||`,
 * `==` or `!=` (`a<b && c>`x`.length` is two comparisons).
 */
const TAG_TYPE_ARGS_END = />[ \t]*`/g;
/** what type arguments never hold: `a<b && c>`x`` is two comparisons */
const OPERATORS = /&&|\|\||[=!]=/;
const TAG_ARGS_MAX = 2000;

function tagTypeArgs(text: string, zones: Zones): string {
  if (!text.includes('`')) return text;
  let out: string[] | undefined;
  let from = 0;
  for (const m of text.matchAll(TAG_TYPE_ARGS_END)) {
    const close = m.index;
    const open = close >= from ? typeArgsStart(text, close, Math.max(from, close - TAG_ARGS_MAX)) : -1;
    if (open < 0 || Zones.within(zones.quoted, open) || Zones.within(zones.quoted, close) || OPERATORS.test(text.slice(open, close))) continue;
    (out ??= []).push(text.slice(from, open), text.slice(open, close + 1).replace(/[^\r\n]/g, ' '));
    from = close + 1;
  }
  return out ? out.join('') + text.slice(from) : text;
}

/** The `<` that the `>` at `close` ends, when it opens type arguments after an expression; else -1. */
function typeArgsStart(text: string, close: number, limit: number): number {
  // an arrow's `>` (`([k, v]) => `${k}=${v}``) closes no type arguments: read as one, the list
  // reached back to a generic before it (`as Record<string, unknown>).map(…`: the teable audit)
  if (text.charCodeAt(close - 1) === 61 /* = */) return -1;
  let depth = 0;
  for (let i = close; i >= limit; i--) {
    const c = text.charCodeAt(i);
    if (c === 62 /* > */ && text.charCodeAt(i - 1) !== 61 /* =, an arrow */) depth++;
    else if (c === 60 /* < */ && --depth === 0) return i > 0 && /[\w$)\]]/.test(text[i - 1]!) ? i : -1;
    else if (c === 96 /* ` */) return -1;
  }
  return -1;
}

/** NEW_EXPR's rewrite, outside strings, runes and comments (a small scanner: only a file with a syntax error gets here). */
/**
 * A Go file that ends in a type declaration with no newline after it (`type T struct{…}` as its
 * last bytes) is valid Go, but tree-sitter-go 0.25.0 wants the declaration's terminator there and
 * reads a MISSING one: a false syntax-error notice (alist's seafile driver). A newline is added
 * after the last byte; every offset stays as it was.
 */
function finalNewline(text: string): string {
  return text.length === 0 || text.endsWith('\n') || !/^\s*package\s/m.test(text) ? text : `${text}\n`;
}

function goNewExpr(text: string): string {
  if (!text.includes('new(') || OWN_NEW.test(text)) return text;
  let out: string[] | undefined;
  let from = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      if (end < 0) break;
      i = end;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) break;
      i = end + 1;
    } else if (c === '"' || c === "'") {
      for (i++; i < n && text[i] !== c && text[i] !== '\n'; i++) if (text[i] === '\\') i++;
    } else if (c === '`') {
      const end = text.indexOf('`', i + 1);
      if (end < 0) break;
      i = end;
    } else if (c === 'n' && text.startsWith('new(', i)) {
      NEW_EXPR.lastIndex = i;
      if (NEW_EXPR.test(text)) {
        (out ??= []).push(text.slice(from, i), '(&  ');
        from = i + 4;
      }
      i += 3;
    }
  }
  return out ? out.join('') + text.slice(from) : text;
}

/**
 * The tree and text to summarise. A tree with a syntax error is parsed again from the text as
 * grammarText gives it (syntax newer than the grammars) when that differs, and kept when it has
 * no error then. Only files with an error pay for the rewrite: the substring searches alone, run
 * on every file, cost ~1% of the parse on the issue's corpora (30 ms of the Go files' 3.2 s).
 */
export function readable(g: Grammar, text: string, tree: FlatTree): { tree: FlatTree; text: string; grammar: Grammar } {
  if (!tree.rootNode.hasError) return { tree, text, grammar: g };
  const again = grammarText(g, text, tree);
  const second = again === text ? undefined : parseFlat(g, again);
  if (second && !second.rootNode.hasError) return { tree: second, text: again, grammar: g };
  // JavaScript with type annotations, Flow's (`import type`, `function f(x: T): U`, `class A<T>`),
  // which Babel strips at build time: the TSX grammar reads nearly all of it (the parse-server
  // audit: 50 of its files were syntax errors). Only a file the JavaScript grammar cannot read, and
  // only when TSX reads it whole
  if (g === 'javascript') {
    const typed = parseFlat('tsx', text);
    if (!typed.rootNode.hasError) return { tree: typed, text, grammar: 'tsx' };
  }
  // parsed again rather than kept: a tree parseFlat wrote into its scratch arrays is gone once the
  // next parse writes there (FlatTree.parseNative)
  return second || g === 'javascript' ? { tree: parseFlat(g, text), text, grammar: g } : { tree, text, grammar: g };
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

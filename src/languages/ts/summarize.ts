/**
 * One TS/JS file → TsFileSummary (plain data). Everything here is local to the file: imports,
 * bindings and scopes, functions (declarations, arrows, methods with decorators), calls with the
 * values their arguments print, loops and iteration callbacks, catch blocks, exports and classes.
 *
 * Values are symbolic: a root (a parameter, an import, a global like `console`, `this`, a local
 * function or class) plus a member path (`['body']`, `['getActiveSpan()']`). What only the whole
 * project can answer (what an import is, which function a handler parameter belongs to) is left to
 * the module model, which resolves roots and walks paths through the tables in apis.ts.
 *
 * Walkers are iterative (explicit stacks) and expression evaluation is depth-guarded, so
 * pathological input (10,000 nested parentheses) cannot overflow the JavaScript stack.
 */
import { emptyList } from '../../engine/lists.js';
import { perNode, type FlatTree, type FlatNode as SyntaxNode } from '../flat-tree.js';
import { LineTable, type Span } from '../../engine/positions.js';
import { parseDirective, mayHoldDirective } from '../../engine/suppressions.js';
import { escapeRegExp, foldClip, foldText, isTrailingComment } from '../../engine/text.js';
import type { Directive, FunctionInfo } from '../types.js';
import type { Grammar } from '../parsers.js';
import { ITERATION_METHODS, LOGGER_CLASS, TIMER_FUNCTIONS } from './apis.js';
import { retryBound } from '../retry.js';
import { sampledBy } from '../sampling.js';
import { FLAG_TEXT, flagBase, mayContinue, negatedTerms, type GuardGrammar } from '../once-guards.js';

export type TsRoot =
  | { kind: 'param'; func: number; index: number }
  | { kind: 'import'; source: string; name: string }
  /** an instance of an annotated type: `req: Request` (imported) */
  | { kind: 'typeref'; source: string; name: string }
  | { kind: 'free'; name: string }
  | { kind: 'this'; cls: string }
  | { kind: 'func'; func: number }
  | { kind: 'class'; cls: string }
  | { kind: 'lit'; type: string }
  | { kind: 'arguments'; func: number }
  | { kind: 'catch' }
  | { kind: 'unknown' };

/** A symbolic value: root + member path. Segments: `name`, `name()`, `()`, `new`, `[]`. */
export interface TsValue {
  root: TsRoot;
  path: string[];
  /** the local identifier the expression started from, if any (`req` in `req.body`) */
  name?: string;
  /** where the path after `name` starts (the binding's own path comes first) */
  nameAt?: number;
}

/** One printed component of an argument: the argument itself, a template substitution, … */
export interface TsPart {
  text: string;
  span: Span;
  value?: TsValue;
  /** how it reaches the output: `template`, `stringify`, `inspect`, `concat`, `object` */
  via: string[];
  /** util.inspect with depth: null / Infinity */
  deep?: boolean;
}

export interface TsArg {
  text: string;
  span: Span;
  value?: TsValue;
  spread?: boolean;
  /** string literal value */
  literal?: string;
  /** keys of an object literal argument */
  keys?: string[];
  /** values one level inside: arguments of a wrapping call (`asyncHandler(fn)`), array elements, object values */
  inner?: { key?: string; value: TsValue }[];
  parts: TsPart[];
}

export interface TsCall {
  callee?: TsValue;
  /** callee text, folded (`this.logger.info`) */
  calleeText: string;
  isNew: boolean;
  args: TsArg[];
  span: Span;
  text: string;
  func: number;
  /** loops (and iteration callbacks) enclosing the call inside its own function */
  loopDepth: number;
  inCatch: boolean;
  /** the result is stored in a module-level variable / Map / object (memoized) */
  memoized: boolean;
  /** on the way out of the process: a `process.exit()` follows it (exitsAfter); what it writes, it writes once */
  exits?: true;
  /** its result is kept across calls behind a guard that tests it (`if (!ready) ready = init()`): it runs once (onceGuardedCall) */
  once?: true;
  /** all its function does (soleCall): a parameter it interpolates makes the function a logger wrapper */
  sole?: true;
}

export interface TsParam {
  name: string;
  /** annotated type as a value (`req: Request` → typeref express#Request) */
  annot?: TsValue;
  /** `@Req()`, `@Res()`, `@Body()`, `@Ctx()`… */
  decorators: string[];
  rest: boolean;
  /** has a type annotation (even one we do not model, like `string`): types do not flow into it */
  typed?: boolean;
}

export interface TsFunction {
  kind: 'declaration' | 'arrow' | 'expression' | 'method' | 'constructor';
  /** class name for methods */
  cls?: string;
  /** method decorators: `Get`, `Post`, `GrpcMethod`… with their first string argument */
  decorators: { name: string; arg?: string }[];
  params: TsParam[];
  /** loop depth at the definition site inside the parent function */
  loopAtDef: number;
  /** passed to forEach/map/… (each call runs per item) */
  iterCallback: boolean;
  /** passed to setInterval (runs again and again) */
  timerCallback: boolean;
  /** called in place behind a once guard (`if (!ready) ready = (async () => {…})()`): runs once, not with the function it is written in */
  once?: true;
  /** uses `arguments` */
  usesArguments: boolean;
  /** the type a local it is the value of is annotated with (`const h: ErrorRequestHandler = (err, _req, res, next) => …`) */
  typedAs?: { source: string; name: string };
}

export interface TsClass {
  name: string;
  decorators: { name: string; arg?: string }[];
  /** field name → value (`logger = new Logger()`, `constructor(private svc: Svc)`) */
  fields: Record<string, TsValue>;
  /** instance method name → function index (not `get`/`set` accessors: `getters` holds the `get` ones) */
  methods: Record<string, number>;
  /** static method name → function index, when the class has any (`Cls.name()`, `this.name()` in a static method) */
  statics?: Record<string, number>;
  /** instance `get` accessor name → function index, when the class has any: reading `obj.name` runs it (a call edge), but it is no handler to register */
  getters?: Record<string, number>;
  /** `extends X` as a value */
  base?: TsValue;
  /**
   * the class's body names the console or a standard stream (`console.info` called or handed on,
   * `process.stdout.write`): a class named as a logger writes its lines (model.ts LOGGER_CLASS);
   * one that stores them, sends them elsewhere or drops them (an audit log, a no-op) does not
   */
  writes?: true;
}

export interface TsFileSummary {
  path: string;
  language: 'ts';
  grammar: Grammar;
  /** module specifier → local names (for the FileView) */
  imports: { path: string; name: string }[];
  functions: FunctionInfo[];
  /**
   * by function index: an arrow's expression body that is a call, a name or a member, not of a
   * parameter (`(meta) => base.child(meta)`): what a call of it returns. The model reads it for
   * loggers only (homarr's `createLogger`); kept in a stored model's lean summaries
   */
  factories?: Record<number, TsValue>;
  fns: TsFunction[];
  calls: TsCall[];
  classes: TsClass[];
  /** export name (`default` for the default export, `=` for `module.exports = x`) → value */
  exports: Record<string, TsValue>;
  /** `export * from './x'` */
  reexports: string[];
  /** module-level bindings → value */
  globals: Record<string, TsValue>;
  /** named types that stand for another (`interface AuthRequest extends Request`, `type R = Request & {…}`) → that type, when it has any */
  types?: Record<string, TsValue>;
  /** a GraphQL resolver map's root fields (`Query.products`) and their resolvers, when it has any (graphqlRoots) */
  graphql?: { field: string; value: TsValue }[];
  directives: Directive[];
  /**
   * the file opens with the `"use client"` directive (React Server Components, Next.js): a client
   * component, rendered on the server too (its render body runs there per request), but whose
   * effects and event handlers run only in the browser, whose console is no container's log
   */
  client?: true;
  /** with `client`: the functions that run only in the browser (effect callbacks, `on…` JSX handlers), by index; nothing in them (or in functions inside them) is reported (scan.ts) */
  browserFuncs?: number[];
  partial: boolean;
  errorLine?: number;
  lineCount: number;
}

interface Binding {
  /** the value as defined, without the binding's name (see `named`) */
  value: TsValue;
  /** declared at module level */
  global: boolean;
  /** assigned after its declaration: the binding's name replaces the value's own */
  renamed?: true;
  /** a `const` bound to an object literal: printing the name prints its members (partsOf) */
  object?: SyntaxNode;
}

/** A GraphQL client library imported or required (its resolvers run in the browser), and a server one. */
const GRAPHQL_CLIENT = /['"](?:@apollo\/client|apollo-client|apollo-boost|apollo-link-state|@apollo\/react-hooks|urql|@urql\/[\w-]+|relay-runtime)(?:\/[^'"]*)?['"]/;
const GRAPHQL_SERVER = /['"](?:@apollo\/server|apollo-server(?:-[\w-]+)?|graphql-yoga|mercurius|@graphql-tools\/[\w-]+|graphql-tools|type-graphql|@nestjs\/graphql|express-graphql|graphql-http|@envelop\/[\w-]+)(?:\/[^'"]*)?['"]/;

const MAX_DEPTH = 64;
const MAX_TEXT = 200;
// shared empty lists have the layout of filled ones (`[...base.path, 'new']` reads both: engine/lists.ts)
const NO_PATH: string[] = emptyList();
const NO_VIA: string[] = emptyList();
const NO_NAMES: string[] = emptyList();
const NO_DECORATORS: { name: string; arg?: string }[] = emptyList();
const NO_PARTS: TsPart[] = emptyList();
const NO_ARGS: TsArg[] = emptyList();
// empty lists, literal roots and paths are shared: nothing changes them once a summary is made (a
// longer path is a new array). With an argument's part that is the argument itself sharing its text
// and span (and its value, partsOf), the summaries of the issue's TS corpus hold 29% fewer objects
const LIT_STRING: TsRoot = { kind: 'lit', type: 'string' };
const LIT_NUMBER: TsRoot = { kind: 'lit', type: 'number' };
const LIT_BOOLEAN: TsRoot = { kind: 'lit', type: 'boolean' };
/** `this` in a plain function: whatever its caller makes it */
const UNKNOWN_THIS: TsRoot = { kind: 'unknown' };
const FUNCTION_TYPE_LIST = ['function_declaration', 'generator_function_declaration', 'arrow_function', 'function_expression', 'function', 'generator_function', 'method_definition'];
const FUNCTION_TYPES = new Set(FUNCTION_TYPE_LIST);
const LOOP_TYPES = new Set(['for_statement', 'for_in_statement', 'while_statement', 'do_statement']);
/** What once-guards.ts reads of the TS/JS grammar. */
const TS_GUARDS: GuardGrammar = { operand: 'argument', member: 'member_expression', isLoop: (t) => LOOP_TYPES.has(t), isFunction: (t) => FUNCTION_TYPES.has(t), goto: false, nullish: new Set(['null', 'undefined']), memberFlag: FLAG_TEXT };
/** `process.exit(1);` as a statement (also awaited or voided); process.abort ends it too */
const PROCESS_EXIT = /^(?:await\s+|void\s+)?process\.(?:exit|abort)\s*\(/;
/** Statements after a call that exitsAfter reads, per enclosing block. */
const EXIT_LOOKAHEAD = 8;
/** A quick test of a statement's text before holdsJump walks it. */
const JUMPS = /\b(?:return|break|continue|throw)\b/;
/** Arrow bodies whose value a factory returns (TsFileSummary.factories). */
const RETURNED_VALUES = new Set(['call_expression', 'identifier', 'member_expression', 'new_expression']);
const JUMP_TYPES = new Set(['return_statement', 'break_statement', 'continue_statement', 'throw_statement']);
/** Where statements follow each other: a block, the file, a `switch` case. */
const SEQUENCES = new Set(['statement_block', 'program', 'switch_case', 'switch_default']);

/** A statement that holds, outside a function, a return, break, continue or throw; worked out once per statement. */
const holdsJump = perNode((stmt: SyntaxNode): boolean => {
  if (!JUMPS.test(stmt.text)) return false;
  const stack: SyntaxNode[] = [stmt];
  for (let guard = 0; stack.length > 0; guard++) {
    if (guard > 10_000) return true; // too large to tell: as if it did
    const n = stack.pop()!;
    if (JUMP_TYPES.has(n.type)) return true;
    if (FUNCTION_TYPES.has(n.type)) continue;
    for (const c of n.namedChildren) stack.push(c);
  }
  return false;
});
/**
 * What an expression's truth says of the environment (envTest): `dev`, it is true only outside
 * production (what it guards never runs there); `prod`, it is always true in production (what
 * its `else` guards never runs there).
 */
interface EnvTest {
  dev: boolean;
  prod: boolean;
}
const DEV: EnvTest = { dev: true, prod: false };
const PROD: EnvTest = { dev: false, prod: true };
const envFacts = (dev: boolean, prod: boolean): EnvTest | undefined => (dev ? (prod ? undefined : DEV) : prod ? PROD : undefined);
/** `process.env.NODE_ENV`, `process.env['NODE_ENV']` */
const NODE_ENV_SOURCE = String.raw`process\s*\.\s*env\s*(?:\.\s*NODE_ENV|\[\s*['"\x60]NODE_ENV['"\x60]\s*\])`;
const NODE_ENV = new RegExp(`^${NODE_ENV_SOURCE}$`);
/** `process.env.NODE_ENV = …`, `||=`, `??=` */
const SETS_NODE_ENV = new RegExp(String.raw`${NODE_ENV_SOURCE}\s*(?:\|\||\?\?)?=(?!=)`);
/** the words an environment test needs (most files have none) */
const ENV_WORDS = /NODE_ENV|\b(?:false|__DEV__|isDev\w*|IS_DEV\w*|isProd\w*|IS_PROD\w*)\b/;
/** NODE_ENV values that are not production */
const DEV_ENVS = new Set(['development', 'dev', 'test', 'local']);
/** imported flags named for the environment */
const DEV_FLAG = /^(?:isDev|isDevelopment|isDevMode|isDevelopmentMode|IS_DEV|IS_DEVELOPMENT|__DEV__)$/;
const PROD_FLAG = /^(?:isProd|isProduction|isProdMode|isProductionMode|IS_PROD|IS_PRODUCTION)$/;
const WRAPPERS = new Set(['parenthesized_expression', 'await_expression', 'as_expression', 'non_null_expression', 'satisfies_expression', 'type_assertion']);

let summarizeTsFile: ((...args: Parameters<typeof summarizeTs>) => ReturnType<typeof summarizeTs>) | undefined;
export function summarizeTs(tree: FlatTree, text: string, path: string, grammar: Grammar): TsFileSummary {
  return (summarizeTsFile ??= makeSummarizeTs())(tree, text, path, grammar);
}

function makeSummarizeTs(): (...args: Parameters<typeof summarizeTs>) => ReturnType<typeof summarizeTs> {
  // The file being summarised and what is known of it so far, set at the start of each file
  // (summarizeFile below). The functions that read them are made once per thread, not once per
  // file: V8 compiles a closure made per file for the closure it saw, and the next file's closures
  // made it compile the summariser's largest functions again and again (issue 6).
  let tree: FlatTree;
  let text: string;
  let path: string;
  let grammar: Grammar;
  let lines: LineTable;
  let root: SyntaxNode;
  /** the file may end the process somewhere: only then does exitsAfter look */
  let mayExit: boolean;
  /** the deepest level of a valueOf call since it was set to 0 */
  let valueReach: number;
  // the argument partsOf starts from, whose text, span and value a part that is the argument itself
  // shares (`reach`: the deepest level valueOf reached for that value)
  let current: { start: number; end: number; arg: TsArg; reach: number } | undefined;
  let summary: TsFileSummary;
  let browserNames: Set<string> | undefined;
  let funcIndex: Map<number, number>;
  let imports: Map<string, { source: string; name: string }>; // local → (source, imported)
  let globalScope: Map<string, Binding>;
  let scopes: (Map<string, Binding> | undefined)[];
  let currentFunc: number;
  let devDepth: number;
  let envConsts: Map<string, EnvTest>;
  let mayTestEnv: boolean;
  let setsNodeEnv: boolean;
  let currentClass: string;
  let thisStack: (TsRoot | undefined)[];
  let classNames: Set<string>;
  let startActiveSpanCallback: Set<number>;
  let classByName: Map<string, TsClass>;
  let loopStack: number[];
  let catchStack: boolean[];
  let graphqlClient: boolean;
  let mockFile: boolean;
  let mayHoldResolvers: boolean;
  let rootTypeFile: string | undefined;
  let leavesDepth: number;
  let storesByFn: Map<number, Map<string, (SyntaxNode | null)[]>>;
  const span = (n: SyntaxNode): Span => lines.span(n.startIndex, n.endIndex);
  const par = (n: SyntaxNode): SyntaxNode | null => n.parent;
  const addImport = (local: string, source: string, name: string): void => {
    imports.set(local, { source, name });
    summary.imports.push({ path: source, name: local });
  };
  const lookup = (name: string): Binding | undefined => {
    for (let i = scopes.length - 1; i >= 0; i--) {
      const b = scopes[i]?.get(name);
      if (b) return b;
    }
    return undefined;
  };
  // a binding's value is read for its root and path; the copy with its name is made only for the
  // module-level bindings the summary keeps (globals, exports)
  const define = (name: string, value: TsValue): void => {
    const top = (scopes[scopes.length - 1] ??= new Map());
    top.set(name, { value, global: top === globalScope });
  };
  const named = (name: string): TsValue | undefined => {
    const b = globalScope.get(name);
    return b && withName(b.value, b.renamed ? name : b.value.name ?? name);
  };

  // ---- values -------------------------------------------------------------------------------
  function requireSource(node: SyntaxNode): string | undefined {
    if (node.type !== 'call_expression') return undefined;
    const fn = node.childForFieldName('function');
    if (fn?.type !== 'identifier' || fn.text !== 'require' || lookup('require')) return undefined;
    const a = node.childForFieldName('arguments')?.namedChildren[0];
    return a ? stringValue(a) : undefined;
  }

  function valueOf(node: SyntaxNode | null | undefined, depth = 0): TsValue | undefined {
    if (depth > valueReach) valueReach = depth;
    if (!node || depth > MAX_DEPTH) return undefined;
    const n = unwrap(node);
    switch (n.type) {
      case 'identifier':
      case 'shorthand_property_identifier': {
        const name = n.text;
        if (name === 'undefined') return undefined;
        if (name === 'arguments' && currentFunc >= 0 && !lookup(name)) {
          summary.fns[currentFunc]!.usesArguments = true;
          return { root: { kind: 'arguments', func: currentFunc }, path: NO_PATH, name };
        }
        const b = lookup(name);
        if (b) return { root: b.value.root, path: b.value.path.length ? [...b.value.path] : NO_PATH, name, nameAt: b.value.path.length };
        const imp = imports.get(name);
        if (imp) return { root: { kind: 'import', source: imp.source, name: imp.name }, path: NO_PATH, name };
        return { root: { kind: 'free', name }, path: NO_PATH, name };
      }
      case 'this':
        return { root: thisStack[thisStack.length - 1] ?? { kind: 'this', cls: currentClass }, path: NO_PATH };
      case 'member_expression': {
        const base = valueOf(n.childForFieldName('object'), depth + 1);
        const prop = n.childForFieldName('property')?.text;
        if (!base || !prop) return undefined;
        return withPath(base, [...base.path, prop]);
      }
      case 'subscript_expression': {
        const base = valueOf(n.childForFieldName('object'), depth + 1);
        if (!base) return undefined;
        const idx = n.childForFieldName('index');
        const key = idx ? stringValue(idx) : undefined;
        return withPath(base, [...base.path, key ?? '[]']);
      }
      case 'call_expression': {
        const src = requireSource(n);
        if (src !== undefined) return { root: { kind: 'import', source: src, name: '*' }, path: NO_PATH };
        const fn = n.childForFieldName('function');
        if (!fn) return undefined;
        const f = unwrap(fn);
        if (f.type === 'member_expression') {
          const base = valueOf(f.childForFieldName('object'), depth + 1);
          const prop = f.childForFieldName('property')?.text;
          if (!base || !prop) return undefined;
          return withPath(base, [...base.path, `${prop}()`]);
        }
        const base = valueOf(f, depth + 1);
        if (!base) return undefined;
        return withPath(base, [...base.path, '()']);
      }
      case 'new_expression': {
        const base = valueOf(n.childForFieldName('constructor'), depth + 1);
        if (!base) return undefined;
        return withPath(base, [...base.path, 'new']);
      }
      case 'arrow_function':
      case 'function_expression':
      case 'function':
      case 'generator_function': {
        const idx = funcIndex.get(n.id);
        return idx === undefined ? undefined : { root: { kind: 'func', func: idx }, path: NO_PATH };
      }
      case 'class':
      case 'class_declaration': {
        const name = n.childForFieldName('name')?.text ?? `class@${span(n).line}`;
        return { root: { kind: 'class', cls: name }, path: NO_PATH };
      }
      case 'string':
      case 'template_string':
        return { root: LIT_STRING, path: NO_PATH };
      case 'number':
        return { root: LIT_NUMBER, path: NO_PATH };
      case 'true':
      case 'false':
        return { root: LIT_BOOLEAN, path: NO_PATH };
      case 'binary_expression': {
        const op = n.childForFieldName('operator')?.text;
        if (op === '||' || op === '??') return valueOf(n.childForFieldName('left'), depth + 1);
        if (op === '+') {
          const l = valueOf(n.childForFieldName('left'), depth + 1);
          const r = valueOf(n.childForFieldName('right'), depth + 1);
          if (isLit(l, 'string') || isLit(r, 'string')) return { root: LIT_STRING, path: NO_PATH };
        }
        return undefined;
      }
      default:
        return undefined;
    }
  }

  /** An annotated type → value (`Request` imported from express → typeref express#Request). */
  function typeValue(node: SyntaxNode | null | undefined, depth = 0): TsValue | undefined {
    if (!node || depth > MAX_DEPTH) return undefined;
    switch (node.type) {
      case 'type_annotation':
      case 'parenthesized_type':
        return typeValue(node.namedChildren[0], depth + 1);
      case 'generic_type':
        return typeValue(node.childForFieldName('name') ?? node.namedChildren[0], depth + 1);
      case 'union_type': {
        for (const c of node.namedChildren) {
          const v = typeValue(c, depth + 1);
          if (v) return v;
        }
        return undefined;
      }
      case 'type_identifier': {
        const imp = imports.get(node.text);
        if (imp) return { root: { kind: 'typeref', source: imp.source, name: imp.name === 'default' ? node.text : imp.name }, path: NO_PATH };
        if (summary.classes.some((c) => c.name === node.text) || classNames.has(node.text)) {
          return { root: { kind: 'class', cls: node.text }, path: ['new'] };
        }
        return { root: { kind: 'typeref', source: '', name: node.text }, path: NO_PATH };
      }
      case 'nested_type_identifier': {
        const mod = node.childForFieldName('module')?.text ?? node.namedChildren[0]?.text ?? '';
        const name = node.childForFieldName('name')?.text ?? node.namedChildren[node.namedChildCount - 1]?.text ?? '';
        const imp = imports.get(mod.split('.')[0]!);
        if (imp) return { root: { kind: 'typeref', source: imp.source, name }, path: NO_PATH };
        return { root: { kind: 'typeref', source: '', name: `${mod}.${name}` }, path: NO_PATH };
      }
      default:
        return undefined;
    }
  }

  // ---- printed parts of an argument ---------------------------------------------------------
  function partsOf(node: SyntaxNode, via: string[], depth: number, out: TsPart[]): void {
    if (depth > MAX_DEPTH || out.length > 32) return;
    const n = unwrap(node);
    switch (n.type) {
      case 'string':
      case 'number':
      case 'true':
      case 'false':
      case 'null':
      case 'undefined':
      case 'regex':
        return;
      case 'template_string':
        for (const s of n.namedChildren) {
          if (s.type === 'template_substitution' && s.namedChildren[0]) partsOf(s.namedChildren[0], [...via, 'template'], depth + 1, out);
        }
        return;
      case 'binary_expression': {
        const op = n.childForFieldName('operator')?.text;
        if (op === '+') {
          for (const side of ['left', 'right']) {
            const c = n.childForFieldName(side);
            if (c) partsOf(c, via.includes('concat') ? via : [...via, 'concat'], depth + 1, out);
          }
          return;
        }
        if (op === '||' || op === '??') {
          const c = n.childForFieldName('left');
          if (c) partsOf(c, via, depth + 1, out);
          return;
        }
        // `err && err.stack`: the right side, when the left is set (else a falsy scalar)
        if (op === '&&') {
          const c = n.childForFieldName('right');
          if (c) partsOf(c, via, depth + 1, out);
          return;
        }
        return; // comparisons, arithmetic: a scalar
      }
      case 'ternary_expression': {
        for (const side of ['consequence', 'alternative']) {
          const c = n.childForFieldName(side);
          if (c) partsOf(c, via, depth + 1, out);
        }
        return;
      }
      case 'identifier': {
        // a const bound to an object literal, printed by its name (automatisch's webhook payload)
        const b = depth < 4 ? lookup(n.text) : undefined;
        if (b?.object) {
          partsOf(b.object, via, depth + 1, out);
          return;
        }
        break;
      }
      case 'object':
        for (const p of n.namedChildren) {
          if (p.type === 'pair') {
            const v = p.childForFieldName('value');
            if (v) partsOf(v, [...via, 'object'], depth + 1, out);
          } else if (p.type === 'shorthand_property_identifier') partsOf(p, [...via, 'object'], depth + 1, out);
          else if (p.type === 'spread_element' && p.namedChildren[0]) partsOf(p.namedChildren[0], [...via, 'object', 'spread'], depth + 1, out);
        }
        return;
      case 'array':
        for (const e of n.namedChildren) partsOf(e, [...via, 'array'], depth + 1, out);
        return;
      case 'call_expression': {
        const wrapper = printWrapper(n);
        if (wrapper) {
          const args = n.childForFieldName('arguments')?.namedChildren ?? [];
          const first = args[0];
          if (first) {
            const before = out.length;
            partsOf(first, [...via, wrapper.via], depth + 1, out);
            if (wrapper.via === 'inspect' && isDeepInspect(args[1])) for (let i = before; i < out.length; i++) out[i]!.deep = true;
          }
          return;
        }
        break;
      }
      default:
        break;
    }
    const own = current && n.startIndex === current.start && n.endIndex === current.end ? current : undefined;
    const part: TsPart = own ? { text: own.arg.text, span: own.arg.span, via } : { text: foldClip(n.text, MAX_TEXT), span: span(n), via };
    // the argument's own value, when one level deeper would not have met the depth limit
    const v = own && own.reach < MAX_DEPTH ? own.arg.value : valueOf(n, depth + 1);
    if (v) part.value = v;
    out.push(part);
  }

  /** `JSON.stringify(x)`, `util.inspect(x)`, `inspect(x)`, `String(x)`, `x.toString()` */
  function printWrapper(call: SyntaxNode): { via: string } | undefined {
    const fn = call.childForFieldName('function');
    if (!fn) return undefined;
    const v = valueOf(fn, 1);
    if (!v) return undefined;
    const r = v.root;
    if (r.kind === 'free' && r.name === 'JSON' && v.path.join('.') === 'stringify') return { via: 'stringify' };
    if (r.kind === 'free' && r.name === 'String' && v.path.length === 0) return { via: 'string' };
    if (r.kind === 'import' && (r.source === 'util' || r.source === 'node:util')) {
      const p = r.name === 'inspect' ? v.path.join('.') : r.name === 'format' ? 'x' : `${r.name === 'default' || r.name === '*' ? '' : `${r.name}.`}${v.path.join('.')}`;
      if ((r.name === 'inspect' && p === '') || p === 'inspect') return { via: 'inspect' };
      if ((r.name === 'format' && v.path.length === 0) || p === 'format') return { via: 'format' };
    }
    return undefined;
  }

  function bindPattern(pattern: SyntaxNode | null | undefined, value: TsValue | undefined, depth = 0): void {
    if (!pattern || depth > MAX_DEPTH) return;
    const unknown: TsValue = { root: { kind: 'unknown' }, path: NO_PATH };
    switch (pattern.type) {
      case 'identifier':
      case 'shorthand_property_identifier_pattern':
        define(pattern.text, value ?? unknown);
        return;
      case 'object_pattern':
        for (const p of pattern.namedChildren) {
          if (p.type === 'shorthand_property_identifier_pattern') {
            define(p.text, value ? { root: value.root, path: [...value.path, p.text] } : unknown);
          } else if (p.type === 'pair_pattern') {
            const key = p.childForFieldName('key')?.text ?? '[]';
            bindPattern(p.childForFieldName('value'), value ? { root: value.root, path: [...value.path, key] } : undefined, depth + 1);
          } else if (p.type === 'object_assignment_pattern') {
            const left = p.childForFieldName('left');
            if (left) bindPattern(left, value && left.type.startsWith('shorthand') ? { root: value.root, path: [...value.path, left.text] } : undefined, depth + 1);
          } else if (p.type === 'rest_pattern') {
            bindPattern(p.namedChildren[0], undefined, depth + 1);
          }
        }
        return;
      case 'array_pattern':
        for (const p of pattern.namedChildren) bindPattern(p, value ? { root: value.root, path: [...value.path, '[]'] } : undefined, depth + 1);
        return;
      case 'assignment_pattern':
        bindPattern(pattern.childForFieldName('left'), value, depth + 1);
        return;
      case 'rest_pattern':
        bindPattern(pattern.namedChildren[0], value, depth + 1);
        return;
      default:
        return;
    }
  }

  function declareVariable(decl: SyntaxNode): void {
    const name = decl.childForFieldName('name');
    const valueNode = decl.childForFieldName('value');
    // `const h: RequestHandler = async (req, res) => {…}`: the local is the function, not the type
    // it is annotated with (a handler so typed was not followed: the talk audit); the type is the function's
    const annot = typeValue(decl.childForFieldName('type'));
    const value = valueOf(valueNode);
    // a function written here, or one named (`const h: RequestHandler = fastPath`)
    const fn = valueNode ? (funcIndex.get(unwrap(valueNode).id) ?? (value?.root.kind === 'func' && value.path.length === 0 ? value.root.func : undefined)) : undefined;
    if (fn !== undefined && annot?.root.kind === 'typeref') summary.fns[fn]!.typedAs = { source: annot.root.source, name: annot.root.name };
    bindPattern(name, (fn === undefined ? annot : undefined) ?? value);
    // `const payload = { headers: req.headers, body: req.body }`: what printing it prints
    const literal = valueNode ? unwrap(valueNode) : undefined;
    if (name?.type === 'identifier' && literal?.type === 'object' && par(decl)?.children[0]?.type === 'const') {
      const b = lookup(name.text);
      if (b) b.object = literal;
    }
  }

  // ---- functions ------------------------------------------------------------------------------
  function decoratorsOf(nodes: SyntaxNode[]): { name: string; arg?: string }[] {
    const out: { name: string; arg?: string }[] = [];
    for (const d of nodes) {
      const e = d.namedChildren[0];
      if (!e) continue;
      if (e.type === 'call_expression') {
        const name = calledName(e.childForFieldName('function'));
        const a0 = e.childForFieldName('arguments')?.namedChildren[0];
        const arg = a0 ? stringValue(a0) : undefined;
        if (name) out.push(arg !== undefined ? { name, arg } : { name });
      } else if (e.type === 'identifier') out.push({ name: e.text });
    }
    return out;
  }

  /**
   * A GraphQL resolver map's root fields: the members of the object under a `Query` or `Mutation`
   * key (`pair`) of a resolver map, a function written there or a name bound to one (`Query: {
   * user, currentUser }`: spectrum's). A resolver map is an object named or keyed as resolvers
   * (`const resolvers = {…}`, `resolvers: {…}`, `userResolvers`) or one of a list so named, one in a
   * file named as resolvers (`user.resolver.ts`, `resolvers/index.js`), or one with both root keys:
   * Apollo's, graphql-tools', Mercurius' and graphql-yoga's shape. Each resolver runs per
   * operation that selects it. Read where the walk meets the pair, in its scope.
   */
  function graphqlRoots(pair: SyntaxNode): void {
    const keyOf = (p: SyntaxNode): string | undefined => {
      const k = p.childForFieldName('key');
      return k ? stringValue(k) ?? k.text : undefined;
    };
    const type = keyOf(pair);
    const fields = pair.childForFieldName('value');
    const map = par(pair);
    if ((type !== 'Query' && type !== 'Mutation') || fields?.type !== 'object' || map?.type !== 'object') return;
    const roots = new Set(map.namedChildren.filter((p) => p.type === 'pair').map(keyOf));
    // the map itself, or one of a list of them (`resolvers: [orderResolvers, { Query: … }]`)
    let holder = par(map);
    if (holder?.type === 'array') holder = par(holder);
    const name = holder?.type === 'variable_declarator' ? holder.childForFieldName('name')?.text : holder?.type === 'pair' ? keyOf(holder) : undefined;
    if (!(roots.has('Query') && roots.has('Mutation')) && !/resolvers?\b/i.test(path) && !(name !== undefined && /resolvers?$/i.test(name))) return;
    rootFields(type, fields);
  }

  /**
   * `export const Query: QueryResolvers = { … }`: a root type's resolvers in a variable of its
   * own, typed with graphql-codegen's `QueryResolvers`/`MutationResolvers` (or `Resolvers['Query']`)
   * or in a file named as resolvers (`resolvers/Query.ts`), that a map elsewhere names (`{ Query,
   * Mutation }`: apollo's spotify-showcase).
   */
  function graphqlRootVariable(decl: SyntaxNode): void {
    const type = decl.childForFieldName('name')?.text;
    const fields = decl.childForFieldName('value');
    if ((type !== 'Query' && type !== 'Mutation') || !fields || unwrap(fields).type !== 'object') return;
    const annot = decl.childForFieldName('type')?.text ?? '';
    if (!/Resolvers\b/.test(annot) && !/resolvers?\b/i.test(path)) return;
    rootFields(type, unwrap(fields));
  }

  /**
   * A named type that stands for another: an interface that extends one (`interface IAuthRequest<T>
   * extends Request<T> { user: User }`, unleash's), or an alias of one or of an intersection with
   * one (`type AuthedRequest = Request & { user: User }`). A request typed so is the framework's
   * request (its extra fields are the project's); a function type or an object type stands for
   * nothing.
   */
  function namedType(decl: SyntaxNode): void {
    const name = decl.childForFieldName('name')?.text;
    // a type named as a response or a reply is none of a request's (`interface UpstreamResponse
    // extends IncomingMessage`: node types an outgoing call's reply as it types a request)
    if (!name || /(?:Response|Reply|Res|Result)$/.test(name)) return;
    let candidates: SyntaxNode[] = [];
    if (decl.type === 'interface_declaration') {
      const ext = decl.namedChildren.find((c) => c.type === 'extends_type_clause');
      candidates = ext ? ext.namedChildren.slice(0, 1) : [];
    } else {
      const v = decl.childForFieldName('value');
      candidates = v?.type === 'intersection_type' ? v.namedChildren : v ? [v] : [];
    }
    for (const c of candidates) {
      if (c.type !== 'type_identifier' && c.type !== 'generic_type' && c.type !== 'nested_type_identifier') continue;
      const t = typeValue(c);
      if (!t || (t.root.kind === 'typeref' && t.root.source === '' && t.root.name === name)) continue;
      (summary.types ??= {})[name] = t;
      return;
    }
  }

  /**
   * A call whose result is kept across calls behind a guard that tests it, so that it runs once:
   * `if (!ready) { ready = init(); }`, `if (!this.client) this.client = connect()`, `ready ??=
   * (async () => {…})()` (growthbook's init, awaited by a middleware on every request). The kept
   * value is a field or a variable the function does not declare itself (a local is new each call).
   */
  function onceGuardedCall(call: SyntaxNode): boolean {
    let n: SyntaxNode = call;
    for (let i = 0; i < 4; i++) {
      const p = par(n);
      if (p?.type !== 'await_expression' && p?.type !== 'parenthesized_expression') break;
      n = p;
    }
    const assign = par(n);
    if (assign?.type !== 'assignment_expression' && assign?.type !== 'augmented_assignment_expression') return false;
    if (assign.childForFieldName('right')?.id !== n.id) return false;
    const target = assign.childForFieldName('left')?.text;
    if (!target || !FLAG_TEXT.test(target)) return false;
    let guarded = false;
    if (assign.type === 'augmented_assignment_expression') guarded = assign.children.some((c) => c.type === '??=' || c.type === '||=');
    else if (assign.type === 'assignment_expression') {
      for (let q: SyntaxNode | null = par(assign), i = 0; q && i < MAX_DEPTH && !FUNCTION_TYPES.has(q.type); q = par(q), i++) {
        if (q.type !== 'if_statement') continue;
        const cond = q.childForFieldName('condition');
        const consequence = q.childForFieldName('consequence');
        if (cond && consequence && consequence.startIndex <= assign.startIndex && assign.endIndex <= consequence.endIndex && negatedTerms(cond, TS_GUARDS).includes(target)) {
          guarded = true;
          break;
        }
      }
    }
    if (!guarded) return false;
    const base = flagBase(target);
    // a variable of any function around it (or a parameter) is new each time that one runs (a
    // handler's `let orders` that a closure of it fills), and a value set falsy again in a function
    // around it (`current = null` on each request) is filled again
    for (let fn: SyntaxNode | null = par(assign); fn; fn = par(fn)) {
      if (!FUNCTION_TYPES.has(fn.type)) continue;
      const names = scopeNames(fn);
      if (base !== 'this' && names.declared.has(base)) return false;
      if (names.emptied.has(target)) return false;
    }
    return true;
  }

  /**
   * The names a function or a loop declares (a function's parameters; every declarator and pattern
   * of its body, a loop's header and body included, not its inner functions') and the names or
   * fields it sets falsy.
   */
  const scopeNames = perNode((scope: SyntaxNode): { declared: Set<string>; emptied: Set<string> } => {
    const declared = new Set<string>();
    const emptied = new Set<string>();
    const bind = (pattern: SyntaxNode | null): void => {
      if (!pattern) return;
      if (pattern.type === 'identifier' || pattern.type === 'shorthand_property_identifier_pattern') {
        declared.add(pattern.text);
        return;
      }
      for (const c of pattern.namedChildren) {
        // `{ a: b }` binds b; `x = 1` (a default) binds x
        if (c.type === 'pair_pattern') bind(c.childForFieldName('value'));
        else if (c.type === 'assignment_pattern' || c.type === 'object_assignment_pattern') bind(c.childForFieldName('left'));
        else bind(c);
      }
    };
    const stack: SyntaxNode[] = [];
    let root: SyntaxNode | null = scope;
    if (FUNCTION_TYPES.has(scope.type)) {
      const params = scope.childForFieldName('parameters') ?? scope.childForFieldName('parameter');
      if (params) bind(params);
      root = scope.childForFieldName('body');
    }
    if (root) stack.push(root);
    for (let guard = 0; stack.length > 0 && guard < 200_000; guard++) {
      const n = stack.pop()!;
      if (n !== root && FUNCTION_TYPES.has(n.type)) continue;
      if (n.type === 'variable_declarator') bind(n.childForFieldName('name'));
      // `for (const [id, entry] of map)`: the header declares without a declarator
      else if (n.type === 'for_in_statement' && n.childForFieldName('kind')) bind(n.childForFieldName('left'));
      else if (n.type === 'assignment_expression') {
        const right = n.childForFieldName('right');
        if (right && /^(?:null|undefined|false|0|''|"")$/.test(right.text)) emptied.add(n.childForFieldName('left')?.text ?? '');
      }
      for (const c of n.namedChildren) stack.push(c);
    }
    return { declared, emptied };
  });

  /** An object that is the module's export: `export default { … }`, `module.exports = { … }`. */
  function exportedWhole(obj: SyntaxNode): boolean {
    const p = par(obj);
    if (p?.type === 'export_statement') return true;
    const left = p?.type === 'assignment_expression' && p.childForFieldName('right')?.id === obj.id ? p.childForFieldName('left') : null;
    return left !== null && left !== undefined && foldText(left.text) === 'module.exports';
  }

  /** The resolvers of a root type's object of fields, `{ user, ban: banUser, products: async (…) => … }`. */
  function rootFields(type: string, fields: SyntaxNode): void {
    for (const m of fields.namedChildren) {
      let field: string | undefined;
      let value: TsValue | undefined;
      if (m.type === 'shorthand_property_identifier') {
        field = m.text;
        value = valueOf(m);
      } else if (m.type === 'pair' || m.type === 'method_definition') {
        const k = m.childForFieldName(m.type === 'pair' ? 'key' : 'name');
        field = k ? stringValue(k) ?? k.text : undefined;
        const v = m.type === 'pair' ? unwrap(m.childForFieldName('value') ?? m) : m;
        const idx = funcIndex.get(v.id);
        // a resolver takes at most four parameters: parent, args, context, info
        const params = v.childForFieldName('parameters') ?? v.childForFieldName('parameter');
        if (idx !== undefined) value = params && params.namedChildren.filter((c) => c.type !== 'comment').length > 4 ? undefined : { root: { kind: 'func', func: idx }, path: NO_PATH };
        else if (v.type === 'identifier' || v.type === 'member_expression') value = valueOf(v);
      }
      if (field && value) (summary.graphql ??= []).push({ field: clip(`${type}.${field}`), value });
    }
  }

  function functionName(fn: SyntaxNode): string {
    const own = fn.childForFieldName('name')?.text;
    if (own && fn.type !== 'method_definition') return own;
    if (fn.type === 'method_definition') return currentClass ? `${currentClass}.${own ?? '?'}` : own ?? '?';
    const p = par(fn);
    if (p?.type === 'variable_declarator') return p.childForFieldName('name')?.text ?? 'anonymous';
    if (p?.type === 'pair') return p.childForFieldName('key')?.text ?? 'anonymous';
    if (p?.type === 'public_field_definition' || p?.type === 'field_definition') return `${currentClass}.${p.childForFieldName('name')?.text ?? p.childForFieldName('property')?.text ?? '?'}`;
    if (p?.type === 'assignment_expression') return foldText(p.childForFieldName('left')?.text ?? 'anonymous');
    if (p?.type === 'export_statement') return 'default';
    if (p?.type === 'arguments') {
      const call = par(p);
      const parentName = currentFunc >= 0 ? summary.functions[currentFunc]!.name : '';
      const m = calledName(call?.childForFieldName('function'));
      return `${parentName && !parentName.endsWith(' callback') ? `${parentName}.` : ''}${m ?? 'callback'} callback`;
    }
    return currentFunc >= 0 ? `${summary.functions[currentFunc]!.name}.func` : 'anonymous';
  }

  /**
   * A function made in a loop and only stored under a key there (`const run = async (q) => {…};
   * table.set(name, run)`, `api.register(\`${name}UsingGET\`, run)` with a key that is not a
   * literal), or not named in the loop again (kept in a variable for after the loop): it runs
   * later, when whatever stored it calls it, not once per iteration of the loop that made it
   * (etherpad's API handlers, one made per operation at start-up). A name
   * the loop calls (`log()`) or hands to any call (`setTimeout(run)`, `jobs.push(run)`,
   * `items.forEach(log)`) keeps the loop, unless every call of it leaves the function (`return
   * reject()`, `throw fail()`): then it runs once per call of the function (hoppscotch's validator).
   * The same for a function written where it is stored: `table[level] = (d) => …`, `table.set(k,
   * (d) => …)` (emailengine's per-level SMTP logger), unless keptByKey says it is not kept there.
   */
  function storedForLater(fn: SyntaxNode): boolean {
    const p = par(fn);
    if (p && (p.type === 'assignment_expression' || p.type === 'arguments')) {
      const loop = loopAround(p);
      const stored = loop ? storedInline(fn, p) : undefined;
      if (stored) return keptByKey(loop!, stored.container, stored.key);
    }
    const name = p?.type === 'variable_declarator' ? p.childForFieldName('name') : p?.type === 'assignment_expression' ? p.childForFieldName('left') : null;
    if (name?.type !== 'identifier') return false;
    const loop = loopAround(p!);
    if (!loop) return false;
    // stored under a key (`table.set(k, run)`, `table[k] = run`, `{ [k]: run }`), and named nowhere
    // else in the loop but its declaration: handed to any call (`setTimeout(run)`, `bus.on('x', run)`,
    // `jobs.push(run)`), it may run in the loop, and the loop counts
    const id = name.text.replace(/\$/g, '\\$');
    // the name's uses in the loop's code (not in its comments and strings: etherpad's loop says
    // "pass to api handler" twice)
    const refs = namesIn(loop).get(name.text) ?? 0;
    const stores = loop.text.match(new RegExp(`\\.(?:set|register\\w*)\\(\\s*(?!['"])[^,()]+,\\s*${id}\\s*\\)|\\]\\s*=\\s*${id}(?![\\w$])|\\]\\s*:\\s*${id}\\s*[,}]`, 'g'))?.length ?? 0;
    // or called only on the way out (`return reject()`, `throw fail()`): once per call of the function
    const leaves = loop.text.match(new RegExp(`(?<![\\w$.])(?:return|throw)\\s+(?:await\\s+)?${id}\\s*\\(`, 'g'))?.length ?? 0;
    // or never named in the loop again: kept for after it (`report = () => …` called once the loop is done)
    return refs === 1 || (stores > 0 && refs === 1 + stores && storesKeep(loop, name.text)) || (leaves > 0 && refs === 1 + leaves);
  }

  /** Every store of the named function in the loop keeps it for later (keptByKey), as a function written there would be. */
  function storesKeep(loop: SyntaxNode, name: string): boolean {
    const sites = storeSites(loop).get(name) ?? [];
    return sites.every((s) => keptByKey(loop, s.container, s.key, sites.filter((t) => t.container.text === s.container.text).length));
  }

  /** Per loop: the names it stores under a key (storedInline), with where; one walk per loop. */
  const storeSites = perNode((loop: SyntaxNode): Map<string, { container: SyntaxNode; key: SyntaxNode }[]> => {
    const out = new Map<string, { container: SyntaxNode; key: SyntaxNode }[]>();
    for (const id of loop.descendantsOfType('identifier')) {
      const p = par(id);
      const stored = p && (p.type === 'assignment_expression' || p.type === 'arguments') ? storedInline(id, p) : undefined;
      if (!stored) continue;
      const list = out.get(id.text);
      if (list) list.push(stored);
      else out.set(id.text, [stored]);
    }
    return out;
  });

  /** The loop `node` is in, inside its own function; undefined when none is. */
  function loopAround(node: SyntaxNode): SyntaxNode | undefined {
    let loop: SyntaxNode | null = node;
    for (let i = 0; loop && i < MAX_DEPTH && !LOOP_TYPES.has(loop.type); i++) {
      if (FUNCTION_TYPES.has(loop.type)) return undefined;
      loop = par(loop);
    }
    return loop && LOOP_TYPES.has(loop.type) ? loop : undefined;
  }

  /**
   * A function written where it is stored under a key: `table[k] = fn`, or `table.set(k, fn)` or
   * `api.register…(k, fn)` with a key that is not a literal. The container and the key, or
   * undefined.
   */
  function storedInline(fn: SyntaxNode, p: SyntaxNode): { container: SyntaxNode; key: SyntaxNode } | undefined {
    if (p.type === 'assignment_expression') {
      const left = p.childForFieldName('left');
      const container = left?.childForFieldName('object');
      const key = left?.childForFieldName('index');
      return p.childForFieldName('right')?.id === fn.id && left?.type === 'subscript_expression' && container && key ? { container, key } : undefined;
    }
    const callee = par(p)?.childForFieldName('function');
    const method = callee?.type === 'member_expression' ? callee.childForFieldName('property')?.text : undefined;
    const container = callee?.childForFieldName('object');
    const args = p.namedChildren.filter((c) => c.type !== 'comment');
    const ok = method !== undefined && /^(?:set|register\w*)$/.test(method) && args.length === 2 && args[1]!.id === fn.id && args[0]!.type !== 'string' && args[0]!.type !== 'number';
    return ok && container ? { container, key: args[0]! } : undefined;
  }

  /**
   * Whether a function stored in `container` under `key` in a loop waits there to be called by key,
   * later: not when the key counts the loop's turns (`tasks[i] = async () => …`, `tasks[n++] = …`),
   * when the loop names the container again (`cbs.set(id, fn); cbs.get(id)()`: it may run it
   * there), or when the function runs the whole container after the loop (`Promise.all(tasks.map((t)
   * => t()))`, `Object.values(jobs)`, `for (const run of runs.values())`): then every one runs, one
   * per item. `stores`: how many stores of the function the loop makes in that container.
   */
  function keptByKey(loop: SyntaxNode, container: SyntaxNode, key: SyntaxNode, stores = 1): boolean {
    let k = key;
    while (k.type === 'parenthesized_expression' && k.namedChildren[0]) k = k.namedChildren[0];
    if (k.type === 'number' || k.type === 'update_expression') return false;
    if (k.type === 'identifier' && turnCounters(loop).has(k.text)) return false;
    const base = container.type === 'identifier' ? container.text : container.type === 'member_expression' ? container.childForFieldName('property')?.text : undefined;
    // named only where it stores (`stores` times: etherpad registers each handler under two names);
    // a container of another shape (`this.byKind[kind]`, `reg.get(g)`) by its text
    const named = base !== undefined ? (codeNamesIn(loop).get(base) ?? 0) : textCount(loop, container.text);
    if (named !== stores) return false;
    return !runsWholeAfter(loop, container.text);
  }

  /** How often `text` is written in the loop's text (a container of an uncommon shape); once per loop and text. */
  function textCount(loop: SyntaxNode, text: string): number {
    const byText = textCounts(loop);
    let n = byText.get(text);
    if (n === undefined) {
      n = loop.text.match(new RegExp(`(?<![\\w$.#])${escapeRegExp(text)}(?![\\w$])`, 'g'))?.length ?? 0;
      byText.set(text, n);
    }
    return n;
  }

  /**
   * The containers a function runs whole after a loop of it: what a `for…of` or `for…in` goes over
   * (also `.values()`, `.entries()`), what is spread (`[...tasks.values()]`), the argument of
   * `Object.values`/`Object.entries`/`Promise.all`…, the receiver of an iteration method whatever
   * its callback (`.map`, `.forEach`, `.reduce`…: `tasks.reduce((p, t) => p.then(t), …)`), and a
   * container whose element is called (`tasks[k]()`). Read from the tree (not comments or
   * strings), once per function: each container's last such offset. Handed to another call
   * (`async.parallelLimit(tasks, 4)`, `createTransport({ logger: sinks })`) it is not known to run.
   */
  const wholeRunsIn = perNode((fn: SyntaxNode): Map<string, number> => {
    const out = new Map<string, number>();
    const push = (c: SyntaxNode | null | undefined, at: number): void => {
      let x = c;
      while (x?.type === 'parenthesized_expression' || x?.type === 'await_expression') x = x.namedChildren[0];
      // `runs.values()`, `jobs.entries()`: the container itself
      if (x?.type === 'call_expression' && /\.(?:values|entries)$/.test(x.childForFieldName('function')?.text ?? '')) x = x.childForFieldName('function')?.childForFieldName('object');
      if (x) out.set(x.text, Math.max(at, out.get(x.text) ?? -1));
    };
    for (const n of fn.descendantsOfType(['for_in_statement', 'call_expression', 'spread_element'])) {
      if (n.type === 'for_in_statement') push(n.childForFieldName('right'), n.startIndex);
      else if (n.type === 'spread_element') push(n.namedChildren[0], n.startIndex);
      else {
        const callee = n.childForFieldName('function');
        const args = n.childForFieldName('arguments')?.namedChildren.filter((c) => c.type !== 'comment') ?? [];
        if (/^(?:Object\.(?:values|entries)|Promise\.(?:all|allSettled|race|any))$/.test(callee?.text ?? '')) push(args[0], n.startIndex);
        else if (callee?.type === 'member_expression' && ITERATION_RUNS.has(callee.childForFieldName('property')?.text ?? '')) push(callee.childForFieldName('object'), n.startIndex);
        else if (callee?.type === 'subscript_expression') push(callee.childForFieldName('object'), n.startIndex);
      }
    }
    return out;
  });

  /** Whether the function around a loop runs a container whole after it. */
  function runsWholeAfter(loop: SyntaxNode, container: string): boolean {
    let fn: SyntaxNode | null = par(loop);
    for (let i = 0; fn && i < MAX_DEPTH && !FUNCTION_TYPES.has(fn.type) && par(fn); i++) fn = par(fn);
    return fn !== null && (wholeRunsIn(fn).get(container) ?? -1) >= loop.endIndex;
  }

  function setupFunction(fn: SyntaxNode, idx: number, loopDepth: number): void {
    const info = summary.functions[idx]!;
    const extra = summary.fns[idx]!;
    info.name = clip(functionName(fn));
    info.key = `${path}#${idx}`;
    info.parent = currentFunc;
    extra.kind = fn.type === 'method_definition' ? (fn.childForFieldName('name')?.text === 'constructor' ? 'constructor' : 'method') : fn.type === 'arrow_function' ? 'arrow' : fn.type.includes('declaration') ? 'declaration' : 'expression';
    if (currentClass && (fn.type === 'method_definition' || par(fn)?.type === 'public_field_definition')) extra.cls = currentClass;
    extra.loopAtDef = loopDepth > 0 && storedForLater(fn) ? 0 : loopDepth;
    // method decorators are the class_body siblings just before the method
    if (fn.type === 'method_definition') {
      const decs: SyntaxNode[] = [];
      let s = fn.previousNamedSibling;
      while (s && s.type === 'decorator') {
        decs.unshift(s);
        s = s.previousNamedSibling;
      }
      decs.push(...fn.namedChildren.filter((c) => c.type === 'decorator'));
      const found = decoratorsOf(decs);
      if (found.length) extra.decorators = found;
    }
    // a function called where it is written, behind a once guard
    let called: SyntaxNode | null = par(fn);
    while (called?.type === 'parenthesized_expression') called = par(called);
    if (called?.type === 'call_expression' && unwrap(called.childForFieldName('function') ?? called).id === fn.id && onceGuardedCall(called)) extra.once = true;
    // iteration / timer callbacks
    const p = par(fn);
    if (p?.type === 'arguments') {
      const call = par(p);
      const callee = call?.childForFieldName('function');
      const prop = callee?.type === 'member_expression' ? callee.childForFieldName('property')?.text : undefined;
      if (prop && ITERATION_METHODS.has(prop) && p.namedChildren[0]?.id === fn.id) extra.iterCallback = true;
      const free = callee?.type === 'identifier' ? callee.text : callee?.type === 'member_expression' && /^(global|globalThis|window)$/.test(callee.childForFieldName('object')?.text ?? '') ? prop : undefined;
      if (free && TIMER_FUNCTIONS.has(free)) extra.timerCallback = true;
      if (prop === 'startActiveSpan') startActiveSpanCallback.add(idx);
    }
    // parameters
    const paramsNode = fn.childForFieldName('parameters') ?? fn.childForFieldName('parameter');
    const params: SyntaxNode[] = paramsNode ? (paramsNode.type === 'formal_parameters' ? paramsNode.namedChildren.filter((c) => c.type !== 'comment' && c.type !== 'decorator') : [paramsNode]) : [];
    params.forEach((pn, i) => {
      let pattern: SyntaxNode | null = pn;
      let annot: TsValue | undefined;
      let decorators = NO_NAMES;
      if (pn.type === 'required_parameter' || pn.type === 'optional_parameter') {
        pattern = pn.childForFieldName('pattern');
        annot = typeValue(pn.childForFieldName('type'));
        const found = decoratorsOf(pn.namedChildren.filter((c) => c.type === 'decorator'));
        // a key picks one field (`@Body('name')`, `@Headers('x-signature')`): the parameter is not the whole body or headers
        if (found.length) decorators = found.filter((d) => d.arg === undefined).map((d) => d.name);
      }
      const rest = pattern?.type === 'rest_pattern';
      const inner = rest ? pattern!.namedChildren[0] ?? null : pattern;
      const core = inner?.type === 'assignment_pattern' ? inner.childForFieldName('left') : inner;
      const name = core?.type === 'identifier' ? core.text : core?.text ?? `#${i}`;
      if (!annot && startActiveSpanCallback.has(idx) && i === 0) annot = { root: { kind: 'typeref', source: '@opentelemetry/api', name: 'Span' }, path: NO_PATH };
      const tp: TsParam = { name: clip(name), decorators, rest };
      const annotText = pn.childForFieldName('type')?.text.replace(/^:\s*/, '');
      if (annotText && !/^(any|unknown|object|Object|\{\s*\})$/.test(annotText)) tp.typed = true;
      if (annot) tp.annot = annot;
      extra.params.push(tp);
      info.params.push({ name: tp.name, type: '' });
      const pv: TsValue = { root: { kind: 'param', func: idx, index: i }, path: NO_PATH };
      bindPattern(core, pv);
      // parameter properties: constructor(private readonly svc: Svc)
      if (extra.kind === 'constructor' && pn.namedChildren.some((c) => c.type === 'accessibility_modifier' || c.type === 'override_modifier') || (extra.kind === 'constructor' && /^\s*readonly\b/.test(pn.text))) {
        const cls = classByName.get(currentClass);
        if (cls && core?.type === 'identifier') cls.fields[core.text] = annot ?? pv;
      }
    });
    // a factory's result: an arrow's expression body (`(meta) => base.child(meta)`)
    if (fn.type === 'arrow_function') {
      const body = fn.childForFieldName('body');
      if (body && RETURNED_VALUES.has(body.type)) {
        const v = valueOf(body);
        if (v && v.root.kind !== 'param') (summary.factories ??= {})[idx] = v;
      }
    }
  }
  // ---- the walk -------------------------------------------------------------------------------
  /** a node to visit, or what to do when the walk leaves one (pushed before its children) */
  type Frame = SyntaxNode | (() => void);
  function walk(start: SyntaxNode): void {
    const stack: Frame[] = [start];
    while (stack.length) {
      const frame = stack.pop()!;
      if (typeof frame === 'function') {
        frame();
        continue;
      }
      const node = frame;
      // every named node of the file comes here: its type is read once
      const type = node.type;
      if (type === 'interface_declaration' || type === 'type_alias_declaration') namedType(node);
      if (mayHoldResolvers) {
        if (type === 'pair') graphqlRoots(node);
        else if (type === 'variable_declarator') graphqlRootVariable(node);
      }
      if (rootTypeFile && type === 'object' && exportedWhole(node)) rootFields(rootTypeFile, node);
      if (FUNCTION_TYPES.has(type)) {
        const idx = funcIndex.get(node.id)!;
        const savedFunc = currentFunc;
        const loopHere = loopStack[loopStack.length - 1]!;
        scopes.push(undefined);
        setupFunction(node, idx, loopHere);
        currentFunc = idx;
        loopStack.push(summary.fns[idx]!.iterCallback ? 1 : 0);
        catchStack.push(rejectionHandler(node));
        thisStack.push(thisIn(node));
        const depthAtEntry = scopes.length;
        stack.push(() => {
          while (scopes.length >= depthAtEntry) scopes.pop();
          loopStack.pop();
          catchStack.pop();
          thisStack.pop();
          currentFunc = savedFunc;
        });
        const body = node.childForFieldName('body');
        if (body) stack.push(body);
        continue;
      }
      switch (type) {
        case 'class_declaration':
        case 'abstract_class_declaration':
        case 'class': {
          const name = node.childForFieldName('name')?.text ?? `class@${span(node).line}`;
          const cls: TsClass = { name, decorators: decoratorsOf(node.namedChildren.filter((c) => c.type === 'decorator')), fields: {}, methods: {}, base: undefined, writes: undefined, statics: undefined, getters: undefined };
          const heritage = node.namedChildren.find((c) => c.type === 'class_heritage');
          const ext = heritage?.namedChildren.find((c) => c.type === 'extends_clause')?.namedChildren[0] ?? (heritage && heritage.namedChildren[0]?.type !== 'implements_clause' ? heritage.namedChildren[0] : undefined);
          const base = ext ? valueOf(ext) : undefined;
          if (base) cls.base = base;
          const classBody = node.childForFieldName('body');
          if (classBody && LOGGER_CLASS.test(name) && namesConsole(classBody)) cls.writes = true;
          // decorators of an exported class sit on the export statement
          if (par(node)?.type === 'export_statement') cls.decorators.push(...decoratorsOf(par(node)!.namedChildren.filter((c) => c.type === 'decorator')));
          summary.classes.push(cls);
          classByName.set(name, cls);
          if (node.type !== 'class' && currentFunc < 0) define(name, { root: { kind: 'class', cls: name }, path: NO_PATH });
          const saved = currentClass;
          const body = node.childForFieldName('body');
          stack.push(() => (currentClass = saved));
          if (body) {
            body.pushNamedChildren(stack);
            // methods first (registered on entry so fields know them); static ones apart, accessors not
            for (const m of body.namedChildren) {
              if (m.type === 'method_definition') {
                const mn = m.childForFieldName('name')?.text;
                const idx = funcIndex.get(m.id);
                const kw = memberKeywords(m);
                if (mn && idx !== undefined && !kw.has('get') && !kw.has('set')) memberTable(cls, kw.has('static'))[mn] = idx;
                else if (mn && idx !== undefined && kw.has('get') && !kw.has('static')) (cls.getters ??= {})[mn] = idx;
              }
            }
          }
          stack.push(() => (currentClass = name));
          continue;
        }
        case 'public_field_definition':
        case 'field_definition': {
          const fname = (node.childForFieldName('name') ?? node.childForFieldName('property'))?.text;
          const valueNode = node.childForFieldName('value');
          const cls = classByName.get(currentClass);
          const isStatic = memberKeywords(node).has('static');
          thisStack.push(isStatic ? { kind: 'class', cls: currentClass } : undefined);
          stack.push(() => {
            thisStack.pop();
            if (!cls || !fname) return;
            const v = typeValue(node.childForFieldName('type')) ?? valueOf(valueNode);
            if (v) cls.fields[fname] = v;
            if (valueNode && (valueNode.type === 'arrow_function' || valueNode.type === 'function_expression')) {
              const idx = funcIndex.get(valueNode.id);
              if (idx !== undefined) memberTable(cls, isStatic)[fname] = idx;
            }
          });
          if (valueNode) stack.push(valueNode);
          continue;
        }
        case 'statement_block': {
          if (FUNCTION_TYPES.has(par(node)?.type ?? '')) {
            hoistFunctions(node);
            node.pushNamedChildren(stack);
            continue;
          }
          scopes.push(undefined);
          const d = scopes.length;
          stack.push(() => { while (scopes.length >= d) scopes.pop(); });
          hoistFunctions(node);
          node.pushNamedChildren(stack);
          continue;
        }
        case 'for_statement':
        case 'for_in_statement':
        case 'while_statement':
        case 'do_statement': {
          const body = node.childForFieldName('body');
          scopes.push(undefined);
          const d = scopes.length;
          stack.push(() => { while (scopes.length >= d) scopes.pop(); });
          // a retry loop with a small literal bound (`while (attempts < 3)`) is not per item
          const step = isSmallBoundedLoop(node) ? 0 : 1;
          if (body) {
            stack.push(() => (loopStack[loopStack.length - 1]! -= step));
            stack.push(body);
            stack.push(() => (loopStack[loopStack.length - 1]! += step));
          }
          if (node.type === 'for_in_statement') {
            const left = node.childForFieldName('left');
            const right = node.childForFieldName('right');
            stack.push(() => {
              const rv = valueOf(right);
              const isOf = node.children.some((c) => c.type === 'of');
              bindPattern(left, rv ? { root: rv.root, path: [...rv.path, isOf ? '[]' : 'keys'] } : undefined);
            });
            if (right) stack.push(right);
            continue;
          }
          const ch = node.namedChildren;
          for (let i = ch.length - 1; i >= 0; i--) if (ch[i] !== body) stack.push(ch[i]!);
          continue;
        }
        case 'catch_clause': {
          scopes.push(undefined);
          const d = scopes.length;
          const param = node.childForFieldName('parameter');
          if (param) bindPattern(param, { root: { kind: 'catch' }, path: NO_PATH });
          catchStack.push(true);
          stack.push(() => { catchStack.pop(); while (scopes.length >= d) scopes.pop(); });
          const body = node.childForFieldName('body');
          if (body) stack.push(body);
          continue;
        }
        case 'variable_declarator': {
          stack.push(() => declareVariable(node));
          const v = node.childForFieldName('value');
          // a function stored in a local can name itself in its body (`const poll = () => setTimeout(poll, ms)`)
          const name = node.childForFieldName('name');
          const idx = v && name?.type === 'identifier' ? funcIndex.get(unwrap(v).id) : undefined;
          if (idx !== undefined) define(name!.text, { root: { kind: 'func', func: idx }, path: NO_PATH });
          if (v) stack.push(v);
          continue;
        }
        case 'call_expression':
        case 'new_expression': {
          stack.push(() => recordCall(node));
          node.pushNamedChildren(stack);
          continue;
        }
        case 'if_statement':
        case 'binary_expression': {
          // `if (isDev) { … }`, `if (NODE_ENV === 'production') { … } else { … }`, `isDev && …`:
          // the branch that runs only outside production is walked as such
          const devPart = mayTestEnv ? devBranch(node) : undefined;
          if (!devPart) {
            node.pushNamedChildren(stack);
            continue;
          }
          const ch = node.namedChildren;
          for (let i = ch.length - 1; i >= 0; i--) {
            if (ch[i]!.id !== devPart.id) {
              stack.push(ch[i]!);
              continue;
            }
            stack.push(() => devDepth--);
            stack.push(ch[i]!);
            stack.push(() => devDepth++);
          }
          continue;
        }
        case 'assignment_expression': {
          stack.push(() => recordAssignment(node));
          node.pushNamedChildren(stack);
          continue;
        }
        default:
          node.pushNamedChildren(stack);
      }
    }
  }

  /**
   * What `this` is in function `fn`, entered from where the walk is (see thisStack). A plain
   * `function` gets its `this` from its caller (a library calling it back, `new`): not the class
   * it is written in, unless it is a class field or is bound to the enclosing `this`
   * (`function () {…}.bind(this)`, `.call(this)`, `items.forEach(function () {…}, this)`).
   */
  function thisIn(fn: SyntaxNode): TsRoot | undefined {
    const outer = thisStack[thisStack.length - 1];
    if (fn.type === 'arrow_function') return outer;
    if (fn.type === 'method_definition') {
      return par(fn)?.type === 'class_body' && memberKeywords(fn).has('static') ? { kind: 'class', cls: currentClass } : undefined;
    }
    const p = par(fn);
    if (p?.type === 'public_field_definition' || p?.type === 'field_definition') return outer;
    return boundToThis(fn) ? outer : UNKNOWN_THIS;
  }

  /** `fn.bind(this)`, `fn.call(this, …)`, `fn.apply(this, …)`, `items.forEach(fn, this)` */
  function boundToThis(fn: SyntaxNode): boolean {
    let n = fn;
    while (par(n)?.type === 'parenthesized_expression') n = par(n)!;
    const p = par(n);
    if (p?.type === 'member_expression' && p.childForFieldName('object')?.id === n.id && /^(bind|call|apply)$/.test(p.childForFieldName('property')?.text ?? '')) {
      const call = par(p);
      return call?.type === 'call_expression' && call.childForFieldName('arguments')?.namedChildren[0]?.type === 'this';
    }
    if (p?.type === 'arguments' && p.namedChildren[0]?.id === n.id && p.namedChildren[1]?.type === 'this') {
      const callee = par(p)?.childForFieldName('function');
      return callee?.type === 'member_expression' && ITERATION_METHODS.has(callee.childForFieldName('property')?.text ?? '');
    }
    return false;
  }

  /** Function declarations are hoisted within their block. */
  function hoistFunctions(block: SyntaxNode): void {
    for (const c of block.namedChildren) {
      const fn = c.type === 'export_statement' ? c.childForFieldName('declaration') : c;
      if (fn && (fn.type === 'function_declaration' || fn.type === 'generator_function_declaration')) {
        const name = fn.childForFieldName('name')?.text;
        const idx = funcIndex.get(fn.id);
        if (name && idx !== undefined) define(name, { root: { kind: 'func', func: idx }, path: NO_PATH });
      }
    }
  }

  function recordAssignment(node: SyntaxNode): void {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    if (!left || !right) return;
    // this.x = … in a class: a field
    if (left.type === 'member_expression' && left.childForFieldName('object')?.type === 'this') {
      const cls = classByName.get(currentClass);
      const f = left.childForFieldName('property')?.text;
      const v = valueOf(right);
      if (cls && f && v && !(f in cls.fields)) cls.fields[f] = v;
      return;
    }
    // module.exports = x / exports.x = x / module.exports.x = x
    const lt = foldText(left.text);
    const v = valueOf(right);
    if (lt === 'module.exports') {
      if (v) summary.exports['='] = v;
      if (unwrap(right).type === 'object') exportObjectLiteral(unwrap(right));
      return;
    }
    const m = /^(?:module\.)?exports\.([\w$]+)$/.exec(lt);
    if (m && v) {
      summary.exports[m[1]!] = v;
      return;
    }
    if (left.type === 'identifier' && v) {
      const b = lookup(left.text);
      if (b && b.value.root.kind === 'unknown') {
        b.value = v;
        b.renamed = true;
      }
    }
  }

  function exportObjectLiteral(obj: SyntaxNode): void {
    for (const p of obj.namedChildren) {
      if (p.type === 'shorthand_property_identifier') {
        const v = valueOf(p);
        if (v) summary.exports[p.text] = v;
      } else if (p.type === 'pair') {
        const k = p.childForFieldName('key');
        const key = k ? stringValue(k) ?? k.text : undefined;
        const v = valueOf(p.childForFieldName('value'));
        if (key && v) summary.exports[key] = v;
      } else if (p.type === 'method_definition') {
        const key = p.childForFieldName('name')?.text;
        const idx = funcIndex.get(p.id);
        if (key && idx !== undefined) summary.exports[key] = { root: { kind: 'func', func: idx }, path: NO_PATH };
      }
    }
  }

  /** The part of an `if` or `&&` that runs only outside production, if it has one. */
  function devBranch(node: SyntaxNode): SyntaxNode | undefined {
    if (node.type === 'binary_expression') {
      const right = node.childForFieldName('right');
      return node.childForFieldName('operator')?.text === '&&' && right && envTest(node.childForFieldName('left'))?.dev ? right : undefined;
    }
    const t = envTest(node.childForFieldName('condition'));
    return (t?.dev ? node.childForFieldName('consequence') : t?.prod ? node.childForFieldName('alternative') : null) ?? undefined;
  }

  /** The flag a module-level name imports, if any (imports are not bindings: `import { isDev } from './env'`). */
  function importedFlagNamed(name: string): EnvTest | undefined {
    const b = lookup(name);
    if (b) return b.global ? importedFlag(name, b.value) : undefined;
    const imp = imports.get(name);
    return imp ? importedFlag(name, { root: { kind: 'import', source: imp.source, name: imp.name }, path: NO_PATH }) : undefined;
  }

  /** `import { isDev } from …`, `const { isDev } = require(…)` (a member of the module), a default import: the flag its name says. */
  function importedFlag(written: string, value: TsValue): EnvTest | undefined {
    const { root, path } = value;
    if (root.kind !== 'import') return undefined;
    const whole = root.name === '*' || root.name === 'default';
    const name = path.length === 0 ? (whole ? written : root.name) : whole && path.length === 1 ? path[0]! : undefined;
    return name === undefined ? undefined : DEV_FLAG.test(name) ? DEV : PROD_FLAG.test(name) ? PROD : undefined;
  }

  /**
   * What an expression's truth says of the environment (EnvTest): true only outside production
   * (`dev`: `if (false)`, `process.env.NODE_ENV === 'development'` or `'test'`, `!== 'production'`),
   * or always true in production (`prod`: `=== 'production'`, `!== 'development'`), through `!`
   * (which swaps them), `&&`, `||`, parentheses, a module-level const of this file set to such a
   * test, or an imported flag named for it (`isDev`, `IS_DEVELOPMENT`, `isProduction`; a local or
   * a parameter of that name is not one). A file that assigns `process.env.NODE_ENV` (a default
   * of `'development'`) has its tests of it read as nothing.
   */
  function envTest(node: SyntaxNode | null | undefined, depth = 0): EnvTest | undefined {
    if (!node || depth > 8) return undefined;
    const e = unwrap(node);
    switch (e.type) {
      case 'false':
        return DEV;
      case 'unary_expression': {
        const t = e.childForFieldName('operator')?.text === '!' ? envTest(e.childForFieldName('argument'), depth + 1) : undefined;
        return t && envFacts(t.prod, t.dev);
      }
      case 'identifier': {
        const b = lookup(e.text);
        if (b && !b.global) return undefined;
        const t = envConsts.get(e.text);
        if (t) return t;
        return e.text === '__DEV__' && !b && !imports.has(e.text) ? DEV : importedFlagNamed(e.text);
      }
      case 'call_expression': {
        // `['development', 'staging'].includes(process.env.NODE_ENV)`: true only outside production
        const fn = e.childForFieldName('function');
        if (fn?.type === 'member_expression' && fn.childForFieldName('property')?.text === 'includes') {
          const list = unwrap(fn.childForFieldName('object') ?? fn);
          const first = e.childForFieldName('arguments')?.namedChildren.find((c) => c.type !== 'comment');
          let arg = first && unwrap(first);
          const envs = list.type === 'array' ? list.namedChildren.map((c) => stringValue(c)) : [];
          // behind a default (`?? ''`): one the list does not hold, or the test is true without NODE_ENV
          if (arg?.type === 'binary_expression' && /^(?:\?\?|\|\|)$/.test(arg.childForFieldName('operator')?.text ?? '')) {
            const right = arg.childForFieldName('right');
            const fallback = right ? stringValue(unwrap(right)) : undefined;
            if (fallback === undefined || envs.includes(fallback)) return undefined;
            const left = arg.childForFieldName('left');
            arg = left ? unwrap(left) : arg;
          }
          const dev = envs.length > 0 && envs.every((v) => v !== undefined && (DEV_ENVS.has(v) || v === 'staging'));
          return dev && arg && !setsNodeEnv && NODE_ENV.test(arg.text) ? DEV : undefined;
        }
        // an imported function named for it, called with nothing: `if (isDevelopmentMode())` (evershop)
        if (fn?.type !== 'identifier' || (e.childForFieldName('arguments')?.namedChildCount ?? 1) > 0) return undefined;
        return importedFlagNamed(fn.text);
      }
      case 'binary_expression': {
        const op = e.childForFieldName('operator')?.text;
        const left = e.childForFieldName('left');
        const right = e.childForFieldName('right');
        if (op === '&&' || op === '||') {
          const l = envTest(left, depth + 1);
          const r = envTest(right, depth + 1);
          // a && b is true only outside production if either is, and always true in production if both are; || the reverse
          return op === '&&' ? envFacts(!!(l?.dev || r?.dev), !!(l?.prod && r?.prod)) : envFacts(!!(l?.dev && r?.dev), !!(l?.prod || r?.prod));
        }
        if (op !== '===' && op !== '==' && op !== '!==' && op !== '!=') return undefined;
        const onRight = stringValue(right && unwrap(right));
        const [lit, other] = onRight !== undefined ? [onRight, left] : [stringValue(left && unwrap(left)), right];
        if (lit === undefined || !other || setsNodeEnv || !NODE_ENV.test(unwrap(other).text)) return undefined;
        const equal = op === '===' || op === '==';
        if (lit === 'production') return equal ? PROD : DEV;
        return DEV_ENVS.has(lit) ? (equal ? DEV : PROD) : undefined;
      }
      default:
        return undefined;
    }
  }

  function recordCall(node: SyntaxNode): void {
    if (devDepth > 0) return;
    const isNew = node.type === 'new_expression';
    const fnNode = node.childForFieldName(isNew ? 'constructor' : 'function');
    if (!fnNode) return;
    if (!isNew && requireSource(node) !== undefined) return;
    const argsNode = node.childForFieldName('arguments');
    const args: TsArg[] = [];
    for (const a of argsNode?.namedChildren ?? []) {
      if (a.type === 'comment') continue;
      const spread = a.type === 'spread_element';
      const e = spread ? a.namedChildren[0] ?? a : a;
      // (every argument has the same fields, set or undefined, as calls do: recordCall)
      const arg: TsArg = { text: foldClip(a.text, MAX_TEXT), span: span(a), parts: [], value: undefined, spread: undefined, literal: undefined, keys: undefined, inner: undefined };
      valueReach = 0;
      const v = valueOf(e);
      if (v) arg.value = v;
      current = { start: a.startIndex, end: a.endIndex, arg, reach: valueReach };
      if (spread) arg.spread = true;
      const lit = stringValue(unwrap(e));
      if (lit !== undefined) arg.literal = lit;
      const u = unwrap(e);
      if (u.type === 'object') {
        // one list layout whether the object has keys or not (emptyList)
        const keys: string[] = emptyList();
        for (const p of u.namedChildren) {
          const key = p.type === 'pair' ? p.childForFieldName('key')?.text : p.type === 'shorthand_property_identifier' ? p.text : undefined;
          if (key) keys.push(key);
        }
        arg.keys = keys;
      }
      const inner = innerValues(u);
      if (inner.length) arg.inner = inner;
      partsOf(e, spread ? ['spread'] : NO_VIA, 0, arg.parts);
      if (arg.parts.length === 0) arg.parts = NO_PARTS;
      args.push(arg);
    }
    const callee = valueOf(fnNode);
    const call: TsCall = {
      calleeText: foldClip(fnNode.text, MAX_TEXT),
      isNew,
      args: args.length ? args : NO_ARGS,
      span: span(node),
      text: foldClip(node.text, MAX_TEXT),
      func: currentFunc,
      loopDepth: Math.max(0, loopStack[loopStack.length - 1]! - (loopStack[loopStack.length - 1]! > 0 ? loopsLeftAfter(node) : 0)),
      inCatch: catchStack[catchStack.length - 1]!,
      memoized: (isNew || /toLocale|DateTimeFormat|tz/.test(fnNode.text.slice(-40))) && isMemoized(node),
      // every call has the same fields, set or undefined (JSON leaves the latter out): fields
      // added to some calls only gave the model's reads of calls up to 16 shapes to tell apart
      exits: mayExit && exitsAfter(node) ? true : undefined,
      callee,
      once: onceGuardedCall(node) ? true : undefined,
      sole: currentFunc >= 0 && soleCall(node) ? true : undefined,
    };
    summary.calls.push(call);
  }

  /**
   * The call is all its function does: the function's one statement (`function error(m) {
   * log(\`ERROR: ${m}\`); }`, also returned) or an arrow's body. A function that does more and
   * logs its parameter on the way is no logger.
   */
  function soleCall(node: SyntaxNode): boolean {
    let n: SyntaxNode = node;
    for (let p = par(n); p && (p.type === 'await_expression' || p.type === 'parenthesized_expression'); p = par(n)) n = p;
    let stmt = par(n);
    if (stmt && FUNCTION_TYPES.has(stmt.type)) return stmt.childForFieldName('body')?.id === n.id;
    if (stmt?.type !== 'expression_statement' && stmt?.type !== 'return_statement') return false;
    const body = par(stmt);
    if (body?.type !== 'statement_block' || !FUNCTION_TYPES.has(par(body)?.type ?? '')) return false;
    return body.namedChildren.every((c) => c.id === stmt!.id || c.type === 'comment');
  }

  function innerValues(u: SyntaxNode): { key?: string; value: TsValue }[] {
    const out: { key?: string; value: TsValue }[] = [];
    const kids = u.type === 'call_expression' ? u.childForFieldName('arguments')?.namedChildren ?? [] : u.type === 'array' ? u.namedChildren : [];
    for (const k of kids.slice(0, 16)) {
      const v = valueOf(k);
      if (v) out.push({ value: v });
    }
    if (u.type === 'object') {
      for (const p of u.namedChildren.slice(0, 64)) {
        if (p.type === 'pair') {
          const key = p.childForFieldName('key');
          const v = valueOf(p.childForFieldName('value'));
          if (v && key) out.push({ key: stringValue(key) ?? key.text, value: v });
        } else if (p.type === 'shorthand_property_identifier') {
          const v = valueOf(p);
          if (v) out.push({ key: p.text, value: v });
        } else if (p.type === 'method_definition') {
          const idx = funcIndex.get(p.id);
          const key = p.childForFieldName('name')?.text;
          if (idx !== undefined && key) out.push({ key, value: { root: { kind: 'func', func: idx }, path: NO_PATH } });
        }
      }
    }
    return out;
  }

  /**
   * A promise's rejection handler, `p.catch((e) => …)` or `p.then(ok, (e) => …)`: its body runs as a
   * `catch` block does, on a failure (the anything-llm audit: a `.catch` in a paging loop that ends it).
   */
  function rejectionHandler(fn: SyntaxNode): boolean {
    const args = par(fn);
    if (args?.type !== 'arguments') return false;
    const call = par(args);
    const callee = call?.type === 'call_expression' ? call.childForFieldName('function') : null;
    if (callee?.type !== 'member_expression') return false;
    const method = callee.childForFieldName('property')?.text;
    const at = args.namedChildren.findIndex((a) => a.id === fn.id);
    return (method === 'catch' && at === 0) || (method === 'then' && at === 1);
  }

  /**
   * How many of its function's loops the statement holding the call leaves right after it runs
   * (so that it runs once for them): 0, 1, or all (Infinity). A `break` leaves its loop; a
   * `return` every loop of the function (nested ones too: the vendure audit's `return` in a `while`
   * in a `for…of`), but in a forEach/map callback only the callback's own loops, as it ends one
   * item; a `throw` every loop, unless a `try` in the function catches it: then its loop, unless
   * one in that loop does. In a callback (outside any loop of its own) a `return` ends one
   * iteration and there is no `break`; a throw in an async callback rejects its item's promise only.
   */
  function loopsLeftAfter(call: SyntaxNode): number {
    let stmt: SyntaxNode | null = call;
    for (let i = 0; stmt && i < 8 && !stmt.type.endsWith('statement'); i++) stmt = par(stmt);
    if (!stmt || stmt.type !== 'expression_statement') return 0;
    const callback = currentFunc >= 0 && summary.fns[currentFunc]!.iterCallback;
    const left = loopsLeftAfterStatement(stmt, callback);
    return left === 0 && sampledTurns(stmt, callback) ? 1 : left;
  }

  /**
   * Whether an `if` between the statement and its innermost loop (or iteration callback) samples
   * that loop's turns (`if (count % 1000 === 0) console.log(…)`: sampling.ts), so that the
   * statement does not repeat per item of it. A small or retry-bounded loop does not count anyway.
   */
  function sampledTurns(stmt: SyntaxNode, callback: boolean): boolean {
    return sampledBy(
      stmt,
      (p) => LOOP_TYPES.has(p.type) || FUNCTION_TYPES.has(p.type),
      (at) => ((LOOP_TYPES.has(at.type) ? isSmallBoundedLoop(at) : !callback) ? undefined : turnCounters(at)),
      MAX_DEPTH,
    );
  }

  /**
   * The names that count a loop's turns (or an iteration callback's): a `for`'s updated variable
   * (`i++`), a name a statement of the body itself increments by one (`n++`, `++n`, `n += 1`; not
   * one under an `if` or in an inner loop, which may stay put while items go by, nor a sum), and a callback's index
   * parameter (`items.forEach((it, i) => …)`). Worked out once per loop.
   */
  const turnCounters = perNode((loop: SyntaxNode): Set<string> => {
    const out = new Set<string>();
    const bump = (st: SyntaxNode | null | undefined): void => {
      let e = st?.type === 'expression_statement' ? st.namedChildren[0] : st;
      while (e?.type === 'parenthesized_expression') e = e.namedChildren[0];
      if (e?.type === 'update_expression' && e.text.includes('++')) {
        const arg = e.childForFieldName('argument');
        if (arg?.type === 'identifier') out.add(arg.text);
      } else if (e?.type === 'augmented_assignment_expression' && e.childForFieldName('operator')?.text === '+=' && e.childForFieldName('right')?.text === '1') {
        const left = e.childForFieldName('left');
        if (left?.type === 'identifier') out.add(left.text);
      }
    };
    const isLoop = LOOP_TYPES.has(loop.type);
    if (isLoop) bump(loop.childForFieldName('increment'));
    else {
      const params = loop.childForFieldName('parameters')?.namedChildren.filter((c) => c.type !== 'comment') ?? [];
      // (reduce's callback takes the accumulator first: its index is the third parameter)
      const call = par(par(loop) ?? loop);
      const fnNode = call?.type === 'call_expression' ? call.childForFieldName('function') : null;
      const method = fnNode?.type === 'member_expression' ? fnNode.childForFieldName('property')?.text : undefined;
      const index = params[method === 'reduce' || method === 'reduceRight' ? 2 : 1];
      const id = index?.type === 'identifier' ? index : index?.childForFieldName('pattern');
      if (id?.type === 'identifier') out.add(id.text);
    }
    const body = loop.childForFieldName('body');
    for (const st of body?.type === 'statement_block' ? body.namedChildren : [body]) bump(st);
    return out;
  });

  /**
   * How many loops a statement's turn leaves after it: a `return` (every loop; an iteration
   * callback's own only), a `break` of its loop, or a `throw` (up to a `try` that keeps it) after it
   * in its block, or after a statement around it up to its loop's body (trilium's custom handlers:
   * the line in an `if`, the loop body returning after that `if`; a `break` of a `switch` goes on
   * after the switch); a statement that leaves whichever way it goes counts as a `return` (an
   * `if`/`else` or `try`/`catch` whose every branch returns or throws, `process.exit()`). What may
   * `continue` the loop on the way ends the search: a statement after the line, a `catch` or
   * `finally` after the `try` it is in, a later `case` it may fall into; so does a labelled `break`.
   */
  function loopsLeftAfterStatement(stmt: SyntaxNode, callback: boolean): number {
    const depth = loopStack[loopStack.length - 1]!;
    const inCallback = callback && depth === 1;
    const block = par(stmt);
    // (from a `case` too: a switch inside the flag's block)
    const once = block ? onceGuarded(block) : 0;
    if (once > 0) return once;
    let cur = stmt;
    climb: for (let i = 0; i < MAX_DEPTH; i++) {
      const p: SyntaxNode | null = par(cur);
      if (!p || LOOP_TYPES.has(p.type) || FUNCTION_TYPES.has(p.type)) return 0;
      if (p.type === 'try_statement' || p.type === 'catch_clause') {
        const t = p.type === 'try_statement' ? p : par(p);
        for (const field of ['handler', 'finalizer']) {
          const part = t?.childForFieldName(field);
          if (part && part.id !== p.id && part.id !== cur.id && continues(part)) return 0;
        }
      }
      if (p.type === 'switch_case' || p.type === 'switch_default') {
        for (let later = p.nextNamedSibling; later; later = later.nextNamedSibling) if (continues(later)) return 0;
      }
      if (p.type === 'statement_block' || p.type === 'switch_case' || p.type === 'switch_default') {
        const next = nextOutcomes(p)[inCallback ? 1 : 0].get(cur.id);
        if (next) {
          switch (next.kind) {
            case 'throw': {
              const left = loopsBeforeCatch(next.at);
              // a throw out of an async iteration callback rejects its item's promise only: the items go on
              return left === Infinity && callback && asyncFunctionOf(next.at) ? depth - 1 : left;
            }
            // the process ends there: no turn of any loop follows (evershop's extension checks)
            case 'exit':
              return Infinity;
            case 'leave':
              return callback ? depth - 1 : Infinity;
            case 'break': {
              if (next.at.namedChildCount > 0) return 0;
              const target = breakTarget(next.at);
              if (target && LOOP_TYPES.has(target.type)) return 1;
              if (target?.type !== 'switch_statement') return 0;
              // on after the switch
              cur = target;
              continue climb;
            }
            default:
              return 0;
          }
        }
      }
      cur = p;
    }
    return 0;
  }

  /**
   * Per statement of a block (by id), the first statement after it that decides how the turn goes
   * on: a `throw`, `process.exit()`, one that always leaves, a `break`, or one that may `continue`
   * (`stop`); for the statements of an iteration callback's own body, only the first two count.
   * Worked out once per block, from its last statement back.
   */
  type Outcome = { kind: 'throw' | 'exit' | 'leave' | 'break' | 'stop'; at: SyntaxNode };
  const nextOutcomes = perNode((block: SyntaxNode): [Map<number, Outcome>, Map<number, Outcome>] => {
    const plain = new Map<number, Outcome>();
    const inCallback = new Map<number, Outcome>();
    let acc: Outcome | undefined;
    let accCallback: Outcome | undefined;
    const kids = block.namedChildren;
    for (let i = kids.length - 1; i >= 0; i--) {
      const s = kids[i]!;
      if (acc) plain.set(s.id, acc);
      if (accCallback) inCallback.set(s.id, accCallback);
      const exit = s.type === 'expression_statement' && PROCESS_EXIT.test(s.text);
      const own: Outcome['kind'] | undefined =
        s.type === 'throw_statement' ? 'throw' : exit ? 'exit' : alwaysLeaves(s) ? 'leave' : s.type === 'break_statement' ? 'break' : continues(s) ? 'stop' : undefined;
      if (own) acc = { kind: own, at: s };
      if (own === 'throw' || own === 'exit') accCallback = { kind: own, at: s };
    }
    return [plain, inCallback];
  });

  /** What an unlabelled `break` leaves: the nearest `switch` or loop around it (undefined past a function). */
  function breakTarget(brk: SyntaxNode): SyntaxNode | undefined {
    for (let n = par(brk), i = 0; n && i < MAX_DEPTH; n = par(n), i++) {
      if (FUNCTION_TYPES.has(n.type)) return undefined;
      if (n.type === 'switch_statement' || LOOP_TYPES.has(n.type)) return n;
    }
    return undefined;
  }

  /** A statement that may go on to the loop's next turn: a `continue`, or one it holds for that loop (worked out once per node). */
  const continues = perNode((s: SyntaxNode): boolean => s.type === 'continue_statement' || (!LOOP_TYPES.has(s.type) && !FUNCTION_TYPES.has(s.type) && mayContinue(s, TS_GUARDS)));

  const alwaysLeaves = perNode((s: SyntaxNode): boolean => {
    if (leavesDepth > 64) return false;
    leavesDepth++;
    try {
      return leaves(s);
    } finally {
      leavesDepth--;
    }
  });
  function leaves(s: SyntaxNode | null | undefined): boolean {
    if (!s) return false;
    switch (s.type) {
      case 'return_statement':
        return true;
      case 'throw_statement':
        return loopsBeforeCatch(s) === Infinity;
      case 'expression_statement':
        return PROCESS_EXIT.test(s.text);
      case 'statement_block':
        for (const c of s.namedChildren) {
          if (alwaysLeaves(c)) return true;
          if (continues(c) || c.type === 'break_statement') return false;
        }
        return false;
      case 'else_clause': {
        const body = s.namedChildren.find((c) => c.type !== 'comment');
        return body !== undefined && alwaysLeaves(body);
      }
      case 'if_statement': {
        const cons = s.childForFieldName('consequence');
        const alt = s.childForFieldName('alternative');
        return !!cons && !!alt && alwaysLeaves(cons) && alwaysLeaves(alt);
      }
      case 'try_statement': {
        const fin = s.childForFieldName('finalizer');
        const finBody = fin?.childForFieldName('body') ?? fin?.namedChildren.find((c) => c.type === 'statement_block');
        if (finBody && alwaysLeaves(finBody)) return true;
        const body = s.childForFieldName('body');
        const handler = s.childForFieldName('handler')?.childForFieldName('body');
        return !!body && alwaysLeaves(body) && (!s.childForFieldName('handler') || (!!handler && alwaysLeaves(handler)));
      }
      default:
        return false;
    }
  }

  /**
   * A call on the way out of the process (Go's exitsAfter, for TS/JS): one of the few statements
   * after its statement, in its block or a block around it, is `process.exit(…)`, with no
   * statement before it that holds a `return`, `break`, `continue` or `throw`; a loop or a function
   * around the call ends the search. It runs once per process (NodeBB's installer writes a stack,
   * then exits).
   */
  function exitsAfter(call: SyntaxNode): boolean {
    let n: SyntaxNode | null = call;
    for (let i = 0; n && i < 8 && !n.type.endsWith('statement'); i++) n = par(n);
    // `return console.error(err.stack)`: the function ends there, before any exit after it
    if (!n || JUMP_TYPES.has(n.type)) return false;
    return exitsAfterStatement(n);
  }

  /** exitsAfter of a statement, worked out once per statement (a file's calls share them). */
  const exitsAfterStatement = perNode((stmt: SyntaxNode): boolean => {
    for (let n = stmt, guard = 0; guard < MAX_DEPTH; guard++) {
      const p: SyntaxNode | null = par(n);
      if (!p || FUNCTION_TYPES.has(p.type) || LOOP_TYPES.has(p.type)) return false;
      if (SEQUENCES.has(p.type)) {
        let k = 0;
        for (let s = n.nextNamedSibling; s; s = s.nextNamedSibling) {
          if (s.type === 'comment') continue;
          // a return further on than the few statements read may leave first: as if it did
          if (k++ === EXIT_LOOKAHEAD) return false;
          if (s.type === 'expression_statement' && PROCESS_EXIT.test(s.text)) return true;
          if (holdsJump(s)) return false;
        }
      }
      n = p;
    }
    return false;
  });

  /**
   * `if (!logged) { …; logged = true; }`: a block that runs once, the first time, as the flag it
   * tests is set inside it (NodeBB's digest writes one stack per batch, not one per user). The flag
   * may be a field (`if (!this.warned) { …; this.warned = true; }`) or one term of an `&&`, and the
   * statement may sit deeper in that block, under an `if`, `switch` or `try` of its own (not in a
   * loop or function there, which repeat it).
   */
  function onceGuarded(block: SyntaxNode): number {
    for (let n: SyntaxNode | null = block, i = 0; n && i < MAX_DEPTH; i++) {
      const left = n.type === 'statement_block' ? onceFlag(n) : 0;
      if (left > 0) return left;
      const p: SyntaxNode | null = par(n);
      if (!p || LOOP_TYPES.has(p.type) || FUNCTION_TYPES.has(p.type)) return 0;
      n = p;
    }
    return 0;
  }

  function onceFlag(block: SyntaxNode): number {
    const ifs = par(block);
    if (ifs?.type !== 'if_statement' || ifs.childForFieldName('consequence')?.id !== block.id) return 0;
    const cond = ifs.childForFieldName('condition');
    const flags = cond ? negatedTerms(cond, TS_GUARDS) : [];
    // a `continue` in the block may skip setting the flag: each such turn logs again
    if (flags.length === 0 || mayContinue(block, TS_GUARDS)) return 0;
    let most = 0;
    for (const flag of flags) {
      const sets = block.namedChildren.some((st) => {
        const e = st.type === 'expression_statement' ? st.namedChildren[0] : undefined;
        return e?.type === 'assignment_expression' && e.childForFieldName('left')?.text === flag && alwaysTruthy(e.childForFieldName('right'));
      });
      if (!sets) continue;
      // a flag declared inside a loop (or the iteration callback) is new each turn of it, and so
      // is a field of a value it declares (`for (const job of jobs) { if (!job.warned) … }`, also
      // destructured: `for (const [id, entry] of map)`) or assigns (`cur = byKey[k]`); a flag set
      // false again in a turn is once per whatever resets it (`if (row.group) warned = false`).
      // The flag outlives the loops from the innermost out to the first that does one of these
      // (overleaf's first error, declared before two nested loops, is set once)
      const base = flagBase(flag);
      const name = base.replace(/\$/g, '\\$');
      // (set falsy again: `= false`, `= null`, `= undefined`, `= 0`, `= ''`, or deleted)
      const esc = flag.replace(/[$.[\]'"]/g, '\\$&');
      const resets = new RegExp(`(?<![\\w$.])${esc}\\s*=\\s*(?:false\\b|null\\b|undefined\\b|0(?![\\w.])|''|""|\`\`)|\\bdelete\\s+${esc}(?![\\w$])`);
      const assigns = base !== flag ? new RegExp(`(?<![\\w$.])${name}\\s*=(?![=>])`) : undefined;
      // (a loop's `for (base of …)` assigns it each turn too; a flag kept under a key the turn
      // declares, `seen[item].warned`, is another each turn)
      const names = [base, ...[...flag.matchAll(/\[([\w$]+)\]/g)].map((m) => m[1]!)];
      const renewed = (scope: SyntaxNode): boolean =>
        names.some((n) => scopeNames(scope).declared.has(n) || (scope.type === 'for_in_statement' && scope.childForFieldName('left')?.text === n)) ||
        resets.test(scope.text) ||
        (assigns?.test(scope.text) ?? false);
      let left = 0;
      let scope: SyntaxNode | null = par(ifs);
      for (let i = 0; scope && i < MAX_DEPTH && !FUNCTION_TYPES.has(scope.type); i++, scope = par(scope)) {
        if (!LOOP_TYPES.has(scope.type)) continue;
        if (renewed(scope)) break;
        left++;
      }
      // an iteration callback's turns, when no loop of its own renews the flag
      if (scope && FUNCTION_TYPES.has(scope.type) && summary.fns[currentFunc]?.iterCallback) {
        if (!renewed(scope)) left++;
      }
      most = Math.max(most, left);
    }
    return most;
  }

  /**
   * A value that is always truthy: `true`, a `new` object, an object or array literal, a non-empty
   * string (a once flag set to the first error, `if (!error) { …; error = new HttpError(…) }`).
   */
  function alwaysTruthy(v: SyntaxNode | null): boolean {
    if (!v) return false;
    if (v.type === 'true' || v.type === 'new_expression' || v.type === 'object' || v.type === 'array') return true;
    const str = v.type === 'string' || v.type === 'template_string' ? stringValue(v) : undefined;
    return str !== undefined && str !== '';
  }

  /**
   * How many loops (those that count: not a small or retry bound) a `throw` after `stmt` leaves
   * before a `try` body around it keeps it (a `try … finally`, or a `catch` that throws again, lets
   * it out); Infinity when no `try` in the function does.
   */
  function loopsBeforeCatch(stmt: SyntaxNode): number {
    let child = stmt;
    let loops = 0;
    for (let n = par(stmt), i = 0; n && i < MAX_DEPTH && !FUNCTION_TYPES.has(n.type); n = par(n), i++) {
      if (n.type === 'try_statement' && n.childForFieldName('body')?.id === child.id) {
        const body = n.childForFieldName('handler')?.childForFieldName('body');
        const last = body?.namedChildren.filter((c) => c.type !== 'comment').pop();
        if (body && last?.type !== 'throw_statement') return loops;
      }
      if (LOOP_TYPES.has(n.type) && !isSmallBoundedLoop(n)) loops++;
      child = n;
    }
    return Infinity;
  }

  /** Whether the function around `node` is async (`async (x) => …`, `async function (x) {…}`). */
  function asyncFunctionOf(node: SyntaxNode): boolean {
    let n: SyntaxNode | null = par(node);
    for (let i = 0; n && i < MAX_DEPTH && !FUNCTION_TYPES.has(n.type); i++) n = par(n);
    return n !== null && /^async\b/.test(n.text);
  }

  /** The call's result is stored at module level: `cache.set(k, new X())`, `cache[k] ??= new X()`, `fmt = new X()` */
  function isMemoized(node: SyntaxNode): boolean {
    let n = node;
    for (let i = 0; i < 6 && par(n); i++) {
      const p = par(n)!;
      if (WRAPPERS.has(p.type) || p.type === 'binary_expression' || p.type === 'ternary_expression') {
        n = p;
        continue;
      }
      if (p.type === 'arguments') {
        const call = par(p);
        const fn = call?.childForFieldName('function');
        if (fn?.type === 'member_expression' && fn.childForFieldName('property')?.text === 'set') return isModuleLevel(fn.childForFieldName('object'));
        return false;
      }
      if (p.type === 'assignment_expression' || p.type === 'augmented_assignment_expression') {
        const left = p.childForFieldName('left');
        if (isModuleLevel(left)) return true;
        return left?.type === 'identifier' && storedAtModuleLevel(left.text, p);
      }
      if (p.type === 'variable_declarator') {
        if (currentFunc < 0) return true;
        const name = p.childForFieldName('name');
        return name?.type === 'identifier' && storedAtModuleLevel(name.text, p);
      }
      return false;
    }
    return false;
  }

  /** a local that the enclosing function then stores at module level: `f = new X(); cache.set(k, f)` */
  function storedAtModuleLevel(local: string, from: SyntaxNode): boolean {
    let fn: SyntaxNode | null = from;
    while (fn && !FUNCTION_TYPES.has(fn.type)) fn = par(fn);
    if (!fn) return false;
    // whether a target is module level is looked up in the scope of this call: only the search
    // for the stores is shared by the function's calls
    for (const target of storesIn(fn).get(local) ?? []) if (isModuleLevel(target)) return true;
    return false;
  }

  function storesIn(fn: SyntaxNode): Map<string, (SyntaxNode | null)[]> {
    let stores = storesByFn.get(fn.id);
    if (stores) return stores;
    stores = new Map();
    const add = (local: string, target: SyntaxNode | null) => {
      const list = stores!.get(local);
      if (list) list.push(target);
      else stores!.set(local, [target]);
    };
    for (const c of fn.descendantsOfType(['call_expression', 'assignment_expression'])) {
      if (c.type === 'call_expression') {
        const f = c.childForFieldName('function');
        if (f?.type !== 'member_expression' || f.childForFieldName('property')?.text !== 'set') continue;
        for (const a of c.childForFieldName('arguments')?.namedChildren ?? []) if (a.type === 'identifier') add(a.text, f.childForFieldName('object'));
      } else {
        const r = c.childForFieldName('right');
        if (r?.type === 'identifier') add(r.text, c.childForFieldName('left'));
      }
    }
    storesByFn.set(fn.id, stores);
    return stores;
  }

  function isModuleLevel(target: SyntaxNode | null): boolean {
    let t = target;
    for (let i = 0; t && i < 8; i++) {
      if (t.type === 'identifier') {
        const b = lookup(t.text);
        return Boolean(b?.global);
      }
      if (t.type === 'member_expression' || t.type === 'subscript_expression') {
        if (t.childForFieldName('object')?.type === 'this') return true; // a field of a long-lived object
        t = t.childForFieldName('object');
        continue;
      }
      return false;
    }
    return false;
  }

  function funcValue(n: SyntaxNode): TsValue | undefined {
    const idx = funcIndex.get(n.id);
    return idx === undefined ? undefined : { root: { kind: 'func', func: idx }, path: NO_PATH };
  }

  return function summarizeFile(fileTree: FlatTree, fileText: string, filePath: string, fileGrammar: Grammar): TsFileSummary {
    try {
      tree = fileTree;
      text = fileText;
      path = filePath;
      grammar = fileGrammar;
      lines = new LineTable(text);
      root = tree.rootNode;
      mayExit = /\bprocess\.(?:exit|abort)\s*\(/.test(text);
      valueReach = 0;
      current = undefined;
      summary = {
        path,
        language: 'ts',
        grammar,
        imports: [],
        functions: [],
        fns: [],
        calls: [],
        classes: [],
        exports: {},
        reexports: [],
        globals: {},
        directives: [],
        partial: root.hasError,
        lineCount: lines.lineCount,
        // every summary has every field (undefined where it does not hold; JSON leaves those out), so
        // the model's reads of summaries see one shape (README: One shape per kind of summary)
        errorLine: undefined,
        client: undefined,
        browserFuncs: undefined,
        types: undefined,
        graphql: undefined,
        factories: undefined,
      };
      if (root.hasError) {
        const err = firstError(root);
        if (err) summary.errorLine = lines.lineOf(err.startIndex);
      }
      // a client component: the functions that run in the browser only (inBrowserOnly)
      browserNames = clientDirective(root) ? browserHandlerNames(root) : undefined;
      if (browserNames) summary.client = true;

      // ---- function indices up front (document order), so values can refer to any function -------
      // the flat tree is numbered in pre-order, which is document order; its `parent` is O(1)
      funcIndex = new Map<number, number>();
      for (const n of root.descendantsOfType(FUNCTION_TYPE_LIST)) {
        if (!n.isNamed) continue; // the `function` keyword has the type name of the old function node
        funcIndex.set(n.id, summary.functions.length);
        summary.functions.push({ name: '', key: '', span: span(n), parent: -1, params: [], results: NO_NAMES });
        summary.fns.push({ kind: 'arrow', decorators: NO_DECORATORS, params: [], loopAtDef: 0, iterCallback: false, timerCallback: false, usesArguments: false, cls: undefined, once: undefined, typedAs: undefined });
        if (browserNames && (browserOnly(n) || browserNames.has(declaredName(n) ?? ''))) (summary.browserFuncs ??= []).push(summary.functions.length - 1);
      }

      // ---- imports --------------------------------------------------------------------------------
      imports = new Map<string, { source: string; name: string }>(); // local → (source, imported)
      for (const st of root.namedChildren) {
        if (st.type !== 'import_statement') continue;
        const source = stringValue(st.childForFieldName('source'));
        if (source === undefined) continue;
        const clause = st.namedChildren.find((c) => c.type === 'import_clause');
        if (!clause) continue;
        for (const c of clause.namedChildren) {
          if (c.type === 'identifier') addImport(c.text, source, 'default');
          else if (c.type === 'namespace_import') {
            const id = c.namedChildren.find((x) => x.type === 'identifier');
            if (id) addImport(id.text, source, '*');
          } else if (c.type === 'named_imports') {
            for (const spec of c.namedChildren) {
              if (spec.type !== 'import_specifier') continue;
              const name = spec.childForFieldName('name')?.text;
              const alias = spec.childForFieldName('alias')?.text;
              if (name) addImport(alias ?? name, source, name);
            }
          }
        }
      }

      // ---- scopes ---------------------------------------------------------------------------------
      globalScope = new Map<string, Binding>();
      // a scope's map is made by its first definition (most blocks define nothing)
      scopes = [globalScope];
      currentFunc = -1;
      /**
       * Inside a branch that never runs in production (devOnly): calls there are not recorded, so
       * they are no sink, no route registration and no call edge (uptime-kuma's `if (isDev) {
       * app.post('/test-webhook', …) }`). Counted, as such branches nest.
       */
      devDepth = 0;
      /** module-level consts that test the environment (`const isDev = process.env.NODE_ENV === 'development'`) */
      envConsts = new Map<string, EnvTest>();
      /** most files test no environment: their ifs are not looked at */
      mayTestEnv = ENV_WORDS.test(text);
      /** the file sets NODE_ENV itself (`process.env.NODE_ENV = process.env.NODE_ENV || 'development'`) */
      setsNodeEnv = mayTestEnv && text.includes('NODE_ENV') && SETS_NODE_ENV.test(text);
      currentClass = '';
      /**
       * What `this` is where the walk is: the class in a static method or static field initializer,
       * and `undefined` for an instance of the class being walked (`currentClass`), which is what it is
       * in instance methods and field initializers (arrow functions take the enclosing one's).
       */
      thisStack = [undefined];

      // ---- declarations ---------------------------------------------------------------------------
      classNames = new Set<string>();
      for (const n of root.descendantsOfType(['class_declaration', 'abstract_class_declaration', 'class'])) {
        const name = n.childForFieldName('name')?.text;
        if (name) classNames.add(name);
      }

      startActiveSpanCallback = new Set<number>();
      classByName = new Map<string, TsClass>();

      loopStack = [0];
      catchStack = [false];

      // GraphQL resolver maps (graphqlRoots): only a file that names a root type; a root type's own
      // file of resolvers (reaction's `resolvers/Query/index.js`, `export default { a, b }`)
      // Not a client's (Apollo Client's local resolvers, `new ApolloClient({ resolvers })`: browser
      // code) nor a mock's (`mocks/resolvers.ts`, `*.stories.tsx`)
      // (a plain search first: the pattern's alternatives have no common start to look for)
      graphqlClient = (text.includes('apollo') || text.includes('urql') || text.includes('relay-runtime')) && GRAPHQL_CLIENT.test(text) && !GRAPHQL_SERVER.test(text);
      mockFile = /(?:^|\/)(?:mocks?|__mocks__|stories|storybook)\/|\.(?:mock|mocks|stories|story)\.[cm]?[jt]sx?$/.test(path);
      mayHoldResolvers = !graphqlClient && !mockFile && (text.includes('Query') || text.includes('Mutation')) && /\b(?:Query|Mutation)\b/.test(text);
      rootTypeFile = graphqlClient || mockFile ? undefined : /(?:^|\/)resolvers?\/(Query|Mutation)\/index\.[cm]?[jt]sx?$/.exec(path)?.[1];

      /**
       * A statement that leaves the function whichever way it goes: `return`, a `throw` no `try` of
       * the function keeps, `process.exit()`, a block that reaches one before anything that may
       * `continue`, an `if`/`else` or a `try` (and its `catch`) that all do, a `finally` that does.
       * Worked out once per node; deep nesting is taken as not leaving.
       */
      leavesDepth = 0;
      /**
       * What a function stores, by local name: the objects of its `x.set(…, local, …)` calls and the
       * left sides of its `target = local` assignments, in source order. Found once per function: a
       * search per `new` had cost the function's size each time (a bundled script's functions hold
       * thousands of them).
       */
      storesByFn = new Map<number, Map<string, (SyntaxNode | null)[]>>();
      // ---- module level: bindings first, then the walk ---------------------------------------
      hoistFunctions(root);
      for (const st of root.namedChildren) {
        const decl = st.type === 'export_statement' ? st.childForFieldName('declaration') : st;
        if (!decl) continue;
        if (decl.type === 'lexical_declaration' || decl.type === 'variable_declaration') {
          for (const d of decl.namedChildren) if (d.type === 'variable_declarator') declareVariable(d);
          if (mayTestEnv && decl.type === 'lexical_declaration' && decl.children[0]?.type === 'const') {
            for (const d of decl.namedChildren) {
              const name = d.type === 'variable_declarator' ? d.childForFieldName('name') : null;
              const value = d.childForFieldName('value');
              const k = name?.type === 'identifier' && value ? envTest(value) : undefined;
              if (k) envConsts.set(name!.text, k);
            }
          }
        } else if (decl.type === 'class_declaration' || decl.type === 'abstract_class_declaration') {
          const name = decl.childForFieldName('name')?.text;
          if (name) define(name, { root: { kind: 'class', cls: name }, path: NO_PATH });
        }
      }
      walk(root);
      // re-evaluate module-level bindings now that classes and functions are known
      for (const st of root.namedChildren) {
        const decl = st.type === 'export_statement' ? st.childForFieldName('declaration') : st;
        if (decl && (decl.type === 'lexical_declaration' || decl.type === 'variable_declaration')) {
          for (const d of decl.namedChildren) if (d.type === 'variable_declarator') declareVariable(d);
        }
      }
      for (const name of globalScope.keys()) summary.globals[name] = named(name)!;

      // ---- exports ------------------------------------------------------------------------------
      for (const st of root.namedChildren) {
        if (st.type !== 'export_statement') continue;
        const decl = st.childForFieldName('declaration');
        const isDefault = st.children.some((c) => c.type === 'default');
        if (decl) {
          if (decl.type === 'lexical_declaration' || decl.type === 'variable_declaration') {
            for (const d of decl.namedChildren) {
              const n = d.childForFieldName('name');
              if (d.type === 'variable_declarator' && n?.type === 'identifier' && globalScope.has(n.text)) summary.exports[n.text] = named(n.text)!;
            }
          } else {
            const name = decl.childForFieldName('name')?.text;
            const v = valueOf(decl) ?? (name ? named(name) : undefined) ?? funcValue(decl);
            if (v) summary.exports[isDefault ? 'default' : name ?? 'default'] = v;
            if (isDefault && name && v) summary.exports[name] = v;
          }
          continue;
        }
        const value = st.childForFieldName('value');
        if (isDefault && value) {
          const v = valueOf(value);
          if (v) summary.exports.default = v;
          continue;
        }
        const source = stringValue(st.childForFieldName('source'));
        const clause = st.namedChildren.find((c) => c.type === 'export_clause');
        if (clause) {
          for (const spec of clause.namedChildren) {
            if (spec.type !== 'export_specifier') continue;
            const name = spec.childForFieldName('name')?.text;
            const alias = spec.childForFieldName('alias')?.text;
            if (!name) continue;
            const v = source !== undefined ? { root: { kind: 'import', source, name } as TsRoot, path: NO_PATH } : named(name) ?? (imports.has(name) ? valueOf(spec.childForFieldName('name')) : undefined);
            if (v) summary.exports[alias ?? name] = v;
          }
        } else if (source !== undefined) summary.reexports.push(source);
      }

      // ---- directives (suppression comments) ----------------------------------------------------
      // a directive starts with `logvol-` or `nolint`: without either, no comment needs a look
      if (mayHoldDirective(text)) {
        for (const c of root.descendantsOfType('comment')) {
          const d = parseDirective(c.text, lines.lineOf(c.startIndex), isTrailingComment(text, c.startIndex), span(c));
          if (d) summary.directives.push(d);
        }
      }
      return summary;
    } finally {
      // nothing of the file is kept once its summary is made (the source text, the tree)
      tree = undefined!;
      text = undefined!;
      path = undefined!;
      grammar = undefined!;
      lines = undefined!;
      root = undefined!;
      mayExit = undefined!;
      valueReach = undefined!;
      current = undefined!;
      summary = undefined!;
      browserNames = undefined!;
      funcIndex = undefined!;
      imports = undefined!;
      globalScope = undefined!;
      scopes = undefined!;
      currentFunc = undefined!;
      devDepth = undefined!;
      envConsts = undefined!;
      mayTestEnv = undefined!;
      setsNodeEnv = undefined!;
      currentClass = undefined!;
      thisStack = undefined!;
      classNames = undefined!;
      startActiveSpanCallback = undefined!;
      classByName = undefined!;
      loopStack = undefined!;
      catchStack = undefined!;
      graphqlClient = undefined!;
      mockFile = undefined!;
      mayHoldResolvers = undefined!;
      rootTypeFile = undefined!;
      leavesDepth = undefined!;
      storesByFn = undefined!;
    }
  };
}

/** The keywords before a class member's name: `static`, `get`, `set`, `async`, `readonly`… */
function memberKeywords(m: SyntaxNode): Set<string> {
  const out = new Set<string>();
  const name = m.childForFieldName('name') ?? m.childForFieldName('property');
  for (const c of m.children) {
    if (c.id === name?.id) break;
    if (!c.isNamed) out.add(c.type);
  }
  return out;
}

/** Where a class keeps a member function: its instance methods, or its static ones. */
function memberTable(cls: TsClass, isStatic: boolean): Record<string, number> {
  return isStatic ? (cls.statics ??= {}) : cls.methods;
}

// `{ ...v, path }` and `{ ...v, name }` without an object spread, which V8 runs generically over
// the several shapes a value has (it was a third of valueOf on the synthetic corpus): the same keys
// in the same order (summaries are compared byte for byte, and the cache stores them)

export function withPath(v: TsValue, path: string[]): TsValue {
  const { root, name, nameAt } = v;
  if (nameAt === undefined) return name === undefined ? { root, path } : { root, path, name };
  return name === undefined ? { ...v, path } : { root, path, name, nameAt };
}

function withName(v: TsValue, name: string): TsValue {
  const { root, path, nameAt } = v;
  if (nameAt === undefined) return { root, path, name };
  return v.name === undefined ? { ...v, name } : { root, path, name, nameAt };
}

function isLit(v: TsValue | undefined, type: string): boolean {
  return v?.root.kind === 'lit' && v.root.type === type && v.path.length === 0;
}

const SMALL_LOOP_BOUND = 10;

/** Methods that go over every element of a container (keptByKey: stored functions run whole). */
const ITERATION_RUNS = new Set(['map', 'forEach', 'flatMap', 'reduce', 'reduceRight', 'filter', 'some', 'every', 'find']);

/** Per loop: keptByKey's counts of containers of an uncommon shape, by text (textCount). */
const textCounts = perNode((): Map<string, number> => new Map());

/** Per loop: how often each name (identifier or property, `#private` too) is written in its code (keptByKey's container count). */
const codeNamesIn = perNode((loop): Map<string, number> => {
  const names = new Map<string, number>();
  for (const n of loop.descendantsOfType(['identifier', 'property_identifier', 'private_property_identifier', 'shorthand_property_identifier'])) names.set(n.text, (names.get(n.text) ?? 0) + 1);
  return names;
});

/** The names a loop's code uses, with their counts: made once per loop, asked once per function made in it. */
const namesIn = perNode((loop): Map<string, number> => {
  const names = new Map<string, number>();
  for (const n of loop.descendantsOfType(['identifier', 'shorthand_property_identifier'])) names.set(n.text, (names.get(n.text) ?? 0) + 1);
  return names;
});

/**
 * `while (n < 3)`, `for (let i = 0; i <= 5; i++)`, `do … while (attempt < 4)`: a handful of
 * iterations at most. Worked out once per loop: it is asked for every throw inside the loop too.
 */
const isSmallBoundedLoop = perNode(smallBoundedLoop);

function smallBoundedLoop(loop: SyntaxNode): boolean {
  if (loop.type === 'for_in_statement') return overLiteralSet(loop);
  const cond = loop.childForFieldName('condition');
  if (cond && boundedCondition(cond, 0)) return true;
  // a poll or retry loop that waits between turns (`await new Promise((r) => setTimeout(r, 5000))`,
  // `await sleep(…)`): maxun's sheet-update polls. Only a loop without a count of its own, `while`,
  // `do`, `for (;;)`: a counted `for` over pages that waits between them is a data loop
  if (loop.type === 'for_statement' && cond && cond.text.trim() !== ';') return false;
  // and not one on a collection's size (`queue.size > 0`, `i < records.length`: maxun's Airtable
  // batches), nor a for…of (above): a loop over data that waits stays a data loop
  const body = loop.childForFieldName('body');
  return body !== null && !(cond && /\.(?:length|size)\b/.test(cond.text)) && TS_SLEEP.test(body.text);
}

/** The name a call's callee goes by: `useEffect` of `React.useEffect(…)` and of `useEffect(…)`. */
function calledName(callee: SyntaxNode | null | undefined): string | undefined {
  return callee?.type === 'member_expression' ? callee.childForFieldName('property')?.text : callee?.text;
}

/** Whether function `func` of a summary (or a function around it) runs only in the browser (browserFuncs). */
export function inBrowserOnly(summary: TsFileSummary, func: number): boolean {
  const browser = summary.browserFuncs;
  if (!browser) return false;
  for (let k = func, i = 0; k >= 0 && i < 64; k = summary.functions[k]?.parent ?? -1, i++) if (browser.includes(k)) return true;
  return false;
}

/**
 * React hooks whose callback runs after a render, in the browser only. (`useCallback`'s may be
 * called by the render body too: its function counts when it is handed to an `on…` attribute.)
 */
const BROWSER_HOOKS = new Set(['useEffect', 'useLayoutEffect', 'useInsertionEffect']);

/**
 * A client component's function that runs only in the browser: an effect's callback
 * (`useEffect(() => …)`, `React.useLayoutEffect`), or a JSX event handler (`onClick={() => …}`).
 */
function browserOnly(fn: SyntaxNode): boolean {
  const p = fn.parent;
  if (p?.type === 'arguments') return BROWSER_HOOKS.has(calledName(p.parent?.childForFieldName('function')) ?? '');
  if (p?.type === 'jsx_expression' && p.parent?.type === 'jsx_attribute') return /^on[A-Z]/.test(p.parent.namedChildren[0]?.text ?? '');
  return false;
}

/**
 * The names a client component hands to the browser: `onClick={handleClick}`, `useEffect(load)`
 * (a function declared under that name is browser-only as an inline one is).
 */
function browserHandlerNames(root: SyntaxNode): Set<string> {
  const out = new Set<string>();
  for (const a of root.descendantsOfType('jsx_attribute')) {
    const v = a.namedChildren[1];
    const id = v?.type === 'jsx_expression' ? v.namedChildren[0] : undefined;
    if (/^on[A-Z]/.test(a.namedChildren[0]?.text ?? '') && id?.type === 'identifier') out.add(id.text);
  }
  for (const c of root.descendantsOfType('call_expression')) {
    const first = c.childForFieldName('arguments')?.namedChildren[0];
    if (BROWSER_HOOKS.has(calledName(c.childForFieldName('function')) ?? '') && first?.type === 'identifier') out.add(first.text);
  }
  return out;
}

/** The name a function is declared under: `function load()`, `const load = () => …`, `const onPick = useCallback(() => …, [])`. */
function declaredName(fn: SyntaxNode): string | undefined {
  if (fn.type === 'function_declaration') return fn.childForFieldName('name')?.text;
  let v: SyntaxNode = fn;
  const p = fn.parent;
  if (p?.type === 'arguments' && p.namedChildren[0]?.id === fn.id && p.parent && calledName(p.parent.childForFieldName('function')) === 'useCallback') v = p.parent;
  const d = v.parent;
  return d?.type === 'variable_declarator' && d.childForFieldName('value')?.id === v.id ? d.childForFieldName('name')?.text : undefined;
}

/**
 * Whether code (not a comment or a string) names the console or a standard stream: `console.info`
 * called or handed on, `console[level]`, `globalThis.console`, `process.stdout`, `process['stderr']`.
 */
function namesConsole(body: SyntaxNode): boolean {
  for (const n of body.descendantsOfType(['member_expression', 'subscript_expression'])) {
    const obj = n.childForFieldName('object');
    const prop = n.type === 'member_expression' ? n.childForFieldName('property')?.text : stringValue(n.childForFieldName('index'));
    if (obj?.type === 'identifier' && obj.text === 'console') return true;
    if (obj?.type === 'identifier' && (obj.text === 'globalThis' || obj.text === 'window') && prop === 'console') return true;
    if (obj?.type === 'identifier' && obj.text === 'process' && (prop === 'stdout' || prop === 'stderr')) return true;
  }
  return false;
}

/** Whether the program's directive prologue holds `"use client"` (comments and other directives may come first). */
function clientDirective(program: SyntaxNode): boolean {
  for (const st of program.namedChildren) {
    if (st.type === 'comment' || st.type === 'hash_bang_line') continue;
    const str = st.type === 'expression_statement' ? st.namedChildren[0] : undefined;
    if (str?.type !== 'string') return false;
    if (/^(['"])use client\1$/.test(str.text)) return true;
  }
  return false;
}

/**
 * `for (const q of [queueA, queueB])`, `for (const s of ['failed', 'completed'] as const)`, or
 * over a `const` bound to such an array that nothing pushes to, of the file or of a function
 * around the loop: a fixed set of at most SMALL_LOOP_BOUND items, not request data (Go's literal
 * sets; emailengine's queue clean-up; langfuse's `[...new Set([planThreshold, UNIVERSAL])]`). An
 * array with a spread of anything else (`[...ids, 'x']`) is not one.
 */
function overLiteralSet(loop: SyntaxNode): boolean {
  let right = typesOff(loop.childForFieldName('right'));
  if (right?.type === 'identifier') right = constArrays(loop.tree.rootNode).get(right.text) ?? localConstArray(loop, right.text) ?? null;
  return right?.type === 'array' && smallArray(right);
}

/**
 * The `const NAME = [ … ]` a function around `node` declares in its body's own statements, when
 * every other use of the name in that function only reads it (constArrays' test); the nearest
 * function declaring the name decides.
 */
function localConstArray(node: SyntaxNode, name: string): SyntaxNode | undefined {
  for (let n = node.parent, i = 0; n && i < MAX_DEPTH; n = n.parent, i++) {
    if (!FUNCTION_TYPES.has(n.type)) continue;
    const body = n.childForFieldName('body');
    if (body?.type !== 'statement_block') continue;
    const found = constArrays(body).get(name);
    if (found) return found;
    if (declaresName(body, name)) return undefined;
  }
  return undefined;
}

/** Whether a block's own statements declare `name` (`const`/`let`/`var`, one name or destructured). */
function declaresName(block: SyntaxNode, name: string): boolean {
  return block.namedChildren.some((st) => (st.type === 'lexical_declaration' || st.type === 'variable_declaration') && st.descendantsOfType(['identifier', 'shorthand_property_identifier_pattern']).some((id) => id.text === name && id.parent?.type !== 'member_expression' && id.parent?.type !== 'call_expression'));
}

/** A value with its parentheses and type casts off (`(['a', 'b'] as const)`, `x satisfies T`). */
function typesOff(node: SyntaxNode | null): SyntaxNode | null {
  let n = node;
  for (let i = 0; n && (n.type === 'parenthesized_expression' || n.type === 'as_expression' || n.type === 'satisfies_expression') && i < 8; i++) n = n.namedChildren[0] ?? null;
  return n;
}

function smallArray(array: SyntaxNode): boolean {
  const n = arrayItems(array, 0);
  return n > 0 && n <= SMALL_LOOP_BOUND;
}

/**
 * How many items an array literal holds at most; Infinity with a spread of anything but `new
 * Set([…])` of such an array (spread into an array to drop repeats: no more items than it).
 */
function arrayItems(array: SyntaxNode, depth: number): number {
  let n = 0;
  for (const c of array.namedChildren) {
    if (c.type === 'comment') continue;
    if (c.type !== 'spread_element') {
      n++;
      continue;
    }
    const v = c.namedChildren[0];
    if (depth > 2 || v?.type !== 'new_expression' || v.childForFieldName('constructor')?.text !== 'Set') return Infinity;
    const args = v.childForFieldName('arguments')?.namedChildren.filter((a) => a.type !== 'comment') ?? [];
    const inner = args.length === 1 ? typesOff(args[0]!) : null;
    if (inner?.type !== 'array') return Infinity;
    n += arrayItems(inner, depth + 1);
  }
  return n;
}

/** What may be read of a constant array without changing or sharing it. */
const ARRAY_READS = new Set(['length', 'includes', 'indexOf', 'lastIndexOf', 'map', 'forEach', 'filter', 'join', 'some', 'every', 'find', 'findIndex', 'slice', 'at', 'entries', 'keys', 'values', 'flatMap', 'reduce']);

/**
 * The file's module-level `const NAME = [ … ]` arrays (`as const` too), by name, when every other
 * use of the name in the file only reads it: `for (… of NAME)`, `NAME.length`, `NAME.includes(…)`,
 * `NAME[i]`, `...NAME`. Another declaration of the name (a parameter, a local, a destructured
 * `{ NAME }`), a push, an assignment, or the array handed to a call or stored elsewhere (`alias =
 * NAME`, `f(NAME)`), and it is none: it may hold what a request put there.
 */
const constArrays = perNode((program: SyntaxNode): Map<string, SyntaxNode> => {
  const out = new Map<string, SyntaxNode>();
  const declarators = new Map<string, number>();
  for (const top of program.namedChildren) {
    const decl = top.type === 'export_statement' ? top.namedChildren.find((c) => c.type === 'lexical_declaration') : top;
    if (decl?.type !== 'lexical_declaration' || !/^const\b/.test(decl.text)) continue;
    for (const d of decl.namedChildren) {
      const name = d.type === 'variable_declarator' ? d.childForFieldName('name') : null;
      const value = typesOff(d.childForFieldName('value'));
      if (name?.type === 'identifier' && value?.type === 'array') {
        out.set(name.text, value);
        declarators.set(name.text, d.id);
      }
    }
  }
  if (out.size === 0) return out;
  for (const id of program.descendantsOfType(['identifier', 'shorthand_property_identifier_pattern', 'shorthand_property_identifier'])) {
    if (!out.has(id.text)) continue;
    const p = id.parent;
    const reads =
      id.type === 'identifier' &&
      p !== null &&
      ((p.type === 'variable_declarator' && declarators.get(id.text) === p.id) ||
        (p.type === 'for_in_statement' && p.childForFieldName('right')?.id === id.id) ||
        (p.type === 'member_expression' && p.childForFieldName('object')?.id === id.id && ARRAY_READS.has(p.childForFieldName('property')?.text ?? '') && !assigned(p)) ||
        (p.type === 'subscript_expression' && p.childForFieldName('object')?.id === id.id && !assigned(p)) ||
        p.type === 'spread_element' ||
        // `typeof ROLES[number]`: a type read of it
        p.type === 'type_query');
    if (!reads) out.delete(id.text);
  }
  return out;
});

/**
 * Written to: the left side of an assignment (`x[i] = v`, `x.length = 0`, `x[i] += 1`), also
 * inside a destructuring target (`[x[x.length]] = [v]`, `({ id: x[0] } = o)`) or as a for…of/in
 * target (`for (x[i++] of items)`), or changed by `x[i]++` or `delete x[i]`.
 */
function assigned(target: SyntaxNode): boolean {
  let n = target;
  for (let i = 0; i < 16 && n.parent && TARGET_WRAPPERS.has(n.parent.type); i++) n = n.parent;
  const p = n.parent;
  if (!p) return false;
  if ((p.type === 'assignment_expression' || p.type === 'augmented_assignment_expression') && p.childForFieldName('left')?.id === n.id) return true;
  if (p.type === 'for_in_statement' && p.childForFieldName('left')?.id === n.id) return true;
  return p.type === 'update_expression' || (p.type === 'unary_expression' && p.childForFieldName('operator')?.text === 'delete');
}

/** What a destructuring target is made of, around a member that is written (a default value, `[a = xs[0]]`, is read: no assignment pattern). */
const TARGET_WRAPPERS = new Set(['array_pattern', 'object_pattern', 'pair_pattern', 'rest_pattern', 'array', 'object', 'pair', 'parenthesized_expression', 'spread_element']);

/** How deep a loop condition's `&&` terms are read for a bound (a machine-made condition of 10,000 terms overflowed the stack). */
const MAX_AND_TERMS = 16;

/** A wait between turns of a loop: a sleep promise, or a sleep/delay helper, awaited. */
const TS_SLEEP = /\bawait\s+(?:new\s+Promise\b[^;]{0,200}?\bsetTimeout\s*\(|(?:[\w$]+\.)?(?:sleep|delay|setTimeout)\s*\()/;

/**
 * `i < 3` (a small literal), `attempt < maxRetries` / `tries <= MAX_ATTEMPTS` (a retry count), or
 * either beside another test (`!done && attempt < 3`: maxun's remote-browser retries).
 */
function boundedCondition(node: SyntaxNode, depth: number): boolean {
  let cond: SyntaxNode | null = node;
  while (cond?.type === 'parenthesized_expression' || cond?.type === 'expression_statement') cond = cond.namedChildren[0] ?? null;
  if (cond?.type !== 'binary_expression') return false;
  const op = cond.childForFieldName('operator')?.text;
  const left = cond.childForFieldName('left');
  const right = cond.childForFieldName('right');
  // beside a test on a collection's size (`queue.length > 0 && failures < maxRetries`) the count
  // need not grow every turn: the loop drains the collection. Only the first few terms are read
  if (op === '&&') {
    if (depth === 0 && /\.(?:length|size)\b/.test(cond.text)) return false;
    return depth < MAX_AND_TERMS && ((left !== null && boundedCondition(left, depth + 1)) || (right !== null && boundedCondition(right, depth + 1)));
  }
  if ((op !== '<' && op !== '<=') || !right) return false;
  if (right.type === 'number') {
    const n = Number(right.text);
    return Number.isFinite(n) && n <= SMALL_LOOP_BOUND;
  }
  return (right.type === 'identifier' || right.type === 'member_expression') && retryBound(right.text);
}

function isDeepInspect(opts: SyntaxNode | undefined): boolean {
  if (!opts || opts.type !== 'object') return false;
  for (const p of opts.namedChildren) {
    if (p.type !== 'pair') continue;
    const k = p.childForFieldName('key')?.text;
    const v = p.childForFieldName('value')?.text;
    if (k === 'depth' && (v === 'null' || v === 'Infinity')) return true;
  }
  return false;
}

export function unwrap(node: SyntaxNode): SyntaxNode {
  let n = node;
  for (let i = 0; i < 100_000 && WRAPPERS.has(n.type); i++) {
    const inner = n.type === 'parenthesized_expression' || n.type === 'await_expression' ? n.namedChildren.find((c) => c.type !== 'comment') : n.namedChildren[0];
    if (!inner) break;
    n = inner;
  }
  return n;
}

export function stringValue(node: SyntaxNode | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'string') {
    let value = '';
    for (const c of node.namedChildren) if (c.type === 'string_fragment' || c.type === 'escape_sequence') value += c.text;
    return value;
  }
  if (node.type === 'template_string' && !node.namedChildren.some((c) => c.type === 'template_substitution')) {
    return node.text.slice(1, -1);
  }
  return undefined;
}

function clip(s: string): string {
  return s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT - 1)}…` : s;
}

function firstError(root: SyntaxNode): SyntaxNode | undefined {
  const stack: SyntaxNode[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'ERROR' || n.isMissing) return n;
    if (!n.hasError) continue;
    const ch = n.children;
    for (let i = ch.length - 1; i >= 0; i--) stack.push(ch[i]!);
  }
  return undefined;
}


/**
 * One Go file → FileSummary. Everything here is local to the file: scopes, declared types, the types
 * of well-known library calls. What only the whole module can answer (a function declared in another
 * file, a package-level variable elsewhere, a struct field) is left as a `?…` TypeRef for the model.
 *
 * Walkers are iterative (explicit stacks) and expression typing is depth-guarded, so pathological
 * input (10,000 nested parentheses) cannot overflow the JavaScript stack.
 */
import { NAMED, perNode, type FlatTree, type FlatNode as SyntaxNode } from '../flat-tree.js';
import { LineTable, type Span } from '../../engine/positions.js';
import type { Directive, FunctionInfo, TypeRef } from '../types.js';
import { GO_BUILTIN_TYPES, GO_FUNC_RESULTS, GO_MESSAGE_READS, GO_METHOD_RESULTS, GO_REQUEST_BUILDERS } from './apis.js';
import { retryBound } from '../retry.js';
import { sampledBy } from '../sampling.js';
import { mayContinue, negatedTerms, type GuardGrammar } from '../once-guards.js';
import { parseDirective, mayHoldDirective } from '../../engine/suppressions.js';
import { foldClip, foldText, isTrailingComment } from '../../engine/text.js';

export interface GoArg {
  text: string;
  type: TypeRef;
  span: Span;
  /** value of a string literal (or a concatenation of literals) */
  literal?: string;
  /** `pkg.Name` / `Name` / `x.Sel` rendered with the import path (`os.Stdout`) */
  qualified?: string;
  /** index into calls of the call whose result this argument is (directly or through a local) */
  fromCall?: number;
  /** which result of that call (`v, err := f()`: `err` is result 1); absent means 0 */
  fromResult?: number;
  /** an identifier bound to a parameter of the enclosing function or of a function enclosing it */
  fromParam?: boolean;
  /** a function value: key of the module function or method, or `#<index>` of a function literal */
  funcRef?: string;
  /** the argument expression is an identifier bound to a parameter of the enclosing function */
  param?: number;
  /**
   * the argument joins one parameter of the enclosing function with string literals (`"[API] "+format`,
   * `format+"\n"`): a wrapper's format or message, prefixed (the mediamtx audit); its index
   */
  joinedParam?: number;
  /** `xs...` spread */
  spread?: boolean;
  /**
   * an HTTP request the function builds for an outgoing call, or its `Header` (`req, err :=
   * http.NewRequest(…)`, `req = req.WithContext(ctx)`), whose headers it does not copy from
   * elsewhere: not the client's request (request-dump). Read by views only
   */
  outgoing?: true;
  /** values of a composite literal argument (`logrus.Fields{"k": v}`) */
  members?: { text: string; type: TypeRef; span: Span; fromParam?: boolean }[];
}

export type GoCallee =
  | { kind: 'func'; key: string }
  | { kind: 'method'; recv: TypeRef; name: string; recvText: string }
  | { kind: 'local'; name: string }
  | { kind: 'dynamic' };

export interface GoCall {
  callee: GoCallee;
  args: GoArg[];
  span: Span;
  text: string;
  func: number;
  loopDepth: number;
  inRecover: boolean;
  /** the call's result is returned from the enclosing function (directly or via a local) */
  returned: boolean;
  /** inside a per-message read loop (`for { m, err := r.ReadMessage(ctx) … }`) */
  msgLoop: boolean;
  /**
   * on the way out of the process (exitsAfter): what the call writes, it writes once. Only the
   * file's own views read it (as a panic path, CallSite.inRecover); the model's panic-only set
   * counts recover() blocks only, so a function called before `log.Fatal(srv.ListenAndServe())`
   * is not taken for a panic path
   */
  exits?: true;
  /** started as a goroutine (`go s.run()`): when the function is a background loop (FunctionInfo.worker), the goroutine outlives the caller's request */
  spawned?: true;
  /**
   * in a loop paced by an operator's signals (signalPaced: `for range sigs` over a channel given to
   * `signal.Notify`): what the call writes, it writes once per signal. Read by views only, as exits
   */
  onSignal?: true;
}

export interface GoStructType {
  name: string;
  /** an interface's embedded interfaces are its embedded fields */
  fields: { name: string; type: TypeRef; embedded: boolean }[];
  /**
   * an interface: the methods it declares with results (`Logger() *slog.Logger`: pocketbase's
   * `core.App`, the stop 36 audit), and every method of one named like a logger (model.ts)
   */
  methods?: { name: string; results: TypeRef[]; ctx?: true }[];
}

export interface GoFileSummary {
  path: string;
  language: 'go';
  packageName: string;
  pkgPath: string;
  imports: { path: string; name: string }[];
  functions: FunctionInfo[];
  calls: GoCall[];
  globals: { name: string; type: TypeRef }[];
  structs: GoStructType[];
  /** functions a command-line library's command runs (`&cobra.Command{RunE: run}`): start-up roots, by key */
  startFuncs?: string[];
  directives: Directive[];
  partial: boolean;
  errorLine?: number;
  lineCount: number;
}

interface Binding {
  type: TypeRef;
  fromCall?: number;
  fromResult?: number;
  param?: number;
  funcRef?: string;
  /** bound to a non-empty composite literal (`zones := []string{"UTC", "CET"}`): a fixed set */
  literal?: boolean;
}

type Scope = Map<string, Binding>;

const MAX_EXPR_DEPTH = 64;
/**
 * The name of an interface named as a logger (`Logger`, `AuditLogger`, `logger`; not a `JobLog`):
 * its level methods write lines (model.ts). The prefilter anchors its declarations by it too.
 */
export const LOGGER_INTERFACE_NAME = String.raw`(?:[A-Z]\w*)?Logger|logger`;
export const LOGGER_INTERFACE = new RegExp(`^(?:${LOGGER_INTERFACE_NAME})$`);
const MAX_TEXT = 200;
/** call text kept for fingerprints: enough to tell calls apart, bounded for huge literals */
const MAX_CALL_TEXT = 2000;
const MAX_CLOSURE_DEPTH = 100;

function importLocalName(path: string): string {
  const last = path.split('/').pop() ?? path;
  // gopkg.in/yaml.v3 → yaml; github.com/labstack/echo/v4 → echo
  if (/^v\d+$/.test(last)) {
    const parts = path.split('/');
    return (parts[parts.length - 2] ?? last).replace(/[.-].*$/, '');
  }
  return last.replace(/\.v\d+$/, '').replace(/^go-/, '').replace(/[.-]/g, '_');
}

function stringLiteralValue(node: SyntaxNode): string | undefined {
  if (node.type === 'raw_string_literal') return node.text.slice(1, -1);
  if (node.type === 'interpreted_string_literal') {
    try {
      return JSON.parse(node.text.replace(/\\'/g, "'")) as string;
    } catch {
      return node.text.slice(1, -1);
    }
  }
  return undefined;
}

let summarizeGoFile: ((...args: Parameters<typeof summarizeGo>) => ReturnType<typeof summarizeGo>) | undefined;
export function summarizeGo(tree: FlatTree, text: string, path: string, pkgPath: string): GoFileSummary {
  return (summarizeGoFile ??= makeSummarizeGo())(tree, text, path, pkgPath);
}

function makeSummarizeGo(): (...args: Parameters<typeof summarizeGo>) => ReturnType<typeof summarizeGo> {
  // The file being summarised and what is known of it so far, set at the start of each file
  // (summarizeFile below). The functions that read them are made once per thread, not once per
  // file, as in the TS summariser (makeSummarizeTs).
  let tree: FlatTree;
  let text: string;
  let path: string;
  let pkgPath: string;
  let lines: LineTable;
  let root: SyntaxNode;
  let pkgDot: string;
  let summary: GoFileSummary;
  let importNames: Map<string, string>; // local name → import path
  let fileFuncResults: Map<string, TypeRef[]>; // same-file functions
  let globalScope: Scope;
  let scopes: Scope[];
  let currentFunc: number;
  let closureDepth: number;
  let callIndexByNode: Map<number, number>;
  let builtRequests: Set<number>;
  let calleeCache: Map<number, GoCallee>;
  let loopDepthStack: number[];
  let msgLoopStack: number[];
  let globalReads: Set<string>[];
  let globalWrites: Set<string>[];
  let receivers: (string | undefined)[];
  let fieldStores: Map<string, { indexed: number; zone: boolean }>[];
  let fieldLookups: Map<string, number>[];
  let recoverStack: boolean[];
  let mayExit: boolean[];
  let fileMayExit: boolean;
  let fileNotifies: boolean;
  let fileTicks: boolean;
  let returnedVars: Set<string>[];
  let falseConsts: Set<unknown>;
  let mayBeDead: boolean | undefined;
  let literalsOf: Map<string, number>;
  interface Frame {
    node: SyntaxNode;
    exit?: () => void;
  }
  const span = (n: SyntaxNode): Span => lines.span(n.startIndex, n.endIndex);

  // ---- type expressions → TypeRef ------------------------------------------------------------
  function typeString(node: SyntaxNode | null, depth = 0): TypeRef {
    if (!node || depth > MAX_EXPR_DEPTH) return '';
    switch (node.type) {
      case 'type_identifier': {
        const n = node.text;
        return GO_BUILTIN_TYPES.has(n) ? n : `${pkgPath}.${n}`;
      }
      case 'qualified_type': {
        const pkg = node.childForFieldName('package')?.text ?? '';
        const name = node.childForFieldName('name')?.text ?? '';
        const ipath = importNames.get(pkg);
        return ipath ? `${ipath}.${name}` : `${pkg}.${name}`;
      }
      case 'pointer_type':
        return `*${typeString(node.namedChildren[0] ?? null, depth + 1)}`;
      case 'slice_type':
        return `[]${typeString(node.childForFieldName('element'), depth + 1)}`;
      case 'array_type':
        return `[]${typeString(node.childForFieldName('element'), depth + 1)}`;
      case 'map_type':
        return `map[${typeString(node.childForFieldName('key'), depth + 1)}]${typeString(node.childForFieldName('value'), depth + 1)}`;
      case 'generic_type':
        return typeString(node.childForFieldName('type'), depth + 1);
      case 'parenthesized_type':
        return typeString(node.namedChildren[0] ?? null, depth + 1);
      case 'interface_type':
        return node.namedChildCount === 0 ? 'any' : 'interface';
      case 'function_type':
        return 'func';
      case 'channel_type':
        return 'chan';
      case 'struct_type':
        return 'struct';
      default:
        return '';
    }
  }

  function resultTypes(fn: SyntaxNode): TypeRef[] {
    const r = fn.childForFieldName('result');
    if (!r) return [];
    if (r.type === 'parameter_list') {
      const out: TypeRef[] = [];
      for (const p of r.namedChildren) {
        if (p.type !== 'parameter_declaration') continue;
        const t = typeString(p.childForFieldName('type'));
        const names = p.childrenForFieldName('name');
        for (let i = 0; i < Math.max(1, names.length); i++) out.push(t);
      }
      return exact(out);
    }
    return [typeString(r)];
  }

  function structOf(name: string, t: SyntaxNode): GoStructType {
    const fields: GoStructType['fields'] = [];
    for (const fd of t.descendantsOfType('field_declaration')) {
      const ft = typeString(fd.childForFieldName('type'));
      const names = fd.childrenForFieldName('name');
      if (names.length === 0) {
        const base = ft.replace(/^\*/, '');
        fields.push({ name: base.slice(base.lastIndexOf('.') + 1), type: ft, embedded: true });
      } else {
        for (const n of names) fields.push({ name: n.text, type: ft, embedded: false });
      }
    }
    return { name, fields: exact(fields) };
  }

  /**
   * An interface the model reads: its embedded interfaces, and its methods with results (all of
   * them for one named like a logger, LOGGER_INTERFACE); none when it has neither.
   */
  function interfaceOf(name: string, t: SyntaxNode): GoStructType | undefined {
    const logger = LOGGER_INTERFACE.test(name.slice(name.lastIndexOf('.') + 1));
    const fields: GoStructType['fields'] = [];
    const methods: NonNullable<GoStructType['methods']> = [];
    for (const m of t.namedChildren) {
      if (m.type === 'method_elem') {
        const results = resultTypes(m);
        const n = m.childForFieldName('name')?.text;
        const first = m.childForFieldName('parameters')?.namedChildren.find((p) => p.type === 'parameter_declaration' || p.type === 'variadic_parameter_declaration');
        const ctx = first !== undefined && typeString(first.childForFieldName('type')) === 'context.Context';
        if (n && (results.length > 0 || logger)) methods.push({ name: n, results, ...(ctx ? { ctx: true as const } : {}) });
      } else if (m.type === 'type_elem' && m.namedChildCount === 1) {
        const ft = typeString(m.namedChildren[0]!);
        if (ft && ft !== 'any' && ft !== 'interface') fields.push({ name: ft.slice(ft.lastIndexOf('.') + 1), type: ft, embedded: true });
      }
    }
    return fields.length || methods.length ? { name, fields: exact(fields), methods: exact(methods) } : undefined;
  }

  const lookup = (name: string): Binding | undefined => {
    for (let i = scopes.length - 1; i >= 0; i--) {
      const b = scopes[i]!.get(name);
      if (b) return b;
    }
    return undefined;
  };
  const define = (name: string, b: Binding, redeclare = false): void => {
    if (name === '_' || !name) return;
    const top = scopes[scopes.length - 1]!;
    if (redeclare && top.has(name)) return; // `a, err := …` re-uses an existing `err`
    top.set(name, b);
  };

  /**
   * `name` holds an outgoing request the function builds (its first result, from one of
   * builtRequests) whose headers the function around `at` does not fill from elsewhere.
   */
  function builtRequest(name: string, at: SyntaxNode): boolean {
    const b = /^\w+$/.test(name) ? lookup(name) : undefined;
    if (b?.fromCall === undefined || b.fromResult || !builtRequests.has(b.fromCall)) return false;
    // the outermost function around `at`: a closure may print what its function copied (`defer func() { log(out.Header) }()`)
    const body = outermostBodyOf(at);
    return !body || !headersFilled(body).has(name);
  }

  function qualifiedName(node: SyntaxNode): string | undefined {
    if (node.type === 'selector_expression') {
      const op = node.childForFieldName('operand');
      const field = node.childForFieldName('field')?.text;
      if (op?.type === 'identifier' && field && !lookup(op.text)) {
        const ipath = importNames.get(op.text);
        if (ipath) return `${ipath}.${field}`;
      }
    }
    return undefined;
  }

  /** Source text of a node, capped, read from the JS string (the binding's `text` getter is slow). */
  function textOf(n: SyntaxNode, max: number): string {
    const start = n.startIndex;
    return text.slice(start, Math.min(n.endIndex, start + max));
  }

  function calleeKeyAndRecv(call: SyntaxNode): GoCallee {
    let c = calleeCache.get(call.id);
    if (!c) {
      c = calleeUncached(call);
      calleeCache.set(call.id, c);
    }
    return c;
  }

  function calleeUncached(call: SyntaxNode): GoCallee {
    const fn = call.childForFieldName('function');
    if (!fn) return { kind: 'dynamic' };
    const f = unparen(fn);
    if (f.type === 'identifier') {
      const b = lookup(f.text);
      // a parameter or local named like a package-level variable is not it (`var logf = func…`
      // beside `func render(logf func(string))`: the call is of the parameter)
      if (b && b !== globalScope.get(f.text)) {
        if (b.funcRef) return { kind: 'func', key: b.funcRef };
        return { kind: 'local', name: f.text };
      }
      return { kind: 'func', key: `${pkgPath}.${f.text}` };
    }
    if (f.type === 'selector_expression') {
      const q = qualifiedName(f);
      if (q) return { kind: 'func', key: q };
      const op = f.childForFieldName('operand');
      const name = f.childForFieldName('field')?.text ?? '';
      if (!op) return { kind: 'dynamic' };
      return { kind: 'method', recv: typeOf(op, 0), name, recvText: clip(op.text) };
    }
    if (f.type === 'generic_type' || f.type === 'index_expression') {
      const inner = f.namedChildren[0];
      if (inner?.type === 'identifier') return { kind: 'func', key: `${pkgPath}.${inner.text}` };
    }
    return { kind: 'dynamic' };
  }

  function callResults(call: SyntaxNode, depth: number): TypeRef[] {
    const callee = calleeKeyAndRecv(call);
    switch (callee.kind) {
      case 'func': {
        const known = GO_FUNC_RESULTS[callee.key];
        if (known) return known;
        const local = callee.key.startsWith(pkgDot) ? fileFuncResults.get(callee.key.slice(pkgDot.length)) : undefined;
        if (local) return local;
        return unresolvedResults(`?call:${callee.key}`);
      }
      case 'method': {
        const recv = callee.recv.replace(/^\*/, '');
        const known = GO_METHOD_RESULTS[`${recv}.${callee.name}`];
        if (known) return known;
        if (callee.name === 'Start' && isOtelStart(call, depth)) return GO_METHOD_RESULTS['go.opentelemetry.io/otel/trace.Tracer.Start']!;
        if (recv.startsWith('?') || recv.includes('.')) return unresolvedResults(`?call:${recv}.${callee.name}`);
        return [];
      }
      default:
        return [];
    }
  }

  /** `x.Start(ctx, "name", …)` on a receiver we cannot type: OpenTelemetry's shape. */
  function isOtelStart(call: SyntaxNode, depth: number): boolean {
    const args = call.childForFieldName('arguments')?.namedChildren ?? [];
    return args.length >= 2 && typeOf(args[0]!, depth + 1) === 'context.Context';
  }

  function typeOf(node: SyntaxNode, depth: number): TypeRef {
    if (depth > MAX_EXPR_DEPTH) return '';
    switch (node.type) {
      case 'identifier': {
        const b = lookup(node.text);
        if (b) return b.type;
        if (importNames.has(node.text)) return '';
        if (node.text === 'nil' || node.text === 'true' || node.text === 'false' || node.text === 'iota') return '';
        return `?pkgvar:${pkgPath}.${node.text}`;
      }
      case 'parenthesized_expression':
        return typeOf(node.namedChildren[0] ?? node, depth + 1);
      case 'call_expression': {
        const fn = node.childForFieldName('function');
        // conversions: []byte(x), string(x), T(x)
        if (fn && (fn.type === 'slice_type' || fn.type === 'array_type' || fn.type === 'pointer_type' || fn.type === 'parenthesized_type')) return typeString(fn);
        if (fn?.type === 'identifier' && GO_BUILTIN_TYPES.has(fn.text) && !lookup(fn.text)) return fn.text;
        return callResults(node, depth)[0] ?? '';
      }
      case 'selector_expression': {
        const q = qualifiedName(node);
        if (q) return q === 'os.Stdout' || q === 'os.Stderr' ? '*os.File' : `?pkgvar:${q}`;
        const op = node.childForFieldName('operand');
        const field = node.childForFieldName('field')?.text ?? '';
        if (!op) return '';
        const base = typeOf(op, depth + 1);
        if (!base) return '';
        return `?field:${base}#${field}`;
      }
      case 'unary_expression': {
        const op = node.childForFieldName('operator')?.text ?? node.child(0)?.text;
        const inner = node.childForFieldName('operand') ?? node.namedChildren[0];
        if (!inner) return '';
        const t = typeOf(inner, depth + 1);
        if (op === '&') return t ? `*${t}` : '';
        if (op === '*') return t.startsWith('*') ? t.slice(1) : '';
        if (op === '<-') return '';
        return t;
      }
      case 'composite_literal':
        return typeString(node.childForFieldName('type'));
      case 'type_assertion_expression':
        return typeString(node.childForFieldName('type'));
      case 'interpreted_string_literal':
      case 'raw_string_literal':
        return 'string';
      case 'int_literal':
        return 'int';
      case 'float_literal':
        return 'float64';
      case 'binary_expression': {
        const l = node.childForFieldName('left');
        return l ? typeOf(l, depth + 1) : '';
      }
      case 'index_expression': {
        const op = node.childForFieldName('operand');
        const t = op ? typeOf(op, depth + 1) : '';
        if (t.startsWith('[]')) return t.slice(2);
        const m = /^map\[[^\]]*\](.*)$/.exec(t);
        return m ? m[1]! : '';
      }
      case 'func_literal':
        return 'func';
      default:
        return '';
    }
  }

  function unresolvedResults(base: string): TypeRef[] {
    return [0, 1, 2, 3].map((i) => `${base}#${i}`);
  }

  /** an expression holding a zone loaded in this function: `loc` bound from `time.LoadLocation(…)`, or such a call */
  const loadsZone = (i: number | undefined): boolean => {
    const c = i === undefined ? undefined : summary.calls[i];
    return c !== undefined && c.callee.kind === 'func' && (c.callee.key === 'time.LoadLocation' || c.callee.key === 'time.LoadLocationFromTZData');
  };
  const holdsZone = (n: SyntaxNode): boolean => {
    const stack: SyntaxNode[] = [n];
    for (let guard = 0; stack.length > 0 && guard < 2000; guard++) {
      const x = stack.pop()!;
      if (x.type === 'identifier' ? loadsZone(lookup(x.text)?.fromCall) : x.type === 'call_expression' && loadsZone(callIndexByNode.get(x.id))) return true;
      if (x.type !== 'func_literal') for (const c of x.namedChildren) stack.push(c);
    }
    return false;
  };
  /** the current function's store record of a receiver field, made on first use */
  const fieldStore = (field: string): { indexed: number; zone: boolean } => {
    const stores = fieldStores[fieldStores.length - 1]!;
    let st = stores.get(field);
    if (!st) stores.set(field, (st = { indexed: 0, zone: false }));
    return st;
  };
  /** `c.locs` with `c` the receiver of the function being walked */
  const receiverField = (text: string): boolean => {
    const recv = receivers[receivers.length - 1];
    return recv !== undefined && text.length > recv.length + 1 && text.startsWith(recv) && text[recv.length] === '.' && /^\w+$/.test(text.slice(recv.length + 1));
  };
  const noteIdentifier = (name: string): void => {
    if (globalReads.length > 0 && isGlobalRef(name)) globalReads[globalReads.length - 1]!.add(name);
  };
  const isGlobalRef = (name: string): boolean => {
    for (let i = scopes.length - 1; i >= 1; i--) if (scopes[i]!.has(name)) return false;
    return globalScope.has(name) || (!importNames.has(name) && !GO_BUILTIN_CALLS.has(name));
  };
  function addFunction(node: SyntaxNode, name: string, key: string): number {
    const params: { name: string; type: TypeRef }[] = [];
    const list: SyntaxNode[] = [];
    const recv = node.childForFieldName('receiver');
    if (recv) list.push(...recv.namedChildren);
    const plist = node.childForFieldName('parameters');
    const paramStart = list.length;
    if (plist) list.push(...plist.namedChildren);
    const recvParams: { name: string; type: TypeRef }[] = [];
    list.forEach((p, i) => {
      if (p.type !== 'parameter_declaration' && p.type !== 'variadic_parameter_declaration') return;
      let t = typeString(p.childForFieldName('type'));
      if (p.type === 'variadic_parameter_declaration') t = `[]${t}`;
      const names = p.childrenForFieldName('name');
      const target = i < paramStart ? recvParams : params;
      if (names.length === 0) target.push({ name: '_', type: t });
      for (const n of names) target.push({ name: n.text, type: t });
    });
    summary.functions.push({
      name,
      key,
      span: span(node),
      parent: currentFunc,
      params: exact(params),
      results: resultTypes(node),
      // every function, call and argument has all its fields (undefined where they do not hold;
      // JSON leaves those out): the model's reads see one shape of each (README: One shape per
      // kind of summary)
      spawned: undefined,
      returned: undefined,
      inPlace: undefined,
      worker: undefined,
      memoizes: undefined,
      memoFrom: undefined,
      action: undefined,
    });
    const idx = summary.functions.length - 1;
    const scope: Scope = new Map();
    for (const r of recvParams) if (r.name !== '_') scope.set(r.name, { type: r.type });
    params.forEach((p, i) => {
      if (p.name !== '_') scope.set(p.name, { type: p.type, param: i });
    });
    scopes.push(scope);
    return idx;
  }

  function walkBody(fnNode: SyntaxNode, fnIndex: number): void {
    const body = fnNode.childForFieldName('body');
    const savedFunc = currentFunc;
    currentFunc = fnIndex;
    const hasRecover = body ? containsRecover(body) : false;
    recoverStack.push(hasRecover || recoverStack[recoverStack.length - 1]!);
    // whether the body may end the process (os.Exit, panic, log.Fatal…): only then are its calls
    // looked at for an exit after them (exitsAfter)
    const bodyText = body && (fileMayExit || fileTicks) ? body.text : '';
    mayExit.push(fileMayExit && MAY_EXIT.test(bodyText));
    returnedVars.push(new Set());
    globalReads.push(new Set());
    globalWrites.push(new Set());
    receivers.push(fnNode.type === 'method_declaration' ? fnNode.childForFieldName('receiver')?.namedChildren[0]?.childForFieldName('name')?.text : fnNode.type === 'func_literal' ? receivers[receivers.length - 1] : undefined);
    fieldStores.push(new Map());
    fieldLookups.push(new Map());
    const literalCount = { n: 0 };
    const stack: Frame[] = [];
    if (body) stack.push({ node: body });
    const baseScopeDepth = scopes.length;

    while (stack.length > 0) {
      const frame = stack.pop()!;
      if (frame.exit) {
        frame.exit();
        continue;
      }
      const node = frame.node;
      /** `skip`: a child left unwalked (an `if`'s dead branch) */
      const pushChildren = (skip?: SyntaxNode): void => {
        const found = interestingDescendants(node, noteIdentifier);
        for (let i = found.length - 1; i >= 0; i--) if (found[i]!.id !== skip?.id) stack.push({ node: found[i]! });
      };

      switch (node.type) {
        case 'func_literal': {
          // a closure is its own function; walked now, depth-guarded (nested closures recurse)
          if (closureDepth >= MAX_CLOSURE_DEPTH) continue;
          const parent = summary.functions[currentFunc]!;
          literalCount.n++;
          const idx = addFunction(node, `${parent.name}.func${literalCount.n}`, `${parent.key}.func${literalCount.n}`);
          // called where it is written: started as a goroutine (`go func() {…}()`), or part of the
          // function's run (`if err := func() error {…}(); err != nil`, a deferred one)
          const started = node.parent;
          const calledHere = started?.type === 'call_expression' && sameNode(started.childForFieldName('function') ?? node, node);
          if (calledHere && started.parent?.type === 'go_statement') summary.functions[idx]!.spawned = true;
          if (returnedLiteral(node)) summary.functions[idx]!.returned = true;
          else if (calledHere && started.parent?.type !== 'go_statement') summary.functions[idx]!.inPlace = true;
          loopDepthStack.push(loopDepthStack[loopDepthStack.length - 1]!);
          msgLoopStack.push(msgLoopStack[msgLoopStack.length - 1]!);
          closureDepth++;
          walkBody(node, idx);
          closureDepth--;
          loopDepthStack.pop();
          msgLoopStack.pop();
          scopes.pop();
          continue;
        }
        case 'block':
        case 'if_statement':
        case 'expression_switch_statement':
        case 'type_switch_statement':
        case 'select_statement':
        case 'expression_case':
        case 'default_case':
        case 'communication_case': {
          scopes.push(new Map());
          stack.push({ node, exit: () => scopes.pop() });
          if (node.type === 'type_switch_statement') {
            handleTypeSwitch(node, stack);
            continue;
          }
          pushChildren(node.type === 'if_statement' ? deadBranch(node) : undefined);
          continue;
        }
        case 'for_statement': {
          // a per-message read loop is the request itself; a small literal bound is not request data
          const kind = rangesOverFixedSet(node) ? 'bounded' : loopKind(node);
          const inc = kind === 'data' ? 1 : 0;
          const msg = kind === 'message' ? 1 : 0;
          scopes.push(new Map());
          stack.push({
            node,
            exit: () => {
              scopes.pop();
              loopDepthStack[loopDepthStack.length - 1]! -= inc;
              msgLoopStack[msgLoopStack.length - 1]! -= msg;
            },
          });
          const bodyNode = node.childForFieldName('body');
          // header first (in the loop scope), then the body one loop deeper
          if (bodyNode) {
            stack.push({ node: bodyNode });
            stack.push({
              node,
              exit: () => {
                loopDepthStack[loopDepthStack.length - 1]! += inc;
                msgLoopStack[msgLoopStack.length - 1]! += msg;
              },
            });
          }
          const header = node.namedChildren;
          // nodes are compared by position: the binding may or may not return the same object
          for (let i = header.length - 1; i >= 0; i--) if (!sameNode(header[i]!, bodyNode)) stack.push({ node: header[i]! });
          continue;
        }
        case 'receive_statement': {
          // `case names := <-updates:` declares names, in the case's scope: not an outer local of that name
          const left = node.childForFieldName('left');
          const right = node.childForFieldName('right');
          if (left && right && text.slice(left.endIndex, right.startIndex).includes(':=')) {
            for (const id of left.type === 'expression_list' ? left.namedChildren : [left]) if (id.type === 'identifier') define(id.text, { type: '' });
          }
          pushChildren();
          continue;
        }
        case 'short_var_declaration':
        case 'assignment_statement': {
          const right = node.childForFieldName('right');
          // `c.locs[name] = loc`: a store into a field of the receiver, a cache of zones when the
          // value holds one loaded here (judged once the right side's calls are recorded)
          const stored: string[] = [];
          stack.push({
            node,
            exit: () => {
              if (stored.length > 0 && right && holdsZone(right)) for (const field of stored) fieldStore(field).zone = true;
              declareFromAssignment(node, node.type === 'short_var_declaration');
            },
          });
          if (right) stack.push({ node: right });
          if (node.type === 'assignment_statement') {
            for (const l of node.childForFieldName('left')?.namedChildren ?? []) {
              const target = l.type === 'index_expression' ? l.childForFieldName('operand') : l;
              if (target?.type === 'identifier' && isGlobalRef(target.text)) globalWrites[globalWrites.length - 1]!.add(target.text);
              else if (l.type === 'index_expression' && target?.type === 'selector_expression' && receiverField(target.text)) {
                fieldStore(target.text).indexed++;
                stored.push(target.text);
              }
              if (l.type === 'index_expression') {
                const ix = l.childForFieldName('index');
                if (ix) stack.push({ node: ix });
              } else if (l.type !== 'identifier') stack.push({ node: l });
            }
          }
          continue;
        }
        case 'var_declaration':
        case 'const_declaration':
          for (const spec of specsOf(node)) {
            if (spec.type !== 'var_spec' && spec.type !== 'const_spec') continue;
            stack.push({ node: spec, exit: () => declareVarSpec(spec, true) });
            const v = spec.childForFieldName('value');
            if (v) stack.push({ node: v });
          }
          // specs are pushed in reverse order of exit; fine: each declares on its own exit
          continue;
        case 'range_clause': {
          stack.push({ node, exit: () => declareRange(node) });
          const right = node.childForFieldName('right');
          if (right) stack.push({ node: right });
          continue;
        }
        case 'return_statement': {
          const list = node.namedChildren[0];
          const exprs = list?.type === 'expression_list' ? list.namedChildren : list ? [list] : [];
          for (const e of exprs) {
            const u = unparen(e);
            if (u.type === 'identifier') returnedVars[returnedVars.length - 1]!.add(u.text);
          }
          stack.push({
            node,
            exit: () => {
              for (const e of exprs) {
                const u = unparen(e);
                const ci = callIndexByNode.get(u.id);
                if (ci !== undefined) summary.calls[ci]!.returned = true;
                if (u.type === 'identifier') {
                  const b = lookup(u.text);
                  if (b?.fromCall !== undefined) summary.calls[b.fromCall]!.returned = true;
                }
              }
            },
          });
          pushChildren();
          continue;
        }
        case 'call_expression': {
          const argsNode = node.childForFieldName('arguments');
          // record after arguments so nested calls get lower indices only if visited first;
          // we record on exit so argument calls are known (fromCall links)
          stack.push({ node, exit: () => recordCall(node) });
          const fn = node.childForFieldName('function');
          if (argsNode) stack.push({ node: argsNode });
          if (fn) stack.push({ node: fn });
          continue;
        }
        case 'identifier':
          noteIdentifier(node.text);
          continue;
        default:
          pushChildren();
      }
    }
    while (scopes.length > baseScopeDepth) scopes.pop();
    const reads = globalReads.pop()!;
    const writes = globalWrites.pop()!;
    const stores = fieldStores.pop()!;
    const lookups = fieldLookups.pop()!;
    receivers.pop();
    // a cache in a field of the receiver: a store, and a lookup (a method, or an index expression
    // beyond the stores: `if loc, ok := c.locs[name]; ok { return loc }`), from the line of the
    // first lookup on: what the function loads before it is not behind the cache
    const fn = summary.functions[fnIndex]!;
    if (body && fileTicks && TICKS.test(bodyText) && waitsOnTicker(body)) fn.worker = true;
    if ([...writes].some((g) => reads.has(g))) fn.memoizes = true;
    else if (stores.size > 0 && body) {
      const text = body.text;
      let from = Infinity;
      for (const [field, { indexed, zone }] of stores) {
        if (!zone) continue;
        const at = text.indexOf(`${field}[`);
        const read = text.split(`${field}[`).length - 1 > indexed ? lines.span(body.startIndex + at, body.startIndex + at).line : Infinity;
        from = Math.min(from, lookups.get(field) ?? Infinity, read);
      }
      if (from < Infinity) {
        fn.memoizes = true;
        fn.memoFrom = from;
      }
    }
    returnedVars.pop();
    recoverStack.pop();
    mayExit.pop();
    currentFunc = savedFunc;
  }

  function handleTypeSwitch(node: SyntaxNode, stack: Frame[]): void {
    const alias = node.childForFieldName('alias');
    const value = node.childForFieldName('value');
    const aliasName = alias?.namedChildren[0]?.text ?? alias?.text;
    const valueType = value ? typeOf(value, 0) : '';
    const cases = node.namedChildren.filter((c) => c.type === 'type_case' || c.type === 'default_case');
    for (let i = cases.length - 1; i >= 0; i--) {
      const c = cases[i]!;
      const types = c.childrenForFieldName('type');
      const t = types.length === 1 ? typeString(types[0]!) : valueType;
      stack.push({ node: c, exit: () => scopes.pop() });
      for (let j = c.namedChildren.length - 1; j >= 0; j--) {
        const ch = c.namedChildren[j]!;
        if (!types.some((t) => sameNode(t, ch))) stack.push({ node: ch });
      }
      stack.push({
        node: c,
        exit: () => {
          scopes.push(new Map());
          if (aliasName) define(aliasName, { type: t });
        },
      });
    }
    if (value) stack.push({ node: value });
  }

  function bindingFor(expr: SyntaxNode | undefined, results: TypeRef[] | null, i: number): Binding {
    if (results) return { type: results[i] ?? '' };
    if (!expr) return { type: '' };
    const u = unparen(expr);
    const b: Binding = { type: typeOf(u, 0) };
    const ci = callIndexByNode.get(u.id);
    if (ci !== undefined) b.fromCall = ci;
    if (u.type === 'identifier') {
      const src = lookup(u.text);
      if (src?.fromCall !== undefined) b.fromCall = src.fromCall;
      if (src?.fromResult) b.fromResult = src.fromResult;
      if (src?.funcRef) b.funcRef = src.funcRef;
    }
    if (u.type === 'func_literal') b.funcRef = funcLiteralRef(u);
    if (u.type === 'composite_literal' && (u.childForFieldName('body')?.namedChildCount ?? 0) > 0) b.literal = true;
    return b;
  }

  function funcLiteralRef(node: SyntaxNode): string | undefined {
    const s = span(node);
    const idx = summary.functions.findIndex(
      (f) => f.span.line === s.line && f.span.column === s.column && f.span.endLine === s.endLine,
    );
    return idx >= 0 ? summary.functions[idx]!.key : undefined;
  }

  function declareFromAssignment(node: SyntaxNode, isDecl: boolean): void {
    const left = node.childForFieldName('left')?.namedChildren ?? [];
    const right = node.childForFieldName('right')?.namedChildren ?? [];
    const multi = left.length > 1 && right.length === 1;
    let results: TypeRef[] | null = null;
    if (multi) {
      const r = unparen(right[0]!);
      if (r.type === 'call_expression') results = callResults(r, 0);
      else if (r.type === 'type_assertion_expression') results = [typeOf(r, 0), 'bool'];
      else if (r.type === 'index_expression') results = [typeOf(r, 0), 'bool'];
      else results = [];
    }
    left.forEach((l, i) => {
      if (l.type !== 'identifier') return;
      const b = bindingFor(multi ? undefined : right[i], results, i);
      if (multi) {
        const ci = callIndexByNode.get(unparen(right[0]!).id);
        if (ci !== undefined) {
          b.fromCall = ci;
          if (i > 0) b.fromResult = i;
        }
      }
      if (isDecl) define(l.text, b, true);
      else {
        // plain assignment: keep the declared type, but follow where the value came from
        const existing = lookup(l.text);
        if (existing) {
          existing.literal = false; // `xs = append(xs, …)`: no longer a fixed set
          if (b.fromCall !== undefined) {
            existing.fromCall = b.fromCall;
            if (b.fromResult) existing.fromResult = b.fromResult;
            else delete existing.fromResult;
          }
        }
      }
    });
  }

  function declareVarSpec(spec: SyntaxNode, local: boolean): void {
    const names = spec.childrenForFieldName('name');
    const declared = spec.childForFieldName('type');
    const values = spec.childForFieldName('value')?.namedChildren ?? [];
    const multi = names.length > 1 && values.length === 1;
    let results: TypeRef[] | null = null;
    if (multi) {
      const r = unparen(values[0]!);
      results = r.type === 'call_expression' ? callResults(r, 0) : [];
    }
    names.forEach((n, i) => {
      const b = declared ? { type: typeString(declared) } : bindingFor(multi ? undefined : values[i], results, i);
      if (local) define(n.text, b);
      else {
        // `var X = func…` is the function X (walkPackageLevel): passed as a value, it is a reference to it
        if (!multi && values[i]?.type === 'func_literal' && n.text !== '_') b.funcRef = `${pkgPath}.${n.text}`;
        globalScope.set(n.text, b);
        summary.globals.push({ name: n.text, type: b.type });
        if (spec.type === 'const_spec' && values[i]?.type === 'false') falseConsts.add(b);
      }
    });
  }

  function deadBranch(ifNode: SyntaxNode): SyntaxNode | undefined {
    mayBeDead ??= falseConsts.size > 0 || /\bfalse\s*\)*\s*\{/.test(text);
    if (!mayBeDead) return undefined;
    const cond = ifNode.childForFieldName('condition');
    if (!cond) return undefined;
    const c = unparen(cond);
    const dead = c.type === 'false' || (c.type === 'identifier' && falseConsts.has(lookup(c.text)) && onlyTested(ifNode, c.text));
    return dead ? (ifNode.childForFieldName('consequence') ?? undefined) : undefined;
  }

  /**
   * The const's name appears in the top-level declaration around `ifNode` only as conditions
   * (`if debug {`): no local of that name can shadow it there. Scopes do not see every binding
   * (an if's own initialiser, a select case's receive, a named result), so any other use of the
   * name keeps the branch live.
   */
  function onlyTested(ifNode: SyntaxNode, name: string): boolean {
    let top = ifNode;
    while (top.parent && top.parent.type !== 'source_file') top = top.parent;
    const body = top.text;
    const uses = body.match(new RegExp(`\\b${name}\\b`, 'g'))?.length ?? 0;
    const tests = body.match(new RegExp(`\\bif\\s+${name}\\s*\\{`, 'g'))?.length ?? 0;
    return uses === tests;
  }

  function declareRange(node: SyntaxNode): void {
    const left = node.childForFieldName('left')?.namedChildren ?? [];
    const right = node.childForFieldName('right');
    const t = right ? typeOf(right, 0) : '';
    let elem: TypeRef = '';
    let key: TypeRef = 'int';
    if (t.startsWith('[]')) elem = t.slice(2);
    const m = /^map\[([^\]]*)\](.*)$/.exec(t);
    if (m) {
      key = m[1]!;
      elem = m[2]!;
    }
    if (t === 'string') elem = 'rune';
    left.forEach((l, i) => {
      if (l.type === 'identifier') define(l.text, { type: i === 0 ? key : elem });
    });
  }

  function recordCall(node: SyntaxNode): void {
    const callee = calleeKeyAndRecv(node);
    const argsNode = node.childForFieldName('arguments');
    let args: GoArg[] = [];
    if (argsNode) {
      const argNodes = argsNode.namedChildren.filter((a) => a.type !== 'comment');
      // as long as the arguments, made so (not copied as `exact` does: there are many calls)
      args = new Array<GoArg>(argNodes.length);
      for (const [k, a] of argNodes.entries()) {
        const spread = a.type === 'variadic_argument';
        const u = unconvert(unparen(spread ? (a.namedChildren[0] ?? a) : a));
        const arg: GoArg = {
          text: foldClip(textOf(a, MAX_TEXT * 4), MAX_TEXT),
          type: typeOf(u, 0),
          span: span(a),
          literal: undefined,
          qualified: undefined,
          fromCall: undefined,
          fromResult: undefined,
          fromParam: undefined,
          param: undefined,
          outgoing: undefined,
          funcRef: undefined,
          joinedParam: undefined,
          spread: undefined,
          members: undefined,
        };
        const lit = literalValue(u);
        if (lit !== undefined) arg.literal = lit;
        const q = qualifiedName(u);
        if (q) arg.qualified = q;
        const ci = callIndexByNode.get(u.id);
        if (ci !== undefined) arg.fromCall = ci;
        if (u.type === 'identifier') {
          const b = lookup(u.text);
          if (b?.fromCall !== undefined) arg.fromCall = b.fromCall;
          if (b?.fromResult) arg.fromResult = b.fromResult;
          if (b?.param !== undefined) arg.fromParam = true;
          if (b?.param !== undefined && scopeOwnsParam(u.text)) arg.param = b.param;
          if (builtRequest(u.text, node)) arg.outgoing = true;
          if (b?.funcRef) arg.funcRef = b.funcRef;
          else if (!b) arg.funcRef = `${pkgPath}.${u.text}`;
        } else if (u.type === 'binary_expression') {
          const joined = joinedParam(u);
          if (joined !== undefined) arg.joinedParam = joined;
        } else if (u.type === 'func_literal') {
          const ref = funcLiteralRef(u);
          if (ref) arg.funcRef = ref;
        } else if (u.type === 'selector_expression') {
          if (q) arg.funcRef = q;
          else {
            const op = u.childForFieldName('operand');
            const field = u.childForFieldName('field')?.text;
            const recv = op ? typeOf(op, 0).replace(/^\*/, '') : '';
            if (recv && field) arg.funcRef = `${recv}.${field}`;
            const o = op ? unparen(op) : undefined;
            if (o?.type === 'identifier' && builtRequest(o.text, node)) arg.outgoing = true;
          }
        }
        if (spread) arg.spread = true;
        if (u.type === 'composite_literal') {
          const members = compositeValues(u);
          if (members.length) arg.members = members;
        }
        args[k] = arg;
      }
    }
    // type conversions and builtins are not calls worth recording
    if (callee.kind === 'func' && callee.key.startsWith(pkgDot)) {
      const name = callee.key.slice(pkgDot.length);
      if (GO_BUILTIN_CALLS.has(name) && !fileFuncResults.has(name)) return;
    }
    summary.calls.push({
      callee,
      args,
      span: span(node),
      text: foldText(textOf(node, MAX_CALL_TEXT)),
      func: currentFunc,
      loopDepth: loopDepthStack[loopDepthStack.length - 1]! > 0 ? Math.max(0, loopDepthStack[loopDepthStack.length - 1]! - loopsLeftAfter(node)) : 0,
      inRecover: recoverStack[recoverStack.length - 1]!,
      returned: false,
      msgLoop: msgLoopStack[msgLoopStack.length - 1]! > 0,
      exits: undefined,
      onSignal: undefined,
      spawned: undefined,
    });
    callIndexByNode.set(node.id, summary.calls.length - 1);
    // `http.NewRequest(…)`, and `req.WithContext(ctx)` or `req.Clone(ctx)` of such a request
    if (callee.kind === 'func' ? GO_REQUEST_BUILDERS.has(callee.key) : callee.kind === 'method' && (callee.name === 'WithContext' || callee.name === 'Clone') && builtRequest(callee.recvText, node)) {
      builtRequests.add(summary.calls.length - 1);
    }
    if (mayExit[mayExit.length - 1]! && exitsAfter(node)) summary.calls[summary.calls.length - 1]!.exits = true;
    if (fileNotifies && loopDepthStack[loopDepthStack.length - 1]! > 0 && signalPaced(node)) summary.calls[summary.calls.length - 1]!.onSignal = true;
    if (node.parent?.type === 'go_statement') summary.calls[summary.calls.length - 1]!.spawned = true;
    if (callee.kind === 'method' && currentFunc >= 0 && /^(Store|LoadOrStore|Swap|Set|Add|Put)$/.test(callee.name) && isGlobalRef(callee.recvText)) {
      globalWrites[globalWrites.length - 1]?.add(callee.recvText);
    }
    if (callee.kind === 'method' && currentFunc >= 0 && receiverField(callee.recvText)) {
      if (/^(Store|Set|Put)$/.test(callee.name)) {
        const st = fieldStore(callee.recvText);
        if (argsNode && holdsZone(argsNode)) st.zone = true;
      }
      else if (/^(Get|Load|Peek|Lookup)$/.test(callee.name)) {
        const lookups = fieldLookups[fieldLookups.length - 1]!;
        const line = span(node).line;
        if (!(lookups.get(callee.recvText)! <= line)) lookups.set(callee.recvText, line);
      }
    }
  }

  function compositeValues(lit: SyntaxNode): { text: string; type: TypeRef; span: Span; fromParam?: boolean }[] {
    const body = lit.childForFieldName('body');
    const out: { text: string; type: TypeRef; span: Span; fromParam?: boolean }[] = [];
    for (const el of body?.namedChildren ?? []) {
      const v = el.type === 'keyed_element' ? el.namedChildren[el.namedChildren.length - 1] : el;
      const inner = v?.type === 'literal_element' ? v.namedChildren[0] : v;
      if (!inner) continue;
      const m: { text: string; type: TypeRef; span: Span; fromParam?: boolean } = { text: foldClip(textOf(inner, MAX_TEXT * 4), MAX_TEXT), type: typeOf(unparen(inner), 0), span: span(inner) };
      const u = unparen(inner);
      if (u.type === 'identifier' && lookup(u.text)?.param !== undefined) m.fromParam = true;
      out.push(m);
    }
    return out;
  }

  /** `string(x)`, `[]byte(x)`: a conversion is transparent for where a value came from */
  function unconvert(n: SyntaxNode): SyntaxNode {
    let cur = n;
    for (let i = 0; i < 4 && cur.type === 'call_expression'; i++) {
      const fn = cur.childForFieldName('function');
      const args = cur.childForFieldName('arguments')?.namedChildren ?? [];
      const isConv = fn && args.length === 1 && ((fn.type === 'identifier' && (fn.text === 'string' || fn.text === 'any') && !lookup(fn.text)) || fn.type === 'slice_type');
      if (!isConv) break;
      cur = unparen(args[0]!);
    }
    return cur;
  }

  /** `for _, z := range []string{…}` or over a local bound to such a literal: a fixed set, not request data */
  function rangesOverFixedSet(loop: SyntaxNode): boolean {
    const range = loop.namedChildren.find((c) => c.type === 'range_clause');
    const right = range?.childForFieldName('right');
    if (!right) return false;
    const u = unparen(right);
    if (u.type === 'composite_literal') return (u.childForFieldName('body')?.namedChildCount ?? 0) > 0;
    if (u.type !== 'identifier') return false;
    const b = lookup(u.text);
    if (b?.literal === true && !mutatedLocal(loop, u.text)) return true;
    return b !== undefined && b.param === undefined && b.fromCall === undefined && appendedFixedSet(loop, u.text);
  }

  /**
   * The parameter a `+` chain joins with string literals only (`"[API] "+format+"\n"`), when it
   * holds exactly one, of the function itself (scopeOwnsParam) and a string.
   */
  function joinedParam(node: SyntaxNode): number | undefined {
    let found: number | undefined;
    const stack = [node];
    for (let guard = 0; stack.length > 0; guard++) {
      const n = unparen(stack.pop()!);
      if (guard > 32) return undefined;
      if (n.type === 'binary_expression') {
        const l = n.childForFieldName('left');
        const r = n.childForFieldName('right');
        if (n.childForFieldName('operator')?.text !== '+' || !l || !r) return undefined;
        stack.push(r, l);
      } else if (n.type === 'identifier') {
        const b = lookup(n.text);
        if (found !== undefined || b?.param === undefined || b.type !== 'string' || !scopeOwnsParam(n.text)) return undefined;
        found = b.param;
      } else if (literalValue(n) === undefined) return undefined;
    }
    return found;
  }

  /** a parameter binding that belongs to the current function, not an enclosing one */
  function scopeOwnsParam(name: string): boolean {
    const fnParams = summary.functions[currentFunc]?.params ?? [];
    return fnParams.some((p) => p.name === name);
  }

  function walkPackageLevel(decl: SyntaxNode): void {
    // `var HandlePanic = func(…) {…}`: the literal is the variable's whole value, so it is the
    // function the variable's name calls (`HandlePanic(r, name)`, `mux.HandleFunc("/", Orders)`),
    // as a declared function would be; it runs when called, not at start-up. Another literal in
    // an initialiser (`http.HandlerFunc(func…)`, `sync.OnceValue(func…)`) is a start-up closure
    const named = new Map<number, string>();
    for (const spec of specsOf(decl)) {
      if (spec.type !== 'var_spec') continue;
      const names = spec.childrenForFieldName('name');
      const values = spec.childForFieldName('value')?.namedChildren ?? [];
      if (names.length !== values.length) continue;
      values.forEach((v, i) => {
        if (v.type === 'func_literal' && names[i]!.text !== '_') named.set(v.id, names[i]!.text);
      });
    }
    // every other literal is a function of its own, keyed by the variable whose initialiser holds
    // it and its place there: one node for all of a package's literals made a handler's requests
    // reach what a background job's literal calls (the filebrowser audit's `var nightly =
    // every(…, func() {…})` beside `var list = wrap(func(w, r) {…})`). A `_` variable's are keyed
    // by the file too
    const stack: [SyntaxNode, string][] = [[decl, '']];
    while (stack.length) {
      const [n, owner] = stack.pop()!;
      if (n.type === 'call_expression') recordCall(n);
      if (n.type === 'func_literal') {
        const name = named.get(n.id);
        let idx: number;
        if (name) idx = addFunction(n, name, `${pkgPath}.${name}`);
        else {
          // counted over the file, not the declaration: two `var _ = …` declarations must not share a key
          const k = (literalsOf.get(owner) ?? 0) + 1;
          literalsOf.set(owner, k);
          idx = addFunction(n, `init.var`, `${pkgPath}.init.var.${owner}#${k}`);
        }
        walkBody(n, idx);
        scopes.pop();
        continue;
      }
      const inner = n.type === 'var_spec' ? varOwner(n) : owner;
      const ch = n.namedChildren;
      for (let i = ch.length - 1; i >= 0; i--) stack.push([ch[i]!, inner]);
    }
  }

  /** The variable a package-level initialiser's literals belong to: its first name, or for `_` the file's too. */
  function varOwner(spec: SyntaxNode): string {
    const first = spec.childrenForFieldName('name')[0]?.text ?? '_';
    // no `.` in a key: the model reads a key's last part after its last `.`
    return first === '_' ? `_${path.replace(/[^\w]/g, '_')}` : first;
  }

  return function summarizeFile(fileTree: FlatTree, fileText: string, filePath: string, filePkgPath: string): GoFileSummary {
    try {
      tree = fileTree;
      text = fileText;
      path = filePath;
      pkgPath = filePkgPath;
      lines = new LineTable(text);
      root = tree.rootNode;
      /** `pkgPath.`, made once: a template string per test would be built (and flattened) every time */
      pkgDot = `${pkgPath}.`;
      summary = {
        path,
        language: 'go',
        packageName: '',
        pkgPath,
        imports: [],
        functions: [],
        calls: [],
        globals: [],
        structs: [],
        directives: [],
        partial: root.hasError,
        lineCount: lines.lineCount,
        errorLine: undefined,
        startFuncs: undefined,
      };
      if (root.hasError) summary.errorLine = firstErrorLine(root, lines);

      importNames = new Map<string, string>(); // local name → import path
      fileFuncResults = new Map<string, TypeRef[]>(); // same-file functions
      globalScope = new Map();
      // ---- pass 1: top-level declarations -------------------------------------------------------
      for (const decl of root.namedChildren) {
        switch (decl.type) {
          case 'package_clause':
            summary.packageName = decl.namedChildren[0]?.text ?? '';
            break;
          case 'import_declaration':
            for (const spec of decl.descendantsOfType('import_spec')) {
              const pathNode = spec.childForFieldName('path');
              if (!pathNode) continue;
              const ipath = stringLiteralValue(pathNode) ?? '';
              const nameNode = spec.childForFieldName('name');
              const name = nameNode ? nameNode.text : importLocalName(ipath);
              summary.imports.push({ path: ipath, name });
              if (name !== '_' && name !== '.') importNames.set(name, ipath);
            }
            break;
          case 'function_declaration': {
            const name = decl.childForFieldName('name')?.text;
            if (name) fileFuncResults.set(name, resultTypes(decl));
            break;
          }
          case 'type_declaration':
            for (const spec of decl.namedChildren) {
              if (spec.type !== 'type_spec') continue;
              const name = spec.childForFieldName('name')?.text;
              const t = spec.childForFieldName('type');
              if (name && t?.type === 'struct_type') summary.structs.push(structOf(`${pkgPath}.${name}`, t));
              else if (name && t?.type === 'interface_type') {
                const it = interfaceOf(`${pkgPath}.${name}`, t);
                if (it) summary.structs.push(it);
              }
            }
            break;
          default:
            break;
        }
      }

      // package-level vars (typed here when the file says so)
      scopes = [globalScope];
      // ---- expression typing ---------------------------------------------------------------------
      currentFunc = -1;
      closureDepth = 0;
      callIndexByNode = new Map<number, number>();
      /** the calls that build an outgoing HTTP request (recordCall) */
      builtRequests = new Set<number>();
      calleeCache = new Map<number, GoCallee>();
      // ---- pass 2: walk every function with scopes ----------------------------------------------
      /** calls inside a call's argument list: the argument node → outer call index */
      loopDepthStack = [0];
      msgLoopStack = [0];
      /** per function: package-level names read and written (memoization facts) */
      globalReads = [];
      globalWrites = [];
      /**
       * per function: its method's receiver (a closure's is its method's), the receiver's fields stored
       * into (`c.locs[k] = v`: how many times as an index; `c.cache.Put(k, v)`), and whether a zone
       * loaded here was stored (a cache of zones, not a counter: `c.hits[p] = c.hits[p] + 1`), and the
       * fields looked up by method (`c.cache.Get(k)`), with the line of the first lookup
       */
      receivers = [];
      fieldStores = [];
      fieldLookups = [];
      recoverStack = [false];
      mayExit = [false];
      // whether any function of the file may end the process or wait on a ticker: a body is part of
      // the file's text, so a file that matches neither spares every body the tests (walkBody)
      fileMayExit = MAY_EXIT.test(text);
      fileNotifies = text.includes('signal.Notify(');
      fileTicks = TICKS.test(text);
      returnedVars = [];

      /**
       * `if false {…}` and `if debug {…}` under a package-level `const debug = false` of this file: the
       * compiler drops the branch, so nothing in it runs (wazero's `if false { debug.PrintStack() }`).
       * A variable (`var debug = false`, a field) may be set at run time: its branch is kept
       */
      falseConsts = new Set<unknown>();
      // most files have neither: their ifs are not looked at (set once the package-level names are in).
      // A condition `false` is followed by the block, maybe after parentheses: `if (false) {`,
      // `if n := f(); false {`; a match in a comment only costs the look
      mayBeDead = undefined;
      // top-level vars first, so functions see their types
      for (const decl of root.namedChildren) {
        if (decl.type === 'var_declaration' || decl.type === 'const_declaration') {
          for (const spec of specsOf(decl)) {
            if (spec.type === 'var_spec' || spec.type === 'const_spec') declareVarSpec(spec, false);
          }
        }
      }
      /** package-level literals so far in this file, by the variable that holds them (walkPackageLevel) */
      literalsOf = new Map<string, number>();
      for (const decl of root.namedChildren) {
        if (decl.type === 'function_declaration') {
          const name = decl.childForFieldName('name')?.text ?? '_';
          const idx = addFunction(decl, name, `${pkgPath}.${name}`);
          walkBody(decl, idx);
          scopes.pop();
        } else if (decl.type === 'method_declaration') {
          const name = decl.childForFieldName('name')?.text ?? '_';
          const recvNode = decl.childForFieldName('receiver')?.namedChildren[0]?.childForFieldName('type');
          const recvType = typeString(recvNode ?? null);
          const bare = recvType.replace(/^\*/, '');
          const short = bare.slice(bare.lastIndexOf('.') + 1);
          const display = recvType.startsWith('*') ? `(*${short}).${name}` : `${short}.${name}`;
          const idx = addFunction(decl, display, `${bare}.${name}`);
          walkBody(decl, idx);
          scopes.pop();
        } else if (decl.type === 'var_declaration') {
          // package-level initialisers: calls there run once, at start-up
          walkPackageLevel(decl);
        }
      }

      // ---- command-line actions ------------------------------------------------------------------
      // `&cobra.Command{RunE: runStatus}`, `&cli.Command{Action: Send}`: a function a command-line
      // library runs once per invocation of the tool (start-up code: the rudder-server audit)
      if (CLI_LIBRARY.test(text)) {
        const actions = (body: SyntaxNode | null, fields: ReadonlySet<string>): void => {
          for (const el of body?.namedChildren ?? []) {
            if (el.type !== 'keyed_element') continue;
            const [k, v] = el.namedChildren.filter((c) => c.type !== 'comment');
            const key = k?.type === 'literal_element' ? k.namedChildren[0] : k;
            const value = v?.type === 'literal_element' ? v.namedChildren[0] : v;
            if (!key || !value || !fields.has(key.text)) continue;
            // a function literal there is the action itself (`RunE: func(cmd, args) error {…}`: jaeger's status command)
            const lit = value.type === 'func_literal' ? funcLiteralRef(value) : undefined;
            const info = lit ? summary.functions.find((f) => f.key === lit) : undefined;
            if (info) info.action = true;
            const ref = lit ?? (value.type === 'identifier' ? `${pkgPath}.${value.text}` : qualifiedName(value));
            if (ref && !(summary.startFuncs ??= []).includes(ref)) summary.startFuncs.push(ref);
          }
        };
        for (const lit of root.descendantsOfType('composite_literal')) {
          const t = typeString(lit.childForFieldName('type'));
          const fields = CLI_ACTION_FIELDS.get(t);
          if (fields) actions(lit.childForFieldName('body'), fields);
          // `Subcommands: []*cli.Command{{Name: "send", Action: Send}}`: elements of elided type
          const each = t.startsWith('[]') ? CLI_ACTION_FIELDS.get(t.slice(2).replace(/^\*/, '')) : undefined;
          if (!each) continue;
          for (const el of lit.childForFieldName('body')?.namedChildren ?? []) {
            const value = el.type === 'literal_element' ? el.namedChildren[0] : el;
            if (value?.type === 'literal_value') actions(value, each);
          }
        }
      }

      // ---- directives (suppression comments) ----------------------------------------------------
      // a directive starts with `logvol-` or `nolint`: without either, no comment needs a look
      if (mayHoldDirective(text)) {
        for (const c of root.descendantsOfType('comment')) {
          const d = parseDirective(c.text, lines.lineOf(c.startIndex), isTrailingComment(text, c.startIndex), span(c));
          if (d) summary.directives.push(d);
        }
      }
      summary.imports = exact(summary.imports);
      summary.functions = exact(summary.functions);
      summary.calls = exact(summary.calls);
      summary.globals = exact(summary.globals);
      summary.structs = exact(summary.structs);
      summary.directives = exact(summary.directives);
      return summary;
    } finally {
      // nothing of the file is kept once its summary is made (the source text, the tree)
      tree = undefined!;
      text = undefined!;
      path = undefined!;
      pkgPath = undefined!;
      lines = undefined!;
      root = undefined!;
      pkgDot = undefined!;
      summary = undefined!;
      importNames = undefined!;
      fileFuncResults = undefined!;
      globalScope = undefined!;
      scopes = undefined!;
      currentFunc = undefined!;
      closureDepth = undefined!;
      callIndexByNode = undefined!;
      builtRequests = undefined!;
      calleeCache = undefined!;
      loopDepthStack = undefined!;
      msgLoopStack = undefined!;
      globalReads = undefined!;
      globalWrites = undefined!;
      receivers = undefined!;
      fieldStores = undefined!;
      fieldLookups = undefined!;
      recoverStack = undefined!;
      mayExit = undefined!;
      fileMayExit = undefined!;
      fileNotifies = undefined!;
      fileTicks = undefined!;
      returnedVars = undefined!;
      falseConsts = undefined!;
      mayBeDead = undefined!;
      literalsOf = undefined!;
    }
  };
}

/**
 * `xs` in an array of its own length. An array grown by push keeps room for 16 elements or half
 * as many more as it holds, and a large Go group keeps every summary until its model is built:
 * on moby with its vendor/ (8,566 files), its summaries' heap 257.6 -> 220 MB with these lists
 * and the calls' arguments (recordCall) made exact.
 */
function exact<T>(xs: T[]): T[] {
  return xs.length === 0 ? [] : xs.slice();
}

const GO_BUILTIN_CALLS = new Set([
  'append', 'cap', 'clear', 'close', 'complex', 'copy', 'delete', 'imag', 'len', 'make', 'max', 'min',
  'new', 'panic', 'print', 'println', 'real', 'recover',
]);

function literalValue(node: SyntaxNode, depth = 0): string | undefined {
  const direct = stringLiteralValue(node);
  if (direct !== undefined) return direct;
  // depth-guarded: generated code concatenates thousands of literals (issue 7: stack overflow)
  if (depth > MAX_EXPR_DEPTH) return undefined;
  if (node.type === 'binary_expression' && node.childForFieldName('operator')?.text === '+') {
    const l = node.childForFieldName('left');
    const r = node.childForFieldName('right');
    const lv = l ? literalValue(unparen(l), depth + 1) : undefined;
    const rv = r ? literalValue(unparen(r), depth + 1) : undefined;
    if (lv !== undefined && rv !== undefined) return lv + rv;
  }
  return undefined;
}

/**
 * The locals whose `Header` a function body (closures included) copies from a request it receives
 * (a `*http.Request` parameter of the function or of a closure in it): assigned (`out.Header =
 * r.Header.Clone()`), filled in a loop over it (`for k, vs := range r.Header { out.Header.Add(k, v)
 * }`, `out.Header[k] = vs`), or handed with it to a call (`copyHeader(out.Header, r.Header)`,
 * httputil's shape). A proxy's outgoing request then carries the client's headers. Headers the
 * service makes or keeps itself (`http.Header{…}`, `make(http.Header)`, `c.Header.Clone()` of its
 * own client) are its own.
 */
const headersFilled = perNode((body: SyntaxNode): Set<string> => {
  const out = new Set<string>();
  if (!body.text.includes('.Header')) return out;
  const requests = requestParams(body);
  if (requests.size === 0) return out;
  const headerOf = (x: SyntaxNode | null | undefined): string | undefined => {
    const n = x ? unparen(x) : undefined;
    if (n?.type !== 'selector_expression' || n.childForFieldName('field')?.text !== 'Header') return undefined;
    const op = n.childForFieldName('operand');
    return op?.type === 'identifier' ? op.text : undefined;
  };
  // `r.Header` or `r.Header.Clone()` of a received request
  const received = (x: SyntaxNode | null | undefined): boolean => {
    let n = x ? unparen(x) : undefined;
    if (n?.type === 'call_expression' && n.childForFieldName('arguments')?.namedChildCount === 0) {
      const fn = n.childForFieldName('function');
      if (fn?.type === 'selector_expression' && fn.childForFieldName('field')?.text === 'Clone') n = fn.childForFieldName('operand') ?? undefined;
    }
    const name = headerOf(n);
    return name !== undefined && requests.has(name);
  };
  // [node, inside a loop over a received request's headers]
  const stack: [SyntaxNode, boolean][] = body.namedChildren.map((c) => [c, false]);
  for (let guard = 0; stack.length > 0 && guard < 200_000; guard++) {
    const [n, overHeader] = stack.pop()!;
    if (n.type === 'assignment_statement') {
      const copied = (n.childForFieldName('right')?.namedChildren ?? []).some(received);
      for (const l of n.childForFieldName('left')?.namedChildren ?? []) {
        const whole = headerOf(l);
        const item = l.type === 'index_expression' ? headerOf(l.childForFieldName('operand')) : undefined;
        if (whole && copied) out.add(whole);
        if (item && (overHeader || copied)) out.add(item);
      }
    } else if (n.type === 'call_expression') {
      const fn = n.childForFieldName('function');
      const name = overHeader && fn?.type === 'selector_expression' && /^(Add|Set)$/.test(fn.childForFieldName('field')?.text ?? '') ? headerOf(fn.childForFieldName('operand')) : undefined;
      if (name) out.add(name);
      const args = n.childForFieldName('arguments')?.namedChildren ?? [];
      if (args.some(received)) {
        for (const a of args) {
          const name = received(a) ? undefined : headerOf(a);
          if (name) out.add(name);
        }
      }
    }
    const range = n.type === 'for_statement' ? n.namedChildren.find((c) => c.type === 'range_clause')?.childForFieldName('right') : undefined;
    const inner = overHeader || received(range);
    for (const c of n.namedChildren) stack.push([c, inner]);
  }
  return out;
});

/** The names of the `*http.Request` parameters of a function and of the closures in it. */
function requestParams(body: SyntaxNode): Set<string> {
  const out = new Set<string>();
  const fns: SyntaxNode[] = body.parent ? [body.parent] : [];
  for (const f of body.descendantsOfType('func_literal')) fns.push(f);
  for (const f of fns) {
    for (const p of f.childForFieldName('parameters')?.namedChildren ?? []) {
      if (p.type !== 'parameter_declaration' || !/^\*\s*http\.Request$/.test(p.childForFieldName('type')?.text ?? '')) continue;
      for (const id of p.childrenForFieldName('name')) out.add(id.text);
    }
  }
  return out;
}

/** The body of the outermost function around `node` (a declaration, or a literal at package level). */
function outermostBodyOf(node: SyntaxNode): SyntaxNode | null | undefined {
  let top: SyntaxNode | null = null;
  for (let n: SyntaxNode | null = node.parent; n; n = n.parent) if (GO_FUNCTIONS.has(n.type)) top = n;
  return top?.childForFieldName('body');
}

/** Composite literal types whose items are a bound: written in the source, none added by index. */
const SLICE_TYPES = new Set(['slice_type', 'array_type', 'implicit_length_array_type']);

/** Append sites a slice filled only by fixed appends may have, and stay a small set. */
const MAX_FIXED_APPENDS = 16;

/**
 * A local slice that only appends of single items outside loops fill (`var urls []string; if
 * p.Image != "" { urls = append(urls, p.Image) }; …`): at most as many items as there are append
 * sites, a small set, not request data (the shiori and memos audits). It may start as a literal
 * (`bases := []string{root}`), and be assigned another literal outside loops (`urls =
 * []string{site, root}`): their items are written in the source (the miniflux audit). Not when an
 * append is in a loop or a function literal or spreads (`xs...`), the slice is declared with items
 * from elsewhere or assigned anything else (`urls = fetch()`, `urls = urls[:0]`), its address is
 * taken, or the function declares the name twice.
 */
function appendedFixedSet(loop: SyntaxNode, name: string): boolean {
  const body = bodyOf(loop);
  // without an append or a slice literal assigned no name qualifies: no walk (most bodies)
  return body && mayAppend(body) ? localSets(body).fixed.has(name) : false;
}

const mayAppend = perNode((body: SyntaxNode): boolean => /append\(|=\s*\[\]/.test(body.text));

/**
 * A local the function fills beyond the literal it was declared with (a map literal written by
 * index, `fields[k] = v`; its address handed on, `fill(&xs, r)`; `maps.Copy(m, src)`): a literal
 * no more (the review of the miniflux fixes).
 */
function mutatedLocal(loop: SyntaxNode, name: string): boolean {
  const body = bodyOf(loop);
  return body ? localSets(body).mutated.has(name) : false;
}

function bodyOf(node: SyntaxNode): SyntaxNode | null | undefined {
  let fn: SyntaxNode | null = node.parent;
  while (fn && !GO_FUNCTIONS.has(fn.type)) fn = fn.parent;
  return fn?.childForFieldName('body');
}

/**
 * A function body's fixed-append slices (appendedFixedSet) and the locals it fills beyond their
 * literal (mutatedLocal), worked out once per body.
 */
const localSets = perNode((body: SyntaxNode): { fixed: ReadonlySet<string>; mutated: { has(name: string): boolean } } => {
  const out = new Set<string>();
  const mutated = new Set<string>();
  // a goto can make any statement a loop's
  if (/\bgoto\b/.test(body.text)) return { fixed: out, mutated };
  // items: the appends' (at most MAX_FIXED_APPENDS); written: a literal's, fixed in the source;
  // filled: through its address or maps.Copy; map: declared as a map literal; indexed: written by index
  const seen = new Map<string, { declared: number; items: number; written: number; bad: boolean; filled: boolean; map: boolean; indexed: boolean }>();
  const at = (name: string) => {
    let e = seen.get(name);
    if (!e) seen.set(name, (e = { declared: 0, items: 0, written: 0, bad: false, filled: false, map: false, indexed: false }));
    return e;
  };
  const names = (list: SyntaxNode | null): SyntaxNode[] => (list ? (list.type === 'expression_list' ? list.namedChildren : [list]) : []);
  // the items a value holds when they are written in the source: none for no value, nil, {},
  // make(T, 0) or make(T, 0, n); a literal's elements ([]string{root}); else undefined (from elsewhere)
  const written = (v: SyntaxNode | undefined): number | undefined => {
    if (!v) return 0;
    const x = unparen(v);
    if (x.type === 'nil') return 0;
    if (x.type === 'composite_literal') {
      const n = x.childForFieldName('body')?.namedChildren.filter((c) => c.type !== 'comment').length ?? 0;
      // a slice's or array's items; a map literal's keys are no bound (`m[k] = v` adds more)
      return n === 0 || SLICE_TYPES.has(x.childForFieldName('type')?.type ?? '') ? n : undefined;
    }
    const args = x.type === 'call_expression' && x.childForFieldName('function')?.text === 'make' ? x.childForFieldName('arguments')?.namedChildren : undefined;
    return args !== undefined && args[1]?.text === '0' ? 0 : undefined;
  };
  const declare = (ids: SyntaxNode[], values: SyntaxNode[]): void => {
    ids.forEach((id, k) => {
      if (id.type !== 'identifier') return;
      const e = at(id.text);
      e.declared++;
      const v = values[k] ? unparen(values[k]!) : undefined;
      if (v?.type === 'composite_literal' && v.childForFieldName('type')?.type === 'map_type') e.map = true;
      const n = written(values[k]);
      // `n, ids := fetch(r)`: the values come from elsewhere
      if ((values.length > 0 && values.length !== ids.length) || n === undefined) e.bad = true;
      else e.written += n;
    });
  };
  const stack: [SyntaxNode, boolean][] = body.namedChildren.map((c) => [c, false]);
  for (let guard = 0; stack.length > 0; guard++) {
    // too large to read: nothing is known fixed, and any literal may have been filled
    if (guard > 200_000) return { fixed: new Set<string>(), mutated: { has: () => true } };
    const [n, nested] = stack.pop()!;
    if (n.type === 'unary_expression' && n.childForFieldName('operator')?.text === '&') {
      const operand = n.childForFieldName('operand');
      if (operand?.type === 'identifier') at(operand.text).filled = true;
    } else if (n.type === 'selector_expression' && n.parent?.type === 'call_expression' && n.parent.childForFieldName('function')?.id === n.id) {
      // `ids.add(x)`: a method of a named slice type may grow it (not a literal's fill: `h.Get(k)`, `v.Encode()` read)
      const operand = n.childForFieldName('operand');
      if (operand?.type === 'identifier') at(operand.text).bad = true;
    } else if (n.type === 'argument_list') {
      // `maps.Copy(m, src)`, `maps.Insert(m, seq)`: the map is filled there (a helper that fills
      // its parameter is not known: not read as one)
      const fn = n.parent?.childForFieldName('function')?.text;
      const first = n.namedChildren[0];
      if (first?.type === 'identifier' && (fn === 'maps.Copy' || fn === 'maps.Insert')) at(first.text).filled = true;
    } else if (n.type === 'range_clause') {
      // `for _, ids = range groups`: each turn assigns it
      for (const id of names(n.childForFieldName('left'))) if (id.type === 'identifier') at(id.text).bad = true;
    } else if (n.type === 'var_spec') {
      declare(n.namedChildren.filter((c) => c.type === 'identifier'), names(n.childForFieldName('value')));
    } else if (n.type === 'type_switch_statement' || (n.type === 'receive_statement' && n.childForFieldName('left'))) {
      // `switch vals := body.(type)`, `case names := <-updates:`: another variable of the name
      const ids = names(n.childForFieldName(n.type === 'type_switch_statement' ? 'alias' : 'left'));
      for (const id of ids) if (id.type === 'identifier') at(id.text).declared++;
    } else if (n.type === 'short_var_declaration') {
      declare(names(n.childForFieldName('left')), names(n.childForFieldName('right')));
    } else if (n.type === 'assignment_statement') {
      const left = names(n.childForFieldName('left'));
      const right = names(n.childForFieldName('right'));
      const call = left.length === 1 && right.length === 1 ? unparen(right[0]!) : undefined;
      const args = call?.type === 'call_expression' && call.childForFieldName('function')?.text === 'append' ? call.childForFieldName('arguments')?.namedChildren.filter((c) => c.type !== 'comment') : undefined;
      // `name = []string{site, root}`, alone, outside loops and function literals: its items written out
      const lit = left.length === 1 && right.length === 1 && call?.type === 'composite_literal' ? written(call) : undefined;
      for (const l of left) {
        // `fields[k] = v`: a map filled by index, beyond what its literal holds (a slice's index
        // write replaces an item, and adds none)
        if (l.type === 'index_expression') {
          const operand = l.childForFieldName('operand');
          if (operand?.type === 'identifier') at(operand.text).indexed = true;
        }
        if (l.type !== 'identifier') continue;
        const e = at(l.text);
        if (!nested && lit !== undefined && n.childForFieldName('operator')?.text === '=') e.written += lit;
        // `name = append(name, item)`, alone, outside loops and function literals
        else if (nested || !args || n.childForFieldName('operator')?.text !== '=' || args[0]?.text !== l.text || args.some((a) => a.type === 'variadic_argument')) e.bad = true;
        else e.items += args.length - 1;
      }
    }
    const inner = nested || n.type === 'for_statement' || n.type === 'func_literal';
    for (const c of n.namedChildren) stack.push([c, inner]);
  }
  for (const [name, e] of seen) {
    const filled = e.filled || (e.map && e.indexed);
    if (filled) mutated.add(name);
    if (e.declared === 1 && !e.bad && !filled && e.items + e.written > 0 && e.items <= MAX_FIXED_APPENDS) out.add(name);
  }
  return { fixed: out, mutated };
});

/** `var x T` and `var ( x T; y U )`: the specs either way */
function specsOf(decl: SyntaxNode): SyntaxNode[] {
  return decl.namedChildren.flatMap((c) => (c.type === 'var_spec_list' || c.type === 'const_spec_list' ? c.namedChildren : [c]));
}

function unparen(node: SyntaxNode): SyntaxNode {
  let n = node;
  while (n.type === 'parenthesized_expression' && n.namedChildren[0]) n = n.namedChildren[0];
  return n;
}

function clip(s: string): string {
  return s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT - 1)}…` : s;
}


/**
 * Node identity by position and type. The Node binding sometimes returns the same SyntaxNode
 * object for a node and sometimes a new one (a GC-dependent cache), so `===` on nodes is not
 * deterministic (issue 7: a fuzzed file walked a loop body twice on some runs).
 */
function sameNode(a: SyntaxNode | null | undefined, b: SyntaxNode | null | undefined): boolean {
  return !!a && !!b && a.startIndex === b.startIndex && a.endIndex === b.endIndex && a.type === b.type;
}

/** A file that may name a command-line library's command (a quick test before a look at its literals). */
const CLI_LIBRARY = /"github\.com\/(?:spf13\/cobra|urfave\/cli)/;
const COBRA_RUNS = new Set(['Run', 'RunE', 'PreRun', 'PreRunE', 'PostRun', 'PostRunE', 'PersistentPreRun', 'PersistentPreRunE', 'PersistentPostRun', 'PersistentPostRunE']);
const URFAVE_ACTIONS = new Set(['Action', 'Before', 'After']);
/** Command types of command-line libraries, and their fields that hold the function run per invocation. */
const CLI_ACTION_FIELDS = new Map<string, ReadonlySet<string>>([
  ['github.com/spf13/cobra.Command', COBRA_RUNS],
  ...['', '/v2', '/v3'].flatMap((v): [string, ReadonlySet<string>][] => [
    [`github.com/urfave/cli${v}.Command`, URFAVE_ACTIONS],
    [`github.com/urfave/cli${v}.App`, URFAVE_ACTIONS],
  ]),
]);

/** Node types the function walker handles itself; everything else is only descended through. */
const WALKED = new Set([
  'func_literal', 'block', 'if_statement', 'expression_switch_statement', 'type_switch_statement',
  'select_statement', 'expression_case', 'default_case', 'communication_case', 'for_statement',
  'short_var_declaration', 'assignment_statement', 'var_declaration', 'const_declaration',
  'range_clause', 'return_statement', 'call_expression', 'receive_statement',
]);

const WALKED_LIST = [...WALKED];
const WALKED_KEY = WALKED_LIST.join('\0');

/**
 * The nearest descendants of `node` that the walker handles, in source order, read from the flat
 * tree's arrays (flat-tree.ts) so no node object is made for the nodes in between: named nodes
 * (and ERROR) are descended through, anonymous ones are not. Identifiers met on the way go to
 * `onIdentifier`.
 */
function interestingDescendants(node: SyntaxNode, onIdentifier: (name: string) => void): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const { tree } = node;
  const { types, firstChild, nextSibling, parents, flags } = tree;
  const { typeNames } = tree.tables;
  const walked = tree.typeMask(WALKED_LIST, WALKED_KEY);
  const top = node.id;
  let c = firstChild[top]!;
  while (c >= 0) {
    const ty = types[c]!;
    let m = walked[ty]!;
    if (m === 0) m = tree.fillTypeMask(walked, ty, WALKED);
    let descend = false;
    if (m === 1) out.push(tree.node(c));
    else {
      const t = typeNames[ty]!;
      if (t === 'identifier') onIdentifier(tree.text.slice(tree.start(c), tree.end(c)));
      else descend = (flags[c]! & NAMED) !== 0 || t === 'ERROR';
    }
    if (descend && firstChild[c]! >= 0) {
      c = firstChild[c]!;
      continue;
    }
    while (nextSibling[c]! < 0) {
      c = parents[c]!;
      if (c === top) return out;
    }
    c = nextSibling[c]!;
  }
  return out;
}

/** A wait between tries in a loop's body: a backoff's or a retrier's `Wait()`, a sleep. */
const RETRY_WAIT = /(?:[bB]ackoff|[rR]etr(?:y|ier))\w*\.Wait\(|\btime\.Sleep\(/;
/** A receive from a timer or ticker, alone or assigned (`<-t.C`, `now := <-time.After(d)`, `<-time.Tick(d)`): a wait. */
const TIMER_RECEIVE = /^(?:[\w\s,]+:?=\s*)?<-\s*(?:time\.(?:After|Tick)\([^;{}]*\)|[\w.]+\.C)$/;
/** A message read in a loop's body: one of GO_MESSAGE_READS. */
const MESSAGE_READ = new RegExp(`\\.(?:${[...GO_MESSAGE_READS].join('|')})\\(`);
/**
 * A subscription's `Receive` whose result is the message (`msg, err := sub.Receive(ctx)`: dapr's
 * streaming subscriber), read in an endless `for {` only: a counted loop that calls some
 * `Receive` is not one (a review), nor is a notifier's channel, `case <-s.leaderChanged.Receive():`
 * (etcd's version monitor, a background loop).
 */
const RECEIVE_READ = /=\s*[\w.]+\.Receive\(/;

/**
 * coder/websocket's (nhooyr's) message read, `_, data, err := c.Read(ctx)` (a context, never the
 * buffer an io.Reader's Read takes), or its wsjson/wspb helpers, in an endless `for {` only: one
 * message a turn (the vikunja audit)
 */
const WEBSOCKET_READ = /,\s*\w+\s*:?=\s*[\w.]+\.Read\(\s*(?:ctx|[\w.]*\.Context\(\)|context\.\w+\(\))\s*\)|\bws(?:json|pb)\.Read\(/;

/** A `select` case that receives from a consumer's `Messages()` channel. */
const SELECT_MESSAGES = /\bcase\s[^\n]*?<-\s*[\w.]+\.Messages\(\)\s*:/;

type LoopKind = 'message' | 'bounded' | 'data';

/** What a `for` has between the keyword and its body (a clause, a range, a condition); undefined for an endless `for {`. */
function forHeader(loop: SyntaxNode): SyntaxNode | undefined {
  return loop.namedChildren.find((c) => c.type !== 'block' && c.type !== 'comment');
}
/**
 * `message`: a per-message read loop; `bounded`: `for i := 0; i < 3; i++`, a retry loop; else
 * `data`. Worked out once per loop: it is asked once per call inside a loop, for every loop around it.
 */
const loopKind = perNode(loopKindOf);

function loopKindOf(node: SyntaxNode): LoopKind {
  const body = node.childForFieldName('body');
  const range = node.namedChildren.find((c) => c.type === 'range_clause');
  const endless = forHeader(node) === undefined;
  // `for msg := range claim.Messages()`: a channel of received messages (sarama). A range with an
  // index and a value (`for _, msg := range file.Messages()`, protobuf descriptors) is over a slice
  // or map: a channel gives one value
  if (range && (range.childForFieldName('left')?.namedChildCount ?? 0) <= 1 && /\.Messages\(\)$/.test(range.childForFieldName('right')?.text ?? '')) return 'message';
  if (body && !range && (MESSAGE_READ.test(body.text) || (endless && (RECEIVE_READ.test(body.text) || WEBSOCKET_READ.test(body.text))))) return 'message';
  // `for { select { case msg, ok := <-claim.Messages(): … } }`: sarama's example, one message a turn
  if (body && endless && SELECT_MESSAGES.test(body.text)) return 'message';
  // `for i := range 3`, `for range maxRetries` (Go 1.22's range over an integer): tries, not items;
  // a slice's range with an index and a value is over data whatever its name
  const over = range?.childForFieldName('right');
  if (over && (range!.childForFieldName('left')?.namedChildCount ?? 0) <= 1) {
    if (over.type === 'int_literal' && Number(over.text) <= 16) return 'bounded';
    // a count's name (`maxRetries`, `cfg.MaxAttempts`, `numRetries`, `RETRY_LIMIT`), not a list's
    // (`d.Attempts`, `loginAttempts`: one variable is also a slice's index, a channel's value)
    const last = over.text.slice(over.text.lastIndexOf('.') + 1);
    // (a name that is the tries' word alone, `retries`, `conf.Retries`, counts them too)
    // (and so does a field or package-level name the file declares as an integer: supabase auth's
    // `hookRetries int`, ranged over as `for i := range o.hookRetries`)
    const countName = /max|num|count|limit/i.test(last) || /^[A-Z\d_]+$/.test(last) || /^(?:retries|attempts|tries)$/i.test(last) || declaredInt(node, over);
    if ((over.type === 'identifier' || over.type === 'selector_expression') && retryBound(last) && countName && !body?.text.includes(`${over.text}[`)) return 'bounded';
    // `for range ticker.C`: one turn per tick of a ticker the function makes (the lakeFS audit's
    // import status update), as a scheduler's `select` on it is
    if (body && tickerRange(node, over, body)) return 'bounded';
  }
  const clause = node.namedChildren.find((c) => c.type === 'for_clause');
  const cond = clause?.childForFieldName('condition');
  if (cond?.type === 'binary_expression') {
    const right = cond.childForFieldName('right');
    const op = cond.childForFieldName('operator')?.text;
    if (right?.type === 'int_literal' && (op === '<' || op === '<=') && Number(right.text) <= 16) return 'bounded';
    // `for i := 0; i < maxRetries; i++`, `i < cfg.MaxAttempts`: a retry count, not request data
    if ((op === '<' || op === '<=') && (right?.type === 'identifier' || right?.type === 'selector_expression') && retryBound(right.text)) return 'bounded';
  }
  // a retry or poll loop: `for b.Ongoing() { …; b.Wait() }` (dskit's backoff), a backoff's or a
  // retrier's Wait, a sleep between tries. A range loop over data that sleeps stays a data loop
  if (!range && ((cond ?? forHeader(node))?.text.endsWith('.Ongoing()') || (body !== null && RETRY_WAIT.test(body.text)))) return 'bounded';
  if (body !== null && pacedByTimer(node, body)) return 'bounded';
  return 'data';
}

const GO_INT_TYPES = new Set(['int', 'int8', 'int16', 'int32', 'int64', 'uint', 'uint8', 'uint16', 'uint32', 'uint64']);

/**
 * Whether a range's operand is a name the file declares as an integer: a field (`o.hookRetries`)
 * of a struct field declared with an integer type, or a bare name of a package-level variable or
 * constant with an integer type or an integer literal value (`const retries = 3`) that the
 * function around the loop does not declare again (a parameter, a local: the review's
 * `pendingRetries <-chan job`). A name declared anything else elsewhere in the file is none.
 */
function declaredInt(loop: SyntaxNode, over: SyntaxNode): boolean {
  const ints = intNames(loop.tree.rootNode);
  if (over.type === 'selector_expression') return ints.fields.has(over.childForFieldName('field')?.text ?? '');
  if (over.type !== 'identifier' || !ints.pkg.has(over.text)) return false;
  for (let n = loop.parent, i = 0; n && i < 64; n = n.parent, i++) {
    if (n.type !== 'function_declaration' && n.type !== 'method_declaration' && n.type !== 'func_literal') continue;
    // a parameter, a receiver, a result or a local of that name, anywhere in the function
    if (n.descendantsOfType(['identifier']).some((id) => id.text === over.text && declares(id))) return false;
  }
  return true;
}

/** An identifier a declaration names (not one it reads): a parameter, a var or const, the left of `:=` or of a range. */
function declares(id: SyntaxNode): boolean {
  const p = id.parent;
  if (!p) return false;
  if (p.type === 'parameter_declaration' || p.type === 'variadic_parameter_declaration') return true;
  // (a spec's values are an expression_list of their own: an identifier right under it is a name)
  if (p.type === 'var_spec' || p.type === 'const_spec') return true;
  const decl = p.type === 'expression_list' ? p.parent : undefined;
  return (decl?.type === 'short_var_declaration' || decl?.type === 'range_clause') && decl.childForFieldName('left')?.id === p.id;
}

/**
 * The names a file declares as integers: struct fields (`hookRetries int`), and package-level
 * variables and constants with an integer type or an integer literal value. A name declared as
 * anything else (another struct's field, another package-level name) is none.
 */
const intNames = perNode((root: SyntaxNode): { fields: Set<string>; pkg: Set<string> } => {
  const fields = new Set<string>();
  const pkg = new Set<string>();
  const other = new Set<string>();
  for (const fd of root.descendantsOfType('field_declaration')) {
    const isInt = GO_INT_TYPES.has(fd.childForFieldName('type')?.text ?? '');
    for (const n of fd.namedChildren) if (n.type === 'field_identifier') (isInt ? fields : other).add(n.text);
  }
  for (const top of root.namedChildren) {
    if (top.type !== 'var_declaration' && top.type !== 'const_declaration') continue;
    for (const spec of specsOf(top)) {
      if (spec.type !== 'var_spec' && spec.type !== 'const_spec') continue;
      const names = spec.namedChildren.filter((c) => c.type === 'identifier');
      const type = spec.childForFieldName('type')?.text;
      const values = spec.childForFieldName('value')?.namedChildren ?? [];
      const isInt = type !== undefined ? GO_INT_TYPES.has(type) : values.length === names.length && values.every((v) => v.type === 'int_literal');
      for (const n of names) (isInt ? pkg : other).add(n.text);
    }
  }
  for (const n of other) {
    fields.delete(n);
    pkg.delete(n);
  }
  return { fields, pkg };
});

/**
 * A loop paced by a timer, `for { …; t := time.NewTimer(next); select { case <-t.C: run(); case
 * <-stop: return } }`: a scheduler, whose body runs once per tick (the memos audit's per-minute
 * zone load). Only an endless `for {` or one on a condition without calls (`for running {`; not
 * `for sc.Scan() {`, nor a counted or range loop: those go over items); the wait is the body's own,
 * a timer receive as a statement or a case of its own `select` (not in a function literal or a
 * loop inside it). A `select` with any other case that does not end the loop (`case job :=
 * <-jobs:`, `case <-results:`, a send `case out <- line:`: work each turn, the timer only its
 * timeout) or with a `default` is no pacing; a case that ends the loop (`case <-stop: return`,
 * caseEndsLoop) does not count.
 */
function pacedByTimer(loop: SyntaxNode, body: SyntaxNode): boolean {
  const header = forHeader(loop);
  if (header !== undefined && (header.type === 'for_clause' || header.type === 'range_clause' || header.text.includes('('))) return false;
  if (!/<-/.test(body.text)) return false;
  let paced = false;
  const stack: SyntaxNode[] = [...body.namedChildren];
  /** the statements of the select's cases, read after */
  const inCases: SyntaxNode[] = [];
  for (let guard = 0; stack.length > 0 && guard < 20_000; guard++) {
    const n = stack.pop()!;
    if (n.type === 'func_literal' || n.type === 'for_statement') continue;
    if ((n.type === 'expression_statement' || n.type === 'short_var_declaration' || n.type === 'assignment_statement') && TIMER_RECEIVE.test(n.text.trim())) {
      paced = true;
      continue;
    }
    // any other receive of the body's own (`job, ok := <-jobs`, `<-done`): work each turn, the timer a rate limit
    if (receivesWork(n)) return false;
    if (n.type === 'select_statement') {
      const fallsOut = endsLoopAfter(n, body);
      for (const c of n.namedChildren) {
        if (c.type === 'default_case') return false;
        if (c.type !== 'communication_case') continue;
        const comm = c.childForFieldName('communication');
        if (TIMER_RECEIVE.test(comm?.text.trim() ?? '')) paced = true;
        else if (!caseEndsLoop(c, loopLabel(loop), fallsOut)) return false;
        for (const st of c.namedChildren) if (st.id !== comm?.id) inCases.push(st);
      }
      continue;
    }
    for (const c of n.namedChildren) stack.push(c);
  }
  // what the cases do: a receive of anything but a timer there (`case <-t.C: j := <-jobs`, or a
  // select of its own on `case j := <-jobs:`) takes work each turn, as in the body (a rate-limited
  // worker runs per job)
  for (let guard = 0; inCases.length > 0 && guard < 20_000; guard++) {
    const n = inCases.pop()!;
    if (n.type === 'func_literal' || n.type === 'for_statement') continue;
    if (receivesWork(n)) return false;
    for (const c of n.namedChildren) inCases.push(c);
  }
  return paced;
}

/**
 * A range over a ticker's channel, `for range t.C` of a `t := time.NewTicker(d)` the function makes,
 * or `for range time.Tick(d)`, whose body receives no work of its own (a `<-ctx.Done()` is none):
 * its body runs once per tick.
 */
function tickerRange(loop: SyntaxNode, over: SyntaxNode, body: SyntaxNode): boolean {
  const tick = /^(?:(\w+)\.C|time\.Tick\([^;{}]*\))$/.exec(over.text);
  if (!tick) return false;
  if (tick[1] !== undefined) {
    let fn: SyntaxNode | null = loop.parent;
    while (fn && !GO_FUNCTIONS.has(fn.type)) fn = fn.parent;
    if (!fn || !new RegExp(`\\b${tick[1]}\\s*:?=\\s*time\\.NewTicker\\(`).test(fn.text)) return false;
  }
  if (!body.text.includes('<-')) return true;
  const stack: SyntaxNode[] = [...body.namedChildren];
  for (let guard = 0; stack.length > 0 && guard < 20_000; guard++) {
    const n = stack.pop()!;
    if (n.type === 'func_literal') continue;
    if (n.type === 'unary_expression' && n.childForFieldName('operator')?.text === '<-' && !STOP_RECEIVE.test(n.text)) return false;
    for (const c of n.namedChildren) stack.push(c);
  }
  return true;
}

/** A receive that only waits to stop: `<-ctx.Done()`, `<-r.Context().Done()`, `<-done`, `<-s.quit`. */
const STOP_RECEIVE = /^<-\s*(?:(?:\w+(?:\(\))?\.)*\w+(?:\(\))?\.Done\(\)|(?:\w+\.)*(?:[dD]one|[sS]top(?:ped)?|[qQ]uit|[cC]losed?|[cC]losing|[sS]hutdown|[eE]xit)(?:C|Ch|Chan)?)$/;

/** A receive of anything but a timer (`<-jobs`, `job, ok := <-jobs`): work taken each turn. */
function receivesWork(n: SyntaxNode): boolean {
  return n.type === 'unary_expression' && n.childForFieldName('operator')?.text === '<-' && !TIMER_RECEIVE.test(n.text.trim());
}

/**
 * Whether a `select` case ends its loop: a `return` or `goto` among its statements, a `break` of
 * the loop's label (`case <-stop: break poll`), or, when falling out of the `select` ends the loop
 * (endsLoopAfter), a case with no `continue` (caddy's retry poll: `case <-ctx.Done(): t.Stop()`,
 * then `break` after the `select`).
 */
function caseEndsLoop(c: SyntaxNode, label: string | undefined, fallsOut: boolean): boolean {
  const statements = c.namedChildren.flatMap((st) => (st.type === 'statement_list' ? st.namedChildren : [st]));
  if (statements.some((st) => st.type === 'return_statement' || st.type === 'goto_statement' || (label !== undefined && st.type === 'break_statement' && st.namedChildren[0]?.text === label))) return true;
  return fallsOut && !/\bcontinue\b/.test(c.text);
}

/** The label of a labelled loop (`poll: for { … }`). */
function loopLabel(loop: SyntaxNode): string | undefined {
  const p = loop.parent;
  return p?.type === 'labeled_statement' ? p.childForFieldName('label')?.text : undefined;
}

/**
 * Whether the statement after `select`, one of the loop body's own, ends the loop: a `break` (at
 * the body's level it breaks the loop) or a `return`.
 */
function endsLoopAfter(select: SyntaxNode, body: SyntaxNode): boolean {
  const p = select.parent;
  if (!(p?.id === body.id || (p?.type === 'statement_list' && p.parent?.id === body.id))) return false;
  let next = select.nextNamedSibling;
  while (next?.type === 'comment') next = next.nextNamedSibling;
  return next?.type === 'return_statement' || (next?.type === 'break_statement' && next.namedChildCount === 0);
}

const SEQUENCE_PARENTS = new Set(['block', 'statement_list', 'expression_case', 'default_case', 'type_case', 'communication_case']);
/** The nodes of a function's own: a declaration, a method, a literal. */
const GO_FUNCTIONS = new Set(['func_literal', 'function_declaration', 'method_declaration']);
const SWITCHES = new Set(['expression_switch_statement', 'type_switch_statement', 'select_statement']);

/**
 * How many enclosing data loops a call does not repeat in: a log line followed by `return` (or by a
 * `break` of its loop) runs once per loop, not once per item (`if err != nil { log…; return err }`).
 */
function loopsLeftAfter(call: SyntaxNode): number {
  const left = loopsLeftUnsampled(call);
  return left === 0 && sampledTurns(call) ? 1 : left;
}

/**
 * Whether an `if` between the call and its innermost loop samples that loop's turns (`if
 * n%10000 == 0 { log… }`: sampling.ts), so that the call does not repeat per item of it. A
 * bounded or message loop does not count anyway.
 */
function sampledTurns(call: SyntaxNode): boolean {
  return sampledBy(
    call,
    (p) => p.type === 'for_statement' || GO_FUNCTIONS.has(p.type),
    (at) => (at.type === 'for_statement' && loopKind(at) === 'data' ? turnCounters(at) : undefined),
    200,
    (at) => (at.type === 'for_statement' && loopKind(at) === 'data' ? sureCounters(at) : undefined),
  );
}

/**
 * The turn counters `if i == 0` may pick one turn of: turnCounters less a range's one variable over
 * a name, which is a value, not an index, when the name is a channel (`for code := range codes`).
 */
const sureCounters = perNode((loop: SyntaxNode): Set<string> => {
  const out = new Set(turnCounters(loop));
  const range = loop.namedChildren.find((c) => c.type === 'range_clause');
  const vars = range?.childForFieldName('left')?.namedChildren ?? [];
  const over = range?.childForFieldName('right');
  if (vars.length === 1 && over && over.type !== 'int_literal' && !/^len\(/.test(over.text)) out.delete(vars[0]!.text);
  return out;
});

/**
 * The names that count a loop's turns: a range's index (`for i, row := range rows`; `for i :=
 * range n` or `range len(xs)`), a clause's updated variable (`i++`, `i += 1`) and a name a
 * statement of the body itself increments by one (`n++`, `n += 1`; not one under an `if` or in an
 * inner loop, which may stay put while items go by, nor a sum, `total += len(row)`). A single
 * range variable over a call's result (`for m := range sub.Messages()`, a channel's values) is not
 * one; a map's integer keys are taken for an index. Worked out once per loop.
 */
const turnCounters = perNode((loop: SyntaxNode): Set<string> => {
  const out = new Set<string>();
  const range = loop.namedChildren.find((c) => c.type === 'range_clause');
  const vars = range?.childForFieldName('left')?.namedChildren ?? [];
  const over = range?.childForFieldName('right');
  const key = vars[0];
  if (key?.type === 'identifier' && key.text !== '_' && (vars.length > 1 || (over && (over.type === 'int_literal' || over.type === 'identifier' || /^len\(/.test(over.text))))) out.add(key.text);
  const bump = (st: SyntaxNode | null | undefined): void => {
    if (st?.type === 'inc_statement') {
      const m = /^([A-Za-z_]\w*)\s*\+\+$/.exec(st.text);
      if (m) out.add(m[1]!);
    } else if (st?.type === 'assignment_statement' && st.childForFieldName('operator')?.text === '+=' && st.childForFieldName('right')?.text === '1') {
      const left = st.childForFieldName('left');
      const id = left?.type === 'expression_list' && left.namedChildCount === 1 ? left.namedChildren[0] : left;
      if (id?.type === 'identifier') out.add(id.text);
    }
  };
  bump(loop.namedChildren.find((c) => c.type === 'for_clause')?.childForFieldName('update'));
  const body = loop.childForFieldName('body');
  const list = body?.namedChildren.length === 1 && body.namedChildren[0]!.type === 'statement_list' ? body.namedChildren[0]!.namedChildren : body?.namedChildren ?? [];
  for (const st of list) bump(st);
  return out;
});

function loopsLeftUnsampled(call: SyntaxNode): number {
  const flag = onceGuarded(call);
  if (flag !== undefined) {
    // the first time round only: no loop between the flag's declaration and the call repeats it
    // (a loop that declares the flag resets it each turn, and it and those around it still count)
    // (a field's, `h.warned`, is new each turn when its value `h` is: `for _, h := range hs`)
    // and when a turn assigns `h` (`cur = m[k]`); a flag set false again in a turn is once per
    // whatever resets it (`if it.Group { warned = false }`), not once
    const base = flag.split('.')[0]!;
    const declares = new RegExp(`(?:^|[\\s;(,])(?:var\\s+${base}\\b|(?:\\w+\\s*,\\s*)*${base}\\s*(?:,\\s*\\w+\\s*)*${base === flag ? ':=' : ':?=(?!=)'})`, 'm');
    const resets = new RegExp(`(?:^|[\\s;(,])${flag.replace(/\./g, '\\.')}\\s*=\\s*false\\b`, 'm');
    let left = 0;
    for (let loop: SyntaxNode | null = call.parent; loop && !GO_FUNCTIONS.has(loop.type); loop = loop.parent) {
      if (loop.type !== 'for_statement') continue;
      const body = loop.childForFieldName('body')?.text ?? '';
      if (declares.test(body) || declares.test(forHeader(loop)?.text ?? '') || resets.test(body)) break;
      if (loopKind(loop) === 'data') left++;
    }
    return left;
  }
  let breaks = false;
  // a call that ends the process itself (`log.Fatalf`, a logger's Fatal, `log.Panicf`) runs once
  // per loop, as one followed by an exit does (the vikunja audit: a Fatalf in a loop)
  let returns = EXIT_CALL.test(call.childForFieldName('function')?.text ?? '');
  let innermost: SyntaxNode | undefined;
  const loops: SyntaxNode[] = [];
  for (let n: SyntaxNode | null = call, guard = 0; n && guard < 200; n = n.parent, guard++) {
    const p: SyntaxNode | null = n.parent;
    if (!p || GO_FUNCTIONS.has(p.type)) break;
    if (SWITCHES.has(n.type) && !innermost) breaks = false; // a `break` below a switch leaves the switch only
    if (n.type === 'for_statement') {
      loops.push(n);
      innermost ??= n;
    }
    // only what follows the call inside its innermost loop's body decides; after the loop is too late
    if (!SEQUENCE_PARENTS.has(p.type) || returns || innermost) continue;
    for (let s = n.nextNamedSibling; s && !returns && !breaks; s = s.nextNamedSibling) {
      // `log…; continue`: the next item comes next, whatever follows further out
      if (s.type === 'continue_statement') return 0;
      if (s.type === 'return_statement' || s.type === 'goto_statement' || isPanicCall(s)) returns = true;
      else if (s.type === 'break_statement') {
        if (s.namedChildCount > 0) returns = true; // `break Outer`
        else breaks = true;
      }
    }
  }
  if (returns) return loops.filter((l) => loopKind(l) === 'data').length;
  return breaks && innermost && loopKind(innermost) === 'data' ? 1 : 0;
}

/** A body that may wait on a ticker: a quick test of its text before waitsOnTicker. */
const TICKS = /\bselect\b[\s\S]*<-\s*(?:[\w.]+\.C\b|time\.Tick\()/;
/** A receive from a ticker's channel: `<-t.C` (of a `time.NewTicker` made in the function), `<-time.Tick(d)`; `case now := <-t.C:` too. */
const TICK_RECEIVE = /^(?:[\w\s,]+:?=\s*)?<-\s*(?:([\w.]+)\.C|time\.Tick\([^)]*\))$/;
/** A case that receives a value to work on (`case m := <-jobs:`), not only a signal (`case <-ctx.Done():`). */
const WORK_RECEIVE = /^[\w\s,]+:?=\s*<-/;

/**
 * A background loop: the body holds an endless `for { … }` (not in a function literal) with a
 * `select` that waits on a ticker (`time.NewTicker`, `time.Tick`, or a `time.NewTimer` the body
 * resets: periodic, not a one-shot `time.After` timeout or backoff) and on no channel of work to
 * do (`case m := <-jobs:`). What it calls runs per tick, whoever started it.
 */
function waitsOnTicker(body: SyntaxNode): boolean {
  const text = body.text;
  const tickers = new Set([...text.matchAll(/(\w+)\s*(?::=|=)\s*time\.NewTicker\(/g)].map((m) => m[1]!));
  // a timer that the body resets (`t := time.NewTimer(d)` … `case <-t.C: t.Reset(d)`) ticks as a
  // ticker does; one never reset is a one-shot timeout
  for (const m of text.matchAll(/(\w+)\s*(?::=|=)\s*time\.NewTimer\(/g)) if (new RegExp(`\\b${m[1]}\\.Reset\\(`).test(text)) tickers.add(m[1]!);
  const stack: SyntaxNode[] = [body];
  for (let guard = 0; stack.length > 0 && guard < 20_000; guard++) {
    const n = stack.pop()!;
    if (n.type === 'func_literal') continue;
    if (n.type === 'for_statement' && forHeader(n) === undefined) {
      const inner: SyntaxNode[] = [n.childForFieldName('body') ?? n];
      for (let g = 0; inner.length > 0 && g < 20_000; g++) {
        const m = inner.pop()!;
        if (m.type === 'func_literal') continue;
        if (m.type === 'select_statement') {
          const cases = m.namedChildren.filter((c) => c.type === 'communication_case').map((c) => (c.childForFieldName('communication')?.text ?? '').trim());
          const ticks = cases.some((c) => {
            const t = TICK_RECEIVE.exec(c);
            return t !== null && (t[1] === undefined || tickers.has(t[1].slice(t[1].lastIndexOf('.') + 1)));
          });
          if (ticks && !cases.some((c) => WORK_RECEIVE.test(c) && !TICK_RECEIVE.test(c))) return true;
        }
        for (const c of m.namedChildren) inner.push(c);
      }
    }
    for (const c of n.namedChildren) stack.push(c);
  }
  return false;
}

/**
 * A call whose innermost loop is paced by an operator's signals: the loop ranges over a channel
 * that its function (or the function it is written in, for a goroutine literal) hands to
 * `signal.Notify` or declares as a channel of `os.Signal` (a parameter `sigs <-chan os.Signal`)
 * (`for range sigs`), or starts each turn by receiving from one (`for { <-sigs; … }`, `s := <-sigs`). It runs once per signal (a goroutine dump on
 * SIGUSR1: the tyk audit), not per request or item.
 */
function signalPaced(call: SyntaxNode): boolean {
  let loop: SyntaxNode | null = null;
  let fn: SyntaxNode | null = null;
  // the loop is the innermost one in the call's own function; the channel may be the outermost
  // function's (`go func() { for range sigs {…} }()` in main)
  for (let n = call.parent, guard = 0; n && guard < 400; n = n.parent, guard++) {
    if (GO_FUNCTIONS.has(n.type)) fn = n;
    if (!loop && !fn && n.type === 'for_statement') loop = n;
  }
  if (!loop || !fn) return false;
  let ch: SyntaxNode | null | undefined;
  const range = loop.namedChildren.find((c) => c.type === 'range_clause');
  if (range) ch = range.childForFieldName('right');
  else if (loop.namedChildren.every((c) => c.type === 'block' || c.type === 'comment')) {
    const body = loop.childForFieldName('body');
    const stmts = body?.namedChildren.find((c) => c.type === 'statement_list')?.namedChildren ?? body?.namedChildren ?? [];
    const first = stmts.find((c) => c.type !== 'comment');
    const recv = first?.type === 'expression_statement' ? first.namedChildren[0] : first?.type === 'short_var_declaration' || first?.type === 'assignment_statement' ? first.childForFieldName('right')?.namedChildren[0] : undefined;
    if (recv?.type === 'unary_expression' && recv.childForFieldName('operator')?.text === '<-') ch = recv.childForFieldName('operand');
  }
  if (ch?.type !== 'identifier') return false;
  // handed to signal.Notify, or declared as a channel of signals (a parameter `sigs <-chan os.Signal`)
  return new RegExp(`\\bsignal\\.Notify\\(\\s*${ch.text}\\s*,|\\b${ch.text}\\s*(?::?=\\s*make\\(\\s*)?(?:<-\\s*)?chan\\s*(?:<-\\s*)?os\\.Signal\\b`).test(fn.text);
}

/** A body that may end the process: a quick test of its text before exitsAfter looks at its calls. */
const MAY_EXIT = /\bpanic\(|\bos\.Exit\(|\.(Fatal|Fatalf|Fatalln|Fatalw|Panic|Panicf|Panicln|Panicw|Exit|Exitf)\(/;
/** Calls that end the process (or panic): the builtin, os.Exit, and loggers' Fatal… (std log, logrus, zap, klog: they exit after writing) and the std logger's Panic…. */
const EXIT_CALL = /^(panic|os\.Exit|[\w.]+\.(Fatal|Fatalf|Fatalln|Fatalw)|(log|logrus|klog)\.(Panic|Panicf|Panicln|Exit|Exitf))$/;
/** Statements after a call that exitsAfter looks at, per enclosing block: a stack printed then an exit are a few lines apart. */
const EXIT_LOOKAHEAD = 8;

/**
 * A call on the way out of the process: it is itself an exit (`log.Fatalf("…%s", debug.Stack())`),
 * or one of the few statements after it in its block, or in a block around it, is one: an exit
 * call, or an `if`/`else` whose every branch ends in one. It runs at most once per process (or
 * per panic), as a call inside a recover() block does. A statement before the exit that is or
 * holds a `return`, `break`, `continue` or `goto`, a loop or a function literal around the call,
 * and the search stops.
 */
function exitsAfter(call: SyntaxNode): boolean {
  if (EXIT_CALL.test(call.childForFieldName('function')?.text ?? '')) return true;
  for (let n: SyntaxNode = call, guard = 0; guard < 200; guard++) {
    const p: SyntaxNode | null = n.parent;
    // a goroutine or a deferred call runs elsewhere or later: not before the exit
    if (!p || GO_FUNCTIONS.has(p.type) || p.type === 'for_statement' || p.type === 'go_statement' || p.type === 'defer_statement') return false;
    if (SEQUENCE_PARENTS.has(p.type)) {
      let k = 0;
      for (let s = n.nextNamedSibling; s; s = s.nextNamedSibling) {
        if (s.type === 'comment') continue;
        // a return further on than the few statements read may leave first: as if it did (the
        // exit in a block around this one is not reached past it)
        if (k++ === EXIT_LOOKAHEAD) return false;
        if (endsProcess(s)) return true;
        // a way out before the exit (`if tolerant { …; return }`): the call may not be followed by it
        if (jumps(s)) return false;
      }
    }
    n = p;
  }
  return false;
}

const JUMPS = new Set(['return_statement', 'break_statement', 'continue_statement', 'goto_statement']);

/** A statement that is, or holds outside a function literal, a return, break, continue or goto. */
function jumps(stmt: SyntaxNode): boolean {
  const stack: SyntaxNode[] = [stmt];
  for (let guard = 0; stack.length > 0 && guard < 10_000; guard++) {
    const n = stack.pop()!;
    if (JUMPS.has(n.type)) return true;
    if (n.type === 'func_literal') continue;
    for (const c of n.namedChildren) stack.push(c);
  }
  return stack.length > 0; // too large to tell: as if it did
}

/** An exit call statement, or an `if` whose branches (an `else` required) all end in one. */
function endsProcess(stmt: SyntaxNode): boolean {
  if (stmt.type === 'expression_statement') {
    const fn = statementCallee(stmt);
    return fn !== undefined && EXIT_CALL.test(fn);
  }
  if (stmt.type !== 'if_statement') return false;
  const then = stmt.childForFieldName('consequence');
  const other = stmt.childForFieldName('alternative');
  const last = (b: SyntaxNode | null): SyntaxNode | null => {
    const list = b?.namedChildren.filter((c) => c.type !== 'comment') ?? [];
    const end = list[list.length - 1] ?? null;
    return end?.type === 'statement_list' ? last(end) : end;
  };
  const thenEnd = last(then);
  if (!thenEnd || !endsProcess(thenEnd) || !other) return false;
  if (other.type === 'if_statement') return endsProcess(other);
  const otherEnd = last(other);
  return otherEnd !== null && endsProcess(otherEnd);
}

/** What once-guards.ts reads of Go's grammar. */
// (a flag is a name or a field of one, `h.warned`: not one behind an index, `seen[k].warned`, whose
// key may change each turn)
const GO_GUARDS: GuardGrammar = { operand: 'operand', member: 'selector_expression', isLoop: (t) => t === 'for_statement', isFunction: (t) => t === 'func_literal', goto: true, memberFlag: /^[\w$]+(?:\.[\w$]+)+$/ };

/**
 * `if !logged { log…; logged = true }`: the call's block runs once, the first time, as the flag it
 * tests is set inside it. The flag may be a field (`if !h.warned { …; h.warned = true }`: telegraf's
 * gNMI handler), one term of an `&&` (`if name == "" && !warned`), and the call may sit deeper in
 * that block, under an `if` or `switch` of its own (not in a loop or function literal there, which
 * repeat it). The flag as written, or undefined.
 */
function onceGuarded(call: SyntaxNode): string | undefined {
  for (let n: SyntaxNode = call, i = 0; n.parent && i < 40; n = n.parent, i++) {
    const p = n.parent;
    if (GO_FUNCTIONS.has(p.type) || p.type === 'for_statement') return undefined;
    if (n.type !== 'block' || p.type !== 'if_statement' || p.childForFieldName('consequence')?.id !== n.id) continue;
    const test = p.childForFieldName('condition');
    const flags = test ? negatedTerms(test, GO_GUARDS) : [];
    if (flags.length === 0) continue;
    // (a comment beside the statements, `if !warned { // once`, is none of them)
    const kids = n.namedChildren.filter((c) => c.type !== 'comment');
    const list = kids.length === 1 && kids[0]!.type === 'statement_list' ? kids[0]!.namedChildren : kids;
    // a `continue` or `goto` in the block may skip setting the flag: each such turn logs again
    if (mayContinue(n, GO_GUARDS)) continue;
    for (const flag of flags) {
      if (list.some((st) => st.type === 'assignment_statement' && st.childForFieldName('left')?.text === flag && st.childForFieldName('right')?.text === 'true')) return flag;
    }
  }
  return undefined;
}

/** A function literal returned where it is written: `return func(…) {…}`, `return http.HandlerFunc(func…)`. */
function returnedLiteral(lit: SyntaxNode): boolean {
  let n: SyntaxNode = lit;
  // through a conversion or a parenthesis: `http.HandlerFunc(func…)`, `(func…)`
  for (let i = 0; i < 3; i++) {
    const p = n.parent;
    if (p?.type === 'parenthesized_expression') n = p;
    else if (p?.type === 'argument_list' && p.namedChildCount === 1 && p.parent?.type === 'call_expression') n = p.parent;
    else break;
  }
  const p = n.parent;
  return p?.type === 'expression_list' ? p.parent?.type === 'return_statement' : p?.type === 'return_statement';
}

/** A statement that ends the process or panics: `panic(…)`, `os.Exit(1)`, `log.Fatal(…)` (EXIT_CALL). */
function isPanicCall(stmt: SyntaxNode): boolean {
  const fn = statementCallee(stmt);
  return fn !== undefined && EXIT_CALL.test(fn);
}

/** The function an expression statement that is a call calls, as written (`os.Exit`, `log.Fatalf`); undefined for any other statement. */
function statementCallee(stmt: SyntaxNode): string | undefined {
  if (stmt.type !== 'expression_statement') return undefined;
  const call = stmt.namedChildren[0];
  return call?.type === 'call_expression' ? (call.childForFieldName('function')?.text ?? '') : undefined;
}

function containsRecover(body: SyntaxNode): boolean {
  if (!body.text.includes('recover()')) return false;
  const stack: SyntaxNode[] = [body];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'func_literal') continue; // a nested literal has its own recover
    if (n.type === 'call_expression') {
      const fn = n.childForFieldName('function');
      if (fn?.type === 'identifier' && fn.text === 'recover') return true;
    }
    for (const c of n.namedChildren) stack.push(c);
  }
  return false;
}


function firstErrorLine(root: SyntaxNode, lines: LineTable): number | undefined {
  const stack: SyntaxNode[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'ERROR' || n.isMissing) return lines.lineOf(n.startIndex);
    if (!n.hasError) continue;
    const ch = n.children;
    for (let i = ch.length - 1; i >= 0; i--) stack.push(ch[i]!);
  }
  return undefined;
}

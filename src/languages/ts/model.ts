/**
 * The TS/JS module model, built on the main thread from every file's summary: resolves imports
 * (relative paths, index files, tsconfig `paths` read as JSON), symbolic values (roots + member
 * paths) through the tables in apis.ts, finds request entry points (Express, Fastify, Koa, Hono,
 * NestJS, Next.js API routes, Lambda handlers, grpc-js services), propagates parameter types along
 * the call graph, finds wrapper loggers, and answers detectors' questions through a FileView.
 */
import { posix } from 'node:path';
import type { ArgView, CallView, FileView, RequestPath, SinkCallView } from '../../rule-api.js';
import type { SinkEntry } from '../../config/load.js';
import type { Span } from '../../engine/positions.js';
import {
  FASTIFY_REQUEST_HOOKS, LOGGER_CLASS, LOGGER_LEVEL_METHODS, LOGGER_NAME, WEBHOOK_TYPES, NEST_PARAM_DECORATORS, NEST_ROUTE_DECORATORS, ROUTE_METHODS,
  ROUTER_NAME, ROUTER_TYPES, TIMER_FUNCTIONS, TS_CONTEXT_TYPES, TS_DUMP_TYPES, TS_GLOBALS, TS_LOGGER_METHODS, TS_MEMBERS, TS_MODULE_EXPORTS, TS_TYPE_EXPORTS,
  TS_TYPE_NAMES,
} from './apis.js';
import { withPath, type TsCall, type TsFileSummary, type TsPart, type TsValue } from './summarize.js';
import { LazyCallView } from '../call-view.js';
import { isTestPath } from '../test-paths.js';
import { LOG_LEVELS, levelOfSink, type LogLevel } from '../../engine/levels.js';
import { moduleTargets, NO_ALIASES, readModuleAliases, type ModuleAliases } from './tsconfig-paths.js';

/** What a symbolic value resolves to. */
type R =
  | { k: 'type'; t: string }
  | { k: 'func'; file: number; func: number }
  | { k: 'class'; file: number; cls: string }
  | { k: 'inst'; file: number; cls: string }
  | { k: 'module'; file: number }
  | { k: 'unknown' };

const UNKNOWN: R = { k: 'unknown' };
const MAX_DEPTH = 24;
const EXTS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
/** Parameter types that make a function a per-request entry point on their own. */
const ENTRY_PARAM_TYPES = new Set(['express.Request', 'koa.Context', 'fastify.Request', 'hono.Context', 'grpc.Call', 'lambda.Context', 'lambda.Event', 'nest.ExecutionContext', 'http.IncomingMessage']);
const REQUEST_NAMES = /^(req|request)$/;
/** a parameter named as a response: `res`, `resp`, `response`, `proxyRes`, `upstreamResponse` */
const RESPONSE_NAME = /^(res|resp|response)$|[a-z0-9](Res|Resp|Response)$/;

/** where express's handler types are declared: `express` re-exports those of its core types package */
const EXPRESS_TYPES = new Set(['express', 'express-serve-static-core']);
/** Packages whose handler types type a server's request handler, not a Lambda's (a `handler` export typed with one). */
const HTTP_FRAMEWORKS = new Set([...EXPRESS_TYPES, 'koa', 'fastify', '@hapi/hapi', 'hono', 'next', 'next/server', 'http', 'node:http']);

/** Answers type questions `--type-aware` can settle: the canonical type at a span, '' when known to be none of ours. */
export type TypeOracle = (path: string, span: Span) => string | undefined;

export interface Entry {
  file: number;
  func: number;
  name: string;
  errorMiddleware?: boolean;
}

interface Wrapper {
  /** parameters that reach a sink as printed values */
  printed: Set<number>;
  /** rest parameter forwarded as a whole (`...args`), index */
  rest?: number;
  sink: string;
  /** every call that forwards is in a `catch` block: it writes only when what it tried failed */
  caught?: boolean;
  /** the highest level its function's sink calls write at; undefined when one always writes (settleLevels) */
  level?: LogLevel;
}

/** The functions of the wrappers, by file index, in file order (TsModel.wrapperFuncsByFile). */
type WrapperFuncs = [file: number, funcs: Set<number>][];

/** A wrapper with every field (undefined where it does not hold): one shape, as sink specs (sinkSpecOf). */
function wrapperOf(sink: string, printed: Set<number> = new Set(), rest?: number, caught?: boolean, level?: LogLevel): Wrapper {
  return { printed, rest, sink, caught, level };
}

/** A sink spec with every field (undefined where it does not hold): one shape for the views that read them all. */
function sinkSpecOf(sink: string, family: SinkSpec['family'], printed?: Set<number>, caught?: boolean, level?: LogLevel): SinkSpec {
  return { sink, family, printed, from: undefined, caught, level };
}

interface SinkSpec {
  sink: string;
  family: 'stdout' | 'log';
  /** only these argument indices print; undefined = all */
  printed?: Set<number>;
  from?: number;
  /** a wrapper that writes only in its `catch` blocks (typebot's safeStringify) */
  caught?: boolean;
  /** a wrapper's level (Wrapper.level) */
  level?: LogLevel;
}

export interface TsModelOptions {
  /** absolute project root, to read the tsconfig `paths` (unless `aliases` are given) */
  root?: string;
  /** the alias table already read: the scan plan's, which grouped the files through it */
  aliases?: ModuleAliases;
  typeOracle?: TypeOracle;
  /**
   * Files of the group that were not loaded (the prefilter, engine/prefilter.ts). Module
   * resolution that would pick one of them records it in `misses` and resolves to nothing; the
   * scan then loads the misses and builds the model again. Nothing else may read another file.
   */
  unloaded?: ReadonlySet<string>;
  /**
   * The state this group's model had when it was built (TsModel.state): the model answers views
   * from it instead of building. The files must be that group's, and their model input the same
   * (model-snapshot.ts checks both); the files no view reports on may be lean (leanTsSummary).
   */
  state?: TsModelState;
  /** with `state`: how to read the call graph stored beside it (TsGraphState, settleEdits) */
  graph?: () => unknown;
  /** a build keeps its call graph for graphState (model-snapshot.ts stores it) */
  recordGraph?: boolean;
}

/**
 * The call graph a build computed `reach` from (`TsModel.graphState()`), stored beside the state
 * (model-snapshot.ts) and read only when an edit of calls changes a file's edges: a restored model
 * then computes `reach` again from it (settleEdits).
 */
export interface TsGraphState {
  /** per file, in the model's order: its edges as fileEdges gives them (none to itself), as `from, to, from, to …` keys */
  edges: string[][];
  /** the functions with a request-typed parameter, in file order: [file, function] */
  annotated: [number, number][];
}

/** Whether a stored graph has TsGraphState's shape (its keys are checked where read). */
function isTsGraphState(g: unknown): g is TsGraphState {
  const o = g as Partial<Record<keyof TsGraphState, unknown>> | null | undefined;
  return typeof o === 'object' && o !== null && Array.isArray(o.edges) && o.edges.every(Array.isArray) && Array.isArray(o.annotated);
}

/** Types given to function parameters: file → function → parameter index → type. */
class ParamTypes {
  private readonly byFile: (Map<number, (string | undefined)[]> | undefined)[] = [];

  get(file: number, func: number, index: number): string | undefined {
    return this.byFile[file]?.get(func)?.[index];
  }

  set(file: number, func: number, index: number, type: string): void {
    const byFunc = (this.byFile[file] ??= new Map());
    let list = byFunc.get(func);
    if (!list) byFunc.set(func, (list = []));
    list[index] = type;
  }

  /** every type given: `[file, func, index, type]` */
  all(): [number, number, number, string][] {
    const out: [number, number, number, string][] = [];
    this.byFile.forEach((byFunc, file) => {
      for (const [func, list] of byFunc ?? []) list.forEach((t, index) => t !== undefined && out.push([file, func, index, t]));
    });
    return out;
  }
}

/**
 * What a built model knows beyond its files' summaries (`TsModel.state()`), as JSON: with it, a
 * model of the same files answers views without building again (model-snapshot.ts). Functions are
 * `file:func` keys, files their index in the model's list.
 */
export interface TsModelState {
  paramTypes: [number, number, number, string][];
  /** key, parameters printed, rest parameter (-1 for none), sink */
  wrappers: [string, number[], number, string, boolean, string][];
  /** the entries registered (`entries`), then those found by a request-typed parameter */
  entries: Entry[];
  registered: number;
  /** key, predecessor ('' for an entry), index in `entries` */
  reach: [string, string, number][];
  errorMiddleware: string[];
}

/** Add the edge `from → to` (a set per function: each edge at its first appearance). */
function addEdge(edges: Map<string, Set<string>>, from: string, to: string): void {
  let s = edges.get(from);
  if (!s) edges.set(from, (s = new Set()));
  s.add(to);
}

/** The last member of every call registration() acts on: route methods, hooks, gRPC services, createServer. */
const REGISTRATION_METHODS = new Set([...ROUTE_METHODS, 'route', 'addHook', 'addService', 'addProtoService', 'createServer']);

export class TsModel {
  readonly files: TsFileSummary[];
  private readonly byPath = new Map<string, number>();
  /** file → function → parameter index → type (resolution reads it for every parameter root) */
  private readonly paramTypes = new ParamTypes();
  private readonly wrappers = new Map<string, Wrapper>(); // `${file}:${func}`
  private readonly entries: Entry[] = [];
  /** file → its functions that are entries (entries, by file) */
  private readonly entryFuncs: (Set<number> | undefined)[] = [];
  private readonly reach = new Map<string, { from?: string; entry: Entry }>();
  private readonly errorMiddleware = new Set<string>();
  private readonly configSinks: { name: string; printed?: Set<number> }[] = [];
  private readonly aliases: ModuleAliases;
  private readonly oracle: TypeOracle | undefined;
  /** per importing file, by specifier (a key joining the two cost a string per lookup) */
  private readonly moduleCache: (Map<string, number | undefined> | undefined)[] = [];
  private readonly unloaded: ReadonlySet<string> | undefined;
  /** unloaded files that resolution needed (see TsModelOptions.unloaded) */
  readonly misses = new Set<string>();
  /** per file, per call index: a spec no wrapper can change (null: none), once computed (sinkSpec) */
  private readonly fixedSpecs: ((SinkSpec | null | undefined)[] | undefined)[] = [];
  /** while findWrappers runs: what each call's callee resolves to, by file and call (types are final then; the rounds ask again for every call) */
  private calleeTargets: (R[] | undefined)[] | undefined;
  /** parameter types resolution has read (counted: whether a re-export's resolution read any) */
  private paramReads = 0;
  /**
   * Re-exports whose resolution read a parameter type (counted). The only place where what a value
   * resolves to may change kind as parameter types are found: a value read through a parameter
   * resolves to a type, or to nothing while the parameter's type is unknown, and only the loop over
   * re-exports goes on to the next one on nothing (see neutralEdit).
   */
  private paramDependentReexports = 0;
  /** a restored model: how to read the stored graph; the edits of edges neutralEdit kept, by file */
  private readonly graphSource: (() => unknown) | undefined;
  private readonly graphEdits = new Map<number, string[]>();
  /** settleEdits computed `reach` again (for tests and measurements) */
  settled = false;
  /** a build asked to keep its call graph (graphState) */
  private readonly recorded: TsGraphState | undefined;

  constructor(files: TsFileSummary[], configSinks: SinkEntry[] = [], opts: TsModelOptions = {}) {
    this.files = files;
    this.oracle = opts.typeOracle;
    this.unloaded = opts.unloaded;
    files.forEach((f, i) => this.byPath.set(f.path, i));
    for (const s of configSinks) {
      const name = typeof s === 'string' ? s : s.name;
      const fmt = typeof s === 'string' ? undefined : s.format;
      this.configSinks.push(fmt !== undefined ? { name, printed: new Set(Array.from({ length: 16 }, (_, i) => i).filter((i) => i !== fmt)) } : { name });
    }
    this.aliases = opts.aliases ?? (opts.root ? readModuleAliases(opts.root, files.map((f) => f.path)) : NO_ALIASES);
    this.graphSource = opts.state ? opts.graph : undefined;
    this.recorded = !opts.state && opts.recordGraph ? { edges: [], annotated: [] } : undefined;
    if (opts.state) this.restore(opts.state);
    else this.build();
  }

  /** The model's state as JSON-ready data (see TsModelState); take it before any view. */
  state(): TsModelState {
    const entries = [...this.entries];
    const index = new Map(entries.map((e, i) => [e, i]));
    const reach: [string, string, number][] = [];
    for (const [k, { from, entry }] of this.reach) {
      let at = index.get(entry);
      if (at === undefined) index.set(entry, (at = entries.push(entry) - 1));
      reach.push([k, from ?? '', at]);
    }
    return {
      paramTypes: this.paramTypes.all(),
      wrappers: [...this.wrappers].map(([k, w]) => [k, [...w.printed], w.rest ?? -1, w.sink, w.caught === true, w.level ?? '']),
      entries,
      registered: this.entries.length,
      reach,
      errorMiddleware: [...this.errorMiddleware],
    };
  }

  private restore(st: TsModelState): void {
    for (const [file, func, index, type] of st.paramTypes) this.paramTypes.set(file, func, index, type);
    for (const [k, printed, rest, sink, caught, level] of st.wrappers) {
      this.wrappers.set(k, wrapperOf(sink, new Set(printed), rest >= 0 ? rest : undefined, caught || undefined, LOG_LEVELS.includes(level as LogLevel) ? (level as LogLevel) : undefined));
    }
    st.entries.slice(0, st.registered).forEach((e) => {
      this.entries.push(e);
      (this.entryFuncs[e.file] ??= new Set()).add(e.func);
    });
    for (const [k, from, at] of st.reach) this.reach.set(k, { ...(from ? { from } : {}), entry: st.entries[at]! });
    for (const k of st.errorMiddleware) this.errorMiddleware.add(k);
  }

  // ---- modules --------------------------------------------------------------------------------
  private resolveModule(from: number, spec: string): number | undefined {
    const cache = (this.moduleCache[from] ??= new Map());
    const hit = cache.get(spec);
    if (hit !== undefined || cache.has(spec)) return hit;
    let r: number | undefined;
    if (spec.startsWith('.')) r = this.probe(posix.join(posix.dirname(this.files[from]!.path), spec));
    else {
      for (const t of moduleTargets(this.aliases, this.files[from]!.path, spec)) {
        r = this.probe(t);
        if (r !== undefined) break;
      }
    }
    cache.set(spec, r);
    return r;
  }

  private probe(base: string): number | undefined {
    const b = posix.normalize(base);
    const candidates = [b, ...EXTS.map((e) => b + e), ...EXTS.map((e) => `${b}/index${e}`)];
    const m = /\.(m|c)?jsx?$/.exec(b);
    if (m) {
      const stem = b.slice(0, -m[0].length);
      candidates.push(...EXTS.map((e) => stem + e));
    }
    for (const c of candidates) {
      const i = this.byPath.get(c);
      if (i !== undefined) return i;
      if (this.unloaded?.has(c)) {
        this.misses.add(c);
        return undefined;
      }
    }
    return undefined;
  }

  // ---- value resolution ---------------------------------------------------------------------
  resolve(file: number, v: TsValue | undefined, depth = 0): R {
    if (!v || depth > MAX_DEPTH) return UNKNOWN;
    // a parameter's value resolves to a type or to nothing, whatever that parameter's type
    // (member() of a type reads the library tables only): never to a function or class
    let r: R;
    let path = v.path;
    const root = v.root;
    switch (root.kind) {
      case 'param': {
        this.paramReads++;
        const t = this.paramTypes.get(file, root.func, root.index);
        r = t ? { k: 'type', t } : UNKNOWN;
        break;
      }
      case 'import': {
        const res = this.resolveImport(file, root.source, root.name, path, depth);
        r = res.r;
        path = res.path;
        break;
      }
      case 'typeref': {
        r = this.resolveTypeRef(file, root.source, root.name, depth);
        break;
      }
      case 'free':
        r = TS_GLOBALS.has(root.name) ? { k: 'type', t: `global.${root.name}` } : UNKNOWN;
        break;
      case 'this':
        r = root.cls ? { k: 'inst', file, cls: root.cls } : UNKNOWN;
        break;
      case 'func':
        r = { k: 'func', file, func: root.func };
        break;
      case 'class':
        r = { k: 'class', file, cls: root.cls };
        break;
      case 'lit':
        r = { k: 'type', t: root.type };
        break;
      default:
        r = UNKNOWN;
    }
    for (const seg of path) {
      if (r.k === 'unknown') break;
      r = this.member(r, seg, depth + 1);
    }
    return r;
  }

  private resolveImport(file: number, source: string, name: string, path: string[], depth: number): { r: R; path: string[] } {
    const target = this.resolveModule(file, source);
    if (target === undefined) {
      const lib = source.replace(/^node:/, '');
      if ((name === '*' || name === 'default') && path[0] && !path[0].endsWith('()') && path[0] !== 'new') {
        const named = TS_MODULE_EXPORTS[`${source}#${path[0]}`] ?? TS_MODULE_EXPORTS[`${lib}#${path[0]}`];
        if (named) return { r: { k: 'type', t: named }, path: path.slice(1) };
      }
      const t = TS_MODULE_EXPORTS[`${source}#${name}`] ?? TS_MODULE_EXPORTS[`${lib}#${name}`] ?? (name === '*' ? TS_MODULE_EXPORTS[`${source}#default`] : undefined);
      return { r: t ? { k: 'type', t } : UNKNOWN, path };
    }
    if (name === '*') {
      const whole = this.files[target]!.exports['='];
      if (whole) return { r: this.resolve(target, whole, depth + 1), path };
      return { r: { k: 'module', file: target }, path };
    }
    return { r: this.exportOf(target, name, depth + 1), path };
  }

  private exportOf(file: number, name: string, depth: number): R {
    if (depth > MAX_DEPTH) return UNKNOWN;
    const f = this.files[file]!;
    const v = own(f.exports, name) ?? (name === 'default' ? own(f.exports, '=') : undefined);
    if (v) return this.resolve(file, v, depth + 1);
    const whole = f.exports['='];
    if (whole) return this.member(this.resolve(file, whole, depth + 1), name, depth + 1);
    for (const re of f.reexports) {
      const t = this.resolveModule(file, re);
      if (t === undefined) continue;
      const reads = this.paramReads;
      const r = this.exportOf(t, name, depth + 1);
      if (this.paramReads !== reads) this.paramDependentReexports++;
      if (r.k !== 'unknown') return r;
    }
    return UNKNOWN;
  }

  private resolveTypeRef(file: number, source: string, name: string, depth: number): R {
    if (depth > MAX_DEPTH) return UNKNOWN;
    if (!source) {
      if (name === 'Express.Request') return { k: 'type', t: 'express.Request' };
      // a type of this file that stands for another (an interface extending express's Request)
      const local = this.files[file]!.types?.[name];
      return local ? this.resolve(file, local, depth + 1) : UNKNOWN;
    }
    const target = this.resolveModule(file, source);
    if (target !== undefined) {
      const r = this.exportOf(target, name, depth + 1);
      if (r.k === 'unknown') {
        const named = this.namedTypeOf(target, name, depth + 1);
        if (named) return named;
      }
      return r.k === 'class' ? { k: 'inst', file: r.file, cls: r.cls } : r;
    }
    const lib = source.replace(/^node:/, '');
    const t = TS_TYPE_EXPORTS[`${lib}#${name}`] ?? TS_MODULE_EXPORTS[`${source}#${name}`] ?? TS_MODULE_EXPORTS[`${lib}#${name}`];
    if (!t) return UNKNOWN;
    const inst = TS_MEMBERS[`${t}.new`];
    return { k: 'type', t: inst ?? t };
  }

  /** A named type a module declares or re-exports (`export * from './auth'`), resolved; or undefined. */
  private namedTypeOf(file: number, name: string, depth: number): R | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const declared = this.files[file]!.types?.[name];
    if (declared) return this.resolve(file, declared, depth + 1);
    for (const re of this.files[file]!.reexports) {
      const t = this.resolveModule(file, re);
      const r = t === undefined ? undefined : this.namedTypeOf(t, name, depth + 1);
      if (r && r.k !== 'unknown') return r;
    }
    return undefined;
  }

  private member(r: R, seg: string, depth: number): R {
    if (depth > MAX_DEPTH) return UNKNOWN;
    switch (r.k) {
      case 'type': {
        const t = TS_MEMBERS[`${r.t}.${seg}`];
        return t ? { k: 'type', t } : UNKNOWN;
      }
      case 'func': {
        // `handler.bind(this)` is still the handler
        if (seg === 'bind()') return r;
        // a factory's logger (`createLogger({ module })`, an arrow returning `base.child(meta)`)
        const factories = seg === '()' ? this.files[r.file]!.factories : undefined;
        const ret = factories ? own(factories, String(r.func)) : undefined;
        if (!ret) return UNKNOWN;
        const v = this.resolve(r.file, ret, depth + 1);
        return v.k === 'type' && TS_LOGGER_METHODS[v.t] ? v : UNKNOWN;
      }
      case 'module':
        if (seg.endsWith('()') || seg === 'new') return UNKNOWN;
        return this.exportOf(r.file, seg, depth + 1);
      case 'class': {
        if (seg === 'new') return { k: 'inst', file: r.file, cls: r.cls };
        const m = this.classMethod(r.file, r.cls, seg, depth, true);
        return m ?? UNKNOWN;
      }
      case 'inst': {
        if (seg.endsWith('()')) return UNKNOWN;
        const cls = this.files[r.file]!.classes.find((c) => c.name === r.cls);
        if (!cls) return UNKNOWN;
        const field = own(cls.fields, seg);
        if (field) return this.resolve(r.file, field, depth + 1);
        const m = this.classMethod(r.file, r.cls, seg, depth, false);
        return m ?? UNKNOWN;
      }
      default:
        return UNKNOWN;
    }
  }

  /** A method of the class or of a base class: a static one (`Cls.name`) or an instance one (`obj.name`). */
  private classMethod(file: number, clsName: string, name: string, depth: number, isStatic: boolean): R | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const cls = this.files[file]!.classes.find((c) => c.name === clsName);
    if (!cls) return undefined;
    const table = isStatic ? cls.statics : cls.methods;
    const idx = (table && own(table, name)) ?? (!isStatic && cls.getters ? own(cls.getters, name) : undefined);
    if (idx !== undefined) return { k: 'func', file, func: idx };
    if (cls.base) {
      const b = this.resolve(file, cls.base, depth + 1);
      if (b.k === 'class') return this.classMethod(b.file, b.cls, name, depth + 1, isStatic);
    }
    return undefined;
  }

  /** Whether function `func` of file `file` is a class's `get` accessor (TsClass.getters). */
  private isGetter(file: number, func: number): boolean {
    return this.files[file]!.classes.some((c) => c.getters !== undefined && Object.values(c.getters).includes(func));
  }

  /**
   * The functions value `v` is: a function, or for an instance (`instances`) every instance method
   * of its class, as where it is registered (a gRPC implementation, a route handler object).
   */
  private funcsOf(file: number, v: TsValue | undefined, instances = true): { file: number; func: number }[] {
    const r = this.resolve(file, v);
    if (r.k === 'func') return [{ file: r.file, func: r.func }];
    if (r.k === 'inst' && instances) {
      const cls = this.files[r.file]!.classes.find((c) => c.name === r.cls);
      return cls ? Object.values(cls.methods).map((func) => ({ file: r.file, func })) : [];
    }
    return [];
  }

  // ---- building -----------------------------------------------------------------------------
  private build(): void {
    // annotated and decorated parameters
    this.files.forEach((f, fi) => {
      f.fns.forEach((fn, func) => {
        fn.params.forEach((p, i) => {
          let t: string | undefined;
          for (const d of p.decorators) t ??= own(NEST_PARAM_DECORATORS, d);
          if (!t && p.annot) {
            const r = this.resolve(fi, p.annot);
            // Node types the response of an outgoing request (`https.get(url, (res:
            // IncomingMessage) => …)`, http-proxy's `proxyRes`) as it types a server's request:
            // named as a response, it is no request and its function no handler
            if (r.k === 'type' && r.t !== 'fn' && !(r.t === 'http.IncomingMessage' && RESPONSE_NAME.test(p.name))) t = r.t;
          }
          if (t) this.paramTypes.set(fi, func, i, t);
        });
      });
    });
    this.findEntries();
    this.propagate();
    this.findWrappers();
    this.computeReach();
  }

  private setParams(file: number, func: number, types: (string | undefined)[]): void {
    types.forEach((t, i) => {
      if (t && this.paramTypes.get(file, func, i) === undefined) this.paramTypes.set(file, func, i, t);
    });
  }

  private isEntry(file: number, func: number): boolean {
    return this.entryFuncs[file]?.has(func) ?? false;
  }

  private addEntry(file: number, func: number, name: string, params: (string | undefined)[], errorMiddleware = false): void {
    const fn = this.files[file]!.fns[func];
    if (!fn) return;
    const isErr = errorMiddleware || (params.length === 2 && params[0] === 'express.Request' && fn.params.length === 4);
    const types = isErr ? [undefined, params[0], params[1]] : params;
    this.setParams(file, func, types);
    if (isErr) this.errorMiddleware.add(`${file}:${func}`);
    if (this.isEntry(file, func)) return;
    this.entries.push({ file, func, name, errorMiddleware: isErr });
    (this.entryFuncs[file] ??= new Set()).add(func);
  }

  private findEntries(): void {
    this.files.forEach((f, fi) => {
      // route registrations, hooks, grpc services, http.createServer
      for (const c of f.calls) this.registration(fi, c);
      // NestJS controllers
      for (const cls of f.classes) {
        const controller = cls.decorators.some((d) => /^(Controller|Resolver|WebSocketGateway)$/.test(d.name));
        for (const idx of Object.values(cls.methods)) {
          const fn = f.fns[idx]!;
          const route = fn.decorators.find((d) => NEST_ROUTE_DECORATORS.has(d.name));
          if (!route || (!controller && !/^(Grpc|Message|Event)/.test(route.name))) continue;
          const prefix = cls.decorators.find((d) => d.name === 'Controller')?.arg;
          const routePath = [prefix, route.arg].filter((x) => x !== undefined && x !== '').join('/');
          const label = `${route.name.toUpperCase()}${routePath ? ` /${routePath.replace(/^\/+/, '')}` : ''}`;
          this.addEntry(fi, idx, label, []);
        }
      }
      // a GraphQL resolver map's Query or Mutation field runs per operation, a request; a
      // resolver takes at most four parameters (parent, args, context, info)
      for (const g of f.graphql ?? []) {
        for (const t of this.funcsOf(fi, g.value, false)) {
          if (this.files[t.file]!.fns[t.func]!.params.length <= 4) this.addEntry(t.file, t.func, `GraphQL ${g.field}`, []);
        }
      }
      // Next.js API routes and route handlers
      if (/(^|\/)pages\/api\//.test(f.path)) {
        for (const t of this.funcsOf(fi, f.exports.default ?? f.exports['='])) this.addEntry(t.file, t.func, `API ${f.path}`, ['http.IncomingMessage', 'http.ServerResponse']);
      }
      if (/(^|\/)app\/(.*\/)?route\.[cm]?[jt]sx?$/.test(f.path)) {
        for (const m of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']) {
          for (const t of this.funcsOf(fi, own(f.exports, m))) this.addEntry(t.file, t.func, `${m} ${f.path}`, ['fetch.Request']);
        }
      }
      // AWS Lambda handlers: (event, context) or (event, context, callback); not express error
      // middleware exported as `handler` (atproto's, `(err, _req, res, next)`), nor a function
      // typed with an HTTP framework's handler type (`handler: RequestHandler`); a project's own
      // alias, `@netlify/functions`' or `aws-lambda/…`'s `Handler` keeps it a Lambda
      for (const name of ['handler']) {
        const v = own(f.exports, name);
        if (!v) continue;
        for (const t of this.funcsOf(fi, v)) {
          const fn = this.files[t.file]!.fns[t.func]!;
          if (fn.typedAs && HTTP_FRAMEWORKS.has(fn.typedAs.source)) continue;
          if (fn.params.length >= 1 && fn.params.length <= 3) this.addEntry(t.file, t.func, `Lambda ${name}`, ['lambda.Event', 'lambda.Context']);
        }
      }
    });
    // functions whose parameters are annotated with request types, and (err, req, res, next);
    // an unused one may be marked with a leading `_` (`(err, _req, res, _next)`)
    this.files.forEach((f, fi) => {
      f.fns.forEach((fn, func) => {
        // a function typed as an express handler is one, mounted where this file does not show
        // (a router a factory makes, another package): it runs per request
        const express = fn.typedAs !== undefined && EXPRESS_TYPES.has(fn.typedAs.source);
        if (express && (fn.typedAs!.name === 'RequestHandler' || fn.typedAs!.name === 'Handler')) {
          this.addEntry(fi, func, 'RequestHandler', ['express.Request', 'express.Response']);
        }
        const names = fn.params.map((p) => p.name.replace(/^_(?=\w)/, ''));
        const typed = express && fn.typedAs!.name === 'ErrorRequestHandler';
        if (typed || (names.length === 4 && /^(err|error|e|ex)$/.test(names[0]!) && REQUEST_NAMES.test(names[1]!) && /^(res|response)$/.test(names[2]!) && names[3] === 'next')) {
          this.errorMiddleware.add(`${fi}:${func}`);
        }
      });
    });
  }

  private registration(fi: number, c: TsCall): void {
    const f = this.files[fi]!;
    const callee = c.callee;
    // a tRPC adapter's `onError` runs per failed call of a procedure, a request
    if (callee && trpcAdapter(callee)) {
      for (const i of c.args[0]?.inner ?? []) if (i.key === 'onError') for (const t of this.funcsOf(fi, i.value)) this.addEntry(t.file, t.func, 'tRPC onError', []);
      return;
    }
    if (!callee || callee.path.length === 0 || c.isNew) return;
    const last = callee.path[callee.path.length - 1]!;
    // a tRPC procedure's resolver runs per call of the procedure, a request
    if (trpcProcedure(callee)) {
      for (const a of c.args.slice(0, 1)) for (const t of this.funcsOf(fi, a.value)) this.addEntry(t.file, t.func, `tRPC ${last}`, []);
      return;
    }
    // a GitHub webhook handler (`webhooks.on('push', h)`, probot's `app.on('issues.opened', h)`)
    // runs once per delivery, a request; known by the receiver's type only (an event emitter's
    // `on` is no registration)
    // (Hono's `app.on(method, path, h)` is a route: another receiver goes on to the routers below)
    if (last === 'on' || last === 'onAny') {
      const recv = this.resolve(fi, withPath(callee, callee.path.slice(0, -1)));
      if (recv.k === 'type' && WEBHOOK_TYPES.has(recv.t)) {
        const event = last === 'on' ? (c.args[0]?.literal ?? '') : '*';
        for (const a of c.args.slice(last === 'on' ? 1 : 0)) for (const t of this.funcsOf(fi, a.value)) this.addEntry(t.file, t.func, `webhook ${event}`.trim(), []);
        return;
      }
    }
    // every registration below is one of these methods (most calls are not)
    if (!REGISTRATION_METHODS.has(last)) return;
    const prefix = withPath(callee, callee.path.slice(0, -1));
    const handlerArgs = (from: number): { file: number; func: number }[] => {
      const out: { file: number; func: number }[] = [];
      for (const a of c.args.slice(from)) {
        // a getter read as an argument (`app.use('/api', this.app)`) runs now: what it returns is the handler, not the getter
        // an instance is no handler, nor are its methods: a class's object given to a middleware
        // factory (`rateLimit(limiter)`: the overleaf audit) has methods the factory calls with
        // what it chooses (`limiter.consume(req.ip)`), not with the request
        out.push(...this.funcsOf(fi, a.value, false).filter((t) => !this.isGetter(t.file, t.func)));
        // wrapped handlers (`asyncHandler(fn)`, `[auth, fn]`) must look like handlers: `koa-logger((str) => …)` is not one
        for (const inner of a.inner ?? []) {
          if (inner.key) continue;
          out.push(...this.funcsOf(fi, inner.value, false).filter((t) => looksLikeHandler(this.files[t.file]!.fns[t.func]!.params.map((p) => p.name))));
        }
      }
      return out;
    };
    if (last === 'addService' || last === 'addProtoService') {
      const impl = c.args[1];
      if (!impl) return;
      const targets = [...this.funcsOf(fi, impl.value), ...(impl.inner ?? []).flatMap((i) => this.funcsOf(fi, i.value).map((t) => ({ ...t, key: i.key })))];
      for (const t of targets) this.addEntry(t.file, t.func, `gRPC ${this.files[t.file]!.functions[t.func]!.name}`, ['grpc.Call']);
      return;
    }
    if (last === 'createServer' && (callee.root.kind === 'import' && /^(node:)?https?$/.test(callee.root.source))) {
      for (const t of handlerArgs(0)) this.addEntry(t.file, t.func, 'http.createServer handler', ['http.IncomingMessage', 'http.ServerResponse']);
      return;
    }
    const recv = this.resolve(fi, prefix);
    const recvType = recv.k === 'type' ? recv.t : undefined;
    const router = recvType ? own(ROUTER_TYPES, recvType) : undefined;
    if (recvType && !router) return;
    const recvName = receiverName(prefix);
    const first = c.args[0]?.literal;
    const byName = !router && ROUTER_NAME.test(recvName);
    if (!router && !byName) return;
    if (last === 'route' && c.args[0]?.inner) {
      // fastify.route({ method, url, handler, preHandler })
      const o = c.args[0].inner;
      for (const i of o) {
        if (i.key !== 'handler' && !FASTIFY_REQUEST_HOOKS.has(i.key ?? '')) continue;
        for (const t of this.funcsOf(fi, i.value)) this.addEntry(t.file, t.func, `route ${f.functions[t.func]?.name ?? ''}`.trim(), ROUTER_TYPES['fastify.Instance']!.params);
      }
      return;
    }
    if (last === 'addHook' && first && FASTIFY_REQUEST_HOOKS.has(first)) {
      for (const t of handlerArgs(1)) this.addEntry(t.file, t.func, `${first} hook`, ROUTER_TYPES['fastify.Instance']!.params);
      return;
    }
    if (!ROUTE_METHODS.has(last)) return;
    const hasPath = first !== undefined && /^[/*]/.test(first);
    if (byName && last !== 'use' && !hasPath) return;
    const params = router?.params ?? (/^fastify$/.test(recvName) ? ROUTER_TYPES['fastify.Instance']!.params : ROUTER_TYPES['express.App']!.params);
    // a known router's first literal is its route whatever it looks like (koa-router's
    // `router.post('documents.delete', …)` under a prefix: outline's API)
    // (koa-router's named route, `router.get('user', '/users/:id', h)`: its path)
    const second = c.args[1]?.literal;
    const route = !hasPath && router && second !== undefined && /^[/*]/.test(second) ? second : first;
    const label = `${last === 'use' ? 'middleware' : last.toUpperCase()}${hasPath || (router && route !== undefined && route !== '') ? ` ${route}` : ''}`;
    for (const t of handlerArgs(hasPath ? 1 : 0)) this.addEntry(t.file, t.func, label, params);
  }

  /**
   * Whether call `c` of file `fi` may register a handler (`registration`) with whatever parameter
   * types are known when it runs (in findEntries: the annotated and decorated ones, and those
   * addEntry gave the handlers registered before it; a subset of the final ones, none overwritten,
   * none a router type): its receiver is named as a router, or resolves to a router type. With
   * fewer parameter types known, a value resolves to the same or to nothing (see mayPropagate),
   * and a receiver that resolves to nothing registers only by its name; but through a re-export
   * that reads a parameter type.
   */
  private mayRegister(fi: number, c: TsCall): boolean {
    const callee = c.callee;
    if (callee && trpcAdapter(callee)) return true;
    if (!callee || callee.path.length === 0 || c.isNew) return false;
    if (trpcProcedure(callee)) return true;
    const last = callee.path[callee.path.length - 1]!;
    if (last === 'on' || last === 'onAny') return true;
    if (!REGISTRATION_METHODS.has(last)) return false;
    if (last === 'addService' || last === 'addProtoService' || last === 'createServer') return true;
    const prefix = withPath(callee, callee.path.slice(0, -1));
    if (ROUTER_NAME.test(receiverName(prefix))) return true;
    const reexports = this.paramDependentReexports;
    const recv = this.resolve(fi, prefix);
    return this.paramDependentReexports !== reexports || (recv.k === 'type' && own(ROUTER_TYPES, recv.t) !== undefined);
  }

  /**
   * Whether call `c` of file `fi` may give a parameter type in some round of `propagate`: its one
   * module callee has an untyped parameter where it passes an argument of an interesting type. As
   * the final parameter types give it: a value resolves to nothing while a parameter it reads has
   * no type yet, and to the same as at the end once it has, but through a re-export that reads one.
   */
  private mayPropagate(fi: number, c: TsCall): boolean {
    if (!c.callee || c.args.length === 0) return false;
    const reexports = this.paramDependentReexports;
    const targets = this.funcsOf(fi, c.callee);
    if (this.paramDependentReexports !== reexports) return true;
    if (targets.length !== 1) return false;
    const t = targets[0]!;
    return c.args.some((a, i) => {
      if (a.spread || this.files[t.file]!.fns[t.func]?.params[i]?.typed) return false;
      const r = this.resolve(fi, a.value);
      return this.paramDependentReexports !== reexports || (r.k === 'type' && isInteresting(r.t));
    });
  }

  /** Parameter types flow from arguments to unannotated parameters of module functions. */
  private propagate(): void {
    for (let round = 0; round < 4; round++) {
      let changed = false;
      this.files.forEach((f, fi) => {
        for (const c of f.calls) {
          if (!c.callee || c.args.length === 0) continue;
          const targets = this.funcsOf(fi, c.callee);
          if (targets.length !== 1) continue;
          const t = targets[0]!;
          c.args.forEach((a, i) => {
            if (a.spread) return;
            if (this.paramTypes.get(t.file, t.func, i) !== undefined || this.files[t.file]!.fns[t.func]?.params[i]?.typed) return;
            const r = this.resolve(fi, a.value);
            if (r.k === 'type' && isInteresting(r.t)) {
              this.paramTypes.set(t.file, t.func, i, r.t);
              changed = true;
            }
          });
        }
      });
      if (!changed) break;
    }
  }

  /** A function that forwards its parameters (or `...args` / `arguments`) to a sink is a sink. */
  private findWrappers(): void {
    this.calleeTargets = [];
    for (let round = 0; round < 4; round++) {
      let changed = false;
      this.files.forEach((f, fi) => {
        for (let ci = 0; ci < f.calls.length; ci++) {
          const c = f.calls[ci]!;
          if (c.func < 0) continue;
          const key = `${fi}:${c.func}`;
          const spec = this.sinkSpec(fi, c, ci);
          if (!spec) continue;
          const w: Wrapper = this.wrappers.get(key) ?? wrapperOf(spec.sink, undefined, undefined, true);
          const before = w.printed.size + (w.rest !== undefined ? 100 : 0);
          forward(f, c, spec, w);
          if (w.printed.size + (w.rest !== undefined ? 100 : 0) !== before || !this.wrappers.has(key)) {
            if (w.printed.size || w.rest !== undefined) {
              this.wrappers.set(key, w);
              if (w.printed.size + (w.rest !== undefined ? 100 : 0) !== before) changed = true;
            }
          }
        }
      });
      if (!changed) break;
    }
    // the wrappers are found: the settling passes change their fields, not which functions they are
    const byFile = this.wrapperFuncsByFile();
    this.settleCaught(byFile);
    this.settleLevels(byFile);
    this.calleeTargets = undefined;
  }

  /**
   * A wrapper's level: the highest level its function's sink calls write at (a wrapper's call
   * at the wrapper's own level), none when one of them always writes (a console call, a sink
   * without a level in its name). Started at the lowest and raised until nothing changes, so a
   * chain of wrappers settles whatever the files' order. Read by `--log-level` (levels.ts).
   */
  private settleLevels(byFile: WrapperFuncs): void {
    const NONE = 'none';
    const levels = new Map<string, LogLevel | typeof NONE>();
    for (const k of this.wrappers.keys()) levels.set(k, 'trace');
    const rank = (l: LogLevel | typeof NONE): number => (l === NONE ? LOG_LEVELS.length : LOG_LEVELS.indexOf(l));
    for (let changed = true, round = 0; changed && round < 16; round++) {
      changed = false;
      this.wrapperSinkCalls(byFile, (key, fi, c, spec) => {
        const now = levels.get(key);
        if (now === NONE) return;
        const whole = spec.family === 'log' && c.callee ? this.resolve(fi, c.callee) : undefined;
        const inner = whole?.k === 'func' ? levels.get(`${whole.file}:${whole.func}`) : undefined;
        const own: LogLevel | typeof NONE = levelOfSink(spec.sink) ?? (inner === undefined ? NONE : inner);
        if (rank(own) > rank(now!)) {
          levels.set(key, own);
          changed = true;
        }
      });
    }
    for (const [k, w] of this.wrappers) {
      const l = levels.get(k);
      if (l && l !== NONE) w.level = l;
      else w.level = undefined;
    }
  }

  /**
   * A wrapper is caught when every sink call of its function, forwarding or not, is in a catch
   * block or calls a caught wrapper: it writes only when what it tried failed (typebot's
   * safeStringify). A write outside a catch (\`console.log('importing row')\` on every call) makes
   * it plain, and a plain wrapper makes plain the wrappers that call it: cleared until nothing
   * changes (it only ever goes from caught to plain).
   */
  private settleCaught(byFile: WrapperFuncs): void {
    for (let changed = true; changed; ) {
      changed = false;
      this.wrapperSinkCalls(byFile, (key, _fi, c, spec) => {
        const w = this.wrappers.get(key)!;
        if (w.caught && !c.inCatch && !spec.caught) {
          w.caught = undefined;
          changed = true;
        }
      });
    }
  }

  /** The wrappers' functions by file, in file order: only their files' calls are looked at (wrapperSinkCalls). */
  private wrapperFuncsByFile(): WrapperFuncs {
    const funcsByFile = new Map<number, Set<number>>();
    for (const key of this.wrappers.keys()) {
      const colon = key.indexOf(':');
      const fi = Number(key.slice(0, colon));
      let funcs = funcsByFile.get(fi);
      if (!funcs) funcsByFile.set(fi, (funcs = new Set()));
      funcs.add(Number(key.slice(colon + 1)));
    }
    return [...funcsByFile].sort((a, b) => a[0] - b[0]);
  }

  /** Each sink call of a wrapper's function (`byFile`: wrapperFuncsByFile), with the wrapper's key (`file:func`), in file order. */
  private wrapperSinkCalls(byFile: WrapperFuncs, visit: (key: string, fi: number, c: TsCall, spec: SinkSpec) => void): void {
    for (const [fi, funcs] of byFile) {
      const f = this.files[fi]!;
      for (let ci = 0; ci < f.calls.length; ci++) {
        const c = f.calls[ci]!;
        if (!funcs.has(c.func)) continue;
        const spec = this.sinkSpec(fi, c, ci);
        if (spec) visit(`${fi}:${c.func}`, fi, c, spec);
      }
    }
  }

  private computeReach(): void {
    const rec = this.recorded;
    // call graph: calls, function-valued arguments, closures
    const edges = new Map<string, Set<string>>();
    this.files.forEach((f, fi) => {
      const flat: string[] | undefined = rec ? [] : undefined;
      this.fileEdges(fi, f, (a, b) => {
        if (a === b) return;
        addEdge(edges, a, b);
        flat?.push(a, b);
      });
      if (flat) rec!.edges.push(flat);
    });
    this.reachFrom(edges, this.entries);
    // functions that take a request-typed parameter run per request even when no registration was
    // seen (a recorded graph keeps them all: those reached already are skipped either way)
    const annotated: Entry[] = [];
    this.files.forEach((f, fi) => {
      f.fns.forEach((fn, func) => {
        if (!rec && this.reach.has(`${fi}:${func}`)) return;
        const typed = fn.params.some((_, i) => ENTRY_PARAM_TYPES.has(this.paramTypes.get(fi, func, i) ?? ''));
        if (!typed) return;
        annotated.push({ file: fi, func, name: f.functions[func]!.name });
        rec?.annotated.push([fi, func]);
      });
    });
    this.reachFrom(edges, annotated);
  }

  /** Breadth-first from `starts` (those not reached yet), in order: each function's entry and predecessor. */
  private reachFrom(edges: ReadonlyMap<string, Set<string>>, starts: readonly Entry[]): void {
    const queue: string[] = [];
    for (const e of starts) {
      const k = `${e.file}:${e.func}`;
      if (this.reach.has(k)) continue;
      this.reach.set(k, { entry: e });
      queue.push(k);
    }
    for (let qi = 0; qi < queue.length; qi++) {
      const k = queue[qi]!;
      const entry = this.reach.get(k)!.entry;
      for (const n of edges.get(k) ?? []) {
        if (this.reach.has(n)) continue;
        this.reach.set(n, { from: k, entry });
        queue.push(n);
      }
    }
  }

  /** The call graph this build computed `reach` from (TsGraphState): only a build constructed with `recordGraph` has one. */
  graphState(): TsGraphState | undefined {
    return this.recorded;
  }

  /**
   * After neutralEdit kept edits whose files' call-graph edges differ: `reach` computed again as a
   * build computes it, from the stored graph with those files' edges as they are now, from the
   * registered entry points and the functions with a request-typed parameter. False when that
   * cannot be done (no graph stored, or not this model's): then the full model. Call once, after
   * every edit is judged and before any view.
   */
  settleEdits(): boolean {
    if (this.graphEdits.size === 0) return true;
    const g = this.graphSource?.();
    if (!isTsGraphState(g) || g.edges.length !== this.files.length) return false;
    // every key and entry one of this model's functions: a key past them, once reached, would fail the views (found by a review)
    const isFunction = (file: number, func: number): boolean => this.files[file]?.functions[func] !== undefined;
    const key = (k: unknown): string => {
      const m = typeof k === 'string' ? /^(\d+):(\d+)$/.exec(k) : null;
      if (!m || !isFunction(Number(m[1]), Number(m[2]))) throw new Error('not this model');
      return k as string;
    };
    try {
      const edges = new Map<string, Set<string>>();
      if (!g.annotated.every((a) => Array.isArray(a) && a.length === 2 && a.every(Number.isInteger) && isFunction(a[0], a[1]))) return false;
      g.edges.forEach((stored, fi) => {
        if (stored.length % 2 !== 0) throw new Error('not this model');
        const flat = this.graphEdits.get(fi) ?? stored;
        for (let i = 0; i + 1 < flat.length; i += 2) addEdge(edges, key(flat[i]), key(flat[i + 1]));
      });
      const annotated = g.annotated.map(([file, func]) => ({ file, func, name: this.files[file]!.functions[func]!.name }));
      this.reach.clear();
      this.reachFrom(edges, this.entries);
      this.reachFrom(edges, annotated);
      this.settled = true;
      return true;
    } catch {
      return false; // a graph that is not this model's
    }
  }

  /**
   * The call-graph edges file `fi` (as `f`) gives, in order, repeats included (`computeReach` keeps
   * each edge's first). A function passed as an argument may be called there, but an object passed
   * (`registry.add(this)`, `new Child(this.svc)`) is not every method of it called: what the callee
   * calls on it is not known, and the caller's own calls of its methods have their edges. A
   * `setInterval` callback runs on every tick of the timer, not each time the function that starts
   * the timer runs: neither the function it is nested in nor the call that passes it (also by name)
   * has an edge to it. Nor has a call kept behind a once guard (`if (!ready) ready = init()`), nor
   * a function such a call runs where it is written.
   */
  private fileEdges(fi: number, f: TsFileSummary, add: (from: string, to: string) => void): void {
    f.functions.forEach((fn, i) => {
      if (fn.parent >= 0 && !f.fns[i]?.timerCallback && !f.fns[i]?.once) add(`${fi}:${fn.parent}`, `${fi}:${i}`);
    });
    for (const c of f.calls) {
      // a call kept behind a once guard runs once, not each time its function does
      if (c.func < 0 || c.once) continue;
      const from = `${fi}:${c.func}`;
      for (const t of this.funcsOf(fi, c.callee)) add(from, `${t.file}:${t.func}`);
      if (isTimerCall(c)) continue;
      for (const a of c.args) {
        for (const t of this.funcsOf(fi, a.value, false)) add(from, `${t.file}:${t.func}`);
        for (const inner of a.inner ?? []) for (const t of this.funcsOf(fi, inner.value, false)) add(from, `${t.file}:${t.func}`);
      }
    }
  }

  /**
   * Whether `now`, a file of this model, may replace `before`, the summary of the same file the
   * model was built or stored with, leaving the model as it is (model-snapshot.ts): the caller has
   * checked that all but their calls is the same model input (sameBesideCalls). The calls must
   * then give the same of what a build takes from them, in the same order:
   *
   * - the calls a pass reads beyond their callee: those that may register a handler
   *   (`mayRegister`) or give a parameter type (`mayPropagate`: both passes run while parameter
   *   types are still being found, so both judge as any round might); sink calls
   *   that forward a parameter of their function (against the final wrappers: a wrapper's printed
   *   parameters only grow from round to round, but its rest index is the last one set, and an
   *   earlier round may have printed from a lower one, so a call of a wrapper with a rest index
   *   counts every argument as printed; found by a review). Compared whole, as model input;
   * - the call-graph edges the file gives, each at its first appearance (the order `computeReach`
   *   meets them in).
   *
   * Any other call is one no pass takes anything from in any round. Resolution keeps no cache but
   * for module paths, so what a call resolves to here is what it resolves to in a build once
   * parameter types are final; and whether it resolves to a function is the same before, but
   * through a re-export that reads one (`paramDependentReexports`).
   */
  neutralEdit(before: TsFileSummary, now: TsFileSummary): boolean {
    const fi = this.byPath.get(now.path);
    if (fi === undefined || this.files[fi] !== now) return false;
    const a = this.callFootprint(fi, before);
    const b = this.callFootprint(fi, now);
    if (a.calls !== b.calls) return false;
    if (a.edges.join('\u0000') === b.edges.join('\u0000')) return true;
    // the file's call-graph edges differ, which only `reach` is computed from: settleEdits
    // computes it again, from the stored graph
    if (!this.graphSource) return false;
    this.graphEdits.set(fi, b.edges);
    return true;
  }

  /**
   * What a model build takes from the calls of file `fi` when its summary is `f` (see neutralEdit):
   * the calls compared whole, as a string, and the file's edges at their first appearance, as
   * `from, to, from, to …` keys.
   */
  private callFootprint(fi: number, f: TsFileSummary): { calls: string; edges: string[] } {
    const kept: TsCall[] = [];
    f.calls.forEach((c, ci) => {
      if (this.mayRegister(fi, c) || this.mayPropagate(fi, c)) return void kept.push(c);
      let spec = c.func >= 0 ? this.sinkSpec(fi, c, ci, false) : undefined;
      if (!spec) return;
      // a call of a wrapper that forwards a rest parameter: its `rest` is the one the last
      // forwarding call of its last round set, and an earlier round may have printed from a lower
      // index (`arguments` sets 0): every argument counts as printed
      const whole = this.resolve(fi, c.callee);
      if (whole.k === 'func' && this.wrappers.get(`${whole.file}:${whole.func}`)?.rest !== undefined) spec = { ...spec, printed: undefined };
      const w = wrapperOf(spec.sink);
      forward(f, c, spec, w);
      if (w.printed.size > 0 || w.rest !== undefined) kept.push(c);
    });
    const edges: string[] = [];
    const seen = new Set<string>();
    this.fileEdges(fi, f, (from, to) => {
      const e = `${from}>${to}`;
      if (from === to || seen.has(e)) return;
      seen.add(e);
      edges.push(from, to);
    });
    return { calls: JSON.stringify(kept.map(tsCallInput)), edges };
  }

  // ---- sinks --------------------------------------------------------------------------------
  /**
   * What call `ci` of file `fi` writes to, if anything. A spec no wrapper found later can change
   * (the callee is not a module function) is kept: the wrapper rounds and every view ask again
   * for every call. Parameter types are final by then (findWrappers runs after propagate).
   */
  private sinkSpec(fi: number, c: TsCall, ci: number, keep = true): SinkSpec | undefined {
    // not kept: the call may be of another summary of file fi (neutralEdit's `before`)
    const known = keep ? this.fixedSpecs[fi]?.[ci] : undefined;
    if (known !== undefined) return known ?? undefined;
    const fixed = (spec: SinkSpec | undefined): SinkSpec | undefined => {
      if (keep) (this.fixedSpecs[fi] ??= new Array<SinkSpec | null | undefined>(this.files[fi]!.calls.length).fill(undefined))[ci] = spec ?? null;
      return spec;
    };
    const callee = c.callee;
    if (!callee || c.isNew) return fixed(undefined);
    for (const s of this.configSinks) {
      const text = c.calleeText.replace(/^this\./, '');
      if (text === s.name || text.endsWith(`.${s.name}`) || s.name.endsWith(`#${text}`)) return fixed(sinkSpecOf(s.name, 'log', s.printed || undefined));
    }
    const targets = keep && this.calleeTargets ? (this.calleeTargets[fi] ??= []) : undefined;
    const whole = targets ? (targets[ci] ??= this.resolve(fi, callee)) : this.resolve(fi, callee);
    if (whole.k === 'func') {
      const w = this.wrappers.get(`${whole.file}:${whole.func}`);
      if (w) {
        const printed = new Set(w.printed);
        const spec = sinkSpecOf(`${this.files[whole.file]!.functions[whole.func]!.name}`, 'log', printed, w.caught ? true : undefined, w.level || undefined);
        if (w.rest !== undefined) {
          for (let i = w.rest; i < Math.max(c.args.length, w.rest + 1); i++) printed.add(i);
        }
        return spec;
      }
      // a level method of the project's own logger class that writes to the console, when it
      // forwards nothing a wrapper is found by (by its name, `Logger.info`, and its class's flag,
      // which lean summaries keep too: model-snapshot.ts)
      const fname = this.files[whole.file]!.functions[whole.func]?.name ?? '';
      const m = fname.includes('Logger.') ? /^(\w+)\.(\w+)$/.exec(fname) : null;
      if (m && LOGGER_CLASS.test(m[1]!) && LOGGER_LEVEL_METHODS.has(m[2]!) && this.files[whole.file]!.classes.some((k) => k.name === m[1] && k.writes)) return sinkSpecOf(m[0], 'log');
      return undefined;
    }
    if (whole.k === 'type' && TS_LOGGER_METHODS[whole.t]?.includes('()')) return fixed(sinkSpecOf('debug', 'log'));
    if (callee.path.length === 0) return fixed(undefined);
    const last = callee.path[callee.path.length - 1]!;
    const prefix = withPath(callee, callee.path.slice(0, -1));
    const recv = this.resolve(fi, prefix);
    if (recv.k === 'type') {
      const methods = TS_LOGGER_METHODS[recv.t];
      if (!methods?.includes(last)) return fixed(undefined);
      if (recv.t === 'global.console') return fixed(sinkSpecOf(`console.${last}`, 'stdout'));
      if (recv.t === 'stream.Std') return fixed(sinkSpecOf(`process.${prefix.path[prefix.path.length - 1] ?? 'stdout'}.write`, 'stdout'));
      return fixed(sinkSpecOf(`${recv.t === 'logger.nest' || recv.t === 'nest.LoggerClass' ? 'Logger' : recv.t.replace(/^logger\./, '')}.${last}`, 'log'));
    }
    if (recv.k !== 'unknown') return fixed(undefined);
    const recvName = writtenReceiverName(prefix);
    if (LOGGER_NAME.test(recvName) && LOGGER_LEVEL_METHODS.has(last) && !(recvName === 'log' && last === 'log')) {
      return fixed(sinkSpecOf(`${recvName}.${last}`, 'log'));
    }
    return fixed(undefined);
  }

  // ---- questions ----------------------------------------------------------------------------
  /** whether any call in the file writes to a sink (the prefilter's check on files it loaded late) */
  hasSinkCalls(path: string): boolean {
    const fi = this.byPath.get(path);
    return fi !== undefined && this.files[fi]!.calls.some((c, ci) => this.sinkSpec(fi, c, ci) !== undefined);
  }

  requestPath(fi: number, func: number): RequestPath | undefined {
    const hit = this.reach.get(`${fi}:${func}`);
    if (!hit) return undefined;
    const chain: string[] = [];
    let k: string | undefined = `${fi}:${func}`;
    for (let i = 0; k && i < 64; i++) {
      const [f, fn] = k.split(':').map(Number) as [number, number];
      const name = this.files[f]!.functions[fn]!.name;
      if (chain[0] !== name) chain.unshift(name);
      k = this.reach.get(k)?.from;
    }
    const e = hit.entry;
    const ef = this.files[e.file]!;
    if (e.name && e.name !== chain[0]) chain[0] = / callback$/.test(chain[0] ?? '') || e.name.endsWith(` ${chain[0]}`) ? e.name : `${e.name} (${chain[0]})`;
    return { entry: e.name, entryPath: ef.path, entrySpan: ef.functions[e.func]!.span, chain };
  }

  /** loops around a call, counting loops and iteration callbacks of enclosing closures (not past an entry point) */
  private effectiveLoopDepth(fi: number, func: number, own: number): number {
    let depth = own;
    let f = func;
    const fns = this.files[fi]!.fns;
    for (let i = 0; f >= 0 && i < 64; i++) {
      if (this.isEntry(fi, f)) break;
      const fn = fns[f]!;
      depth += fn.loopAtDef;
      f = this.files[fi]!.functions[f]!.parent;
    }
    return depth;
  }

  private funcTags(fi: number, func: number, rearming: ReadonlySet<number>): string[] {
    const tags: string[] = [];
    const fns = this.files[fi]!.fns;
    let f = func;
    for (let i = 0; f >= 0 && i < 64; i++) {
      if (this.errorMiddleware.has(`${fi}:${f}`)) tags.push('error-middleware');
      if (fns[f]!.timerCallback) tags.push('timer');
      if (rearming.has(f)) tags.push('timer-rearm');
      if (fns[f]!.iterCallback) tags.push('iteration-callback');
      f = this.files[fi]!.functions[f]!.parent;
    }
    return tags;
  }

  /**
   * The functions of file `fi` that schedule themselves again: a `setTimeout(f, ms)` in f's own body
   * or in a closure of it (`const poll = async () => { …; setTimeout(poll, ms); }`). Each run sets
   * up the next, so they repeat on a timer like a setInterval callback.
   */
  private rearming(fi: number): Set<number> {
    const f = this.files[fi]!;
    const out = new Set<number>();
    const ancestor = (of: number, func: number): boolean => {
      for (let g = of, i = 0; g >= 0 && i < 64; g = f.functions[g]!.parent, i++) if (g === func) return true;
      return false;
    };
    let byFunc: Map<number, typeof f.calls> | undefined;
    for (const c of f.calls) {
      if (c.func < 0 || !isTimerCall(c, TIMEOUT_FUNCTIONS)) continue;
      const r = this.resolve(fi, c.args[0]?.value);
      if (r.k !== 'func' || r.file !== fi) continue;
      if (ancestor(c.func, r.func)) {
        out.add(r.func);
        continue;
      }
      // through an arrow written in place: `setTimeout(() => this.beat(), ms)` inside beat
      if (f.functions[r.func]!.parent !== c.func) continue;
      if (!byFunc) {
        byFunc = new Map();
        for (const d of f.calls) if (d.func >= 0) (byFunc.get(d.func) ?? byFunc.set(d.func, []).get(d.func)!).push(d);
      }
      for (const d of byFunc.get(r.func) ?? []) {
        const t = d.callee ? this.resolve(fi, d.callee) : UNKNOWN;
        if (t.k === 'func' && t.file === fi && ancestor(c.func, t.func)) out.add(t.func);
      }
    }
    return out;
  }

  /** The type of a printed value; a name guess (`req`) only in per-request functions, replaced by the oracle when there is one. */
  private valueType(fi: number, func: number, v: TsValue | undefined, span: Span): { type: string; guess: boolean } {
    const r = this.resolve(fi, v);
    let type = r.k === 'type' ? r.t : '';
    let guess = false;
    const opaque = v && !(v.root.kind === 'import' && v.path.length === 0) && v.root.kind !== 'lit' && v.root.kind !== 'func' && v.root.kind !== 'class';
    if (!type && r.k === 'unknown' && v && opaque && v.name && REQUEST_NAMES.test(v.name) && this.reach.has(`${fi}:${func}`)) {
      const seg = v.path.slice(v.nameAt ?? 0).join('.');
      const byPath: Record<string, string> = { '': 'express.Request', body: 'req.body', headers: 'req.headers' };
      if (seg in byPath) {
        type = byPath[seg]!;
        guess = true;
      }
    }
    if (this.oracle && (guess || !type) && v && v.root.kind !== 'lit') {
      const t = this.oracle(this.files[fi]!.path, span);
      if (t !== undefined) return { type: t, guess: false };
    }
    return { type, guess };
  }

  view(file: TsFileSummary): FileView {
    const fi = this.byPath.get(file.path)!;
    const testFile = isTestPath(file.path);
    const sinkCalls: SinkCallView[] = [];
    const calls: CallView[] = [];
    const rearming = this.rearming(fi);
    for (let ci = 0; ci < file.calls.length; ci++) {
      const c = file.calls[ci]!;
      const loopDepth = c.func >= 0 ? this.effectiveLoopDepth(fi, c.func, c.loopDepth) : c.loopDepth;
      const spec = this.sinkSpec(fi, c, ci);
      // (a call of a wrapper that writes only in its catch blocks is as one in a catch block)
      const tags = [...(c.func >= 0 ? this.funcTags(fi, c.func, rearming) : ['module-level']), ...(c.memoized ? ['memoized'] : []), ...(c.inCatch || spec?.caught ? ['catch'] : []), ...(c.exits ? ['exits'] : []), ...(testFile ? ['test-file'] : [])];
      for (const a of c.args) for (const k of a.keys ?? []) tags.push(`option:${k}`);
      const where = { span: c.span, text: c.text, func: c.func, loopDepth, inRecover: false, tags };
      calls.push(new LazyCallView(this.calleeKey(fi, c), () => c.args.map((a) => ({ text: a.text, type: this.valueType(fi, c.func, a.value, a.span).type, span: a.span })), c.span, c.text, c.func, loopDepth, false, tags));
      if (!spec) continue;
      sinkCalls.push({ sink: spec.sink, family: spec.family, stringReachesSink: false, args: this.classifyArgs(fi, c, spec), ...where, ...(spec.level ? { level: spec.level } : {}) });
    }
    return {
      path: file.path,
      language: 'ts',
      functions: file.functions,
      sinkCalls,
      calls,
      imports: file.imports,
      requestPath: (func) => (func >= 0 ? this.requestPath(fi, func) : undefined),
      isStartupOnly: (func) => func < 0,
      isPanicPath: () => false,
      isContextLike: (t) => Object.hasOwn(TS_CONTEXT_TYPES, t),
      typeName: (t) => own(TS_TYPE_NAMES, t) ?? (t || 'unknown'),
      dumpKind: (t) => own(TS_DUMP_TYPES, t),
    };
  }

  private calleeKey(fi: number, c: TsCall): string {
    const callee = c.callee;
    if (!callee) return c.calleeText;
    const whole = this.resolve(fi, callee);
    if (whole.k === 'type') return `${whole.t}.${c.isNew ? 'new' : '()'}`;
    if (callee.path.length) {
      const recv = this.resolve(fi, withPath(callee, callee.path.slice(0, -1)));
      if (recv.k === 'type') return `${recv.t}.${callee.path[callee.path.length - 1]}`;
    }
    return c.calleeText;
  }

  private classifyArgs(fi: number, c: TsCall, spec: SinkSpec): ArgView[] {
    const out: ArgView[] = [];
    c.args.forEach((a, i) => {
      const printedHere = (!spec.printed || spec.printed.has(i)) && (spec.from === undefined || i >= spec.from);
      if (a.literal !== undefined) {
        out.push({ text: a.text, type: 'string', role: i === 0 ? 'format' : 'printed', tags: [], span: a.span });
        return;
      }
      if (!printedHere) {
        out.push({ text: a.text, type: '', role: 'not-printed', tags: [], span: a.span });
        return;
      }
      for (const p of a.parts) {
        const { type, guess } = this.valueType(fi, c.func, p.value, p.span);
        const tags = [...p.via];
        if (p.deep) tags.push('deep');
        if (guess) tags.push('name-guess');
        if (isStack(p.value)) tags.push('stack');
        if (p.value && p.value.path.length > (p.value.nameAt ?? 0)) tags.push('member');
        out.push({ text: p.text, type, role: 'printed', tags, span: p.span });
      }
    });
    return out;
  }
}

/** `(req, res)`, `(ctx, next)`, `(c)`, `(request, reply)`: parameter names of a request handler */
/** Record in `w` the parameters of the call's function that call `c` (in file `f`) forwards to the sink `spec`. */
function forward(f: TsFileSummary, c: TsCall, spec: SinkSpec, w: Wrapper): void {
  c.args.forEach((a, i) => {
    if (spec.printed && !spec.printed.has(i)) return;
    if (spec.from !== undefined && i < spec.from) return;
    const v = a.value;
    if (!v) return;
    if (v.root.kind === 'arguments' && v.root.func === c.func && v.path.length === 0) w.rest = 0;
    if (v.root.kind === 'param' && v.root.func === c.func) {
      const p = f.fns[c.func]!.params[v.root.index];
      if (v.path.length === 0 && p?.rest && a.spread) w.rest = v.root.index;
      // the parameter, or its text in another case or trimmed (`value.toUpperCase()`: leon's
      // `LogHelper.title`): written as it came, but for its letters
      else if (p && !p.rest && (v.path.length === 0 || (v.path.length === 1 && STRING_TRANSFORMS.has(v.path[0]!)))) w.printed.add(v.root.index);
    }
    // forwarded as a field of an object argument (`logger.info({ data }, msg)`), or interpolated
    // after a prefix by a call that is all its function does (`write(\`ERROR: ${message}\`)`,
    // `'WARN: ' + message`: trilium's log service, as a Go wrapper may join a prefix to its format;
    // a function that does more and logs its parameter on the way is no logger)
    for (const part of a.parts) {
      const pv = part.value;
      if (part.via.join() !== 'object' && !(c.sole && interpolated(part))) continue;
      if (pv?.root.kind === 'param' && pv.root.func === c.func && pv.path.length === 0 && !f.fns[c.func]!.params[pv.root.index]?.rest) w.printed.add(pv.root.index);
    }
  });
}

/** String methods whose result is the string's own text, changed in case or whitespace only. */
const STRING_TRANSFORMS = new Set(['toUpperCase()', 'toLowerCase()', 'toLocaleUpperCase()', 'toLocaleLowerCase()', 'trim()', 'trimStart()', 'trimEnd()']);

/** A part written into a string: interpolated in a template, or joined by `+`. */
function interpolated(part: TsPart): boolean {
  const via = part.via.join();
  return via === 'template' || via === 'concat';
}

/**
 * What the model reads of a call, as JSON-ready data: the call less what only views of its file
 * read (spans, texts, loop depth, memo flags, object keys, parts' texts and depth; the catch flag
 * is read: a wrapper whose forwarding calls are all in catch blocks writes only on failure).
 */
export function tsCallInput(c: TsCall): unknown {
  return {
    ...c,
    span: 0,
    text: 0,
    loopDepth: 0,
    memoized: 0,
    // (being all its function does matters only to a call that interpolates a parameter: forward)
    sole: c.sole && c.args.some((a) => a.parts.some((p) => p.value?.root.kind === 'param' && interpolated(p))) ? 1 : 0,
    // (`keys` last whether the argument holds it or not: a summary made now has every field, one
    // read back from JSON only those set, and their model inputs must be the same string)
    args: c.args.map(({ keys: _keys, ...a }) => ({ ...a, text: 0, span: 0, parts: a.parts.map((p) => ({ ...p, text: 0, span: 0, deep: 0 })), keys: 0 })),
  };
}

const TIMEOUT_FUNCTIONS: ReadonlySet<string> = new Set(['setTimeout']);

/**
 * `setInterval(fn, ms)` (the calls whose callbacks the summarizer marks as timer callbacks), or a
 * call of another timer function of `names`: the global one, also as `globalThis.setInterval`, or
 * one imported under that name (`timers`, or a drop-in module like `unlimited-timeout`).
 */
function isTimerCall(c: TsCall, names: ReadonlySet<string> = TIMER_FUNCTIONS): boolean {
  const v = c.callee;
  if (!v || c.isNew) return false;
  const { root, path } = v;
  if (root.kind === 'free') return path.length === 0 ? names.has(root.name) : path.length === 1 && /^(global|globalThis|window)$/.test(root.name) && names.has(path[0]!);
  if (root.kind === 'import') return path.length === 0 ? names.has(root.name) : path.length === 1 && (root.name === '*' || root.name === 'default') && names.has(path[0]!);
  return false;
}

/**
 * `publicProcedure.input(schema).query(({ input }) => …)`, `t.procedure.mutation(…)`: a tRPC
 * procedure's query, mutation or subscription resolver, by the procedure builder its chain starts
 * at or passes (a name ending in `procedure`/`Procedure`: tRPC's `t.procedure` and the
 * `publicProcedure`/`protectedProcedure` a project derives from it).
 */
function trpcProcedure(callee: TsValue): boolean {
  if (!TRPC_RESOLVERS.has(callee.path[callee.path.length - 1]!)) return false;
  return [callee.name ?? '', ...callee.path.slice(0, -1)].some((n) => TRPC_BUILDER.test(n.replace(/\(\)$/, '')));
}
const TRPC_RESOLVERS = new Set(['query', 'mutation', 'subscription']);

/**
 * A tRPC adapter that serves a router over HTTP, called with its options (`createExpressMiddleware({
 * router, onError })`, `fetchRequestHandler`, `createNextApiHandler`, Hono's `trpcServer`): its
 * `onError` runs once per failed call (karakeep's `logger.error(error.stack)`: the TS audit of stop 40).
 */
function trpcAdapter(callee: TsValue): boolean {
  if (callee.root.kind !== 'import' || !TRPC_ADAPTER_SOURCES.test(callee.root.source)) return false;
  const name = callee.path.length ? callee.path[callee.path.length - 1]! : callee.root.name;
  return TRPC_ADAPTERS.has(name);
}
const TRPC_ADAPTER_SOURCES = /^(?:@trpc\/server(?:\/adapters\/[\w/-]+)?|@hono\/trpc-server)$/;
const TRPC_ADAPTERS = new Set(['createExpressMiddleware', 'createHTTPHandler', 'createHTTPServer', 'fetchRequestHandler', 'createNextApiHandler', 'nextAppDirHandler', 'createAWSLambdaHandler', 'awsLambdaRequestHandler', 'trpcServer']);
const TRPC_BUILDER = /^(?:\w*[a-z0-9_])?[pP]rocedure$/;

/** The name a call's receiver goes by: `router` in `this.router.get(…)`, `app` in `app.use(…)`. */
function receiverName(prefix: TsValue): string {
  return prefix.path.length ? prefix.path[prefix.path.length - 1]! : (prefix.name ?? '');
}

/**
 * The receiver's name as written: a local bound to a call is its own name (`const log =
 * makeLogger('import'); log.info(…)`: jitsu's, an unknown package's logger), not the call's `()`.
 */
function writtenReceiverName(prefix: TsValue): string {
  if (prefix.name !== undefined && prefix.nameAt !== undefined && prefix.path.length <= prefix.nameAt) return prefix.name;
  return receiverName(prefix);
}

function looksLikeHandler(names: string[]): boolean {
  return names.length >= 2 || /^_?(req|request|ctx|context|c|event)$/.test(names[0] ?? '');
}

/** An own property only: summaries are plain objects, and `constructor` is a fine method name. */
function own<T>(o: Record<string, T>, k: string): T | undefined {
  return Object.hasOwn(o, k) ? o[k] : undefined;
}

function isInteresting(t: string): boolean {
  return Object.hasOwn(TS_CONTEXT_TYPES, t) || Object.hasOwn(TS_DUMP_TYPES, t) || t.startsWith('logger.');
}

/** `err.stack`, `e.stack`, `new Error().stack`, `error.stack` (a catch parameter or an error-named value) */
function isStack(v: TsValue | undefined): boolean {
  if (!v || v.path[v.path.length - 1] !== 'stack') return false;
  const base = v.path.slice(0, -1);
  if (v.root.kind === 'catch' && base.length === 0) return true;
  if (v.root.kind === 'free' && v.root.name === 'Error' && base.length === 1 && (base[0] === 'new' || base[0] === '()')) return true;
  const name = base.length ? base[base.length - 1]! : v.name ?? '';
  return /^(e|err|error|ex|exception|\w*Error|\w*Err)$/.test(name);
}


/**
 * The Go module model, built on the main thread from every file's summary: resolves the `?…`
 * type references summaries leave open, classifies calls into sinks (library tables, configured
 * sinks, wrappers found automatically), finds request entry points, builds the call graph and
 * answers the questions detectors ask through a FileView ("does this run per request, via what").
 */
import { mapList } from '../../engine/lists.js';
import type { ArgView, CallView, FileView, RequestPath, SinkCallView } from '../../rule-api.js';
import type { ArgRole, FunctionInfo, TypeRef } from '../types.js';
import type { Span } from '../../engine/positions.js';
import {
  GO_BODY_PRODUCERS,
  GO_CONTEXT,
  GO_CONTEXT_TYPES,
  GO_FIELD_TYPES,
  GO_FUNC_RESULTS,
  GO_HANDLER_PARAM_TYPES,
  GO_METHOD_RESULTS,
  GO_ONCE_CALLS,
  GO_RECOVERY_HANDLER_CALLS,
  GO_ATTR_TYPES,
  GO_RECOVERY_HANDLER_TYPES,
  GO_PKG_VARS,
  PKG_ERRORS_STACK,
  GO_READ_ALL,
  GO_REQUEST_TYPES,
  GO_SINK_FUNCS,
  GO_SINK_METHODS,
  type GoSinkShape,
  type GoSinkSpec,
} from './apis.js';
import { parseGoFormat, PRINTING_VERBS } from './format.js';
import { LazyCallView } from '../call-view.js';
import { LOGGER_INTERFACE, type GoArg, type GoCall, type GoCallee, type GoFileSummary, type GoStructType } from './summarize.js';

export interface GoSinkConfig {
  /** `<import path>.<Func>` or `<import path>.<Type>.<Method>` */
  name: string;
  shape?: 'printf' | 'print';
  /** index of the format argument for printf-style sinks (default 0) */
  format?: number;
}

/** The callee key a configured sink matches: `pkg.(*Logger).Info` → `pkg.Logger.Info`. */
export function configSinkKey(name: string): string {
  return name.replace(/\(\*?([^)]*)\)/, '$1');
}

const MAX_RESOLVE_DEPTH = 24;
const MAX_WRAPPER_ROUNDS = 6;
/** The longest precision that cuts a printed string or byte slice short enough, `%.1024s`. */
const MAX_CUT = 1024;

/** `pb.RegisterUserServiceServer(s, impl)`: impl's type serves gRPC */
const GRPC_REGISTER = /\.Register\w+Server$/;
/** `v1connect.NewUserServiceHandler(impl, opts...)`: impl's type serves connect-go RPCs */
const CONNECT_REGISTER = /connect\.New\w*ServiceHandler$/;
/**
 * `rpc.NewBillingServer(impl, opts...)`: twirp's generated constructor (protoc-gen-twirp), in this
 * repository or in a protocol module outside it (livekit's). Only impl's methods that take a context
 * and a message of that same package are RPCs.
 */
const TWIRP_NEW = /^(.+)\.New\w+Server$/;
/** `mux.HandleFunc("/", h.serve)`, `r.GET("/x", getX)`: function values registered as handlers */
const HANDLER_REGISTRATION = /\.(Handle|HandleFunc|HandlerFunc|GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|Any|Get|Post|Put|Patch|Delete|Route|Use|Group|Method|Methods|Add|All)$/;
const HANDLER_PACKAGES = /^(net\/http|github\.com\/(gin-gonic|labstack|gofiber|go-chi|gorilla|flamego\/flamego|julienschmidt\/httprouter|go-macaron\/macaron)|gopkg\.in\/macaron\.v1)/;

/** Whether a callee key registers its function-value arguments as request handlers. */
function registersHandlers(key: string): boolean {
  return HANDLER_REGISTRATION.test(key) && (HANDLER_PACKAGES.test(key) || key === 'net/http.HandlerFunc');
}

/**
 * A router group's own closure, run once as the routes are registered: macaron's and flamego's
 * `m.Group("/admin", func() {…})` (no parameters), chi's `r.Route("/x", func(r chi.Router) {…})`
 * (a router). It is no handler: what it calls as it registers routes runs at start-up, and the
 * handlers it registers are entry points by their own registration. A group's middleware (gin's
 * `r.Group("/v1", auth)`) is a handler.
 */
function groupClosure(key: string, fn: FunctionInfo): boolean {
  return /\.(Group|Route)$/.test(key) && (fn.params.length === 0 || /Router$/.test(fn.params[0]!.type));
}

interface FuncRef {
  /** the declaring file's path and package name */
  path: string;
  packageName: string;
  info: FunctionInfo;
}

/**
 * What a built model knows beyond its files' own summaries (`GoModel.state()`), as JSON: with it,
 * a model of the same files answers views of any of them without the others' summaries
 * (model-snapshot.ts). Taken right after construction, so the type resolutions it holds are those
 * every view starts from.
 */
export interface GoModelState {
  /**
   * every module function: `[key, results]` (of its last declaration, as funcResults), and
   * `[key, results, path, name, span]` (of its first) for those a request path can name
   */
  funcs: ([string, TypeRef[]] | [string, TypeRef[], string, string, Span])[];
  globals: [string, TypeRef][];
  structs: GoStructType[];
  resolved: [string, TypeRef][];
  wrappers: [string, GoSinkSpec][];
  pred: [string, string][];
  startup: string[];
  panicOnly: string[];
  grpcRequestTypes: string[];
  stackErrorFuncs: string[];
  /** background loops (FunctionInfo.worker): a goroutine started on one is no edge of the call graph */
  workers: string[];
  /**
   * A state stored by package (model-snapshot.ts; splitGoState): the packages whose functions,
   * globals and structs are parts of their own, read when a restored model first looks up a key of
   * theirs (`''` first: what is no package's), and how many functions the parts hold. Then
   * `funcs`, `globals` and `structs` are empty.
   */
  packages?: string[];
  funcCount?: number;
  /**
   * Which part holds each function, in the state's order of functions, as runs: `part, count,
   * part, count …` (a package's functions are mostly one run). With it a restored model reads the
   * part of a function it knows by index only (settleEdits), not every part.
   */
  funcParts?: number[];
  /**
   * Whether `resolved` is the same whatever order its types were resolved in, and how deep that
   * may go (see GoModel.resolve): an upper bound of how far below any resolved type its
   * resolution reaches, or -1 when some resolution met a cycle or the depth limit (its value may
   * then depend on where it started). Absent in a state that did not record it: -1.
   */
  reach?: number;
}

/**
 * The call graph a build computed reachability from (`GoModel.graphState()`), kept beside the state
 * (model-snapshot.ts) and read only when an edit of calls changes a file's edges or recover use:
 * then a restored model computes reachability again from it (`settleEdits`). Functions are indices
 * into the state's `funcs`.
 */
export interface GoGraphState {
  /** per file of the build, in order: its path and its edges as `fileEdges` gives them, as pairs `from, to, from, to …` */
  edges: [string, number[]][];
  /** per module function called: [function, files calling it, files calling it outside a recover block] */
  calls: [number, number, number][];
  /** the start-up roots: `main.main`, `init`, package-level closures */
  starts: number[];
  /** calls in message loops, in file order: [the loop's function, the function called] */
  loops: [number, number][];
  /** the function values given to `sync.Once.Do`, in file order */
  once: string[];
  /** the functions the state leaves unnamed: [function, index of its file in `edges`, name, line, column, end line, end column] */
  names: [number, number, string, number, number, number, number][];
}

interface Entry {
  kind: string;
}

/** The function a restored model knows by key only (restore): views ask only whether it exists. */
const UNNAMED: FuncRef = { path: '', packageName: '', info: { name: '', key: '', span: { line: 0, column: 0, endLine: 0, endColumn: 0 }, parent: -1, params: [], results: [] } };

/** A state's function entry: `[key, results]` or `[key, results, path, name, span]` (GoModelState.funcs). */
export type GoStateFunc = GoModelState['funcs'][number];

/** One package's part of a state stored by package: its functions with their index in the state's order, globals and structs. */
export interface GoPackagePart {
  at: number[];
  funcs: GoStateFunc[];
  globals: [string, TypeRef][];
  structs: GoStructType[];
}

/**
 * The packages of `packages` (by index) that `key` (a function key, a global's or a struct's
 * name: `<package path>.<rest>`) may belong to: each prefix of the key ending before a `.` past its
 * last `/`. Storing and reading use the same function, so a key is found wherever it was put.
 */
function packagesOf(key: string, index: ReadonlyMap<string, number>): number[] {
  const out: number[] = [];
  for (let j = key.indexOf('.', key.lastIndexOf('/') + 1); j >= 0; j = key.indexOf('.', j + 1)) {
    const k = index.get(key.slice(0, j));
    if (k !== undefined) out.push(k);
  }
  return out;
}

/**
 * A whole state (GoModel.state) split by package for storing: each entry of `funcs`, `globals` and
 * `structs` in the part of the first of `packages` its key may belong to, or else in part 0 (`''`),
 * which a restored model reads at once. The state keeps the rest.
 */
export function splitGoState(st: GoModelState, packages: readonly string[]): { state: GoModelState; parts: GoPackagePart[] } {
  const all = ['', ...new Set(packages.filter((p) => p !== ''))];
  const index = new Map(all.map((p, k) => [p, k]));
  const parts: GoPackagePart[] = all.map(() => ({ at: [], funcs: [], globals: [], structs: [] }));
  const partOf = (key: string): number => packagesOf(key, index)[0] ?? 0;
  const funcParts: number[] = [];
  st.funcs.forEach((f, i) => {
    const k = partOf(f[0]);
    const part = parts[k]!;
    part.at.push(i);
    part.funcs.push(f);
    if (funcParts[funcParts.length - 2] === k) funcParts[funcParts.length - 1]!++;
    else funcParts.push(k, 1);
  });
  for (const g of st.globals) parts[partOf(g[0])]!.globals.push(g);
  for (const t of st.structs) parts[partOf(t.name)]!.structs.push(t);
  return { state: { ...st, funcs: [], globals: [], structs: [], packages: all, funcCount: st.funcs.length, funcParts }, parts };
}

/**
 * The stored parts of a restored model (GoModelState.packages): each read, and its entries added
 * to the model's maps, the first time a key it may hold is looked up; all of them when a map is
 * iterated (PartMap). `read` throws when a part cannot be read (the run falls back to the full model).
 */
class StoredParts {
  private readonly index: Map<string, number>;
  private readonly loaded: boolean[];
  private readonly asked = new Set<string>();
  private left: number;

  constructor(
    packages: readonly string[],
    private readonly read: (k: number) => GoPackagePart,
    private readonly add: (part: GoPackagePart) => void,
  ) {
    this.index = new Map(packages.map((p, k) => [p, k]));
    this.loaded = packages.map(() => false);
    this.left = packages.length;
  }

  ensure(key: string): void {
    if (this.left === 0 || this.asked.has(key)) return;
    this.asked.add(key);
    for (const k of packagesOf(key, this.index)) this.load(k);
  }

  load(k: number): void {
    if (this.loaded[k]) return;
    this.loaded[k] = true;
    this.left--;
    this.add(this.read(k));
  }

  all(): void {
    for (let k = 0; this.left > 0 && k < this.loaded.length; k++) this.load(k);
  }
}

/** A restored model's map of functions, results, globals or structs: its entries come from the stored parts (StoredParts) as keys are looked up. */
class PartMap<V> extends Map<string, V> {
  constructor(private readonly parts: StoredParts) {
    super();
  }
  override get(k: string): V | undefined {
    this.parts.ensure(k);
    return super.get(k);
  }
  override has(k: string): boolean {
    this.parts.ensure(k);
    return super.has(k);
  }
  override get size(): number {
    this.parts.all();
    return super.size;
  }
  override keys(): MapIterator<string> {
    this.parts.all();
    return super.keys();
  }
  override values(): MapIterator<V> {
    this.parts.all();
    return super.values();
  }
  override entries(): MapIterator<[string, V]> {
    this.parts.all();
    return super.entries();
  }
  override [Symbol.iterator](): MapIterator<[string, V]> {
    this.parts.all();
    return super[Symbol.iterator]();
  }
  override forEach(f: (value: V, key: string, map: Map<string, V>) => void, thisArg?: unknown): void {
    this.parts.all();
    super.forEach(f, thisArg);
  }
}

/**
 * A set of function keys held by their index in a restored model's order (settleEdits' start-up
 * set): `has` reads the part of the key asked about only; iterating names every member, in order,
 * as a Set built by key would (and reads their parts). `order`: the members in order, by index,
 * or by key for those that are no function (a `sync.Once` callback's key may name none).
 */
class IndexedKeys extends Set<string> {
  private named = false;
  constructor(
    private readonly marks: Uint8Array,
    private readonly order: readonly (number | string)[],
    private readonly others: ReadonlySet<string>,
    private readonly indexOf: (k: string) => number | undefined,
    private readonly keyAt: (i: number) => string,
  ) {
    super();
  }
  private name(): void {
    if (this.named) return;
    this.named = true;
    for (const m of this.order) super.add(typeof m === 'string' ? m : this.keyAt(m));
  }
  override has(k: string): boolean {
    if (this.named) return super.has(k);
    const i = this.indexOf(k);
    return i === undefined ? this.others.has(k) : this.marks[i] === 1;
  }
  override add(k: string): this {
    this.name();
    return super.add(k);
  }
  override delete(k: string): boolean {
    this.name();
    return super.delete(k);
  }
  override clear(): void {
    this.named = true;
    super.clear();
  }
  override get size(): number {
    this.name();
    return super.size;
  }
  override keys(): SetIterator<string> {
    this.name();
    return super.keys();
  }
  override values(): SetIterator<string> {
    this.name();
    return super.values();
  }
  override entries(): SetIterator<[string, string]> {
    this.name();
    return super.entries();
  }
  override [Symbol.iterator](): SetIterator<string> {
    this.name();
    return super[Symbol.iterator]();
  }
  override forEach(f: (value: string, key: string, set: Set<string>) => void, thisArg?: unknown): void {
    this.name();
    super.forEach(f, thisArg);
  }
}

/** An edit neutralEdit kept whose file's call-graph edges or recover use differ: what settleEdits reads. */
interface GraphEdit {
  edges: [string, string][];
  before: Map<string, boolean>;
  now: Map<string, boolean>;
}

export class GoModel {
  private funcResults: Map<string, TypeRef[]> = new Map<string, TypeRef[]>();
  private funcs: Map<string, FuncRef> = new Map<string, FuncRef>();
  private globals: Map<string, TypeRef> = new Map<string, TypeRef>();
  private structs: Map<string, GoStructType> = new Map<string, GoStructType>();
  private readonly resolved = new Map<string, TypeRef>();
  private readonly sinks = new Map<string, GoSinkSpec>();
  /** wrappers found in the module: function key → how it forwards to a sink */
  private readonly wrappers = new Map<string, GoSinkSpec>();
  /**
   * Each file's callee keys, by call index. A key does not depend on the wrapper set (a wrapper is
   * a module function, already a key of `funcs`), so it is computed once, before the wrapper rounds.
   */
  private readonly keysByFile = new Map<GoFileSummary, string[]>();
  /** Each file's sink specs, by call index: final once the wrapper rounds end. */
  private readonly specsByFile = new Map<GoFileSummary, (GoSinkSpec | undefined)[]>();
  /** function key → predecessor on the shortest path from an entry point ('' for an entry) */
  private readonly pred = new Map<string, string>();
  private readonly entries = new Map<string, Entry>();
  private startup: Set<string> = new Set<string>();
  private readonly panicOnly = new Set<string>();
  /** gRPC request message types (second parameter of service methods) */
  private readonly grpcRequestTypes = new Set<string>();
  /** module functions whose error result may carry a `github.com/pkg/errors` stack */
  private readonly stackErrorFuncs = new Set<string>();
  /** module functions that are background loops (FunctionInfo.worker; GoModelState.workers) */
  private readonly workers = new Set<string>();
  /** the types being resolved right now: meeting one again is a cycle (the guard's '' answers it) */
  private readonly resolving = new Set<string>();
  /** per type resolved by this model: how far below it its resolution went (see resolve) */
  private readonly reach = new Map<string, number>();
  /** an upper bound of every `reach`, for types restored from a state (whose own are not kept) */
  private reachBound = 0;
  /** the deepest step of the resolution under way, counting a resolved type as reaching its `reach` below */
  private deepest = 0;
  /** some resolution met a cycle or the depth limit: `resolved` may depend on the order of resolutions */
  private orderDependent = false;
  /** while set (callFootprint): the unresolved types a file's callee keys are resolved from */
  private trace: Set<string> | undefined;
  /** a restored model: its functions' keys in the state's order, and how to read the stored graph */
  private funcOrder: string[] = [];
  /** a restored model: each function's index in the state's order, for the functions restored so far */
  private readonly funcIndexOf = new Map<string, number>();
  /** a model restored from a state stored by package: its parts */
  private parts: StoredParts | undefined;
  /** and where each part's functions are in the state's order (GoModelState.funcParts): the first index of each run, and its part */
  private runStarts: number[] = [];
  private runParts: number[] = [];
  private graphSource: (() => unknown) | undefined;
  /** edits of calls kept whose edges or recover use differ (neutralEdit), by path */
  private readonly graphEdits = new Map<string, GraphEdit>();
  /** settleEdits computed reachability again (for tests and measurements) */
  settled = false;
  /** a build asked to keep its call graph (graphState): what computeReachability computed it from */
  private recorded: Omit<GoGraphState, 'names'> | undefined;
  readonly files: GoFileSummary[];

  /**
   * The model of `files`; or, with `state`, the model those files' group had when the state was
   * taken, whose views of `files` are then the full model's (the files must be of that group, and
   * the group's model inputs unchanged since: model-snapshot.ts checks both). `graph`: with
   * `state`, how to read the call graph stored beside it (settleEdits). `recordGraph`: a build
   * keeps what graphState returns (model-snapshot.ts stores it).
   */
  constructor(files: GoFileSummary[], configSinks: GoSinkConfig[] = [], state?: GoModelState, opts: { graph?: () => unknown; recordGraph?: boolean; parts?: (k: number) => GoPackagePart } = {}) {
    this.files = files;
    this.addSinks(configSinks);
    if (state) {
      this.restore(state, files, opts.parts);
      this.graphSource = opts.graph;
      return;
    }
    if (opts.recordGraph) this.recorded = { edges: [], calls: [], starts: [], loops: [], once: [] };
    for (const f of files) {
      f.functions.forEach((fn) => {
        this.funcResults.set(fn.key, fn.results);
        if (!this.funcs.has(fn.key)) this.funcs.set(fn.key, { path: f.path, packageName: f.packageName, info: fn });
        if (fn.worker) this.workers.add(fn.key);
      });
      for (const g of f.globals) if (!this.globals.has(`${f.pkgPath}.${g.name}`)) this.globals.set(`${f.pkgPath}.${g.name}`, g.type);
      for (const s of f.structs) this.structs.set(s.name, s);
    }
    this.findWrappers();
    this.findEntries();
    this.findStackErrorFuncs();
    this.computeReachability();
  }

  private addSinks(configSinks: GoSinkConfig[]): void {
    for (const [k, v] of Object.entries(GO_SINK_FUNCS)) this.sinks.set(k, v);
    for (const [k, v] of Object.entries(GO_SINK_METHODS)) this.sinks.set(k, v);
    for (const s of configSinks) {
      const printf = s.shape ? s.shape === 'printf' : /f$/.test(s.name);
      this.sinks.set(configSinkKey(s.name), {
        family: 'log',
        shape: printf ? { kind: 'printf', format: s.format ?? 0 } : { kind: 'print', from: 0 },
      });
    }
  }

  /** The model's state as JSON-ready data (see GoModelState); take it before any view. */
  state(): GoModelState {
    const named = this.namedKeys();
    // a model restored by package: every part, its functions in the state's order
    const keys = this.parts ? this.storedOrder() : [...this.funcs.keys()];
    return {
      funcs: keys.map((k) => {
        const ref = this.funcs.get(k)!;
        return named.has(k) ? [k, this.funcResults.get(k)!, ref.path, ref.info.name, ref.info.span] : [k, this.funcResults.get(k)!];
      }),
      globals: [...this.globals],
      structs: [...this.structs.values()],
      resolved: [...this.resolved],
      wrappers: [...this.wrappers],
      pred: [...this.pred],
      startup: [...this.startup],
      panicOnly: [...this.panicOnly],
      grpcRequestTypes: [...this.grpcRequestTypes],
      stackErrorFuncs: [...this.stackErrorFuncs],
      workers: [...this.workers],
      reach: this.orderDependent ? -1 : this.reachBound,
    };
  }

  /**
   * A restored model's function keys in the state's order (the stored graph's indices): every
   * stored part read. Throws when the parts do not give each index one key.
   */
  private storedOrder(): string[] {
    this.parts?.all();
    const keys = this.funcOrder;
    for (let i = 0; i < keys.length; i++) if (typeof keys[i] !== 'string') throw new Error('not this model');
    return keys;
  }

  /**
   * A restored model's function at index `i` of the state's order: its part read when it has not
   * been (the run holding `i`; every part when the state has no runs). Throws when no part gives
   * the index a key.
   */
  private keyAt(i: number): string {
    let k = this.funcOrder[i];
    if (k === undefined && this.parts) {
      const starts = this.runStarts;
      if (starts.length === 0) this.parts.all();
      else {
        let lo = 0;
        let hi = starts.length - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (starts[mid]! <= i) lo = mid;
          else hi = mid - 1;
        }
        this.parts.load(this.runParts[lo]!);
      }
      k = this.funcOrder[i];
    }
    if (typeof k !== 'string') throw new Error('not this model');
    return k;
  }

  /** A restored model's index of a module function in the state's order (its part read), or undefined when `key` is none. */
  private indexOfFunc(key: string): number | undefined {
    return this.funcs.has(key) ? this.funcIndexOf.get(key) : undefined;
  }

  /** The functions a request path names: those reached, and a message loop's function. */
  private namedKeys(): Set<string> {
    const named = new Set<string>();
    for (const [k, p] of this.pred) {
      named.add(k.endsWith('#loop') ? k.slice(0, -5) : k);
      if (p) named.add(p.endsWith('#loop') ? p.slice(0, -5) : p);
    }
    return named;
  }

  /** The state's model, with `files` as they are now: they may have moved since (spans are not model input). */
  private restore(st: GoModelState, files: readonly GoFileSummary[], read?: (k: number) => GoPackagePart): void {
    // a restored model only answers views: a function's parameters and results are never read then
    // (results are in funcResults), and only the functions a request path names keep a name and span;
    // the others share one placeholder (views ask only whether they exist)
    const add = (funcs: readonly GoStateFunc[], at: (i: number) => number, globals: readonly [string, TypeRef][], structs: readonly GoStructType[]): void => {
      funcs.forEach((f, i) => {
        const key = f[0];
        this.funcs.set(key, f.length > 2 ? { path: f[2]!, packageName: '', info: { name: f[3]!, key, span: f[4]!, parent: -1, params: [], results: [] } } : UNNAMED);
        this.funcResults.set(key, f[1]);
        const index = at(i);
        this.funcOrder[index] = key;
        this.funcIndexOf.set(key, index);
      });
      for (const [k, v] of globals) this.globals.set(k, v);
      for (const s of structs) this.structs.set(s.name, s);
    };
    if (st.packages) {
      // stored by package: each part read when a key of its package is first looked up
      if (!read || typeof st.funcCount !== 'number') throw new Error('not a state');
      const parts = new StoredParts(st.packages, read, (p) => add(p.funcs, (i) => p.at[i]!, p.globals, p.structs));
      this.parts = parts;
      this.funcs = new PartMap(parts);
      this.funcResults = new PartMap(parts);
      this.globals = new PartMap(parts);
      this.structs = new PartMap(parts);
      this.funcOrder = new Array<string>(st.funcCount);
      if (st.funcParts) {
        for (let j = 0, start = 0; j + 1 < st.funcParts.length; j += 2) {
          this.runStarts.push(start);
          this.runParts.push(st.funcParts[j]!);
          start += st.funcParts[j + 1]!;
        }
      }
      parts.load(0);
    } else add(st.funcs, (i) => i, st.globals, st.structs);
    for (const [k, v] of st.resolved) this.resolved.set(k, v);
    for (const [k, v] of st.wrappers) this.wrappers.set(k, v);
    for (const [k, v] of st.pred) this.pred.set(k, v);
    for (const k of st.startup) this.startup.add(k);
    for (const k of st.panicOnly) this.panicOnly.add(k);
    for (const k of st.grpcRequestTypes) this.grpcRequestTypes.add(k);
    for (const k of st.stackErrorFuncs) this.stackErrorFuncs.add(k);
    for (const k of st.workers) this.workers.add(k);
    if (typeof st.reach === 'number' && st.reach >= 0) this.reachBound = st.reach;
    else this.orderDependent = true;
    this.placeSpans(files);
  }

  /**
   * A function declared by one of these files is where the file has it now (the model keeps a
   * key's first declaration, so the first in the file that declared it first).
   */
  private placeSpans(files: readonly GoFileSummary[]): void {
    for (const f of files) {
      const moved = new Set<string>();
      for (const fn of f.functions) {
        const ref = this.funcs.get(fn.key);
        if (!ref || ref === UNNAMED || ref.path !== f.path || moved.has(fn.key)) continue;
        moved.add(fn.key);
        ref.info = { ...ref.info, span: fn.span };
      }
    }
  }

  // ---- types --------------------------------------------------------------------------------

  /**
   * Resolve a TypeRef to a concrete type string, or '' when unknown.
   *
   * Resolutions are cached, so a type's value could depend on where its resolution started: one
   * that meets a type being resolved (a cycle) gets the guard's '', and one started deeper meets
   * the depth limit sooner. Neither happens when no resolution meets a cycle and none goes deeper
   * than the limit, counting a cached type as going as deep below as its own resolution did
   * (`reach`): then every value is the one any order would give. The model records whether that
   * holds (`orderDependent`); a stored model's later edits rely on it (`neutralEdit`).
   */
  resolve(t: TypeRef, depth = 0): TypeRef {
    if (!t.startsWith('?') && !t.startsWith('*?')) return t;
    if (t.startsWith('*?')) {
      const inner = this.resolve(t.slice(1), depth + 1);
      return inner ? `*${inner}` : '';
    }
    const cached = this.resolved.get(t);
    if (cached !== undefined) {
      if (this.resolving.has(t)) this.orderDependent = true;
      else this.reached(depth + (this.reach.get(t) ?? this.reachBound));
      return cached;
    }
    if (depth > MAX_RESOLVE_DEPTH) {
      this.orderDependent = true;
      return '';
    }
    this.resolved.set(t, ''); // cycle guard
    this.resolving.add(t);
    const outer = this.deepest;
    this.deepest = depth;
    const r = this.resolveUncached(t, depth);
    const below = this.deepest - depth;
    this.reach.set(t, below);
    if (below > this.reachBound) this.reachBound = below;
    if (outer > this.deepest) this.deepest = outer;
    this.resolving.delete(t);
    this.resolved.set(t, r);
    return r;
  }

  /** A step of a resolution that the depth limit applies to ran (or would, for a cached type) at `depth`. */
  private reached(depth: number): void {
    if (depth > this.deepest) this.deepest = depth;
    if (depth > MAX_RESOLVE_DEPTH) this.orderDependent = true;
  }

  private resolveUncached(t: TypeRef, depth: number): TypeRef {
    if (t.startsWith('?pkgvar:')) return this.resolve(this.globals.get(t.slice(8)) ?? GO_PKG_VARS[t.slice(8)] ?? '', depth + 1);
    if (t.startsWith('?field:')) {
      const hash = t.lastIndexOf('#');
      const base = this.resolve(t.slice(7, hash), depth + 1).replace(/^\*/, '');
      return this.resolve(this.fieldType(base, t.slice(hash + 1), depth) ?? '', depth + 1);
    }
    if (t.startsWith('?call:')) {
      const hash = t.lastIndexOf('#');
      const index = Number(t.slice(hash + 1));
      const results = this.callResults(t.slice(6, hash), depth);
      return this.resolve(results?.[index] ?? '', depth + 1);
    }
    return '';
  }

  /** Results of a callee key; method keys may have an unresolved receiver part. */
  private callResults(key: string, depth: number): TypeRef[] | undefined {
    const direct = GO_FUNC_RESULTS[key] ?? this.funcResults.get(key);
    if (direct) return direct;
    const dot = key.lastIndexOf('.');
    if (dot < 0) return undefined;
    const recv = this.resolve(key.slice(0, dot), depth + 1).replace(/^\*/, '');
    const method = key.slice(dot + 1);
    if (!recv) return undefined;
    return GO_METHOD_RESULTS[`${recv}.${method}`] ?? this.methodResults(recv, method, depth);
  }

  /** A method of a module type, or one a module interface declares, also through embedded fields. */
  private methodResults(recv: string, method: string, depth: number): TypeRef[] | undefined {
    const own = this.funcResults.get(`${recv}.${method}`);
    if (own) return own;
    const st = this.structs.get(recv);
    if (!st) return undefined;
    const declared = st.methods?.find((m) => m.name === method);
    if (declared) return declared.results;
    this.reached(depth);
    if (depth > MAX_RESOLVE_DEPTH) return undefined;
    for (const f of st.fields) {
      if (!f.embedded) continue;
      const base = this.resolve(f.type, depth + 1).replace(/^\*/, '');
      const r = GO_METHOD_RESULTS[`${base}.${method}`] ?? this.methodResults(base, method, depth + 1);
      if (r) return r;
    }
    return undefined;
  }

  private fieldType(structName: string, field: string, depth: number): TypeRef | undefined {
    const lib = GO_FIELD_TYPES[`${structName}#${field}`];
    if (lib) return lib;
    const st = this.structs.get(structName);
    if (!st) return undefined;
    this.reached(depth);
    if (depth > MAX_RESOLVE_DEPTH) return undefined;
    const own = st.fields.find((f) => f.name === field);
    if (own) return own.type;
    for (const f of st.fields) {
      if (!f.embedded) continue;
      const inner = this.fieldType(this.resolve(f.type, depth + 1).replace(/^\*/, ''), field, depth + 1);
      if (inner) return inner;
    }
    return undefined;
  }

  /** context.Context, framework contexts, and module structs that embed one. */
  isContextLike(t: TypeRef): boolean {
    return this.embedding(t, 4, (r) => (GO_CONTEXT_TYPES.has(r.replace(/^\*/, '')) ? true : undefined)) ?? false;
  }

  /**
   * The handler a parameter of this type makes its function (GO_HANDLER_PARAM_TYPES: `*gin.Context`,
   * `echo.Context` …), also as a module struct that embeds one (opengist's `*context.Context`,
   * `struct { echo.Context; … }`, which its handlers take: the Go audit of stop 40).
   */
  private handlerMarker(t: TypeRef): string | undefined {
    return this.embedding(t, 3, (r) => GO_HANDLER_PARAM_TYPES[r]);
  }

  /**
   * What `pick` finds in a type (resolved), or else in the fields a module struct of that name
   * embeds, and theirs, down to `maxDepth` levels.
   */
  private embedding<T>(t: TypeRef, maxDepth: number, pick: (resolved: TypeRef) => T | undefined, depth = 0): T | undefined {
    const r = this.resolve(t);
    const own = r ? pick(r) : undefined;
    if (own !== undefined || depth > maxDepth) return own;
    for (const f of this.structs.get(r.replace(/^\*/, ''))?.fields ?? []) {
      const m = f.embedded ? this.embedding(f.type, maxDepth, pick, depth + 1) : undefined;
      if (m !== undefined) return m;
    }
    return undefined;
  }

  /** `*http.Request`, `http.Header`, `metadata.MD` …: a whole one, whatever its origin (gRPC messages: see tagsOf) */
  isRequestLike(t: TypeRef): boolean {
    const bare = this.resolve(t).replace(/^\*/, '');
    return GO_REQUEST_TYPES.has(bare);
  }

  // ---- calls and sinks ----------------------------------------------------------------------

  /**
   * The resolved keys of a file's callees, by call index (computed once per file): `fmt.Printf`,
   * `log.Logger.Printf`, `example.com/x.T.M`. A function's key is in its summary already; a
   * method's is resolved from its receiver's type.
   */
  private keysOf(file: GoFileSummary): string[] {
    let keys = this.keysByFile.get(file);
    if (!keys) {
      keys = this.calleeKeys(file);
      this.keysByFile.set(file, keys);
    }
    return keys;
  }

  /** keysOf's keys, worked out now. */
  private calleeKeys(file: GoFileSummary): string[] {
    return mapList(file.calls, (c) => (c.callee.kind === 'method' ? this.methodKey(c.callee) : c.callee.kind === 'func' ? c.callee.key : ''));
  }

  /** The sink specs of a file's calls, by call index, against the current wrapper set. */
  private specsOf(file: GoFileSummary): (GoSinkSpec | undefined)[] {
    let specs = this.specsByFile.get(file);
    if (!specs) {
      const keys = this.keysOf(file);
      specs = file.calls.map((c, i) => this.specFor(c, keys[i]!));
      this.specsByFile.set(file, specs);
    }
    return specs;
  }

  private methodKey(callee: Extract<GoCallee, { kind: 'method' }>): string {
    if (this.trace && isUnresolved(callee.recv)) this.trace.add(callee.recv);
    const recv = this.resolve(callee.recv).replace(/^\*/, '');
    if (!recv) return `?.${callee.name}`;
    const key = `${recv}.${callee.name}`;
    if (this.funcs.has(key) || this.sinks.has(key)) return key; // wrappers are functions too
    return this.promotedMethod(recv, callee.name, 0) ?? key;
  }

  /** A method promoted from an embedded field: `T.M` declared on an embedded `U`. */
  private promotedMethod(recv: string, name: string, depth: number): string | undefined {
    const st = this.structs.get(recv);
    if (!st || depth > 4) return undefined;
    for (const f of st.fields) {
      if (!f.embedded) continue;
      if (this.trace && isUnresolved(f.type)) this.trace.add(f.type);
      const base = this.resolve(f.type).replace(/^\*/, '');
      const key = `${base}.${name}`;
      if (this.funcs.has(key) || this.sinks.has(key)) return key;
      const deeper = this.promotedMethod(base, name, depth + 1);
      if (deeper) return deeper;
    }
    return undefined;
  }

  private specFor(call: GoCall, key: string): GoSinkSpec | undefined {
    let spec = key ? (this.sinks.get(key) ?? this.wrappers.get(key) ?? this.loggerInterfaceSink(key)) : undefined;
    if (spec?.writerArg && !spec.writerArg.includes(call.args[0]?.qualified ?? '')) spec = undefined;
    return spec;
  }

  /**
   * A level method of a module interface named like a logger (`event.Logger.Errorf`, photoprism's
   * package logger: the stop 36 audit): whatever implements it, the call writes a line. Only a
   * method with no results: `Error() string` is an error's.
   */
  private loggerInterfaceSink(key: string): GoSinkSpec | undefined {
    const dot = key.lastIndexOf('.');
    if (dot < 0) return undefined;
    const iface = key.slice(0, dot);
    const name = key.slice(dot + 1);
    const level = LEVEL_METHOD.exec(name);
    if (!level || !LOGGER_INTERFACE.test(iface.slice(iface.lastIndexOf('.') + 1))) return undefined;
    const m = this.structs.get(iface)?.methods?.find((x) => x.name === name);
    if (!m || m.results.length > 0) return undefined;
    // a context first (`Info(ctx, msg, kv...)`, gorm's logger): it carries the ids, it is not printed
    const at = m.ctx ? 1 : 0;
    const shape: GoSinkShape = level[2] === 'f' ? { kind: 'printf', format: at } : level[2] === 'w' || m.ctx ? { kind: 'kv', msg: at, from: at + 1 } : { kind: 'print', from: 0 };
    return { family: 'log', shape, ...(m.ctx ? { contextParam: 0 } : {}) };
  }

  /**
   * A module function that forwards its format/variadic parameters to a sink is itself a sink:
   * `func Infof(format string, args ...any) { log.Printf(format, args...) }`. Iterated to a fixpoint
   * so wrappers of wrappers are found too.
   */
  private findWrappers(): void {
    // Every round looks at every file with its specs as of the moment it comes up, as if they were
    // all worked out again then. Only calls to module functions can change (a wrapper is one), so a
    // file is refreshed, not recomputed, and skipped when none of its calls goes to a wrapper found
    // since it was last looked at: its specs, and so what it gives, would be as they were.
    const foundAt = new Map<string, number>(); // wrapper key -> how many wrappers were known before it
    const lookedAt = new Map<GoFileSummary, number>(); // file -> how many wrappers were known then
    // per file, the indices of its calls to module functions that are not sinks: the calls a wrapper can be
    const moduleCalls = new Map<GoFileSummary, number[]>();
    const refresh = (f: GoFileSummary, since: number): boolean => {
      const keys = this.keysOf(f);
      const specs = this.specsOf(f);
      let calls = moduleCalls.get(f);
      if (!calls) {
        calls = [];
        for (let i = 0; i < keys.length; i++) if (this.funcs.has(keys[i]!) && !this.sinks.has(keys[i]!)) calls.push(i);
        moduleCalls.set(f, calls);
      }
      let changed = false;
      for (const i of calls) {
        const at = foundAt.get(keys[i]!);
        if (at === undefined || at < since) continue;
        specs[i] = this.specFor(f.calls[i]!, keys[i]!);
        changed = true;
      }
      return changed;
    };
    for (let round = 0; round < MAX_WRAPPER_ROUNDS; round++) {
      let added = false;
      for (const f of this.files) {
        const since = lookedAt.get(f);
        lookedAt.set(f, foundAt.size);
        if (since !== undefined && !refresh(f, since)) continue;
        const specs = this.specsOf(f);
        const { reach: sprintReaches, written } = sprintUses(f, specs, this.keysOf(f));
        f.calls.forEach((c, i) => {
          const spec = specs[i];
          if (!spec || c.func < 0) return;
          if (spec.family === 'string' && !sprintReaches.has(i)) return;
          const fn = f.functions[c.func]!;
          if (this.sinks.has(fn.key)) return;
          // the first forwarding call found sets the spec, except that a function found to format
          // a string (a returned Sprint) becomes a logger when another of its calls writes: found
          // later in the file, or once the logger it hands the string to is known
          const had = this.wrappers.get(fn.key);
          if (had && had.family !== 'string') return;
          const w = wrapperSpec(f, c, this.keysOf(f)[i]!, spec, fn, written.has(i));
          if (w && (!had || w.family !== 'string')) {
            foundAt.set(fn.key, foundAt.size);
            this.wrappers.set(fn.key, w);
            added = true;
          }
        });
      }
      // a round that found nothing saw every file's specs against the final wrapper set: they stay
      // valid for the rest of the model (entries, edges, views)
      if (!added) return;
    }
    // the rounds stopped at their limit: bring every file up to the final wrapper set
    for (const f of this.files) refresh(f, lookedAt.get(f) ?? 0);
  }

  // ---- entry points and reachability --------------------------------------------------------

  private findEntries(): void {
    // gRPC services: types embedding Unimplemented…Server, or registered with Register…Server
    const grpcTypes = new Set<string>();
    const connectTypes = new Set<string>();
    for (const st of this.structs.values()) {
      // (connect-go's generated `UnimplementedXServiceHandler`: its methods take a context and a
      // `*connect.Request[T]`, as gRPC's take a context and the message: the bytebase audit)
      if (st.fields.some((f) => f.embedded && /Unimplemented\w*Server$/.test(f.name))) grpcTypes.add(st.name);
      if (st.fields.some((f) => f.embedded && /Unimplemented\w*ServiceHandler$/.test(f.name))) connectTypes.add(st.name);
    }
    // impl type → the packages of the twirp constructors it is handed to
    const twirpTypes = new Map<string, Set<string>>();
    for (const f of this.files) {
      for (const c of f.calls) {
        if (c.callee.kind !== 'func') continue;
        const twirp = TWIRP_NEW.exec(c.callee.key);
        // a constructor of this module is twirp's when it returns its TwirpServer (a \`worker.NewStatusServer(r)\`
        // serving a health page is not); one of a module outside it is judged by the methods' messages
        const local = twirp ? this.funcs.get(c.callee.key) : undefined;
        if (twirp && c.args[0] && (!local || local.info.results.some((r) => /\.TwirpServer$/.test(this.resolve(r))))) {
          const t = this.resolve(c.args[0].type).replace(/^\*/, '');
          if (t) {
            let pkgs = twirpTypes.get(t);
            if (!pkgs) twirpTypes.set(t, (pkgs = new Set()));
            pkgs.add(twirp[1]!);
          }
        }
        const grpc = GRPC_REGISTER.test(c.callee.key);
        if (!grpc && !CONNECT_REGISTER.test(c.callee.key)) continue;
        const impl = c.args[grpc ? 1 : 0];
        if (impl) {
          const t = this.resolve(impl.type).replace(/^\*/, '');
          if (t) (grpc ? grpcTypes : connectTypes).add(t);
        }
      }
    }
    for (const [key, ref] of this.funcs) {
      const fn = ref.info;
      const params = mapList(fn.params, (p) => this.resolve(p.type));
      const dot = key.lastIndexOf('.');
      const recv = key.slice(0, dot);
      const name = key.slice(dot + 1);
      // a connect-go RPC takes a context and a `*connect.Request[T]` (unary, server streaming with a
      // `*connect.ServerStream[T]` after it) or a client or bidi stream: a helper method of the
      // service type, `SyncAll(ctx, names)`, is none
      if (connectTypes.has(recv) && /^[A-Z]/.test(name) && fn.parent < 0) {
        const raw = mapList(fn.params, (p) => p.type);
        if (params[0] === GO_CONTEXT && raw.length >= 2 && /connect\.(?:Request|ClientStream|BidiStream)$/.test(raw[1]!)) {
          this.entries.set(key, { kind: 'gRPC method' });
          continue;
        }
      }
      // a twirp RPC: `(ctx, *pkg.Req) (*pkg.Resp, error)` with the constructor's package (a
      // helper of the service type, `(ctx, ids []string)`, is none)
      const twirpPkgs = twirpTypes.get(recv);
      if (twirpPkgs && /^[A-Z]/.test(name) && fn.parent < 0 && params.length === 2 && params[0] === GO_CONTEXT && isMessagePointer(params[1]!)) {
        const msg = params[1]!.slice(1);
        if (twirpPkgs.has(msg.slice(0, msg.lastIndexOf('.'))) && fn.results[fn.results.length - 1] === 'error') {
          this.entries.set(key, { kind: 'twirp method' });
          this.grpcRequestTypes.add(msg);
          continue;
        }
      }
      if (grpcTypes.has(recv) && /^[A-Z]/.test(name) && fn.parent < 0) {
        const unary = params[0] === GO_CONTEXT && params.length === 2;
        const stream = params.length >= 1 && /Server$/.test(params[params.length - 1]!);
        // every RPC returns an error: `OnConfigChange(ctx, cfg)` of the same type, called by a
        // config watcher, is none (the pomerium audit)
        if ((unary || stream) && fn.results[fn.results.length - 1] === 'error') {
          this.entries.set(key, { kind: 'gRPC method' });
          // only `(ctx, *Req) (*Resp, error)`: a helper method such as `(ctx, userID string)` has no message
          if (unary && isMessagePointer(params[1]!)) this.grpcRequestTypes.add(params[1]!.slice(1));
          continue;
        }
      }
      if (fn.parent < 0 && params[0] === GO_CONTEXT && /^[A-Z]/.test(name) && gqlgenResolver(recv.slice(recv.lastIndexOf('.') + 1), ref.path)) {
        this.entries.set(key, { kind: 'gqlgen resolver' });
        continue;
      }
      if (params.length >= 2 && params[0] === 'net/http.ResponseWriter' && params[1] === '*net/http.Request') {
        this.entries.set(key, { kind: 'HTTP handler' });
        continue;
      }
      let marker: string | undefined;
      for (const p of params) {
        const m = this.handlerMarker(p);
        if (m) {
          marker = m;
          break;
        }
      }
      if (marker) this.entries.set(key, { kind: marker });
    }
    // handlers registered by value (`mux.HandleFunc("/", h.serve)`, `r.GET("/x", getX)`)
    const adapters = this.adapterParams();
    for (const f of this.files) {
      const keys = this.keysOf(f);
      for (let i = 0; i < keys.length; i++) {
        if (!registersHandlers(keys[i]!)) continue;
        // a group's closure is its first function argument; the ones after it are middleware
        const first = f.calls[i]!.args.find((a) => a.funcRef !== undefined && this.funcs.has(a.funcRef));
        for (const a of f.calls[i]!.args) {
          if (a.funcRef && this.funcs.has(a.funcRef) && !this.entries.has(a.funcRef) && !(a === first && groupClosure(keys[i]!, this.funcs.get(a.funcRef)!.info))) this.entries.set(a.funcRef, { kind: 'registered handler' });
          // a handler given to an adapter, `mux.HandleFunc("/x", Adapt(deps, HandleX))` (shiori's
          // ToHTTPHandler), also through a local bound to its result: an adapter is a module
          // function whose closure calls one of its parameters (`return func(w, r) { h(deps, w, r)
          // }`); what is passed there runs per request, whatever its signature. Read from the
          // calls' links, not their texts or spans (no part of a model input: model-snapshot.ts)
          // (also wrapped in a middleware, `Logging(Adapt(deps, HandleX))`: a few calls deep)
          for (const j of resultCalls(f, [a], 16)) {
            const called = adapters.get(keys[j] ?? '');
            f.calls[j]!.args.forEach((b, k) => {
              if (called?.has(k) && b.funcRef && this.funcs.has(b.funcRef) && !this.entries.has(b.funcRef)) this.entries.set(b.funcRef, { kind: 'registered handler' });
            });
          }
        }
      }
    }
  }

  /**
   * Module functions whose closures call one of their parameters, by key: the parameters' indices
   * (`func Adapt(deps Deps, h Handler) http.HandlerFunc { return func(w, r) { h(deps, w, r) } }`).
   */
  private adapterParams(): Map<string, Set<number>> {
    const out = new Map<string, Set<number>>();
    for (const f of this.files) {
      for (const c of f.calls) {
        const i = adapterCall(f, c);
        if (i === undefined) continue;
        const fn = f.functions[f.functions[c.func]!.parent]!;
        let set = out.get(fn.key);
        if (!set) out.set(fn.key, (set = new Set()));
        set.add(i);
      }
    }
    return out;
  }

  /** The call-graph edges one file gives, in order, repeats included (firstEdges keeps each edge's first). */
  private fileEdges(f: GoFileSummary, add: (from: string, to: string) => void): void {
    const keys = this.keysOf(f);
    const edge = (from: string, to: string): void => {
      if (this.funcs.has(to) && from !== to) add(from, to);
    };
    const onceLiterals = new Set<string>();
    f.calls.forEach((c, i) => {
      if (GO_ONCE_CALLS.has(keys[i]!)) for (const a of c.args) if (a.funcRef) onceLiterals.add(a.funcRef);
    });
    f.functions.forEach((fn) => {
      // a background loop started as a goroutine where it is written outlives the function starting it
      if (fn.parent >= 0 && !onceLiterals.has(fn.key) && !(fn.spawned && fn.worker)) edge(f.functions[fn.parent]!.key, fn.key);
    });
    for (let i = 0; i < keys.length; i++) {
      const c = f.calls[i]!;
      if (c.func < 0) continue;
      const from = f.functions[c.func]!.key;
      const key = keys[i]!;
      // `go s.run()` of a background loop: it runs per tick, not as part of the caller
      if (c.spawned && this.workers.has(key)) continue;
      if (key) edge(from, key);
      // a sync.Once callback runs at start-up, a recovery handler on a panic: neither is called by the function registering it
      if (GO_ONCE_CALLS.has(key) || GO_RECOVERY_HANDLER_CALLS.has(key)) continue;
      for (const a of c.args) if (a.funcRef) edge(from, a.funcRef);
    }
  }

  /** The call-graph edges one file gives, each at its first appearance in the file. */
  private firstEdges(f: GoFileSummary): [string, string][] {
    const out: [string, string][] = [];
    const seen = new Set<string>();
    this.fileEdges(f, (from, to) => {
      const e = `${from}\u0000${to}`;
      if (seen.has(e)) return;
      seen.add(e);
      out.push([from, to]);
    });
    return out;
  }

  /** Calls in message loops, in file order: [the loop's function, the module function called]. */
  private loopCalls(): [string, string][] {
    const out: [string, string][] = [];
    for (const f of this.files) {
      const keys = this.keysOf(f);
      for (let i = 0; i < keys.length; i++) {
        const c = f.calls[i]!;
        if (c.msgLoop && c.func >= 0 && this.funcs.has(keys[i]!)) out.push([f.functions[c.func]!.key, keys[i]!]);
      }
    }
    return out;
  }

  /** The start-up roots: `main.main`, `init`, package-level closures. */
  private startKeys(): string[] {
    const keys = [...this.funcs.keys()].filter((k) => {
      const ref = this.funcs.get(k)!;
      return ref.info.parent < 0 && ((ref.packageName === 'main' && ref.info.name === 'main') || ref.info.name === 'init' || ref.info.name === 'init.var');
    });
    // a command-line library's command actions run once per invocation (`&cobra.Command{RunE: run}`)
    const known = new Set(keys);
    for (const f of this.files) {
      for (const k of f.startFuncs ?? []) {
        if (!known.has(k) && this.funcs.has(k)) {
          known.add(k);
          keys.push(k);
        }
      }
    }
    return keys;
  }

  /** The function values given to `sync.Once.Do`, in file order. */
  private onceLiterals(): string[] {
    const out: string[] = [];
    for (const f of this.files) {
      const keys = this.keysOf(f);
      f.calls.forEach((c, i) => {
        if (GO_ONCE_CALLS.has(keys[i]!)) for (const a of c.args) if (a.funcRef) out.push(a.funcRef);
      });
    }
    return out;
  }

  private computeReachability(): void {
    const rec = this.recorded;
    const index = rec ? this.funcIndex() : undefined;
    const at = (k: string): number => index!.get(k)!;
    // each function's callees in the order of their first appearance, file after file (a recorded
    // graph keeps each file's edges as given, repeats included: merged, they give the same)
    const edges = new Map<string, string[]>();
    for (const f of this.files) {
      const flat: number[] | undefined = rec ? [] : undefined;
      this.fileEdges(f, (from, to) => {
        addEdge(edges, from, to);
        flat?.push(at(from), at(to));
      });
      if (flat) rec!.edges.push([f.path, flat]);
    }
    const loops = this.loopCalls();
    const starts = this.startKeys();
    const once = this.onceLiterals();
    this.reachFrom(edges, [...this.entries.keys()], loops, starts, once);
    // functions only ever called from recover() paths: per module function called, whether a call
    // outside one was seen (in first-call order, as the set is filled)
    const outsideRecover = new Map<string, boolean>();
    const counts = new Map<string, [number, number]>();
    for (const f of this.files) {
      if (!rec) {
        this.recoverUse(f, outsideRecover);
        continue;
      }
      // the same, a file at a time, counting the files that call each function (outside one)
      const mine = new Map<string, boolean>();
      this.recoverUse(f, mine);
      for (const [k, outside] of mine) {
        noteRecoverUse(outsideRecover, k, outside);
        const c = counts.get(k) ?? [0, 0];
        c[0]++;
        if (outside) c[1]++;
        counts.set(k, c);
      }
    }
    for (const [k, outside] of outsideRecover) if (!outside) this.panicOnly.add(k);
    if (rec) {
      rec.calls = [...counts].map(([k, [n, outside]]) => [at(k), n, outside]);
      rec.starts = starts.map(at);
      rec.loops = loops.map(([fn, k]) => [at(fn), at(k)]);
      rec.once = once;
    }
  }

  /** Each module function's index in `funcs` (and in the state's `funcs`, in the same order). */
  private funcIndex(): Map<string, number> {
    const index = new Map<string, number>();
    for (const k of this.funcs.keys()) index.set(k, index.size);
    return index;
  }

  /** `pred` and `startup` from the call graph, its entry points, message loops and start-up roots. */
  private reachFrom(edges: ReadonlyMap<string, string[]>, entries: string[], loops: readonly [string, string][], starts: readonly string[], once: readonly string[]): void {
    // breadth-first from every entry point, in a stable order: shortest paths, deterministic
    const queue = [...entries].sort();
    for (const e of queue) this.pred.set(e, '');
    for (let i = 0; i < queue.length; i++) {
      const k = queue[i]!;
      for (const next of edges.get(k) ?? []) {
        if (this.pred.has(next)) continue;
        this.pred.set(next, k);
        queue.push(next);
      }
    }
    // per-message loops: what they call runs per message
    for (const [fn, key] of loops) {
      if (this.pred.has(key)) continue;
      this.entries.set(`${fn}#loop`, { kind: 'message loop' });
      this.pred.set(key, `${fn}#loop`);
      const q = [key];
      for (let i = 0; i < q.length; i++) {
        for (const next of edges.get(q[i]!) ?? []) {
          if (this.pred.has(next)) continue;
          this.pred.set(next, q[i]!);
          q.push(next);
        }
      }
    }
    // start-up code: reachable from main/init and not per request
    const q = [...starts];
    const seen = new Set(q);
    for (let i = 0; i < q.length; i++) {
      for (const next of edges.get(q[i]!) ?? []) {
        if (seen.has(next)) continue;
        seen.add(next);
        q.push(next);
      }
    }
    for (const k of seen) if (!this.pred.has(k)) this.startup.add(k);
    // package-level closures (var x = func…) and sync.Once callbacks are start-up code too
    for (const k of once) if (!this.pred.has(k)) this.startup.add(k);
  }

  /** Per module function a file calls, in first-call order: whether a call outside a recover block was seen. */
  private recoverUse(f: GoFileSummary, outsideRecover: Map<string, boolean>): void {
    const keys = this.keysOf(f);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      // a recovery handler installed here is called from the library's recover()
      if (GO_RECOVERY_HANDLER_CALLS.has(key)) for (const a of f.calls[i]!.args) if (a.funcRef && this.funcs.has(a.funcRef)) noteRecoverUse(outsideRecover, a.funcRef, false);
      if (!this.funcs.has(key)) continue;
      noteRecoverUse(outsideRecover, key, !f.calls[i]!.inRecover);
    }
  }

  /**
   * Whether a file's summary `now` may replace `before`, the one this model was built or stored
   * with, leaving the model as it is: so that a stored model still holds after an edit that adds or
   * removes calls (model-snapshot.ts). The caller has checked that everything but the calls is the
   * same model input (sameBesideCalls). Then the calls must give the same of each thing a build
   * takes from them, in the same order:
   *
   * - the calls any pass reads beyond their callee: those with a sink spec (against the final
   *   wrapper set) that would make their function a wrapper, and those whose argument is such a
   *   Sprint call's result; returned calls to a stack-carrying function; `Register…Server` and
   *   handler registrations; `sync.Once.Do`; calls in message loops. Compared whole (the model
   *   input of each, argument `fromCall` indices counted among these calls only);
   * - the call-graph edges the file gives, each at its first appearance (`edges` keeps the first);
   * - per module function called, its first call and whether one is outside a recover block.
   *
   * Any other call is one no pass can take anything from in any round: its callee is no wrapper
   * and can become none (the wrapper rounds find the same wrappers from the same calls), and it is
   * no stack-error or registration call. That holds only when type resolution does not depend on
   * the order of resolutions (resolve): the new calls' receivers are resolved here, where a full
   * build would resolve them elsewhere; so a model that cannot tell answers false.
   */
  neutralEdit(before: GoFileSummary, now: GoFileSummary): boolean {
    if (this.orderDependent) return false;
    // This model holds the resolutions a build made for `before`'s callees; a full build of the
    // edited files makes only `now`'s. A view's own resolution that meets the depth limit (or a
    // cycle) gives another value when it meets a type resolved here that the full model has not
    // resolved: so every type resolved for `before` must be one resolved for `now` too, and then
    // both models hold the same resolutions, with the same values.
    const a = this.callFootprint(before);
    const b = this.callFootprint(now);
    for (const t of a.types) if (!b.types.has(t)) return false;
    if (this.orderDependent || a.calls !== b.calls) return false;
    if (a.edges === b.edges && a.recover === b.recover) return true;
    // the file's call-graph edges or recover use differ, which only reachability and the
    // panic-only set are computed from: settleEdits computes them again, from the stored graph
    if (!this.graphSource || before.path !== now.path) return false;
    this.graphEdits.set(now.path, { edges: b.edgeList, before: a.recoverMap, now: b.recoverMap });
    return true;
  }

  /**
   * After neutralEdit kept edits whose files' call-graph edges or recover use differ: reachability
   * (`pred`, `startup`) computed again as a build computes it (reachFrom), from the stored graph
   * with those files' edges as they are now, and the panic-only set from its counts of calls.
   * Functions a request path now names get their name and span from the graph (or the file, for a
   * file read now). False when that cannot be done (no graph stored, or not this model's): then
   * the full model. Call once, after every edit is judged and before any view.
   *
   * The pass runs on the graph's function indices, and reads the stored parts of the functions it
   * must name only: those a request path reaches (on the issue's Go corpus ~2,000 of 30,000, in
   * 172 of 1,301 packages) and the edited files' (keyAt, indexOfFunc). The start-up set stays by
   * index (IndexedKeys), read by key when a view asks.
   */
  settleEdits(): boolean {
    if (this.graphEdits.size === 0) return true;
    const g = this.graphSource?.();
    if (!isGraphState(g)) return false;
    const n = this.funcOrder.length;
    const index = (i: unknown): number => {
      if (typeof i !== 'number' || !Number.isInteger(i) || i < 0 || i >= n) throw new Error('not this model');
      return i;
    };
    const indexOf = (k: string): number => {
      const i = this.indexOfFunc(k);
      if (i === undefined) throw new Error('not this model');
      return i;
    };
    try {
      // per function index, the functions it calls, each at its first appearance (as addEdge)
      const edges: (number[] | undefined)[] = new Array<number[] | undefined>(n);
      const add = (from: number, to: number): void => {
        const list = edges[from];
        if (!list) edges[from] = [to];
        else if (!list.includes(to)) list.push(to);
      };
      const paths = new Set<string>();
      let found = 0;
      for (const [path, flat] of g.edges) {
        if (typeof path !== 'string' || !Array.isArray(flat) || flat.length % 2 !== 0) return false;
        paths.add(path);
        const edit = this.graphEdits.get(path);
        if (edit) {
          found++;
          for (const [from, to] of edit.edges) add(indexOf(from), indexOf(to));
        } else for (let i = 0; i + 1 < flat.length; i += 2) add(index(flat[i]), index(flat[i + 1]));
      }
      // every file read in this run is one the graph has (a graph without one is not this model's)
      if (found !== this.graphEdits.size || !this.files.every((f) => paths.has(f.path))) return false;
      // a graph damaged but still JSON (found by a review): a malformed part, an index out of range
      // or a name missing falls back; one whose values are wrong but well-formed cannot be told
      if (!g.once.every((k) => typeof k === 'string')) return false;
      // panic-only: called by some file, and by none outside a recover block. The stored counts of
      // the functions the edited files call, less what those files called, plus what they call now
      const counts = new Map<string, [number, number]>();
      for (const e of this.graphEdits.values()) for (const k of [...e.before.keys(), ...e.now.keys()]) counts.set(k, [0, 0]);
      const wanted = new Map<number, string>();
      for (const k of counts.keys()) {
        const i = this.indexOfFunc(k);
        if (i !== undefined) wanted.set(i, k);
      }
      const stored = new Set<string>();
      for (const c of g.calls) {
        if (!Array.isArray(c) || c.length !== 3 || !c.every(Number.isInteger)) return false;
        const k = wanted.get(index(c[0]));
        if (k === undefined) continue;
        const t = counts.get(k)!;
        t[0] = c[1]!;
        t[1] = c[2]!;
        stored.add(k);
      }
      for (const e of this.graphEdits.values()) {
        for (const [k, outside] of e.before) {
          if (!stored.has(k)) return false;
          const c = counts.get(k)!;
          c[0]--;
          if (outside) c[1]--;
        }
        for (const [k, outside] of e.now) {
          const c = counts.get(k)!;
          c[0]++;
          if (outside) c[1]++;
        }
      }
      for (const [k, c] of counts) {
        if (c[0] > 0 && c[1] === 0) this.panicOnly.add(k);
        else this.panicOnly.delete(k);
      }
      // reachFrom on indices. pred: -1 not reached, -2 an entry point, -3 - j reached from message
      // loop j, else the index it is reached from; `order` is the order reachFrom sets `pred` in
      const pred = new Int32Array(n).fill(-1);
      const order: number[] = [];
      const walk = (queue: number[]): void => {
        for (let i = 0; i < queue.length; i++) {
          const from = queue[i]!;
          for (const next of edges[from] ?? []) {
            if (pred[next] !== -1) continue;
            pred[next] = from;
            order.push(next);
            queue.push(next);
          }
        }
      };
      // the entry points are what reached nothing before them ('' in pred), breadth-first in the
      // order of their keys
      const entries = [...this.pred].filter(([, p]) => p === '').map(([k]) => k).sort();
      const queue = entries.map(indexOf);
      for (const e of queue) {
        pred[e] = -2;
        order.push(e);
      }
      walk(queue);
      const loops = g.loops.map(([fn, k]) => [index(fn), index(k)] as const);
      loops.forEach(([fn, k], j) => {
        if (pred[k] !== -1) return;
        this.entries.set(`${this.keyAt(fn)}#loop`, { kind: 'message loop' });
        pred[k] = -3 - j;
        order.push(k);
        walk([k]);
      });
      // start-up code: reachable from main/init and not per request, in the order reached
      const seen = new Uint8Array(n);
      const reached: number[] = [];
      for (const s of g.starts.map(index)) {
        if (seen[s]) continue;
        seen[s] = 1;
        reached.push(s);
      }
      for (let i = 0; i < reached.length; i++) {
        for (const next of edges[reached[i]!] ?? []) {
          if (seen[next]) continue;
          seen[next] = 1;
          reached.push(next);
        }
      }
      this.pred.clear();
      for (const i of order) {
        const p = pred[i]!;
        this.pred.set(this.keyAt(i), p === -2 ? '' : p >= 0 ? this.keyAt(p) : `${this.keyAt(loops[-3 - p]![0])}#loop`);
      }
      const startup = new Uint8Array(n);
      const startOrder: (number | string)[] = reached.filter((i) => pred[i] === -1);
      for (const i of startOrder) startup[i as number] = 1;
      // package-level closures (var x = func…) and sync.Once callbacks are start-up code too
      const others = new Set<string>();
      for (const k of g.once) {
        const i = this.indexOfFunc(k);
        if (i === undefined) {
          if (this.pred.has(k) || others.has(k)) continue;
          others.add(k);
          startOrder.push(k);
        } else if (pred[i] === -1 && !startup[i]) {
          startup[i] = 1;
          startOrder.push(i);
        }
      }
      this.startup = new IndexedKeys(startup, startOrder, others, (k) => this.indexOfFunc(k), (i) => this.keyAt(i));
      // the functions a request path now names that the state left unnamed: from the graph's names
      const unnamed = new Map<number, string>();
      for (const k of this.namedKeys()) if (this.funcs.get(k) === UNNAMED) unnamed.set(indexOf(k), k);
      if (unnamed.size > 0) {
        for (const m of g.names) {
          const k = Array.isArray(m) ? unnamed.get(m[0] as number) : undefined;
          if (k === undefined) continue;
          const path = g.edges[m[1]]?.[0];
          if (m.length !== 7 || typeof m[2] !== 'string' || typeof path !== 'string' || ![3, 4, 5, 6].every((i) => Number.isInteger(m[i]))) return false;
          this.funcs.set(k, { path, packageName: '', info: { name: m[2], key: k, span: { line: m[3], column: m[4], endLine: m[5], endColumn: m[6] }, parent: -1, params: [], results: [] } });
          unnamed.delete(m[0]);
        }
        if (unnamed.size > 0) return false;
      }
      this.placeSpans(this.files);
      this.settled = true;
      return true;
    } catch {
      return false; // a graph that is not this model's
    }
  }

  /**
   * The call graph this model computed reachability from (GoGraphState), for a snapshot: only a
   * build constructed with `recordGraph` has it (a restored model's is the stored one, which
   * settleEdits may have changed).
   */
  graphState(): GoGraphState | undefined {
    const rec = this.recorded;
    if (!rec) return undefined;
    const fileIndex = new Map(this.files.map((f, i) => [f.path, i]));
    const named = this.namedKeys();
    const names: GoGraphState['names'] = [];
    let i = 0;
    for (const [k, ref] of this.funcs) {
      const file = fileIndex.get(ref.path);
      if (!named.has(k) && file !== undefined) {
        const { line, column, endLine, endColumn } = ref.info.span;
        names.push([i, file, ref.info.name, line, column, endLine, endColumn]);
      }
      i++;
    }
    return { ...rec, names };
  }

  /**
   * What a model build takes from a file's calls (see neutralEdit), as strings: the calls compared
   * whole, the file's call-graph edges, and its recover use (`edgeList`, `recoverMap`: the same,
   * for settleEdits); and `types`, the unresolved types a build resolves for the file's callee
   * keys: method calls' receivers, and the embedded fields a promoted method is looked up through.
   * Every other type a build resolves is resolved from these, from the model input beside the
   * calls, or from calls compared whole (a gRPC registration's implementation).
   */
  private callFootprint(f: GoFileSummary): { calls: string; edges: string; recover: string; edgeList: [string, string][]; recoverMap: Map<string, boolean>; types: Set<string> } {
    // the keys worked out again, whether or not keysOf has them, so that every type is traced
    const types = new Set<string>();
    this.trace = types;
    let keys: string[];
    try {
      keys = this.calleeKeys(f);
    } finally {
      this.trace = undefined;
    }
    this.keysByFile.set(f, keys);
    const specs = f.calls.map((c, i) => this.specFor(c, keys[i]!));
    const forwarding = f.calls.map((c, i) => specs[i] !== undefined && c.func >= 0 && wrapperSpec(f, c, keys[i]!, specs[i]!, f.functions[c.func]!) !== undefined);
    const forwards = (i: number): boolean => forwarding[i] === true;
    const kept: number[] = [];
    f.calls.forEach((c, i) => {
      const key = keys[i]!;
      if (
        forwards(i) ||
        c.args.some((a) => a.fromCall !== undefined && specs[a.fromCall]?.family === 'string' && forwards(a.fromCall)) ||
        (c.returned && (PKG_ERRORS_STACK.has(key) || this.stackErrorFuncs.has(key))) ||
        c.msgLoop ||
        GO_ONCE_CALLS.has(key) ||
        (c.callee.kind === 'func' && (GRPC_REGISTER.test(c.callee.key) || CONNECT_REGISTER.test(c.callee.key) || TWIRP_NEW.test(c.callee.key))) ||
        registersHandlers(key) ||
        adapterCall(f, c) !== undefined
      ) {
        kept.push(i);
      }
    });
    // the calls a registration's arguments are the results of, a few calls deep (the adapters
    // findEntries follows: `Logging(Adapt(deps, HandleX))`), compared whole too
    const seen = new Set(kept);
    for (const j of resultCalls(f, kept.filter((i) => registersHandlers(keys[i]!)).flatMap((i) => f.calls[i]!.args), 10_000)) seen.add(j);
    // the call a forwarding call's written string is joined by (joinedVariadic), compared whole too
    for (const i of kept) if (forwards(i)) for (const j of joinedVariadic(f, f.calls[i]!, f.functions[f.calls[i]!.func]!) ?? []) seen.add(j);
    kept.splice(0, kept.length, ...[...seen].sort((x, y) => x - y));
    const at = new Map(kept.map((i, k) => [i, k]));
    const calls = kept.map((i) => goCallInput(f.calls[i]!, (from) => at.get(from) ?? -1));
    const edgeList = this.firstEdges(f);
    const recoverMap = new Map<string, boolean>();
    this.recoverUse(f, recoverMap);
    return { calls: JSON.stringify(calls), edges: JSON.stringify(edgeList), recover: JSON.stringify([...recoverMap]), edgeList, recoverMap, types };
  }

  /** The shortest request path to a function, or undefined. */
  requestPath(key: string): RequestPath | undefined {
    if (!this.pred.has(key)) return undefined;
    const chain: string[] = [];
    let k: string | undefined = key;
    let guard = 0;
    let entryKey = key;
    while (k !== undefined && guard++ < 1000) {
      entryKey = k;
      const ref = this.funcs.get(k);
      if (ref) chain.unshift(ref.info.name);
      else if (k.endsWith('#loop')) {
        const loopFn = this.funcs.get(k.slice(0, -5));
        chain.unshift(`${loopFn?.info.name ?? k} (message loop)`);
      }
      const p = this.pred.get(k);
      k = p ? p : undefined;
    }
    const entryRef = this.funcs.get(entryKey.replace(/#loop$/, ''));
    if (!entryRef) return undefined;
    return {
      entry: entryRef.info.name,
      entryPath: entryRef.path,
      entrySpan: entryRef.info.span,
      chain: compressChain(chain),
    };
  }

  // ---- views ---------------------------------------------------------------------------------

  view(file: GoFileSummary): FileView {
    const model = this;
    const specs = this.specsOf(file);
    const keys = this.keysOf(file);
    const reachesSink = sprintUses(file, specs, keys).reach;
    const sinkCalls: SinkCallView[] = [];
    const calls: CallView[] = [];
    file.calls.forEach((c, i) => {
      // on a panic path: in a recover() block, or on the way out of the process (GoCall.exits), or
      // once per operator signal (GoCall.onSignal)
      const inRecover = c.inRecover || c.exits === true || c.onSignal === true;
      calls.push(new LazyCallView(keys[i]!, () => c.args.map((a) => ({ text: a.text, type: this.resolve(a.type), span: a.span })), c.span, c.text, c.func, c.loopDepth, inRecover));
      const spec = specs[i];
      if (!spec) return;
      sinkCalls.push({
        sink: keys[i]!,
        family: spec.family,
        stringReachesSink: spec.family === 'string' && reachesSink.has(i),
        writes: writesLine(spec, keys[i]!),
        args: this.classifyArgs(file, c, spec),
        span: c.span,
        text: c.text,
        func: c.func,
        loopDepth: c.loopDepth,
        inRecover,
      });
    });
    const keyOf = (func: number): string | undefined => file.functions[func]?.key;
    return {
      path: file.path,
      language: 'go',
      functions: file.functions,
      sinkCalls,
      calls,
      imports: file.imports,
      requestPath: (func) => {
        const k = keyOf(func);
        return k ? model.requestPath(k) : undefined;
      },
      isStartupOnly: (func) => {
        const k = keyOf(func);
        return func < 0 || (k !== undefined && model.startup.has(k));
      },
      isPanicPath: (func) => {
        let k = keyOf(func);
        // a closure inherits its parent's panic-only status, and is a recovery handler when its
        // parent returns one (`func PanicHandler(…) recovery.RecoveryHandlerFunc { return func(p any) error {…} }`)
        let f = func;
        while (k !== undefined) {
          if (model.panicOnly.has(k)) return true;
          if (f !== func && file.functions[f]!.results.some((t) => GO_RECOVERY_HANDLER_TYPES.has(t))) return true;
          f = file.functions[f]!.parent;
          k = f >= 0 ? keyOf(f) : undefined;
        }
        return false;
      },
      isContextLike: (t) => model.isContextLike(t),
      typeName: (t) => shortTypeName(model.resolve(t)),
    };
  }

  private classifyArgs(file: GoFileSummary, call: GoCall, spec: GoSinkSpec): ArgView[] {
    const out: ArgView[] = [];
    const shape = spec.shape;
    let verbs: Map<number, string[]> | undefined;
    // operands every verb of which cuts them short, `%.80s` (ollama's updater logs `%.96s` of an
    // error body): a string or byte slice prints at most that many runes or bytes
    let cut: Map<number, { short: boolean; v: boolean }> | undefined;
    if (shape.kind === 'printf') {
      const lit = call.args[shape.format]?.literal;
      if (lit !== undefined) {
        verbs = new Map();
        cut = new Map();
        for (const v of parseGoFormat(lit)) {
          const list = verbs.get(v.operand) ?? [];
          list.push(v.verb);
          verbs.set(v.operand, list);
          const short = v.precision !== undefined && v.precision <= MAX_CUT && /^[sqv]$/.test(v.letter);
          const was = cut.get(v.operand) ?? { short: true, v: false };
          cut.set(v.operand, { short: was.short && short, v: was.v || v.letter === 'v' });
        }
      }
    }
    const fn = call.func >= 0 ? file.functions[call.func] : undefined;
    // key-value lists: an Attr/Field argument stands alone; other arguments alternate key, value
    let kvNext: 'key' | 'value' = 'key';
    call.args.forEach((a, i) => {
      let role: ArgRole = 'not-printed';
      let verb: string | undefined;
      if (spec.contextParam === i) role = 'context-param';
      else if (spec.writerArg && i === 0) role = 'writer';
      else {
        switch (shape.kind) {
          case 'printf':
            if (i < shape.format) role = 'key';
            else if (i === shape.format) role = 'format';
            else if (verbs) {
              const used = verbs.get(i - shape.format - 1);
              if (!used) {
                role = 'printed'; // an extra operand is still printed: %!(EXTRA type=value)
                verb = '%!(EXTRA)';
              } else {
                const printing = used.find((v) => PRINTING_VERBS.has(v[v.length - 1]!));
                role = printing ? 'printed' : 'not-printed';
                verb = printing ?? used[0];
                // (`%.80v` of a []byte pads each byte's number: only a string's %v is cut)
                const how = cut?.get(i - shape.format - 1);
                const t = this.resolve(a.type);
                if (printing && how?.short && (t === 'string' || (t === '[]byte' && !how.v))) role = 'not-printed';
              }
            } else role = 'printed';
            break;
          case 'print':
            role = i >= shape.from ? 'printed' : 'key';
            break;
          case 'kv':
            if (i === shape.msg) role = 'format';
            else if (i >= shape.from) {
              if (a.spread) role = 'printed';
              else if (kvNext === 'key' && isAttrType(this.resolve(a.type))) role = 'not-printed';
              else {
                role = kvNext === 'key' ? 'key' : 'printed';
                kvNext = kvNext === 'key' ? 'value' : 'key';
              }
            }
            break;
          case 'field':
            role = i === shape.value ? 'printed' : 'key';
            break;
          case 'message':
            role = i === shape.msg ? 'format' : 'not-printed';
            break;
          case 'fields-map':
            role = i === shape.arg ? 'printed' : 'not-printed';
            break;
        }
      }
      const base: ArgView = { text: a.text, type: this.resolve(a.type), role, tags: this.tagsOf(file, a, fn), span: a.span };
      if (verb) base.verb = verb;
      if (shape.kind === 'fields-map' && i === shape.arg && a.members) {
        for (const m of a.members) out.push({ text: m.text, type: this.resolve(m.type), role: 'printed', tags: this.tagsOf(file, m, fn), span: m.span });
        return;
      }
      out.push(base);
    });
    return out;
  }

  private tagsOf(file: GoFileSummary, a: Pick<GoCall['args'][number], 'text' | 'type' | 'spread' | 'param' | 'fromCall' | 'fromResult' | 'fromParam' | 'outgoing'>, fn: FunctionInfo | undefined): string[] {
    const tags: string[] = [];
    if (a.spread) tags.push('spread');
    const t = this.resolve(a.type);
    if (t === 'error' || (t === '' && /^(err|\w+Err)$/.test(a.text))) tags.push('error');
    // an outgoing request the function builds (`req, _ := http.NewRequest(…)`; `req.Header`): what
    // it holds is what the service set, not what a client sent (summarize.ts builtRequest)
    if (this.isRequestLike(a.type)) {
      if (!a.outgoing) tags.push('request');
    }
    // a gRPC message type is the request only when it is what the method received, not a value built locally
    else if (a.fromParam && this.grpcRequestTypes.has(t.replace(/^\*/, ''))) tags.push('request');
    if (a.param !== undefined && fn && this.isUnaryInterceptor(fn) && a.param === 1) tags.push('request');
    if (a.fromCall !== undefined) {
      const src = file.calls[a.fromCall];
      const key = src ? this.keysOf(file)[a.fromCall]! : '';
      if (src && a.fromResult && this.stackErrorResult(key, a.fromResult)) tags.push('stack-error');
      if (src && !a.fromResult) {
        if (this.stackErrorResult(key, 0)) tags.push('stack-error');
        const spec = this.specsOf(file)[a.fromCall];
        if (spec?.family === 'string') tags.push('sprint');
        const produced = GO_BODY_PRODUCERS[key];
        if (produced) tags.push(produced);
        if (GO_READ_ALL.has(key) && /\.Body$/.test(src.args[0]?.text ?? '')) tags.push('body');
        if (key === 'runtime/debug.Stack') tags.push('stack');
      }
    }
    return tags;
  }

  /** result `index` of `call` is an error that carries a `github.com/pkg/errors` stack trace */
  private stackErrorResult(key: string, index: number): boolean {
    if (PKG_ERRORS_STACK.has(key)) return index === 0;
    if (!this.stackErrorFuncs.has(key)) return false;
    const results = this.funcResults.get(key) ?? [];
    return results[index] === 'error';
  }

  /**
   * Module functions that return an error built by `github.com/pkg/errors` (`errors.Wrap(err, …)`),
   * directly or from another such function: `%+v` of what they return prints a stack trace.
   */
  private findStackErrorFuncs(): void {
    // the calls whose result their function returns, in file and call order (the rounds visit
    // only these, in the order a walk over every call would): [callee key, function] pairs
    const returned: [string, FunctionInfo][] = [];
    for (const f of this.files) {
      const keys = this.keysOf(f);
      for (let i = 0; i < keys.length; i++) {
        const c = f.calls[i]!;
        // a closure's return belongs to the closure (its key is `Parent.funcN`), not to its parent
        if (c.returned && c.func >= 0) returned.push([keys[i]!, f.functions[c.func]!]);
      }
    }
    for (let round = 0; round < MAX_WRAPPER_ROUNDS * 2; round++) {
      let added = false;
      for (const [key, fn] of returned) {
        if (!PKG_ERRORS_STACK.has(key) && !this.stackErrorFuncs.has(key)) continue;
        if (this.stackErrorFuncs.has(fn.key) || !fn.results.includes('error')) continue;
        this.stackErrorFuncs.add(fn.key);
        added = true;
      }
      if (!added) break;
    }
  }

  private isUnaryInterceptor(fn: FunctionInfo): boolean {
    return fn.params.some((p) => /grpc\.UnaryServerInfo$/.test(this.resolve(p.type)));
  }
}

/**
 * What the model reads of a call, as JSON-ready data: the call less what only views of its file
 * read (span, text, loop depth; arguments' texts, spans, literals, members and outgoing marks). `at` renumbers
 * arguments' `fromCall` (neutralEdit counts only the calls it compares).
 */
export function goCallInput(c: GoCall, at?: (fromCall: number) => number): unknown {
  // the blanked fields are taken out first, so they come last whether the summary was made now
  // (every field present, undefined where it does not hold) or read back from JSON (absent)
  const args = c.args.map(({ text: _t, span: _s, literal: _l, members: _m, outgoing: _o, ...a }) => ({ ...a, ...(at && a.fromCall !== undefined ? { fromCall: at(a.fromCall) } : {}), text: 0, span: 0, literal: 0, members: 0, outgoing: 0 }));
  const { span: _span, text: _text, loopDepth: _loopDepth, exits: _exits, onSignal: _onSignal, args: _args, ...rest } = c;
  return { ...rest, span: 0, text: 0, loopDepth: 0, exits: 0, onSignal: 0, args };
}

/**
 * The calls whose results the arguments `from` are (`Adapt(deps, h)` of `mux.Handle("/x",
 * Adapt(deps, h))`, also through a local), and the calls whose results their arguments are, and so
 * on: each once, at most `limit` of them, by their `fromCall` links (which are model input).
 */
function resultCalls(f: GoFileSummary, from: readonly GoArg[], limit: number): number[] {
  const out: number[] = [];
  const seen = new Set<number>();
  const pending: number[] = [];
  const follow = (args: readonly GoArg[]): void => {
    for (const a of args) {
      if (a.fromCall === undefined || a.fromResult || seen.has(a.fromCall) || !f.calls[a.fromCall]) continue;
      seen.add(a.fromCall);
      pending.push(a.fromCall);
    }
  };
  follow(from);
  while (pending.length > 0 && out.length < limit) {
    const j = pending.pop()!;
    out.push(j);
    follow(f.calls[j]!.args);
  }
  return out;
}

/**
 * A module function's returned closure calling one of the function's parameters (`return func(w,
 * r) { h(deps, w, r) }`): the parameter's index, or undefined. Written in that closure: not in a
 * closure of its own inside it (`once.Do(func() { load() })`, a goroutine), nor in one the
 * function runs as it builds the route (`retry(n, func() { build() })`); the closure's own
 * parameter of that name is not the function's.
 */
function adapterCall(f: GoFileSummary, c: GoCall): number | undefined {
  if (c.callee.kind !== 'local' || c.func < 0) return undefined;
  const closure = f.functions[c.func]!;
  if (!closure.returned || closure.parent < 0 || f.functions[closure.parent]!.parent >= 0) return undefined;
  const name = c.callee.name;
  if (closure.params.some((p) => p.name === name)) return undefined;
  const i = f.functions[closure.parent]!.params.findIndex((p) => p.name === name);
  return i < 0 ? undefined : i;
}

/** Add the edge `from → to` unless `from` has it already (so each at its first appearance). */
function addEdge(edges: Map<string, string[]>, from: string, to: string): void {
  const list = edges.get(from);
  if (!list) edges.set(from, [to]);
  else if (!list.includes(to)) list.push(to);
}

/** Record a call of `key` (outside a recover block or not) in recoverUse's map: any call outside one makes it true. */
function noteRecoverUse(outsideRecover: Map<string, boolean>, key: string, outside: boolean): void {
  if (outside) outsideRecover.set(key, true);
  else if (!outsideRecover.has(key)) outsideRecover.set(key, false);
}

/** Whether a stored graph has GoGraphState's shape (its indices are checked where read). */
function isGraphState(g: unknown): g is GoGraphState {
  const o = g as Partial<Record<keyof GoGraphState, unknown>> | null | undefined;
  return typeof o === 'object' && o !== null && [o.edges, o.calls, o.starts, o.loops, o.once, o.names].every(Array.isArray);
}

/** A type reference that resolution looks up (and stores): `?…`, `*?…`. */
function isUnresolved(t: TypeRef): boolean {
  return t.startsWith('?') || t.startsWith('*?');
}

/** `*pb.GetUserReq`: a pointer to a named, non-builtin type (a generated request message). */
function isMessagePointer(t: TypeRef): boolean {
  return /^\*[^*[\]]+\.[A-Za-z_]\w*$/.test(t) && !t.startsWith('*?');
}

/** `slog.Attr` / `zap.Field`: a structured field built by a constructor that is a sink of its own. */
function isAttrType(t: TypeRef): boolean {
  return GO_ATTR_TYPES.has(t);
}

/** A logger's level method: `Errorf`, `Info`, `Warnw`, `Println`. */
const LEVEL_METHOD = /^(Trace|Debug|Info|Warn|Warning|Error|Fatal|Panic|Print)(f|ln|w)?$/;

/**
 * A gqlgen resolver type: the root operation types gqlgen's layouts name `queryResolver`,
 * `mutationResolver` and `subscriptionResolver`, or any `…Resolver` type in a file of its
 * follow-schema layout (`schema.resolvers.go`: a type's field resolvers). The generated executable
 * schema, which calls their methods once per field resolved, is skipped as generated code, so
 * nothing in the module shows them called: they are entry points by their names, as gRPC methods
 * are by their registration. A DNS `cachingResolver` elsewhere is none.
 */
function gqlgenResolver(typeName: string, path: string): boolean {
  return /^(query|mutation|subscription)Resolver$/.test(typeName) || (path.endsWith('.resolvers.go') && /Resolver$/.test(typeName));
}

/** Whether a sink call writes a line: not a Sprint (a string), a field or an entry being built (`With`). */
function writesLine(spec: GoSinkSpec, key: string): boolean {
  return spec.family !== 'string' && spec.shape.kind !== 'field' && spec.shape.kind !== 'fields-map' && !/\.(With|WithGroup|Group)$/.test(key);
}

/**
 * What the strings of a file's Sprint* calls (and calls of string wrappers) become. `reach`: those
 * whose string reaches a sink (as an argument) or is returned. `written`: those whose string is an
 * argument of a call that writes it (a field or an entry being built writes nothing): the function
 * holding one writes what it formats, while a function that only returns it formats a string
 * (protobuf's internal `errors.New`).
 */
function sprintUses(file: GoFileSummary, specs: readonly (GoSinkSpec | undefined)[], keys: readonly string[]): { reach: Set<number>; written: Set<number> } {
  const reach = new Set<number>();
  const written = new Set<number>();
  file.calls.forEach((c, i) => {
    const spec = specs[i];
    if (c.returned && spec?.family === 'string') reach.add(i);
    if (!spec) return;
    const writes = writesLine(spec, keys[i]!);
    for (const a of c.args) {
      if (a.fromCall === undefined || specs[a.fromCall]?.family !== 'string') continue;
      reach.add(a.fromCall);
      if (writes) written.add(a.fromCall);
    }
  });
  return { reach, written };
}

/**
 * The forwarding spec when `call` (a sink call inside `fn`) passes fn's own parameters through.
 * Through a Sprint* call, `fn` writes when the string is written in it (`written`), else it only
 * formats one, as Sprintf does: its calls are then reported where their string is written or returned.
 */
function wrapperSpec(f: GoFileSummary, call: GoCall, key: string, spec: GoSinkSpec, fn: FunctionInfo, written = false): GoSinkSpec | undefined {
  const variadic = fn.params.length - 1;
  const spreadArg = call.args.findIndex((a) => a.spread && a.param === variadic && fn.params[variadic]?.type.startsWith('[]'));
  const ctxParam = fn.params.findIndex((p) => p.type === GO_CONTEXT);
  const extra = ctxParam >= 0 ? { contextParam: ctxParam } : {};
  if (spreadArg < 0) {
    // the variadic parameter joined into one string first, then written (netmaker's
    // `func Log(v int, message ...string)` prints `MakeString(" ", message...)`)
    // (a call that writes a line: not a field or an entry being built, `logrus.WithField(k, msg)`)
    return writesLine(spec, key) && joinedVariadic(f, call, fn) !== undefined ? { family: spec.family, shape: { kind: 'print', from: variadic }, ...extra } : undefined;
  }
  const shape = spec.shape;
  if (shape.kind === 'printf') {
    const fmtArg = call.args[shape.format];
    const format = fmtArg?.param ?? fmtArg?.joinedParam;
    if (format === undefined || spreadArg !== shape.format + 1) return undefined;
    return { family: spec.family === 'string' && written ? 'log' : spec.family, shape: { kind: 'printf', format }, ...extra };
  }
  if (shape.kind === 'print') return { family: spec.family === 'string' && written ? 'log' : spec.family, shape: { kind: 'print', from: variadic }, ...extra };
  if (shape.kind === 'kv') {
    const msgArg = shape.msg >= 0 ? call.args[shape.msg] : undefined;
    return { family: spec.family, shape: { kind: 'kv', msg: msgArg?.param ?? msgArg?.joinedParam ?? -1, from: variadic }, ...extra };
  }
  return undefined;
}

/**
 * The calls a written argument of `call` is the result of when they join its function's variadic
 * parameter of strings or values (`MakeString(" ", message...)`, `fmt.Sprint(args...)`,
 * `strings.Join(message, " ")`, or a Sprint of such a string): their indices in the file's calls,
 * outermost first; undefined for none.
 */
function joinedVariadic(f: GoFileSummary, call: GoCall, fn: FunctionInfo, depth = 0): number[] | undefined {
  const variadic = fn.params.length - 1;
  const type = fn.params[variadic]?.type ?? '';
  if (depth > 2 || !/^\[\](?:string|any|interface\{\})$/.test(type)) return undefined;
  for (const a of call.args) {
    const j = a.fromCall;
    const inner = j !== undefined && !a.fromResult ? f.calls[j] : undefined;
    if (!inner || inner.func !== call.func || inner === call) continue;
    const key = inner.callee.kind === 'func' ? inner.callee.key : '';
    const join = key === 'strings.Join';
    const sprint = /^fmt\.Sprint/.test(key);
    // a joiner by its name: fmt's Sprint*, or a function named for the text it makes (netmaker's
    // MakeString; not a count, a hash or a check of the words: the review of 4066456)
    const joiner = join || sprint || JOINER_NAME.test(key.slice(key.lastIndexOf('.') + 1));
    if (joiner && inner.args.some((b) => b.param === variadic && (b.spread || join))) return [j!];
    // or a string made of such a string (`fmt.Sprintf("[%s] %s", where, joined)`: netmaker's
    // verbose prefix), a few calls deep
    const deeper = sprint ? joinedVariadic(f, inner, fn, depth + 1) : undefined;
    if (deeper) return [j!, ...deeper];
  }
  return undefined;
}

/** A function named for the text it makes of its words (`MakeString`, `joinWords`, `formatMessage`, `concat`). */
const JOINER_NAME = /(?:join|concat|format|string|message|msg|text|line)/i;

/** Closures appear as `Parent.func1`; keep the chain readable by dropping a parent repeated by its closure. */
function compressChain(chain: string[]): string[] {
  return chain.filter((name, i) => !(i + 1 < chain.length && chain[i + 1]!.startsWith(`${name}.func`)));
}

/** `*net/http.Request` → `*http.Request`; `example.com/svc/internal/x.T` → `x.T`. */
export function shortTypeName(t: TypeRef): string {
  if (!t) return 'unknown';
  const star = t.startsWith('*') ? '*' : '';
  const bare = star ? t.slice(1) : t;
  const dot = bare.lastIndexOf('.');
  if (dot < 0) return t;
  const pkg = bare.slice(0, dot);
  const last = pkg.slice(pkg.lastIndexOf('/') + 1);
  return `${star}${last}.${bare.slice(dot + 1)}`;
}

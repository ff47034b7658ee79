/**
 * A large group's module model, Go or TS, kept between runs (`--cache`), so that a run reporting on
 * a few files of the group (a pre-commit run) need not read every other file's summary and build
 * the model again. On the issue's Go corpus that was most of a 1.4 s pre-commit run: ~85 MB of cached
 * summaries read and parsed (~0.4 s, and the garbage they leave) and a model of 4,351 files built
 * (~0.35 s); the model's state is ~7 MB and read back and restored in ~35 ms.
 *
 * The snapshot holds the group's files with the content keys of the bytes the model was built from,
 * their skip notices, and the model's state right after it was built (GoModel.state, its
 * functions, globals and structs a line per package, read when the model looks up a key of that
 * package: goStateLines, goParts; for TS,
 * TsModel.state and every file's lean summary, what views of other files read: leanTsSummary,
 * one line each, parsed only when a view reads it: LazyLean). A
 * TS group's model is stored only when it was built from every file of the group (the prefilter
 * may load fewer: prefilter.ts), so that it is the model of the whole group. It is used
 * only when the group is the same list of files and every file whose content changed since has the
 * same model input as before (`modelInput`: its summary less what only the file's own views read:
 * spans and texts of calls and arguments, imports, directives; and less its functions' spans, which
 * the restored model takes from the file as it is now). Then the model of the group as it is now
 * would be the one stored, and its views of the files reported on are the full model's: the
 * reports are byte-identical (tested on the fixtures, measured on the corpora). A file whose model
 * input differs in its calls only (`sameBesideCalls`: a call added, removed or repeated) is judged
 * by the restored model (GoModel.neutralEdit, TsModel.neutralEdit): the edit keeps it when no pass
 * of a build takes anything different from the file's calls. A model also keeps an edit whose
 * file's call-graph edges (or, in Go, recover use) differ, and computes reachability again from
 * the call graph its build stored (GoGraphState, TsGraphState: the file's third line;
 * GoModel.settleEdits, TsModel.settleEdits). Any other change (a call that makes a wrapper, a
 * function renamed or moved, a file added to the group) falls back to the full model, which
 * writes a new snapshot for the next run.
 *
 * The comparison reads the changed file's previous summary from the summary cache by its old key;
 * when that entry is gone, the run falls back. One file per group, named by a hash of logvol's
 * version, the project root, the sinks of the configuration for the group's language (and for TS
 * the tsconfig `paths`) and the group's paths; written
 * atomically, so concurrent runs see a whole snapshot or none.
 */
import { utimesSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Notice } from '../languages/types.js';
import { goCallInput, splitGoState, type GoModelState, type GoPackagePart } from '../languages/go/model.js';
import type { GoFileSummary } from '../languages/go/summarize.js';
import { tsCallInput, type TsModelState } from '../languages/ts/model.js';
import type { TsFileSummary } from '../languages/ts/summarize.js';
import type { AnySummary } from './analyze-file.js';
import { asciiJson, CACHE_FORMAT, hashedCacheFile, pruneOldest, readCacheText, writeAtomicText } from './cache.js';
import { VERSION } from './package-info.js';

/** Bump when GoModelState, TsModelState, leanTsSummary or modelInput changes meaning. */
const SNAPSHOT_FORMAT = 10; // 10: errorLine, and the blanked fields of Go calls and arguments, last in modelInput
/**
 * Snapshots kept in a cache directory, the least recently used removed first: a group whose list
 * of files changes leaves its old one behind, and a cache directory may serve several projects.
 */
export const MAX_SNAPSHOTS = 32;
/**
 * A snapshot used while more files than this changed since it was stored is stored again with their
 * keys now: each changed file is compared again at every run until then (~1 ms each).
 */
export const REFRESH_SNAPSHOT_AFTER = 64;

/** Stored models this process used (for tests and measurements). */
export let snapshotsUsed = 0;

export function countSnapshotUse(): void {
  snapshotsUsed++;
}

/** Stored models whose reachability this process computed again after edits of edges (settleEdits). */
export let graphsSettled = 0;

export function countGraphSettled(): void {
  graphsSettled++;
}

/** A TS group's stored state: the model's, and how many of the group's files it holds (each file's lean summary is a line of its own: ModelSnapshot.lines). */
export interface TsSnapshotState {
  model: TsModelState;
  held: number;
}

export type SnapshotState = GoModelState | TsSnapshotState;

export interface ModelSnapshot {
  /** the group's files in order: project-relative path, content key the model was built from */
  files: [string, string][];
  /** the files' skip notices (oversized, binary …), which a run reporting elsewhere still prints */
  skips: Notice[];
  /** the model's state: read only when the snapshot holds (it is most of the file) */
  state: () => SnapshotState | undefined;
  /** the model's call graph (GoGraphState, TsGraphState), stored after the state: read only when an edit changes a file's edges */
  graph: () => unknown;
  /**
   * The lines after the graph: a TS group's files' lean summaries, one JSON text each in the
   * group's order (`null` for a file without one), each parsed only when a view reads it
   * (LazyLean); a Go state's parts, one per package (GoModelState.packages), each read when the
   * model first looks up a key of its package (goParts).
   */
  lines: string[];
}

/**
 * Where the snapshot of the group made of `rels` (in order) is kept; `setting` is what else the
 * model depends on (the configured sinks of the group's language; for TS the tsconfig `paths`).
 */
export function snapshotFile(cacheDir: string, root: string, setting: unknown, rels: readonly string[]): string {
  return hashedCacheFile(cacheDir, 'models', [`${SNAPSHOT_FORMAT}\u0000${CACHE_FORMAT}\u0000${VERSION}\u0000${root}\u0000${JSON.stringify(setting)}\u0000`, ...rels.map((r) => `${r}\u0000`)]);
}

/**
 * The snapshot stored in `file` when it is for exactly these paths; undefined for none, another,
 * or a corrupt one. The file is lines of JSON: the files and skips, the state, the model's call
 * graph (`null` for none), and for TS each file's lean summary. A snapshot that no longer holds
 * costs the parse of its first line only, one whose edits keep the call graph as it was never
 * parses the graph, and a run parses the lean summaries its views read only: on the TS
 * corpus they were 3.3 of the 5 MB a pre-commit run parsed.
 */
export function readSnapshot(file: string, rels: readonly string[]): ModelSnapshot | undefined {
  try {
    const text = readCacheText(file);
    const nl = text.indexOf('\n');
    if (nl < 0) return undefined;
    const head = JSON.parse(text.slice(0, nl)) as Omit<ModelSnapshot, 'state'>;
    if (!head || !Array.isArray(head.files) || !Array.isArray(head.skips)) return undefined;
    if (!head.skips.every((n: unknown) => isSkipNotice(n))) return undefined;
    if (head.files.length !== rels.length || head.files.some((f, i) => !Array.isArray(f) || f[0] !== rels[i] || typeof f[1] !== 'string')) return undefined;
    const lines = text.slice(nl + 1).split('\n');
    if (lines.length < 2) return undefined;
    const line = (k: number) => (): unknown => {
      try {
        const v = JSON.parse(lines[k]!) as unknown;
        return v && typeof v === 'object' ? v : undefined;
      } catch {
        return undefined;
      }
    };
    return { files: head.files, skips: head.skips, state: line(0) as () => SnapshotState | undefined, graph: line(1), lines: lines.slice(2) };
  } catch {
    return undefined;
  }
}

function isSkipNotice(n: unknown): n is Notice {
  const o = n as Record<string, unknown> | null;
  return typeof o === 'object' && o !== null && typeof o.path === 'string' && typeof o.message === 'string' && o.kind === 'skip' && (o.line === undefined || typeof o.line === 'number');
}

/** Mark a snapshot used now, so that pruning keeps it over older ones. */
export function touchSnapshot(file: string): void {
  try {
    const now = new Date();
    utimesSync(file, now, now);
  } catch {
    // removed meanwhile, or read-only: pruning may take it earlier
  }
}

/**
 * Store a snapshot (with the model's call graph: GoGraphState, TsGraphState; and the lines after
 * it, ModelSnapshot.lines: leanLine, goStateLines), and remove the least recently used ones past
 * MAX_SNAPSHOTS.
 */
export function writeSnapshot(file: string, files: [string, string][], skips: Notice[], state: SnapshotState, graph?: unknown, lines: readonly string[] = []): void {
  const head = `${asciiJson({ files, skips })}\n${asciiJson(state)}\n${graph ? asciiJson(graph) : 'null'}`;
  writeAtomicText(file, lines.length ? `${head}\n${lines.join('\n')}` : head);
  pruneOldest(dirname(file), MAX_SNAPSHOTS, file);
}

/**
 * A Go model's state as stored: split by package (splitGoState; `packages`: the group's), the
 * parts as lines. A pre-commit run reads the parts of the packages its views look up: on the
 * issue's Go corpus, most of the 6 MB state it parsed and restored were functions, globals and
 * structs of packages no view of ten edited files looked at.
 */
export function goStateLines(st: GoModelState, packages: readonly string[]): { state: GoModelState; lines: string[] } {
  const { state, parts } = splitGoState(st, packages);
  return { state, lines: parts.map((p) => asciiJson(p)) };
}

/** Stored Go parts this process read (goParts; for tests and measurements). */
export let goPartsRead = 0;

/** The reader of a stored Go state's parts: part `k` from its line, or UnreadableSnapshot when the line is not one. */
export function goParts(lines: readonly string[], state: GoModelState): ((k: number) => GoPackagePart) | undefined {
  if (!state.packages) return undefined;
  // at most 2^24 functions: a count edited by hand costs no loop over a billion indices (storedOrder)
  const count = state.funcCount;
  if (!Array.isArray(state.packages) || state.packages.length !== lines.length || !state.packages.every((p) => typeof p === 'string') || !Number.isInteger(count) || count! < 0 || count! > 1 << 24) throw new UnreadableSnapshot('stored parts');
  if (!isRuns(state.funcParts, lines.length, count!)) throw new UnreadableSnapshot('stored parts of functions');
  return (k) => {
    goPartsRead++;
    return parseStored<GoPackagePart>(
      lines[k]!,
      (v) =>
        Array.isArray(v.at) && Array.isArray(v.funcs) && v.at.length === v.funcs.length && v.at.every((i) => Number.isInteger(i) && i >= 0 && i < count!) &&
        v.funcs.every((f) => Array.isArray(f) && typeof f[0] === 'string' && isStrings(f[1]) && (f.length === 2 || (f.length === 5 && typeof f[2] === 'string' && typeof f[3] === 'string' && isSpan(f[4])))) &&
        Array.isArray(v.globals) && v.globals.every((g) => Array.isArray(g) && typeof g[0] === 'string' && typeof g[1] === 'string') &&
        Array.isArray(v.structs) && v.structs.every((t) => isObject(t) && typeof t.name === 'string' && Array.isArray(t.fields) && t.fields.every((x) => isObject(x) && typeof x.name === 'string' && typeof x.type === 'string' && typeof x.embedded === 'boolean')),
      `stored part of ${state.packages![k] || 'no package'}`,
    );
  };
}

/** GoModelState.funcParts: pairs of a part (below `parts`) and a count (above 0), the counts adding up to `total`. */
function isRuns(runs: unknown, parts: number, total: number): boolean {
  if (!Array.isArray(runs) || runs.length % 2 !== 0) return false;
  let sum = 0;
  for (let j = 0; j < runs.length; j += 2) {
    const [p, c] = [runs[j] as unknown, runs[j + 1] as unknown];
    if (!Number.isInteger(p) || (p as number) < 0 || (p as number) >= parts || !Number.isInteger(c) || (c as number) <= 0) return false;
    sum += c as number;
  }
  return sum === total;
}

/** A TS file's line in a snapshot: its lean summary (leanTsSummary) as JSON, or `null` for a file without a summary. */
export function leanLine(s: TsFileSummary | undefined): string {
  return s ? asciiJson(leanTsSummary(s)) : 'null';
}

/** Stored lean summaries this process parsed (LazyLean; for tests and measurements). */
export let leansParsed = 0;

/** A stored line that cannot be read, a TS lean summary or a Go part (a cache file changed by hand): the run falls back to the full model. */
export class UnreadableSnapshot extends Error {}

/** A stored line (LazyLean, goParts) parsed: an object that `ok` accepts, or UnreadableSnapshot naming `what`. */
function parseStored<T>(text: string, ok: (v: Partial<T>) => boolean, what: string): T {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    v = undefined;
  }
  if (!isObject(v) || !ok(v as Partial<T>)) throw new UnreadableSnapshot(what);
  return v as T;
}

/**
 * A file no view reports on, as a restored TS model sees it: its lean summary, parsed from its
 * stored line when the model first reads it (most views read a few files of a group). The path is
 * the group's, known without parsing: the model indexes every file by path. A line that does not
 * parse into the summary of this path throws UnreadableSnapshot.
 */
// the summary's fields other than its path are getters on the prototype (LAZY_FIELDS, below)
export interface LazyLean extends TsFileSummary {}
export class LazyLean {
  readonly language = 'ts' as const;
  private read: TsFileSummary | undefined;

  constructor(
    readonly path: string,
    private readonly text: string,
  ) {}

  /** The summary, parsed at the first read of any of its fields. */
  summary(): TsFileSummary {
    if (this.read) return this.read;
    leansParsed++;
    return (this.read = parseStored<TsFileSummary>(
      this.text,
      (v) => v.path === this.path && v.language === 'ts' && Array.isArray(v.reexports) && isObject(v.exports) && Array.isArray(v.functions) && v.functions.every(isFunctionInfo) && Array.isArray(v.classes) && v.classes.every(isClass),
      `stored summary of ${this.path}`,
    ));
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStrings = (v: unknown): boolean => Array.isArray(v) && v.every((x) => typeof x === 'string');
const isSpan = (v: unknown): boolean => isObject(v) && ['line', 'column', 'endLine', 'endColumn'].every((k) => typeof v[k] === 'number');
/** A lean function as leanTsSummary keeps it: what views of other files read (names, spans, parents). */
const isFunctionInfo = (f: unknown): boolean => isObject(f) && typeof f.name === 'string' && typeof f.parent === 'number' && isSpan(f.span);
const isClass = (c: unknown): boolean => isObject(c) && typeof c.name === 'string' && isObject(c.fields) && isObject(c.methods) && Array.isArray(c.decorators);

/** Every field of a summary but the two a LazyLean knows: the compiler checks that none is missing. */
const LAZY_FIELDS: Record<Exclude<keyof TsFileSummary, 'path' | 'language'>, true> = {
  grammar: true,
  imports: true,
  functions: true,
  factories: true,
  fns: true,
  calls: true,
  classes: true,
  exports: true,
  reexports: true,
  globals: true,
  graphql: true,
  types: true,
  directives: true,
  client: true,
  browserFuncs: true,
  partial: true,
  errorLine: true,
  lineCount: true,
};
for (const k of Object.keys(LAZY_FIELDS) as (keyof typeof LAZY_FIELDS)[]) {
  Object.defineProperty(LazyLean.prototype, k, {
    get(this: LazyLean) {
      return this.summary()[k];
    },
  });
}

/**
 * What the model of a group reads from one file's summary, as a string: the summary without what
 * only views of the file itself read. A field is left out only when named here, so a field added
 * to summaries later counts as model input until it is shown not to be.
 */
export function modelInput(s: AnySummary | undefined): string {
  if (s?.language === 'ts') return tsModelInput(s);
  if (!s || s.language !== 'go') return JSON.stringify(s ?? null);
  const g: GoFileSummary = s;
  return JSON.stringify({ ...blanked(g), calls: g.calls.map((c) => goCallInput(c)) });
}

/**
 * Whether two summaries of a file have the same model input but for their calls: then a stored
 * model may still hold for the edit between them (GoModel.neutralEdit and TsModel.neutralEdit
 * compare the calls).
 */
export function sameBesideCalls(a: AnySummary | undefined, b: AnySummary | undefined): boolean {
  if (!a || !b || a.language !== b.language) return false;
  return modelInput({ ...a, calls: [] } as AnySummary) === modelInput({ ...b, calls: [] } as AnySummary);
}

/**
 * A summary with the fields of either language's summary that only the file's own views read
 * blanked: imports, directives, parse state, line count, and the functions' spans (a view of
 * another file reads the span from the file as it is now). Spread after the summary, so the keys
 * keep their order; `errorLine`, which a summary made now holds (undefined) where one read from
 * JSON has no key, is taken out first, so it comes last in both.
 */
function blanked<S extends GoFileSummary | TsFileSummary>(s: S): Record<string, unknown> {
  const { errorLine: _errorLine, ...rest } = s;
  return { ...rest, imports: 0, directives: 0, partial: 0, errorLine: 0, lineCount: 0, functions: s.functions.map((f) => ({ ...f, span: 0 })) };
}

/**
 * A TS file's model input: TsModel's build reads callees, arguments' values, literals and parts'
 * values and `via`, functions' names and parents, `fns`, classes, exports and re-exports (globals,
 * which nothing reads after summarising, count too); its views of the file itself read the rest,
 * named here. Functions' spans are read by views of
 * other files too (the start of a request path), from the file as it is now: a changed file is
 * always analysed, and its summary is the model's.
 */
function tsModelInput(t: TsFileSummary): string {
  return JSON.stringify({ ...blanked(t), calls: t.calls.map(tsCallInput) });
}

/**
 * What a restored TS model reads from a file no view reports on (TsModel: `resolve`, `exportOf`,
 * `member` and `classMethod` read exports, re-exports and classes; a request path reads functions'
 * names, spans and parents). The rest (calls, `fns`, imports, functions' keys, parameters and
 * results …) only the build and the file's own views read, and a file reported on is analysed: its
 * full summary is the model's. Functions' keys, parameters and results were 1.7 of the 5 MB a
 * stored model of the issue's TS corpus held, all parsed at every pre-commit run.
 */
export function leanTsSummary(t: TsFileSummary): TsFileSummary {
  const functions = t.functions.map(({ name, span, parent }) => ({ name, key: '', span, parent, params: [], results: [] }));
  return { ...t, imports: [], fns: [], calls: [], globals: {}, directives: [], partial: false, lineCount: 0, functions };
}

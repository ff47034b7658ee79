/**
 * Orchestrates one scan: discover → analyse files (summaries) → module model → detectors →
 * findings → suppressions → fingerprints → sort.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Rule, ReportDescriptor, FileView, Severity } from '../rule-api.js';
import { interpolate } from '../rule-api.js';
import { belowLevel as lineBelowLevel } from './levels.js';
import type { ResolvedConfig } from '../config/load.js';
import type { Notice } from '../languages/types.js';
import { GoModel, type GoGraphState, type GoModelState } from '../languages/go/model.js';
import type { GoFileSummary } from '../languages/go/summarize.js';
import { TsModel, type TsGraphState, type TsModelOptions, type TsModelState } from '../languages/ts/model.js';
import { inBrowserOnly, type TsFileSummary } from '../languages/ts/summarize.js';
import { goTestHelpers } from '../languages/test-paths.js';
import { skipNotices, skipNoticesOf, stackOf, type AnalyzeResult, type AnySummary } from './analyze-file.js';
import { fromCache, isModelOnly, readKey, type CachedRequest } from './cache.js';
import { countGraphSettled, countSnapshotUse, goParts, goStateLines, LazyLean, leanLine, UnreadableSnapshot, modelInput, readSnapshot, sameBesideCalls, snapshotFile, touchSnapshot, writeSnapshot, REFRESH_SNAPSHOT_AFTER, type ModelSnapshot, type SnapshotState, type TsSnapshotState } from './model-snapshot.js';
import { StatIndex } from './stat-index.js';
import { readResult, resultKey, writeResult } from './result-cache.js';
import { moduleAliasesOf, plan } from './partition.js';
import { aliasesWithin } from '../languages/ts/tsconfig-paths.js';
import { PlanIndex } from './plan-index.js';
import { PlanStore } from './plan-store.js';
import { compactGoSummary, StringPool } from './compact.js';
import { goAnchor, keepsParameters, tsAnchor, withImporters } from './prefilter.js';
import { collectAfterGroup, collectGarbage } from './collect.js';
import { envCount } from './env.js';
import { analyzeInPool } from './pool.js';
import { discover, relativeUnder, type DiscoveredFile } from './discover.js';
import { assignFingerprints, compareFindings, type Finding } from './findings.js';
import { SuppressionIndex } from './suppressions.js';

export interface ScanOptions {
  cwd: string;
  root: string;
  paths: string[];
  config: ResolvedConfig;
  rules: readonly Rule[];
  includeTests?: boolean;
  /** also scan vendor/ directories; default the config's includeVendor */
  includeVendor?: boolean;
  maxFileSize?: number;
  /**
   * Report only in these files (project-relative paths) although every discovered file is analysed:
   * explicit files scanned with their module around them (see module-context.ts).
   */
  reportOnly?: ReadonlySet<string>;
  /** worker threads for parsing (1 = in this thread) */
  jobs?: number;
  /** per-file result cache directory (`--cache`) */
  cacheDir?: string;
  onProgress?: (done: number, total: number) => void;
  /** TS/JS: resolve printed expressions' types with ts-morph and the project's tsconfig.json */
  typeAware?: boolean;
  /** parse only what can matter (prefilter.ts: TS/JS files, whole Go groups); default true, never with typeAware */
  prefilter?: boolean;
  /** Go groups of this many files or more keep their summaries compacted (compact.ts); default COMPACT_MIN_FILES */
  compactMinFiles?: number;
  /** after a group that summarised this many files or more, collect garbage (collect.ts); default COLLECT_MIN_FILES */
  collectMinFiles?: number;
  /** with the cache, groups of this many files or more keep their model (model-snapshot.ts); default SNAPSHOT_MIN_FILES */
  snapshotMinFiles?: number;
}

export interface UnusedSuppression {
  path: string;
  line: number;
  column: number;
  text: string;
}

/** Every in-source directive seen, for suppression governance (--require-reason). */
export interface DirectiveRecord extends UnusedSuppression {
  endLine: number;
  endColumn: number;
  reason: string;
  used: boolean;
  /** a bare `//nolint` (or `:all`): also other linters', not judged by --report-unused-suppressions or --require-reason */
  shared?: true;
}

export interface ScanResult {
  findings: Finding[];
  /** findings silenced by an in-source directive */
  suppressed: Finding[];
  /**
   * findings on lines below the production level (config `logLevel`, levels.ts): not reported, but
   * matched against suppressions and the baseline first, so a directive or an entry for one is not
   * taken for a stale one (absent from results stored before the field)
   */
  belowLevel?: Finding[];
  unusedSuppressions: UnusedSuppression[];
  directives: DirectiveRecord[];
  notices: Notice[];
  filesScanned: number;
  /** the rules that ran, in id order */
  rules: Rule[];
}

/** Go import path of a file's package: module path from the nearest go.mod + the directory. */
export class GoPackageResolver {
  private readonly modCache = new Map<string, { dir: string; module: string } | null>();
  /** `vendor`: vendored packages (--include-vendor) are the packages they are imported as */
  constructor(
    private readonly root: string,
    private readonly vendor = false,
  ) {}

  private moduleFor(dir: string): { dir: string; module: string } | null {
    const cached = this.modCache.get(dir);
    if (cached !== undefined) return cached;
    let found: { dir: string; module: string } | null = null;
    const gomod = join(dir, 'go.mod');
    if (existsSync(gomod)) {
      try {
        const m = /^module\s+("?)([^\s"]+)\1/m.exec(readFileSync(gomod, 'utf8'));
        if (m) found = { dir, module: m[2]! };
      } catch {
        found = null;
      }
    }
    if (!found) {
      // up to the file system's root, as the go tool looks for go.mod: a root without a .git
      // (the directory a scan was given) may lie inside its module, and a directory outside the
      // root (another project's, scanRootFor) has its own
      const parent = dirname(dir);
      found = parent === dir ? null : this.moduleFor(parent);
    }
    this.modCache.set(dir, found);
    return found;
  }

  /** by directory: a package's files share it (4,439 files in ~900 directories on the Go corpus) */
  private readonly pkgCache = new Map<string, { pkg: string; vendored?: string }>();

  pkgPath(abs: string): string {
    return this.packageOf(abs).pkg;
  }

  /**
   * A file's package: its import path, and for a package vendored in its module (--include-vendor),
   * imported by the path below vendor/, also its path under the module (`<module>/vendor/<path>`).
   */
  packageOf(abs: string): { pkg: string; vendored?: string } {
    const dir = dirname(abs);
    let p = this.pkgCache.get(dir);
    if (p === undefined) {
      const mod = this.moduleFor(dir);
      const sub = mod ? relativeUnder(mod.dir, dir) : '';
      const plain = !mod ? relativeUnder(this.root, dir) || '.' : sub ? `${mod.module}/${sub}` : mod.module;
      p = this.vendor && mod && sub.startsWith('vendor/') ? { pkg: sub.slice('vendor/'.length), vendored: plain } : { pkg: plain };
      this.pkgCache.set(dir, p);
    }
    return p;
  }
}

export async function scan(options: ScanOptions): Promise<ScanResult> {
  // `--include-tests` is the configuration's: the rules read it (runRules), and the result cache's key holds it
  const opts = options.includeTests === undefined || options.includeTests === options.config.includeTests ? options : { ...options, config: { ...options.config, includeTests: options.includeTests } };
  const root = resolve(opts.root);
  const includeVendor = opts.includeVendor ?? opts.config.includeVendor;
  const { files, notices } = await discover({
    cwd: opts.cwd,
    root,
    paths: opts.paths,
    config: opts.config,
    includeTests: opts.includeTests ?? opts.config.includeTests,
    includeVendor,
    ...(opts.cacheDir ? { cacheDir: opts.cacheDir } : {}),
  });
  const maxFileSize = opts.maxFileSize ?? opts.config.maxFileSize;
  const requests = buildRequests(files, root, { maxFileSize, cacheDir: opts.cacheDir, includeVendor });
  // a file no view reports on is read for the module model only (cache.ts splitEntry)
  if (opts.reportOnly) for (const r of requests) if (!opts.reportOnly.has(r.rel)) r.modelOnly = true;
  // the indexes, stored results and models kept beside the summaries; not with --type-aware, whose
  // types come from the whole TypeScript project
  const cacheDir = opts.cacheDir && !opts.typeAware ? opts.cacheDir : undefined;
  // an unchanged tree with an unchanged config: the stored result (result-cache.ts)
  let rkey: string | undefined;
  // tsconfig `paths`: the plan links files through them, every model resolves through them, and
  // the stored result holds only while they are the same (one read for all three)
  const aliases = moduleAliasesOf(requests, root);
  if (cacheDir) {
    const index = new StatIndex(cacheDir, root);
    const keys = index.keysOf(requests);
    requests.forEach((r, i) => (r.key = keys[i]));
    index.save();
    if (keys.every((k): k is string => k !== undefined)) {
      rkey = resultKey({ root, config: opts.config, ...(opts.reportOnly ? { reportOnly: opts.reportOnly } : {}), fileKeys: keys, discoveryNotices: notices, prefilter: opts.prefilter !== false, aliases });
      const hit = readResult(cacheDir, rkey, opts.rules);
      if (hit) return hit;
    }
  }
  const jobs = opts.jobs ?? 1;
  const tsOptions: TsModelOptions = { root };
  if (opts.typeAware) {
    // loaded only when asked for: ts-morph and TypeScript cost a second of start-up
    const { createTypeOracle } = await import('../languages/ts/type-aware.js');
    const oracle = createTypeOracle(root, notices);
    if (oracle) tsOptions.typeOracle = oracle;
  }
  const parts: ScanResult[] = [];
  // independent groups (partition.ts), each modelled and checked as soon as its last file is
  // summarised while the next group parses: memory follows the largest group, not the scan.
  // The prefilter (prefilter.ts) skips Go groups without a sink; TS groups parse only what it asks
  // for, and more when the model misses a file. Explicit files (pre-commit): only the groups holding them can report anything;
  // of the others only skip notices would be printed, and those need no parsing.
  const prefilter = opts.prefilter !== false && !opts.typeAware;
  // with the cache, the plan an earlier run made of these same files, while it holds
  // (plan-store.ts); else what the plan reads from unchanged files comes from its index
  // (plan-index.ts). Held by no variable here, the index and its facts go with the plan
  const anchors = prefilter ? { ts: tsAnchor(opts.config.tsSinks), go: goAnchor(opts.config.goSinks) } : undefined;
  const scanPlan = cacheDir ? plan(requests, root, anchors, new PlanIndex(cacheDir, root), new PlanStore(cacheDir, root, requests), aliases) : plan(requests, root, anchors, undefined, undefined, aliases);
  tsOptions.aliases = aliases;
  const only = opts.reportOnly;
  // a file that is not analysed still gets the skip notice analysing it would give: from what the
  // plan read (TS pre-commit run on the issue corpus: 77 ms of reading files again), else read now
  const skipsOf = (i: number): Notice[] => {
    const why = scanPlan.skips[i];
    return why === undefined ? skipNotices(requests[i]!) : skipNoticesOf(requests[i]!, why);
  };
  const snapshotMin = opts.snapshotMinFiles ?? SNAPSHOT_MIN_FILES;
  const groups: GroupRun[] = [];
  for (const g of scanPlan.groups) {
    if (only && !g.some((i) => only.has(requests[i]!.rel))) {
      for (const i of g) notices.push(...skipsOf(i));
      continue;
    }
    const go = requests[g[0]!]!.abs.endsWith('.go');
    // a Go group with no anchored file has no sink call: nothing to parse (prefilter.ts)
    if (go && scanPlan.anchored && !g.some((i) => scanPlan.anchored![i])) {
      groups.push({ files: g, need: new Set(), closed: undefined, left: 0 });
      continue;
    }
    const ts = scanPlan.importers !== undefined && !go;
    let closed = ts ? withImporters(g.filter((i) => scanPlan.anchored![i]), scanPlan.importers!) : undefined;
    // a large group keeps its model (model-snapshot.ts): a run reporting on some of its files
    // analyses first only those and the files changed since the model was stored. TS groups with
    // an anchored file only (without one nothing is analysed); never with --type-aware (no cacheDir).
    let keepAt: string | undefined;
    if (cacheDir && g.length >= snapshotMin && (go || closed?.size !== 0)) {
      const rels = g.map((i) => requests[i]!.rel);
      const file = snapshotFile(cacheDir, root, go ? opts.config.goSinks : [opts.config.tsSinks, aliasesWithin(aliases, rels)], rels);
      const snap = only ? readSnapshot(file, rels) : undefined;
      // a file stored without a key (over the size limit, unreadable) is analysed again: it costs a stat
      const changed = snap ? g.filter((i, k) => !snap.files[k]![1] || requests[i]!.key !== snap.files[k]![1]) : [];
      // each changed file costs two summaries compared: past a quarter of a large group, more than
      // the model the snapshot would save (a new size limit or module path changes every key)
      if (snap && !(changed.length > REFRESH_SNAPSHOT_AFTER && changed.length * 4 > g.length)) {
        const need = new Set([...changed, ...g.filter((i) => only!.has(requests[i]!.rel))].sort((a, b) => a - b));
        groups.push({ files: g, need, closed: undefined, left: 0, snapshotFile: file, snapshot: { snap, changed } });
        continue;
      }
      // a Go group is modelled whole anyway; a TS group's model is stored when the prefilter
      // loads the whole group (only then is it the group's model)
      keepAt = file;
    }
    // a group without anchors is skipped whole; when most of a group is needed anyway, or the group
    // is small, one model of all of it costs less than the rounds (each round is a model build, and
    // summaries waiting for the next round outlive the young generation: measured on the corpora)
    if (closed && closed.size > 0 && (closed.size >= MOSTLY * g.length || g.length < ROUNDS_MIN_FILES)) closed = undefined;
    groups.push({ files: g, need: new Set(closed ?? g), closed, left: 0, ...(keepAt ? { snapshotFile: keepAt } : {}) });
  }
  const compactMin = opts.compactMinFiles ?? COMPACT_MIN_FILES;
  const collectMin = opts.collectMinFiles ?? COLLECT_MIN_FILES;
  const owner = new Map<number, GroupRun>();
  const finish = (st: GroupRun): number[] => {
    const got = st.summaries ?? new Map<number, AnySummary>();
    const summaries = st.files.filter((i) => got.has(i)).map((i) => got.get(i)!);
    const local: Notice[] = [];
    const out: { tsModel?: TsModel } = {};
    const unloaded = st.closed ? new Set(st.files.filter((i) => !st.need.has(i)).map((i) => requests[i]!.rel)) : undefined;
    let kept = st.snapshotFile && summaries.length ? groupModel(st, summaries) : undefined;
    const rules = (): ScanResult | undefined =>
      summaries.length ? runRules(summaries, opts.rules, opts.config, local, files.length, { ...tsOptions, ...(unloaded ? { unloaded } : {}) }, opts.reportOnly, out, kept?.go, kept?.ts) : undefined;
    let result: ScanResult | undefined;
    try {
      if (kept !== null) result = rules();
    } catch (e) {
      // a stored lean summary a view read does not parse (LazyLean): the stored model is not used
      if (!(e instanceof UnreadableSnapshot) || !st.snapshot) throw e;
      local.length = 0;
      delete out.tsModel;
      kept = null;
    }
    if (kept === null) {
      // the stored model is not this group's any more: the whole group, and a new snapshot; when
      // every file is here already (a run on all of them), the full model now
      st.snapshot = undefined;
      const rest = st.files.filter((i) => !st.need.has(i));
      if (rest.length > 0) return nextRound(st, rest);
      kept = groupModel(st, summaries)!;
      result = rules();
    }
    let grown = st.closed && out.tsModel ? grow(st, out.tsModel, requests, scanPlan.importers!) : [];
    if (grown.length > 0 && st.need.size + grown.length >= MOSTLY * st.files.length) grown = st.files.filter((i) => !st.need.has(i));
    if (grown.length > 0) return nextRound(st, grown);
    notices.push(...local);
    if (result) parts.push({ ...result, notices });
    if (st.snapshot) {
      // the files the stored model stood for: their skip notices as stored (same content keys)
      const rest = new Set(st.files.filter((i) => !st.need.has(i)).map((i) => requests[i]!.rel));
      notices.push(...st.snapshot.snap.skips.filter((n) => rest.has(n.path)));
    } else for (const i of st.files) if (!st.need.has(i)) notices.push(...skipsOf(i));
    st.summaries = undefined; // the group is done: its summaries go (memory follows the largest group)
    st.pool = undefined;
    st.snapshot = undefined;
    st.stored = undefined;
    return [];
  };
  /** The group's next round: these files too. */
  const nextRound = (st: GroupRun, list: number[]): number[] => {
    for (const i of list) {
      st.need.add(i);
      owner.set(i, st);
    }
    st.left = list.length;
    return list;
  };
  /**
   * A group that keeps its model (model-snapshot.ts): the stored model when it still holds (null
   * when it does not: the group needs its other files), or the model of every file, stored for the
   * next run when each file's content key is known. Undefined for a TS group the prefilter did not
   * load whole: runRules builds its model, which is not stored.
   */
  const groupModel = (st: GroupRun, summaries: AnySummary[]): { go?: GoModel; ts?: TsModel } | null | undefined => {
    const go = summaries[0]!.language === 'go';
    if (st.snapshot) {
      const { snap, changed } = st.snapshot;
      const at = new Map(st.files.map((i, k) => [i, k]));
      // each changed file's model input as it was (its previous summary, by the key stored; none
      // for a file stored without one) and as it is; a file that differs in its calls only is
      // left to the stored model to judge (GoModel.neutralEdit, TsModel.neutralEdit)
      const edits: [AnySummary, AnySummary][] = [];
      const same = changed.every((i) => {
        const key = snap.files[at.get(i)!]![1];
        const before = key ? readKey(cacheDir!, key, true) : { notices: [] };
        if (before === undefined) return false;
        const now = st.summaries?.get(i);
        if (modelInput(before.summary) === modelInput(now)) return true;
        if (!sameBesideCalls(before.summary, now)) return false;
        edits.push([before.summary!, now!]);
        return true;
      });
      const state = same ? snap.state() : undefined;
      let model: { go?: GoModel; ts?: TsModel };
      let refreshed: GoModelState | undefined;
      try {
        if (!state) return null;
        model = go ? { go: new GoModel(summaries as GoFileSummary[], opts.config.goSinks, state as GoModelState, { graph: snap.graph, parts: goParts(snap.lines, state as GoModelState) }) } : { ts: restoreTsModel(st, state as TsSnapshotState, snap.lines) };
        const neutral = ([before, now]: [AnySummary, AnySummary]): boolean =>
          (before.language === 'go' && now.language === 'go' ? model.go?.neutralEdit(before, now) : before.language === 'ts' && now.language === 'ts' ? model.ts?.neutralEdit(before, now) : false) ?? false;
        // an edit that changes a file's call-graph edges: reachability again, from the stored graph
        if (!edits.every(neutral) || (model.go ?? model.ts)?.settleEdits() === false) return null;
        // the state stored again reads every stored part: one that cannot be read is the full model's case
        if (model.go && changed.length > REFRESH_SNAPSHOT_AFTER) refreshed = model.go.state();
      } catch {
        return null; // a state this logvol cannot read: the full model
      }
      countSnapshotUse();
      if ((model.go ?? model.ts)?.settled) countGraphSettled();
      // many files changed since it was stored, each compared at every run: stored again, with
      // their keys now (its state, taken before any view, answers as a full model's would: the
      // same input, or edits of calls no pass reads, and the functions' spans as the files have
      // them now; a Go state's type resolutions are the full model's, in another order)
      if (changed.length > REFRESH_SNAPSHOT_AFTER) {
        const now = new Map(st.files.map((i, k) => [i, st.stored?.get(i) ?? { key: snap.files[k]![1], skips: snap.skips.filter((n) => n.path === requests[i]!.rel) }]));
        if (model.go) {
          const { state: split, lines } = goStateLines(refreshed!, (state as GoModelState).packages ?? goPackages(st));
          storeSnapshot(st, now, split, undefined, lines);
        } else storeSnapshot(st, now, { model: model.ts!.state(), held: (state as TsSnapshotState).held }, undefined, leanLines(st, snap.lines));
      } else touchSnapshot(st.snapshotFile!);
      return model;
    }
    // a TS group modelled from some of its files (the prefilter's rounds) is not the group's model
    if (!go && st.files.some((i) => !st.need.has(i))) return undefined;
    const stored = st.stored;
    const keys = stored && st.files.every((i) => stored.has(i));
    if (go) {
      const model = new GoModel(summaries as GoFileSummary[], opts.config.goSinks, undefined, { recordGraph: keys });
      if (keys) {
        const { state: split, lines } = goStateLines(model.state(), goPackages(st));
        storeSnapshot(st, stored, split, model.graphState(), lines);
      }
      return { go: model };
    }
    const model = new TsModel(summaries as TsFileSummary[], opts.config.tsSinks, { ...tsOptions, recordGraph: keys });
    if (keys) storeSnapshot(st, stored, { model: model.state(), held: summaries.length }, model.graphState(), leanLines(st));
    return { ts: model };
  };
  /** A Go group's packages, in the order of its files. */
  const goPackages = (st: GroupRun): string[] => [...new Set(st.files.map((i) => requests[i]!.pkgPath ?? ''))];
  /** A TS group's lean summaries to store, one line each: of the file analysed now, or else its line as stored `before`. */
  const leanLines = (st: GroupRun, before?: readonly string[]): string[] =>
    st.files.map((i, k) => {
      const now = st.summaries?.get(i);
      return now ? leanLine(now.language === 'ts' ? now : undefined) : (before?.[k] ?? 'null');
    });
  /** The group's TS model from its stored state: the files analysed now, the others' lean summaries as stored (read when a view reads them). */
  const restoreTsModel = (st: GroupRun, state: TsSnapshotState, lean: readonly string[]): TsModel => {
    const m = state.model as Partial<TsModelState> | undefined;
    // without a state the model would build from the lean summaries: no calls, no findings
    if (!m || ![m.paramTypes, m.wrappers, m.entries, m.reach, m.errorMiddleware].every(Array.isArray) || typeof m.registered !== 'number') throw new Error('not a state');
    if (lean.length !== st.files.length) throw new Error('not this group');
    // a file is in the model when its line holds a summary: the model's indices of the files after it depend on it
    const held = lean.filter((l) => l !== 'null');
    if (held.length !== state.held || held.some((l) => !l.startsWith('{"path":'))) throw new Error('not this group');
    const files = st.files.flatMap((i, k): TsFileSummary[] => {
      const now = st.summaries?.get(i) as TsFileSummary | undefined;
      return now ? [now] : lean[k] !== 'null' ? [new LazyLean(requests[i]!.rel, lean[k]!)] : [];
    });
    return new TsModel(files, opts.config.tsSinks, { ...tsOptions, state: state.model, ...(st.snapshot ? { graph: st.snapshot.snap.graph } : {}) });
  };
  const storeSnapshot = (st: GroupRun, by: ReadonlyMap<number, { key: string; skips: Notice[] }>, state: SnapshotState, graph?: GoGraphState | TsGraphState, lines?: string[]): void => {
    const skips = st.files.flatMap((i) => by.get(i)!.skips);
    writeSnapshot(st.snapshotFile!, st.files.map((i) => [requests[i]!.rel, by.get(i)!.key]), skips, state, graph, lines);
  };
  // one stream of analysis for the first round of every group; a group whose model asks for more
  // files starts its next round at once, beside the stream (with a worker pool: on the same workers)
  const first: number[] = [];
  for (const st of groups) {
    const need = st.files.filter((i) => st.need.has(i));
    if (need.length === 0) finish(st);
    for (const i of need) owner.set(i, st);
    st.left = need.length;
    first.push(...need);
  }
  let done = 0;
  let total = 0;
  const running: Promise<void>[] = [];
  const launch = (list: number[]): void => {
    total += list.length;
    // this list's own count, as analyzeInPool reports it (a file at a time in this thread, a batch at
    // a time from the pool, the cache hits at once), added to the run's
    let mine = 0;
    const progress = opts.onProgress
      ? (d: number): void => {
          done += d - mine;
          mine = d;
          opts.onProgress!(done, total);
        }
      : undefined;
    const consume = (r: AnalyzeResult, k: number): void => {
      const i = list[k]!;
      notices.push(...r.notices);
      const st = owner.get(i)!;
      // a large Go group's summaries are most of the heap: their strings shared (compact.ts). Not
      // those read from the cache: JSON.parse made their strings as copies, and compacting them
      // cost time and memory (issue's Go corpus, a scan with every summary from the cache: 2.28–2.44
      // -> 1.89–2.12 s, peak RSS 256–260 -> 236–241 MiB; a pre-commit run 1.67–2.04 -> 1.42 s)
      if (r.summary) (st.summaries ??= new Map()).set(i, r.summary.language === 'go' && st.need.size >= compactMin && !fromCache(r) ? compactGoSummary(r.summary, (st.pool ??= new StringPool())) : r.summary);
      // a group that keeps its model: the content key each result is from ('' for none: a file over
      // the size limit is judged by its size, never read), and the skip notices
      if (st.snapshotFile) (st.stored ??= new Map()).set(i, { key: r.key ?? '', skips: r.notices.filter((n) => n.kind === 'skip') });
      if (--st.left > 0) return;
      // a compacted Go group, summarised: the garbage of summarising it (source texts, replaced
      // strings, the pool's dropped maps) collected before its model is built on top of it
      if (st.pool) collectGarbage();
      const more = finish(st);
      if (more.length === 0) {
        // the group's summaries and model are dead now: collected before the next group piles on them
        if (st.need.size >= collectMin) collectAfterGroup();
        return;
      }
      launch(more);
    };
    const run = analyzeInPool(list.map((i) => requests[i]!), jobs, consume, progress);
    // awaited in turn below, where the first failure ends the scan: the lists still running then
    // (on a signal, every list on the pool fails) must not fail the process as unhandled
    run.catch(() => undefined);
    running.push(run);
  };
  if (first.length > 0) launch(first);
  while (running.length > 0) await running.shift();
  sortNotices(notices);
  const all = parts.length === 0 ? runRules([], opts.rules, opts.config, notices, files.length, tsOptions, opts.reportOnly) : parts.length === 1 ? parts[0]! : mergeResults(parts, files);
  const result = opts.reportOnly ? restrictTo(all, opts.reportOnly) : all;
  if (rkey && cacheDir) writeResult(cacheDir, rkey, result);
  return result;
}

/**
 * The share of a TS group's files past which the prefilter loads the whole group at once. Measured
 * on the corpora: the groups whose first round needed more than half of their files went on to
 * load nearly all of them (playwright 74%, typeorm 64%, medusa's 262-file module 38% then 75%: all
 * ended whole, each extra round a model build), while loading such a group whole at once cost
 * nothing measurable where the rounds would have stopped (medusa's 597-file types module at 69%).
 * At 0.75 the TS corpus took 9.79 s, at 0.5 8.54 s; medusa 4.71 and 4.50 s (interleaved
 * medians of 4 and 5, the same findings).
 */
const MOSTLY = 0.5;

/**
 * Go groups of this many files or more keep their summaries compacted (compact.ts): on the issue's
 * 1.5M-line Go corpus, one group of 4,351 files, peak RSS 316 -> 280 MiB for 0.5 s more of the
 * JavaScript thread; smaller groups fit in memory anyway and do not pay it.
 * `LOGVOL_COMPACT_MIN_FILES=<n>` sets the size (0: every Go group), for tests and measurements.
 */
const COMPACT_MIN_FILES = envCount('LOGVOL_COMPACT_MIN_FILES', 1024);
/**
 * After a group that summarised this many files, a full garbage collection (collect.ts): its dead
 * summaries would otherwise be in the heap while the next group is summarised and modelled.
 * Measured on the TS corpus (4 interleaved runs): peak RSS 297 -> 209 MiB, wall 9.15 ->
 * 8.42 s; at 64 files, the same peak and no faster.
 */
const COLLECT_MIN_FILES = 256;
/**
 * With the cache, groups of this many files or more keep their model between runs (Go; TS when
 * the prefilter loads the whole group: model-snapshot.ts); smaller groups are modelled in a few
 * milliseconds. `LOGVOL_SNAPSHOT_MIN_FILES=<n>` sets the size (0: every group), for tests and measurements.
 */
const SNAPSHOT_MIN_FILES = envCount('LOGVOL_SNAPSHOT_MIN_FILES', 256);

/** TS groups smaller than this are loaded whole when they have any anchored file. */
const ROUNDS_MIN_FILES = 64;

/** A group of the scan plan on its way through the analysis. */
interface GroupRun {
  /** request indices, in discovery order */
  files: number[];
  /** the files to analyse: all of them, or for a prefiltered TS group what the prefilter asks for */
  need: Set<number>;
  /** prefiltered TS groups: the files whose importers are all in `need` */
  closed: Set<number> | undefined;
  /**
   * summaries so far; made when the first one arrives and dropped when the group is done. A map
   * made with the plan would be old by then: storing young summaries in it keeps them alive past
   * the next scavenge even after it is dropped (measured: 10× the promoted bytes, +40% peak RSS)
   */
  summaries?: Map<number, AnySummary>;
  /** the shared strings of a compacted Go group's summaries (compact.ts), dropped with them */
  pool?: StringPool;
  /** a group that keeps its model (model-snapshot.ts): where */
  snapshotFile?: string;
  /** its stored model, until the first round tells whether it still holds, and the files changed since */
  snapshot?: { snap: ModelSnapshot; changed: number[] };
  /** per file analysed: the content key of its result and its skip notices (what a snapshot stores) */
  stored?: Map<number, { key: string; skips: Notice[] }>;
  /** files of the current round not yet summarised */
  left: number;
}

/**
 * After a model of a prefiltered TS group: the files it still needs. Those resolution missed,
 * and the importers of every loaded file that holds sink calls or keeps parameters in class
 * fields or exports (its callers decide what it prints); none when the model saw all it needs.
 */
function grow(st: GroupRun, model: TsModel, requests: readonly CachedRequest[], importers: readonly (readonly number[])[]): number[] {
  const byRel = new Map(st.files.map((i) => [requests[i]!.rel, i]));
  const add = new Set<number>();
  for (const m of model.misses) add.add(byRel.get(m)!);
  const closed = st.closed!;
  const open: number[] = [];
  for (const [i, s] of st.summaries ?? []) {
    if (closed.has(i)) continue;
    if (keepsParameters(s as TsFileSummary) || model.hasSinkCalls(s.path)) open.push(i);
  }
  withImporters(open, importers, closed);
  for (const i of closed) add.add(i);
  return [...add].filter((i) => !st.need.has(i)).sort((a, b) => a - b);
}

function sortNotices(notices: Notice[]): void {
  notices.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : (a.line ?? 0) - (b.line ?? 0) || (a.message < b.message ? -1 : 1)));
}

/** The groups' results as one, in the order a single runRules over every file gives. */
function mergeResults(parts: ScanResult[], files: DiscoveredFile[]): ScanResult {
  const order = new Map(files.map((f, i) => [f.rel, i]));
  const byFile = (a: { path: string }, b: { path: string }): number => (order.get(a.path) ?? 0) - (order.get(b.path) ?? 0);
  const flat = <T>(pick: (r: ScanResult) => T[]): T[] => parts.flatMap(pick);
  return {
    findings: flat((r) => r.findings).sort(compareFindings),
    suppressed: flat((r) => r.suppressed).sort(compareFindings),
    // as runRules: only when a level is set
    ...(parts.some((r) => r.belowLevel) ? { belowLevel: flat((r) => r.belowLevel ?? []).sort(compareFindings) } : {}),
    unusedSuppressions: flat((r) => r.unusedSuppressions).sort(byPathLine),
    // per file in discovery order, each file's directives in source order (a stable sort)
    directives: flat((r) => r.directives).sort(byFile),
    notices: parts[parts.length - 1]!.notices, // one array, shared by every part and sorted at the end of scan()
    filesScanned: parts[0]!.filesScanned,
    rules: parts[0]!.rules,
  };
}

function byPathLine(a: UnusedSuppression, b: UnusedSuppression): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line;
}

function restrictTo(r: ScanResult, only: ReadonlySet<string>): ScanResult {
  const keep = (x: { path: string }): boolean => only.has(x.path);
  return {
    ...r,
    findings: r.findings.filter(keep),
    suppressed: r.suppressed.filter(keep),
    ...(r.belowLevel ? { belowLevel: r.belowLevel.filter(keep) } : {}),
    unusedSuppressions: r.unusedSuppressions.filter(keep),
    directives: r.directives.filter(keep),
    notices: r.notices.filter((n) => n.kind === 'skip' || keep(n)),
  };
}

/** One analysis request per file: its Go package path, the size limit, the cache directory. */
export function buildRequests(files: DiscoveredFile[], root: string, opts: { maxFileSize: number; cacheDir?: string | undefined; includeVendor?: boolean }): CachedRequest[] {
  const pkgs = new GoPackageResolver(root, opts.includeVendor);
  const places = files.map((f) => (f.abs.endsWith('.go') ? pkgs.packageOf(f.abs) : undefined));
  // an import path that two modules provide (each its own vendored copy, or a module's own package
  // beside another's copy) is no one package: those copies keep their path under their module,
  // which no import names (a call into them is not followed: a miss, never one module's handler
  // reaching another module's copy). Per import path: its vendored copies' paths, '' for a module's own
  const owners = new Map<string, Set<string>>();
  if (places.some((p) => p?.vendored)) {
    for (const p of places) if (p) owners.set(p.pkg, (owners.get(p.pkg) ?? new Set<string>()).add(p.vendored ?? ''));
  }
  const pkgPathOf = (p: { pkg: string; vendored?: string } | undefined): string => (p === undefined ? '' : p.vendored && owners.get(p.pkg)!.size > 1 ? p.vendored : p.pkg);
  return files.map((f, i) => ({
    abs: f.abs,
    rel: f.rel,
    pkgPath: pkgPathOf(places[i]),
    maxFileSize: opts.maxFileSize,
    ...(opts.cacheDir ? { cacheDir: opts.cacheDir } : {}),
  }));
}

/** Analyse files with a worker pool and an optional cache; results in discovery order. */
export async function analyzeFiles(
  files: DiscoveredFile[],
  root: string,
  opts: { maxFileSize: number; jobs: number; cacheDir?: string; onProgress?: (done: number, total: number) => void },
  notices: Notice[],
): Promise<AnySummary[]> {
  const summaries: AnySummary[] = [];
  const keep = (r: AnalyzeResult): void => {
    notices.push(...r.notices);
    if (r.summary) summaries.push(r.summary);
  };
  await analyzeInPool(buildRequests(files, root, opts), opts.jobs, keep, opts.onProgress);
  return summaries;
}


export function runRules(
  summaries: AnySummary[],
  allRules: readonly Rule[],
  config: ResolvedConfig,
  notices: Notice[],
  filesScanned: number,
  tsOptions: TsModelOptions = {},
  /** run the detectors only on these files; the model still sees every file (module context) */
  reportOnly?: ReadonlySet<string>,
  /** receives the TS model (the prefilter asks it what it missed) */
  out?: { tsModel?: TsModel },
  /** the Go files' model, already built (model-snapshot.ts): then `summaries` need not be all of them */
  goModel?: GoModel,
  /** the TS files' model, already built (model-snapshot.ts): the same */
  builtTsModel?: TsModel,
): ScanResult {
  const rules = allRules.filter((r) => config.rules.has(r.meta.id)).sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1));
  const goFiles = summaries.filter((s): s is GoFileSummary => s.language === 'go');
  const model = goModel ?? new GoModel(goFiles, config.goSinks);
  const tsFiles = summaries.filter((s): s is TsFileSummary => s.language === 'ts');
  const tsModel = builtTsModel ?? (tsFiles.length ? new TsModel(tsFiles, config.tsSinks, tsOptions) : undefined);
  if (out && tsModel) out.tsModel = tsModel;
  const findings: Finding[] = [];
  const suppressed: Finding[] = [];
  const below: Finding[] = [];
  const unusedSuppressions: UnusedSuppression[] = [];
  const directives: DirectiveRecord[] = [];
  const knownIds = new Set(allRules.map((r) => r.meta.id));

  for (const summary of summaries) {
    if (reportOnly && !reportOnly.has(summary.path)) continue;
    if (isModelOnly(summary)) throw new Error(`internal: ${summary.path} was read for the module model only, and is reported on`);
    const view: FileView | undefined = summary.language === 'go' ? model.view(summary) : tsModel?.view(summary);
    const fileFindings: Finding[] = [];
    // a Go test helper outside a _test.go file (it takes a *testing.T, or its file is one of a
    // test-support package, `cdctest` importing httptest): test code, as discovery
    // skips, dropped once its suppressions are matched (so that they count as used either way)
    const helpers = summary.language === 'go' && !config.includeTests ? goTestHelpers(summary.functions, summary) : undefined;
    // and a `"use client"` file's effects and event handlers run in the browser: their findings go
    // too, their suppressions matched first (its render body also runs on the server: reported)
    const dropped = new Set<Finding>();
    // on a line below the production level (config logLevel, levels.ts): the line writes nothing there
    const quiet = new Set<Finding>();
    if (view) {
      for (const rule of rules) {
        const detector = rule.meta.languages.includes(view.language) ? rule.detectors[view.language] : undefined;
        if (!detector) continue;
        const { severity, options } = config.rules.get(rule.meta.id)!;
        const report = (d: ReportDescriptor<string>): void => {
          const f = toFinding(rule, severity, d, view);
          if (lineBelowLevel(d.at, config.logLevel)) quiet.add(f);
          if (helpers?.has(d.at.func) || (summary.language === 'ts' && inBrowserOnly(summary, d.at.func))) dropped.add(f);
          fileFindings.push(f);
        };
        try {
          detector({ file: view, options, report });
        } catch (e) {
          // a stored model's file that cannot be read (LazyLean): the run falls back to the full model (finish)
          if (e instanceof UnreadableSnapshot) throw e;
          notices.push({ path: summary.path, kind: 'error', message: `rule ${rule.meta.id} failed on this file: ${(e as Error).message}`, internal: true, ...stackOf(e) });
        }
      }
    }
    const index = new SuppressionIndex(summary.directives);
    for (const d of summary.directives) {
      for (const id of d.rules) {
        if (!knownIds.has(id)) notices.push({ path: summary.path, kind: 'suppression', line: d.line, message: `suppression names unknown rule "${id}"` });
      }
    }
    for (const f of fileFindings) {
      const d = index.match(f.ruleId, f.line);
      if (dropped.has(f)) continue;
      // below the level: its directive counts as used (matched above), and the finding is not reported
      if (quiet.has(f)) below.push(f);
      else if (d) {
        f.suppression = { kind: 'inSource', justification: d.reason };
        suppressed.push(f);
      } else findings.push(f);
    }
    for (const m of index.all) {
      const d = m.directive;
      directives.push({ path: summary.path, line: d.line, column: d.span.column, endLine: d.span.endLine, endColumn: d.span.endColumn, text: describeDirective(d.kind, d.rules), reason: d.reason, used: m.used, ...(d.shared ? { shared: true as const } : {}) });
      if (!m.used && !d.shared) unusedSuppressions.push({ path: summary.path, line: m.directive.line, column: m.directive.span.column, text: describeDirective(m.directive.kind, m.directive.rules) });
    }
  }
  // over every finding, reported or not: a finding's fingerprint does not depend on the level set
  assignFingerprints([...findings, ...suppressed, ...below]);
  findings.sort(compareFindings);
  suppressed.sort(compareFindings);
  below.sort(compareFindings);
  sortNotices(notices);
  unusedSuppressions.sort(byPathLine);
  return { findings, suppressed, ...(config.logLevel ? { belowLevel: below } : {}), unusedSuppressions, directives, notices, filesScanned, rules };
}

function describeDirective(kind: string, rules: string[]): string {
  const name = kind === 'nolint' ? 'nolint:logvol' : `logvol-${kind}`;
  return rules.length ? `${name} ${rules.join(', ')}` : name;
}

/** The detector's related locations, else the request entry point when the code runs per request. */
function relatedFor(d: ReportDescriptor<string>, view: FileView): Finding['related'] {
  if (d.related && d.related.length > 0) return d.related.map((r) => ({ path: r.path, span: r.span, message: r.message }));
  const path = d.at.func >= 0 ? view.requestPath(d.at.func) : undefined;
  if (!path) return [];
  return [{ path: path.entryPath, span: path.entrySpan, message: `request entry point: ${path.entry} (runs per request via ${path.chain.join(' → ')})` }];
}

function toFinding(rule: Rule, severity: Severity, d: ReportDescriptor<string>, view: FileView): Finding {
  const template = (rule.meta.messages as Record<string, string>)[d.messageId] ?? d.messageId;
  const data = d.data ?? {};
  return {
    ruleId: rule.meta.id,
    severity,
    messageId: d.messageId,
    message: interpolate(template, data),
    data,
    path: view.path,
    line: d.at.span.line,
    column: d.at.span.column,
    endLine: d.at.span.endLine,
    endColumn: d.at.span.endColumn,
    fingerprint: '',
    function: view.functions[d.at.func]?.name ?? '',
    related: relatedFor(d, view),
    callText: d.at.text,
  };
}

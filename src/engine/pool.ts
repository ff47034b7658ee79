/**
 * Parallel file analysis. Files go to a piscina worker pool in batches when there are enough of
 * them to pay for worker start-up (each worker loads tree-sitter and its grammars); results are put
 * back in discovery order, so output is identical for any number of workers.
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import type { Piscina as PiscinaType } from 'piscina';
import type { AnalyzeResult } from './analyze-file.js';
import { holdsEntry, lookupCached, openCached, type CachedRequest } from './cache.js';
import { internalError, parseAndSummarize, prepareText, summarizeParsed } from './analyze-file.js';
import { FlatTree, nativeFlattener, parseNativeAsync } from '../languages/flat-tree.js';
import { loadGrammar } from '../languages/parsers.js';
import { manyTsMisses, warmUpTs } from './warm-up.js';
import { atLeast } from './lists.js';

/** Below this many files a pool costs more than it saves. */
const MIN_FILES_FOR_POOL = 64;
const BATCH = 16;

const active = new Set<PiscinaType>();

/** Pools stopWorkers is closing: the lists still using them must not destroy them too. */
const closing = new WeakSet<PiscinaType>();

/** Stop every running pool: queued batches are dropped, running ones finish their current batch. */
export async function stopWorkers(): Promise<void> {
  await Promise.all(
    [...active].map((p) => {
      closing.add(p);
      return p.close({ force: true }).catch(() => undefined);
    }),
  );
}

/**
 * Worker threads: one per core but one, at most 8. On two cores that is none: `--jobs 1` parses
 * ahead on libuv's thread pool while this thread summarises, and already keeps both cores busy
 * (with V8's own background threads); two workers, each warming up its own summariser, were
 * slower (prometheus 2.7 s with `--jobs 1`, 3.2 s with `--jobs 2`; opentelemetry-js 2.0 s, 2.6 s).
 */
export function defaultJobs(): number {
  return Math.max(1, Math.min(availableParallelism() - 1, 8));
}

/** Batches a worker holds at once: it starts the next without waiting for this thread to hand it one. */
const TASKS_PER_WORKER = 4;

/**
 * A worker's young generation, in MB (V8's default for a heap this size is 48): workers keep only
 * the batch they summarise, and with the default each held 45–62 MB of heap. Measured with
 * `--jobs 2`, the issue's Go corpus: peak RSS 446–458 → 385–393 MiB, the same wall time.
 */
const WORKER_YOUNG_MB = 6;

/**
 * Batches started ahead of the one handed over, at most (BATCH files each): the workers' own and
 * as many queued, so they go on while this thread models a group, and few enough that the
 * results waiting for it stay small. Before stop 34 the pool ran every file of the list before the
 * first was handed over: every group's summaries were held at once (the Go corpus with `vendor/`,
 * `--jobs 2`: 843 MiB) and no model ran while the workers parsed.
 */
const poolWindow = (jobs: number): number => Math.max(16, 2 * jobs * TASKS_PER_WORKER);

/**
 * Worker threads, each parsing and summarising batches of files, the results handed to `consume`
 * in discovery order as soon as a batch and every one before it are done, like analyzeInOrder:
 * the caller models a group while the workers go on with the next. Cache hits are read here, a
 * batch at a time; lists too short to pay for worker start-up run in this thread.
 */
export async function analyzeInPool(
  requests: readonly CachedRequest[],
  jobs: number,
  consume: (result: AnalyzeResult, index: number) => void,
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  const total = requests.length;
  if (jobs <= 1 || fewMisses(requests)) return analyzeInOrder(requests, consume, onProgress);
  let pool: PiscinaType | undefined;
  const worker = (): PiscinaType => (pool ??= acquirePool(jobs));
  const count = Math.ceil(total / BATCH);
  const ahead = poolWindow(jobs);
  const started: Promise<AnalyzeResult[]>[] = [];
  const start = (b: number): Promise<AnalyzeResult[]> => {
    const batch = requests.slice(b * BATCH, (b + 1) * BATCH);
    const hits = batch.map(lookupCached);
    const misses = batch.filter((_, k) => !hits[k]);
    if (misses.length === 0) return Promise.resolve(hits as AnalyzeResult[]);
    return (worker().run(misses) as Promise<AnalyzeResult[]>).then((fresh) => {
      let next = 0;
      return hits.map((h) => h ?? fresh[next++]!);
    });
  };
  try {
    for (let b = 0; b < count; b++) {
      while (started.length < Math.min(count, b + ahead)) {
        const p = start(started.length);
        p.catch(() => undefined); // awaited in its turn below; never an unhandled rejection meanwhile
        started.push(p);
      }
      const results = await started[b]!;
      delete started[b];
      results.forEach((r, k) => consume(r, b * BATCH + k));
      onProgress?.(Math.min(total, (b + 1) * BATCH), total);
    }
  } finally {
    if (pool) await releasePool(pool);
  }
}

/**
 * Fewer files to analyse than pay for worker start-up: a short list, or a warm cache with a few
 * edits (their entries checked by key, not read; counted until there are enough).
 */
function fewMisses(requests: readonly CachedRequest[]): boolean {
  return !atLeast(requests, MIN_FILES_FOR_POOL, (r) => !holdsEntry(r));
}

/**
 * The pool every list of a scan shares while any of them runs (a group's next prefilter round
 * starts while the first stream goes on): one set of workers, each warmed up once.
 */
let shared: { pool: PiscinaType; jobs: number; users: number } | undefined;

function acquirePool(jobs: number): PiscinaType {
  if (shared && shared.jobs === jobs) {
    shared.users++;
    return shared.pool;
  }
  // loaded only for `--jobs` > 1: most runs never start a worker. require, not import(): the CLI
  // bundle is CommonJS run from V8's code cache (bin/logvol.js), where import() is not available
  const { Piscina } = createRequire(import.meta.url)('piscina') as typeof import('piscina');
  const pool = new Piscina({
    filename: new URL('./worker.js', import.meta.url).href,
    minThreads: jobs,
    maxThreads: jobs,
    idleTimeout: 100,
    concurrentTasksPerWorker: TASKS_PER_WORKER,
    resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
  });
  // a worker's failure reaches the task it ran (its run() rejects); an error piscina reports
  // apart from any task (a message in flight when stopWorkers closes the pool) is not the scan's
  pool.on('error', () => undefined);
  active.add(pool);
  if (!shared) shared = { pool, jobs, users: 1 };
  return pool;
}

async function releasePool(pool: PiscinaType): Promise<void> {
  if (shared?.pool === pool && --shared.users > 0) return;
  if (shared?.pool === pool) shared = undefined;
  active.delete(pool);
  if (closing.has(pool)) return; // stopWorkers is closing it
  await pool.destroy().catch(() => undefined);
}

/**
 * Parses in flight at once: twice libuv's thread pool (4 threads unless UV_THREADPOOL_SIZE says
 * otherwise), and at least two per core. The pool's threads run as many, and the rest wait in its
 * queue, so a thread whose parse ends starts the next at once instead of waiting for the
 * JavaScript thread, busy summarising, to hand it one (measured against as many in flight as the
 * pool has threads, interleaved medians: synthetic corpus 5.69 -> 5.48 s, prometheus
 * 3.55 -> 3.33 s, opentelemetry-js 1.88 -> 1.83 s; twice that again changed nothing).
 */
const AHEAD = Math.max(2 * (Number(process.env.UV_THREADPOOL_SIZE) || 4), availableParallelism() * 2);
/**
 * Files started but not yet handed to `consume`, at most. Parsed files are summarised as soon as
 * their parse ends, in any order, so one large file no longer holds the others back: before, the
 * window was AHEAD files past the one awaited, and while a 450 kB file parsed the pool and the
 * JavaScript thread sat idle (100 ms of a 1.6 s opentelemetry-js scan). A waiting result is a
 * summary (the tree's arrays are dropped once summarised), so this bound is cheap.
 */
const MAX_WAITING = 256;

/**
 * One JavaScript thread, in discovery order, each result handed to `consume` as soon as it and
 * every one before it are done. Cache hits are read here; with the native flattener the other
 * files are parsed on libuv's thread pool (native/flat.c parseAsync), several ahead of the one
 * being summarised, so parsing runs in parallel with summarising and with the caller's own work
 * between results (scan.ts runs a group's rules while the next group parses). Parsing is native
 * code and runs in parallel well; the summariser is JavaScript, which scaled poorly across worker
 * threads on small machines (each warms up its own copy, and V8's background threads compete for
 * the same cores).
 */
export async function analyzeInOrder(
  requests: readonly CachedRequest[],
  consume: (result: AnalyzeResult, index: number) => void,
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  const total = requests.length;
  const native = nativeFlattener() !== null;
  const started: Promise<AnalyzeResult>[] = [];
  const start = (req: CachedRequest): Promise<AnalyzeResult> => {
    const o = openCached(req);
    if (o.done) return Promise.resolve(o.done);
    const p = prepareText(req, o.buf);
    if (p.done) return Promise.resolve(o.store(p.done));
    const grammar = loadGrammar(p.grammar) as { language?: unknown };
    const parsing = native ? parseNativeAsync(grammar, p.text, p.ascii) : undefined;
    if (!parsing) return Promise.resolve(o.store(parseAndSummarize(req, p)));
    return parsing.then(
      (arrays) => o.store(summarizeParsed(req, p, FlatTree.fromArrays(grammar, p.text, arrays))),
      (e: unknown) => o.store(internalError(req, e)),
    );
  };
  let inFlight = 0;
  let consumed = 0;
  // native: keep AHEAD parses running, up to MAX_WAITING files past the one consumed; portable: the
  // parse is synchronous, so start only the next AHEAD (and return to the event loop below)
  const pump = (): void => {
    const limit = Math.min(total, consumed + (native ? MAX_WAITING : AHEAD));
    while (started.length < limit && (!native || inFlight < AHEAD)) {
      inFlight++;
      const settle = (): void => {
        inFlight--;
        pump();
      };
      const req = requests[started.length]!;
      let p: Promise<AnalyzeResult>;
      try {
        p = start(req);
      } catch (e) {
        p = Promise.resolve(internalError(req, e)); // this file's notice; the others go on
      }
      started.push(p);
      p.then(settle, settle);
    }
  };
  // a large list: the TS summariser warmed up (warm-up.ts) while the first parses run, before the
  // first summary; a warm cache's hits and Go files need none
  pump();
  if (manyTsMisses(requests, (r) => !holdsEntry(r))) warmUpTs();
  for (let i = 0; i < total; i++) {
    pump();
    consume(await started[i]!, i);
    consumed = i + 1;
    delete started[i]; // the tree's arrays can go
    onProgress?.(i + 1, total);
    // return to the event loop now and then so N-API finalizers free the binding's trees
    if (!native && i % 64 === 63) await new Promise((r) => setImmediate(r));
  }
}

/**
 * A full garbage collection when a large group is done (scan.ts). A group's summaries and model
 * are dead once its findings are out, but V8 starts its next major collection from heuristics that
 * do not know that: on the TS corpus the next group (typeorm, 494 files) was summarised and
 * modelled on top of playwright's 539 dead summaries, and the peak heap held both. Collected at that
 * moment, the heap fell from ~100 to ~11 MB, and the peak RSS of the scan from ~300 to ~210 MiB,
 * for 14–18 ms per collection (little is alive then, and a full collection costs what is alive).
 * When V8's optimizing compiler still holds the group, the collection is tried again a moment
 * later (`collectAfterGroup`).
 *
 * The collector is V8's `gc`, which Node exposes only with `--expose-gc`: the flag is set when the
 * first collection is asked for, and a new context made after it holds the function (the main
 * context was made before). The flag's only other effect is that contexts made later also get a
 * `gc` global. Where that does not work, nothing is collected, and nothing else changes.
 *
 * Not while the build records the CLI's code cache (`LOGVOL_WRITE_CODE_CACHE=1`, bin/logvol.js):
 * V8 rejects cached code made under other flags, so a cache written after the flag changed would
 * be refused by every later run.
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | null | undefined;

/** collections run so far (tests) */
export let collections = 0;

/** Run a full garbage collection now; a no-op where V8's collector cannot be reached. */
export function collectGarbage(): void {
  if (gc === undefined) gc = reachCollector();
  if (gc) {
    gc();
    collections++;
  }
}

function reachCollector(): (() => void) | null {
  if (process.env.LOGVOL_WRITE_CODE_CACHE === '1') return null;
  try {
    setFlagsFromString('--expose-gc');
    const f: unknown = runInNewContext('typeof gc === "function" ? gc : null');
    return typeof f === 'function' ? (f as () => void) : null;
  } catch {
    return null;
  }
}

/** After a group's collection, more in use than this (64 MiB) is worth another try. */
const RETAINED_MIN = 64 << 20;

/** A try that freed more than this (16 MiB) let go of something held. */
const FREED_MUCH = 16 << 20;

/** How long V8's optimizing compiler gets to finish its job before the next try. */
const RECOLLECT_MS = 300;

/** Tries after the first, at most. */
const RECOLLECT_TRIES = 3;

let pending: ReturnType<typeof setTimeout> | undefined;

/** collections after a group (tests) */
export let afterGroupCollections = 0;

/** collections tried again after a group (tests) */
export let recollections = 0;

/** A collection after a group is scheduled (tests). */
export function recollectionPending(): boolean {
  return pending !== undefined;
}

/**
 * A full collection once a group is done, as `collectGarbage`; when more than 64 MiB stay in use,
 * it is tried again 300 ms later, and again while tries free nothing (the job still runs) or until
 * one frees much and the next does not (what stays is live), three tries at most.
 *
 * Why: V8's optimizing compiler works on a background thread, and a job in flight holds the
 * function it compiles, and so that closure's context and what the context holds. When the
 * function is a closure over a group's data (the model's callbacks are), the job keeps the whole
 * group alive through the collection. On the issue's Go corpus with `vendor/` (`--include-vendor`),
 * after its group of 10,644 files 313 of 342 MB stayed in use in most runs (23 MB in each of 3 runs
 * with `--no-concurrent-recompilation`, which costs 15% of the wall time on TS), and the next groups
 * piled on them until the next collection: peak RSS 581–586 MiB (495 in a run where no job held
 * them). Collected again 300 ms later, once the job was done, 16 MB stayed, and the peak is the
 * large group's own: 499–506 MiB (3 interleaved runs each, the same wall time).
 *
 * In a process that keeps more than 64 MiB alive of its own (a program that imports the scan), a
 * large group costs up to three more collections, on timers that never keep the process alive.
 * The timer is the module's: a scan's group ending cancels another scan's pending try.
 */
export function collectAfterGroup(): void {
  if (pending !== undefined) clearTimeout(pending);
  pending = undefined;
  afterGroupCollections++;
  collectGarbage();
  const used = heapUsed();
  if (gc && used > RETAINED_MIN) tryAgain(used, RECOLLECT_TRIES, false);
}

/** The next try, `tries` left at most; `released`: an earlier try freed much. */
function tryAgain(before: number, tries: number, released: boolean): void {
  pending = setTimeout(() => {
    pending = undefined;
    recollections++;
    collectGarbage();
    const now = heapUsed();
    const freedMuch = before - now > FREED_MUCH;
    if (tries > 1 && now > RETAINED_MIN && !(released && !freedMuch)) tryAgain(now, tries - 1, released || freedMuch);
  }, RECOLLECT_MS);
  pending.unref(); // never what keeps the process alive
}

function heapUsed(): number {
  return getHeapStatistics().used_heap_size;
}

/**
 * A full garbage collection when a large group is done (scan.ts). A group's summaries and model
 * are dead once its findings are out, but V8 starts its next major collection from heuristics that
 * do not know that: on the issue's TS corpus the next group (typeorm, 494 files) was summarised and
 * modelled on top of playwright's 539 dead summaries, and the peak heap held both. Collected at that
 * moment, the heap fell from ~100 to ~11 MB, and the peak RSS of the scan from ~300 to ~210 MiB,
 * for 14–18 ms per collection (little is alive then, and a full collection costs what is alive).
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
import { setFlagsFromString } from 'node:v8';
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

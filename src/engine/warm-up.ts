/**
 * Warm-up before a large scan (issue 6): the TS summariser run on a built-in snippet that takes
 * most of its branches (languages/ts/warm-up.ts), so that V8 has type feedback for all of them by
 * the time it compiles the walk. Compiled before a branch ran, the code is thrown away when the
 * branch first runs, and compiled again: the TS walk was compiled 6–10 times per scan of the
 * issue's TS corpus, 50–160 ms of CPU each on a background thread that competes with the parses.
 * The snippet's summary is dropped; the summariser keeps nothing of a file once it returns.
 */
import { extname } from 'node:path';
import { atLeast } from './lists.js';
import { EXTENSIONS, parseFlat } from '../languages/parsers.js';
import { summarizeTs } from '../languages/ts/summarize.js';
import { WARM_UP_JS, WARM_UP_TS } from '../languages/ts/warm-up.js';

/** TS/JS files to summarise in a scan, at least, for the warm-up to pay (a few ms of interpreted code). */
export const WARM_UP_MIN_FILES = 64;
/** Runs of the snippet: V8 records feedback only once a function has a feedback vector, which it gets after some work. */
const RUNS = 3;

let warmed = false;

/** Whether `abs` is a file the TS summariser reads. */
export function isTsPath(abs: string): boolean {
  return EXTENSIONS[extname(abs)]?.language === 'ts';
}

/** Whether `requests` hold WARM_UP_MIN_FILES TS/JS files for which `miss` says they will be summarised. */
export function manyTsMisses<R extends { abs: string }>(requests: readonly R[], miss: (r: R) => boolean): boolean {
  return atLeast(requests, WARM_UP_MIN_FILES, (r) => isTsPath(r.abs) && miss(r));
}

/**
 * Summarise the snippet, once per thread. Call it only where no tree of parseFlat's is in use
 * (the snippet's parse writes into the thread's scratch arrays). Never throws: a failure costs
 * only the warm-up.
 */
export function warmUpTs(): void {
  if (warmed) return;
  warmed = true;
  try {
    for (let i = 0; i < RUNS; i++) {
      summarizeTs(parseFlat('typescript', WARM_UP_TS), WARM_UP_TS, 'src/resolvers/Query/index.ts', 'typescript');
      summarizeTs(parseFlat('javascript', WARM_UP_JS), WARM_UP_JS, 'lib/store.js', 'javascript');
    }
  } catch {
    // the snippet is ours and summarises (tested); nothing of a scan depends on it
  }
}

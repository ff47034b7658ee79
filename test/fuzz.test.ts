/**
 * Mutation fuzzing (issue 7): every Go and TS fixture file, mutated with a seeded PRNG, goes through
 * analyzeFile + runRules twice. The engine must not throw (nor turn a throw into an internal-error
 * notice), must not hang (a per-file cap, enforced by terminating the worker), and must give the same
 * result twice. LOGVOL_FUZZ_SEED and LOGVOL_FUZZ_COUNT change the seed and the number of mutants;
 * a failure prints both and the mutant's path, so it can be replayed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import fg from 'fast-glob';
import { FIXTURES } from './harness/fixtures.js';
import type { FuzzJob, FuzzMessage } from './harness/fuzz-worker.js';

const SEED = Number(process.env.LOGVOL_FUZZ_SEED ?? 20240607);
const COUNT = Number(process.env.LOGVOL_FUZZ_COUNT ?? 3000);
/** generous: a fixture-sized file takes milliseconds; only a hang or a blow-up gets near this */
const PER_FILE_CAP_MS = 10_000;

function fixtureFiles(): { abs: string; rel: string }[] {
  const rels = fg.sync(['go/**/*.go', 'ts/**/*.{ts,tsx,js,jsx,mjs,cjs}', 'demo/**/*.go'], { cwd: FIXTURES, ignore: ['**/node_modules/**'] }).sort();
  return rels.map((r) => ({ abs: join(FIXTURES, r), rel: r }));
}

function runWorker(job: FuzzJob): Promise<{ done: number; failures: string[]; slowest: number }> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./harness/fuzz-worker.js', import.meta.url), { workerData: job });
    const failures: string[] = [];
    let done = 0;
    let slowest = 0;
    let current: Extract<FuzzMessage, { type: 'start' }> | undefined;
    let watchdog: NodeJS.Timeout | undefined;
    const arm = (): void => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => {
        failures.push(`hang: mutant #${current?.index} of ${current?.file} (${current?.ops.join(', ')}) took over ${PER_FILE_CAP_MS} ms; input kept at ${current?.mutant}`);
        void worker.terminate();
      }, PER_FILE_CAP_MS + 20_000 /* worker start-up and grammar loading on the first file */ * (done === 0 ? 1 : 0));
    };
    arm();
    worker.on('message', (m: FuzzMessage) => {
      if (m.type === 'start') current = m;
      else if (m.type === 'done') {
        done++;
        slowest = Math.max(slowest, m.ms);
        if (m.ms > PER_FILE_CAP_MS) failures.push(`slow: mutant #${m.index} of ${current?.file} took ${Math.round(m.ms)} ms; input at ${current?.mutant}`);
      } else if (m.type === 'fail') failures.push(`mutant #${m.index} of ${m.file} (${m.ops.join(', ')}; input at ${m.mutant}): ${m.why}`);
      else if (m.type === 'end') {
        clearTimeout(watchdog);
        void worker.terminate();
        return;
      }
      arm();
    });
    worker.on('error', (e) => failures.push(`worker died: ${e.stack ?? e.message}`));
    worker.on('exit', () => {
      clearTimeout(watchdog);
      resolve({ done, failures, slowest });
    });
  });
}

test(`fuzz: ${COUNT} seeded mutants of the fixtures (seed ${SEED}) never throw, hang or differ between runs`, { timeout: 15 * 60_000 }, async () => {
  const files = fixtureFiles();
  assert.ok(files.length >= 10, `fixture files found: ${files.map((f) => relative(FIXTURES, f.abs)).join(', ')}`);
  assert.ok(files.some((f) => f.rel.endsWith('.go')) && files.some((f) => /\.[jt]sx?$/.test(f.rel)), 'both Go and TS fixtures');
  const workers = Math.max(1, Math.min(2, availableParallelism()));
  const slice = Math.ceil(COUNT / workers);
  const results = await Promise.all(
    Array.from({ length: workers }, (_, w) => runWorker({ files, seed: SEED, from: w * slice, to: Math.min(COUNT, (w + 1) * slice) })),
  );
  const failures = results.flatMap((r) => r.failures);
  assert.deepEqual(failures, [], `replay with LOGVOL_FUZZ_SEED=${SEED} LOGVOL_FUZZ_COUNT=${COUNT}`);
  assert.equal(results.reduce((n, r) => n + r.done, 0), COUNT, 'every mutant was analysed');
});

/**
 * Fuzz worker: mutates fixture files and runs the engine on each mutant twice (analyzeFile, then
 * runRules), posting one message per mutant so the test can enforce a per-file time limit and
 * terminate a hung worker. Never throws: a throw is reported as a failure message.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { analyzeFile } from '../../src/engine/analyze-file.js';
import { runRules } from '../../src/engine/scan.js';
import { loadConfig } from '../../src/config/load.js';
import { rules } from '../../rules/index.js';
import type { Notice } from '../../src/languages/types.js';
import { mutate, prng } from './fuzz.js';

export interface FuzzJob {
  files: { abs: string; rel: string }[];
  seed: number;
  /** mutants [from, to) of the seeded sequence */
  from: number;
  to: number;
}

export type FuzzMessage =
  | { type: 'start'; index: number; file: string; ops: string[]; mutant: string }
  | { type: 'done'; index: number; ms: number; findings: number }
  | { type: 'fail'; index: number; file: string; ops: string[]; mutant: string; why: string }
  | { type: 'end' };

const job = workerData as FuzzJob;
const port = parentPort!;
// the mutants' directory: removed at the end unless a mutant failed (the failure names its file)
const dir = mkdtempSync(join(tmpdir(), 'logvol-fuzz-'));
let failed = false;
const config = loadConfig({ cwd: dir, rules });
const sources = job.files.map((f) => readFileSync(f.abs));

function once(abs: string, rel: string): string {
  const r = analyzeFile({ abs, rel, pkgPath: 'example.com/fuzz/pkg', maxFileSize: 2_000_000 });
  const notices: Notice[] = [...r.notices];
  const result = runRules(r.summary ? [r.summary] : [], rules, config, notices, 1);
  return JSON.stringify({ findings: result.findings, suppressed: result.suppressed, notices: result.notices, unused: result.unusedSuppressions });
}

// one PRNG stream for the whole run, so mutant i is the same whatever the split across workers
const rand = prng(job.seed);
for (let i = 0; i < job.to; i++) {
  const pick = Math.floor(rand() * job.files.length);
  const { out, ops } = mutate(sources[pick]!, rand);
  if (i < job.from) continue;
  const file = job.files[pick]!;
  const mutant = join(dir, `m${i}${extname(file.abs)}`);
  writeFileSync(mutant, out);
  port.postMessage({ type: 'start', index: i, file: file.rel, ops, mutant } satisfies FuzzMessage);
  const t0 = performance.now();
  try {
    const a = once(mutant, file.rel);
    const b = once(mutant, file.rel);
    if (a !== b) throw new Error('not deterministic: two runs on the same input gave different results');
    const crash = (JSON.parse(a) as { notices: Notice[] }).notices.find((n) => n.kind === 'error');
    if (crash) throw new Error(`internal error notice: ${crash.message}`);
    port.postMessage({ type: 'done', index: i, ms: performance.now() - t0, findings: (JSON.parse(a) as { findings: unknown[] }).findings.length } satisfies FuzzMessage);
  } catch (e) {
    failed = true;
    port.postMessage({ type: 'fail', index: i, file: file.rel, ops, mutant, why: (e as Error).stack ?? String(e) } satisfies FuzzMessage);
  }
}
if (!failed) rmSync(dir, { recursive: true, force: true });
port.postMessage({ type: 'end' } satisfies FuzzMessage);

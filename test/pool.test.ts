/**
 * The analysis loop (src/engine/pool.ts analyzeInOrder): parses run ahead on the thread pool and
 * are summarised in whatever order they finish, yet every result reaches the caller in discovery
 * order and equals a plain one-file analysis; so does the worker pool (analyzeInPool), which hands
 * results over while it goes on and keeps only a bounded number of files ahead; the V8 tuning of the CLI never changes a report.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeInOrder, analyzeInPool } from '../src/engine/pool.js';
import { pathToFileURL } from 'node:url';
import { analyzeFile, type AnalyzeResult } from '../src/engine/analyze-file.js';
import { buildRequests } from '../src/engine/scan.js';
import { GO_MOD, assertFixtureScanUnchangedBy, logvol, tempProject } from './harness/cli.js';
import { REPO } from './harness/fixtures.js';
import { scratchDir } from './harness/tmp.js';

function bigGoFile(funcs: number): string {
  let s = 'package svc\n\nimport "fmt"\n\n';
  for (let i = 0; i < funcs; i++) s += `func F${i}(x int) int {\n\tif x > ${i} {\n\t\tfmt.Println("x", x)\n\t}\n\treturn x + ${i}\n}\n\n`;
  return s;
}

test('results come in discovery order and equal a one-file analysis, with a slow large file first and many files waiting behind it', async () => {
  const files: Record<string, string> = { 'go.mod': GO_MOD, 'svc/aaa_big.go': bigGoFile(6000) };
  for (let i = 0; i < 300; i++) files[`svc/f${String(i).padStart(3, '0')}.go`] = `package svc\n\nfunc G${i}() int { return F${i}(${i}) }\n`;
  files['svc/broken.go'] = 'package svc\n\nfunc (\n';
  const dir = tempProject(files);
  const rels = Object.keys(files).filter((f) => f.endsWith('.go')).sort();
  const requests = buildRequests(rels.map((rel) => ({ abs: join(dir, rel), rel })), dir, { maxFileSize: 1e7 });
  const seen: number[] = [];
  const results: AnalyzeResult[] = [];
  await analyzeInOrder(requests, (r, i) => {
    seen.push(i);
    results.push(r);
  });
  assert.deepEqual(seen, rels.map((_, i) => i));
  assert.equal(results.length, rels.length);
  results.forEach((r, i) => assert.deepEqual(r, analyzeFile(requests[i]!), rels[i]));
  assert.equal(results[0]!.summary?.functions.length, 6000);
});

test('the worker pool hands results over in discovery order while it goes on, never more than a window of files ahead', async () => {
  const files: Record<string, string> = { 'go.mod': GO_MOD, 'svc/aaa_big.go': bigGoFile(3000) };
  for (let i = 0; i < 1200; i++) files[`svc/f${String(i).padStart(4, '0')}.go`] = `package svc\n\nfunc G${i}() int { return F${i}(${i}) }\n`;
  files['svc/broken.go'] = 'package svc\n\nfunc (\n';
  const dir = tempProject(files);
  const cacheDir = scratchDir('logvol-pool-');
  const rels = Object.keys(files).filter((f) => f.endsWith('.go')).sort();
  const requests = buildRequests(rels.map((rel) => ({ abs: join(dir, rel), rel })), dir, { maxFileSize: 1e7, cacheDir });
  // the workers store each file's entry in the cache as they analyse it: how far they got
  const stored = (): number => readdirSync(cacheDir, { recursive: true }).filter((f) => String(f).endsWith('.json')).length;
  let atFirst = -1;
  const seen: number[] = [];
  const results: AnalyzeResult[] = [];
  await analyzeInPool(requests, 2, (r, i) => {
    if (i === 0) atFirst = stored();
    seen.push(i);
    results.push(r);
  });
  assert.deepEqual(seen, rels.map((_, i) => i));
  // the first result came while most files were still to start: the pool's window (16 batches of 16)
  assert.ok(atFirst > 0 && atFirst <= 16 * 16, `entries stored when the first result came: ${atFirst}`);
  assert.equal(stored(), rels.length);
  results.forEach((r, i) => {
    delete r.key; // the cache key, set by the cache and never stored
    assert.deepEqual(r, analyzeFile(requests[i]!), rels[i]);
  });
  assert.equal(results[0]!.summary?.functions.length, 3000);
});

test('workers stopped while two lists run on the pool (a prefilter round beside the first stream): the scan fails once, nothing is left unhandled', () => {
  // a/: a TS group whose next round (util.ts's 70 importers, once util.ts turns out to print)
  // goes to the pool while the first stream still runs b/'s Go files
  const files: Record<string, string> = {
    'go.mod': GO_MOD,
    'a/handler.ts': "import createDebug from 'debug';\nimport { note } from './util';\n\nconst dbg = createDebug('svc');\n\nexport function warmup(): void {\n  note(dbg, 'warm');\n}\n",
    'a/util.ts': 'export function note(d: any, v: unknown): void {\n  d(v);\n}\n',
  };
  for (let i = 0; i < 70; i++) files[`a/imp${i}.ts`] = `import { note } from './util';\n\nexport function f${i}(): void {\n  note(undefined, ${i});\n}\n`;
  for (let i = 0; i < 1500; i++) files[`b/f${i}.go`] = `package b\n\nimport "fmt"\n\nfunc F${i}(x int) {\n\tfmt.Println("x", x)\n}\n`;
  const dir = tempProject(files);
  const url = (rel: string): string => JSON.stringify(pathToFileURL(join(REPO, rel)).href);
  const script = `
    process.on('unhandledRejection', (e) => { console.log('unhandled: ' + (e && e.message)); process.exit(9); });
    const { scan } = await import(${url('dist/src/engine/scan.js')});
    const { stopWorkers } = await import(${url('dist/src/engine/pool.js')});
    const { loadConfig } = await import(${url('dist/src/config/load.js')});
    const { rules } = await import(${url('dist/rules/index.js')});
    const dir = ${JSON.stringify(dir)};
    let first = 0;
    let stopped = false;
    const onProgress = (done, total) => {
      first ||= total;
      // the next round (70 files) has joined the first stream: stop the workers, as a signal does
      if (!stopped && total >= first + 70 && done < total) {
        stopped = true;
        void stopWorkers();
      }
    };
    let outcome = 'completed';
    try {
      await scan({ cwd: dir, root: dir, paths: [], config: loadConfig({ cwd: dir, rules }), rules, jobs: 2, onProgress });
    } catch {
      outcome = 'failed';
    }
    await new Promise((r) => setTimeout(r, 1000));
    console.log(JSON.stringify({ outcome, stopped }));
  `;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, encoding: 'utf8' });
  assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
  assert.deepEqual(JSON.parse(r.stdout.trim().split('\n').pop()!), { outcome: 'failed', stopped: true });
});

test('the CLI reports the same bytes with and without its V8 tuning (LOGVOL_V8_TUNING=0)', () => {
  assertFixtureScanUnchangedBy({ LOGVOL_V8_TUNING: '0' });
});

test('the build recorded a code cache that the CLI uses, and reports are the same bytes without it', () => {
  const r = logvol(['--version'], REPO, { LOGVOL_CODE_CACHE: 'report' });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /^logvol: code cache used$/m);
  assertFixtureScanUnchangedBy({ LOGVOL_CODE_CACHE: '0' });
});

test('a code cache recorded for another build of the CLI is not used', () => {
  // a copy of the entry point and bundle whose cache stamp names another file size
  const dir = tempProject({ 'package.json': readFileSync(join(REPO, 'package.json'), 'utf8') });
  mkdirSync(join(dir, 'bin'));
  mkdirSync(join(dir, 'dist', 'cli'), { recursive: true });
  copyFileSync(join(REPO, 'bin', 'logvol.js'), join(dir, 'bin', 'logvol.js'));
  copyFileSync(join(REPO, 'dist', 'cli', 'main.cjs'), join(dir, 'dist', 'cli', 'main.cjs'));
  const cache = readFileSync(join(REPO, 'dist', 'cli', 'main.v8cache'));
  const nl = cache.indexOf(10);
  writeFileSync(join(dir, 'dist', 'cli', 'main.v8cache'), Buffer.concat([Buffer.from('logvol-code-cache 1 1\n'), cache.subarray(nl + 1)]));
  const r = spawnSync(process.execPath, [join(dir, 'bin', 'logvol.js'), '--version'], { encoding: 'utf8', env: { ...process.env, LOGVOL_CODE_CACHE: 'report' } });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /^logvol: code cache absent$/m);
});

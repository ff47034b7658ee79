/**
 * Cache entries in two lines (cache.ts splitEntry): what a summary is read back as, whole and for
 * the module model only, and that a run reporting on some files reads the others' entries for the
 * model only.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fg from 'fast-glob';
import { analyzeFile } from '../src/engine/analyze-file.js';
import { cacheKey, isModelOnly, openCached, readKey, splitEntry } from '../src/engine/cache.js';
import { modelInput } from '../src/engine/model-snapshot.js';
import { FIXTURES, REPO } from './harness/fixtures.js';
import { GO_MOD, HANDLER_WITH_CTX_PRINT, logvol, tempProject } from './harness/cli.js';
import { scratchDir } from './harness/tmp.js';
import { backdate, fileEntries, rewritten } from './harness/cache-entries.js';
import { runRules, scan } from '../src/engine/scan.js';
import { loadConfig } from '../src/config/load.js';
import { rules } from '../rules/index.js';

const SOURCES = fg.sync('**/*.{go,ts,tsx,js,jsx,mjs,cjs}', { cwd: FIXTURES, absolute: true }).sort();

test('every fixture file: an entry reads back whole as it was stored, and for the model only with the same model input and no view parts', () => {
  assert.ok(SOURCES.length >= 60, `fixture files found: ${SOURCES.length}`);
  const cacheDir = scratchDir('logvol-entry-');
  let summaries = 0;
  for (const abs of SOURCES) {
    const rel = abs.slice(REPO.length + 1);
    const req = { abs, rel, pkgPath: 'example.com/fixture', maxFileSize: 2_000_000, cacheDir };
    const fresh = analyzeFile(req);
    const before = JSON.stringify(fresh);
    const opened = openCached(req);
    assert.ok(!opened.done, `${rel}: a miss in an empty cache`);
    const key = cacheKey(req, readFileSync(abs));
    // storing leaves the result as it was (the parts are taken out and put back)
    assert.equal(opened.store(fresh), fresh);
    delete fresh.key;
    assert.equal(JSON.stringify(fresh), before, rel);
    const whole = readKey(cacheDir, key);
    assert.ok(whole, `${rel}: stored`);
    delete whole.key;
    assert.deepEqual(whole, JSON.parse(before), `${rel}: read back whole`);
    const lean = readKey(cacheDir, key, true);
    assert.ok(lean, `${rel}: read for the model`);
    assert.deepEqual(lean.notices, fresh.notices, rel);
    if (!fresh.summary) continue;
    summaries++;
    assert.ok(isModelOnly(lean.summary!) && !isModelOnly(whole.summary!), rel);
    assert.equal(modelInput(lean.summary), modelInput(fresh.summary), `${rel}: model input`);
    // no text of the file's calls: the second line was not read
    for (const c of lean.summary!.calls) assert.equal(c.text as unknown, 0, rel);
    assert.equal(lean.summary!.imports as unknown, 0, rel);
  }
  assert.ok(summaries >= 60, `summaries checked: ${summaries}`);
});

test('an entry splits only what views read: the calls a file makes stay on the first line', () => {
  const abs = join(FIXTURES, 'demo', 'internal', 'handler', 'product.go');
  const r = analyzeFile({ abs, rel: 'fixtures/demo/internal/handler/product.go', pkgPath: 'example.com/demo', maxFileSize: 2_000_000 });
  const [first, second, ...rest] = splitEntry(r).split('\n');
  assert.equal(rest.length, 0);
  const lean = JSON.parse(first!) as { summary: { calls: { callee: unknown; text: unknown }[] } };
  assert.deepEqual(
    lean.summary.calls.map((c) => c.callee),
    r.summary!.calls.map((c) => c.callee),
  );
  const values = JSON.parse(second!) as unknown[];
  assert.ok(values.includes(r.summary!.calls[0]!.text));
  // a result without a summary (a skipped file) has no parts
  assert.equal(splitEntry({ notices: [] }), '{"notices":[]}\n[]');
});

for (const [lang, files, edited, addCall] of [
  [
    'Go',
    {
      'go.mod': GO_MOD,
      'h/h.go': HANDLER_WITH_CTX_PRINT,
      'h/log.go': 'package handler\n\nimport "log"\n\nfunc logf(format string, args ...any) {\n\tlog.Printf(format, args...)\n}\n',
      'h/o1.go': 'package handler\n\nfunc Other1() { logf("one %d", 1) }\n',
      'h/o2.go': 'package handler\n\nfunc Other2() { Other1() }\n',
    },
    'h/h.go',
    (t: string): string => t.replace('fmt.Printf("Context => %v", ctx)', 'fmt.Printf("Context => %v", ctx)\n\tlogf("again %v", ctx)\n\tOther2()'),
  ],
  [
    'TS',
    {
      'package.json': '{"name":"svc"}',
      'src/app.ts': "import express from 'express';\nimport { handle } from './handler';\nconst app = express();\napp.get('/x', handle);\n",
      'src/handler.ts': "import { logIt } from './log';\nexport function handle(req: any, res: any) {\n  logIt(req.headers);\n  res.send('ok');\n}\n",
      'src/log.ts': 'export function logIt(x: unknown) {\n  console.log(x);\n}\n',
      'src/other.ts': "import { logIt } from './log';\nexport function other() { logIt('static'); }\n",
    },
    'src/handler.ts',
    (t: string): string => t.replace('  res.send', '  logIt(req);\n  res.send'),
  ],
] as const) {
  test(`${lang}: a run reporting on one file reads the other files' entries for the model only, with the report of a run without the cache`, () => {
    const dir = tempProject(files);
    const cache = scratchDir('logvol-entry-cache-');
    const flags = ['-f', 'json', '--cache', '--cache-location', cache];
    logvol(['scan', '.', ...flags], dir);
    // an edit that adds calls: no stored model or result answers, every other summary is read
    writeFileSync(join(dir, edited), addCall(readFileSync(join(dir, edited), 'utf8')));
    // break every entry's second line, and date them: an entry read whole would now be a miss,
    // analysed again and stored with a new time
    const stored = fileEntries(cache);
    assert.ok(stored.length >= Object.keys(files).length - 2, `entries: ${stored.length}`);
    for (const e of stored) {
      const text = readFileSync(e, 'utf8');
      writeFileSync(e, `${text.slice(0, text.indexOf('\n') + 1)}[`);
    }
    backdate(stored);
    const cached = logvol(['scan', edited, ...flags], dir);
    const plain = logvol(['scan', edited, '-f', 'json'], dir);
    assert.equal(cached.stderr, '');
    assert.equal(cached.stdout, plain.stdout);
    assert.equal(cached.code, plain.code);
    const findings = (JSON.parse(plain.stdout) as { findings: unknown[] }).findings;
    assert.ok(findings.length > 0, 'the edited file has findings');
    // the edited file's old entry is still dated (its model input was read for the model only, if
    // at all); every other file's entry was read for the model only: none analysed again
    assert.deepEqual(rewritten(stored), []);
  });
}

test('a summary read for the model only is never reported on: the rules refuse it', () => {
  const cacheDir = scratchDir('logvol-entry-');
  const abs = join(FIXTURES, 'demo', 'internal', 'handler', 'product.go');
  const req = { abs, rel: 'fixtures/demo/internal/handler/product.go', pkgPath: 'example.com/demo', maxFileSize: 2_000_000, cacheDir };
  const opened = openCached(req);
  assert.ok(!opened.done);
  const key = opened.store(analyzeFile(req)).key!;
  const config = loadConfig({ cwd: REPO, rules });
  const lean = readKey(cacheDir, key, true)!.summary!;
  assert.throws(() => runRules([lean], rules, config, [], 1), /read for the module model only, and is reported on/);
  // reporting on another file only, it is the model's input like any summary
  assert.equal(runRules([lean], rules, config, [], 1, {}, new Set(['elsewhere.go'])).findings.length, 0);
  assert.equal(runRules([readKey(cacheDir, key)!.summary!], rules, config, [], 1).findings.length, 1);
});

test('a worker pool never hands back a summary read for the model only: entries another process stores mid-run are read whole', async () => {
  // a Go package past the pool's threshold (64 misses), compacted like a group of 1,024 files;
  // `alone` has the reported file only: the same path, package and bytes, so the same entry
  const files: Record<string, string> = { 'go.mod': GO_MOD, 'h/h.go': HANDLER_WITH_CTX_PRINT };
  for (let i = 1; i < 100; i++) files[`h/o${i}.go`] = `package handler\n\nimport "fmt"\n\nfunc Other${i}() { fmt.Println("x") }\n`;
  const dir = tempProject(files);
  const alone = tempProject({ 'go.mod': GO_MOD, 'h/h.go': HANDLER_WITH_CTX_PRINT });
  const other = scratchDir('logvol-entry-other-');
  const cache = scratchDir('logvol-entry-cache-');
  const config = loadConfig({ cwd: dir, rules });
  await scan({ cwd: dir, root: dir, paths: ['.'], config, rules, cacheDir: other, jobs: 1 });
  await scan({ cwd: alone, root: alone, paths: ['.'], config: loadConfig({ cwd: alone, rules }), rules, cacheDir: cache, jobs: 1 });
  // a pre-commit run on h/h.go: its entry is a hit, the others miss on this thread; then, before
  // the pool looks them up again, another process (a parallel pre-commit run) stores them all
  let stored = false;
  const onProgress = (): void => {
    if (stored) return;
    stored = true;
    for (const s of readdirSync(other).filter((n) => /^[0-9a-f]{2}$/.test(n))) cpSync(join(other, s), join(cache, s), { recursive: true });
  };
  const only = new Set(['h/h.go']);
  const run = (cacheDir?: string) =>
    scan({ cwd: dir, root: dir, paths: [dir, join(dir, 'h/h.go')], config, rules, jobs: 2, reportOnly: only, compactMinFiles: 0, ...(cacheDir ? { cacheDir, onProgress } : {}) });
  const cached = await run(cache);
  assert.ok(stored, 'the entries arrived mid-run');
  const plain = await run();
  assert.equal(cached.findings.length, 1);
  assert.deepEqual(cached.findings, plain.findings);
  assert.deepEqual(cached.notices, plain.notices);
});

test('an entry read for the model only is read to the end of its first line, however long, and a file without one is a miss', () => {
  const cacheDir = scratchDir('logvol-entry-');
  // entries as cache.ts lays them out: CACHE/xx/KEY.json
  const put = (key: string, text: string): void => {
    mkdirSync(join(cacheDir, key.slice(0, 2)), { recursive: true });
    writeFileSync(join(cacheDir, key.slice(0, 2), `${key}.json`), text);
  };
  const long = 'x'.repeat(300_000); // past the first read's 64 kB, twice over
  const padOf = (r: unknown): unknown => (r as { pad?: unknown } | undefined)?.pad;
  put('aa01', `{"notices":[],"pad":"${long}"}\n[]`);
  put('aa02', JSON.stringify({ notices: [] })); // no line end: a truncated write
  put('aa03', `${JSON.stringify({ notices: [{ path: 'b.go', kind: 'skip', message: 'short' }] })}\n${'y'.repeat(200_000)}`);
  // no line end, and shorter than what the long line left in the buffer: with that line's rest
  // (`xxx…"}` and its line end) it would read as valid JSON
  put('aa04', `{"notices":[],"pad":"${'z'.repeat(70_000)}`);
  assert.equal(padOf(readKey(cacheDir, 'aa01', true)), long);
  assert.equal(readKey(cacheDir, 'aa02', true), undefined);
  assert.equal(readKey(cacheDir, 'aa03', true)?.notices[0]?.message, 'short');
  assert.equal(readKey(cacheDir, 'aa01', true)?.notices.length, 0);
  assert.equal(readKey(cacheDir, 'aa04', true), undefined);
  // read whole, the same entries
  assert.equal(padOf(readKey(cacheDir, 'aa01')), long);
  assert.equal(readKey(cacheDir, 'aa02'), undefined);
});

/**
 * `--cache`: same report warm as cold, keyed by content, corrupt entries are misses, parallel
 * processes share a directory safely, and a warm run parses nothing (no grammar is loaded).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fg from 'fast-glob';
import { BIN, GO_MOD, HANDLER_WITH_CTX_PRINT, logvol, tempProject, type Run } from './harness/cli.js';
import { REPO } from './harness/fixtures.js';
import { StatIndex } from '../src/engine/stat-index.js';
import { asciiJson, CACHE_FORMAT, fileKey, readCacheText } from '../src/engine/cache.js';
import { buildRequests, scan } from '../src/engine/scan.js';
import { loadConfig } from '../src/config/load.js';
import { rules } from '../rules/index.js';
import { scratchDir } from './harness/tmp.js';
import { backdate, fileEntries, rewritten } from './harness/cache-entries.js';

/** Per-file entries (the whole-scan results live in results/, the metadata index in stat/). */
function entries(dir: string): string[] {
  const out: string[] = [];
  for (const sub of readdirSync(dir)) if (sub !== 'results' && sub !== 'stat') for (const f of readdirSync(join(dir, sub))) out.push(join(dir, sub, f));
  return out.sort();
}

/**
 * One Go package of `n` files, one of them HANDLER_WITH_CTX_PRINT (one finding) and the rest empty
 * functions; the prefilter analyses the whole package. Past pool.ts MIN_FILES_FOR_POOL (64) files
 * `--jobs 2` runs the worker pool; below it every file goes through analyzeInOrder.
 */
function goPackage(n: number): Record<string, string> {
  const files: Record<string, string> = { 'go.mod': GO_MOD, 'h/h.go': HANDLER_WITH_CTX_PRINT };
  for (let i = 1; i < n; i++) files[`h/o${i}.go`] = `package handler\n\nfunc Other${i}() {}\n`;
  return files;
}
const POOL_FILES = 72;

/** Every file under the cache directory, every layer. */
function cacheFiles(dir: string): string[] {
  return fg.sync('**/*', { cwd: dir, absolute: true, dot: true }).sort();
}

const RESULT_MARK = /from the result cache/;

/**
 * Add a notice (RESULT_MARK) to every stored whole-scan result, and `tamper` with it: a run that a
 * stored result answers prints the mark, a run that computes its result does not.
 */
function markResults(cache: string, tamper: (stored: { notices: unknown[]; ruleIds: string[] }) => void = () => undefined): void {
  const d = join(cache, 'results');
  for (const n of existsSync(d) ? readdirSync(d).filter((x) => x.endsWith('.json')) : []) {
    const stored = JSON.parse(readFileSync(join(d, n), 'utf8')) as { notices: unknown[]; ruleIds: string[] };
    stored.notices.push({ path: 'MARK', kind: 'skip', message: 'from the result cache' });
    tamper(stored);
    writeFileSync(join(d, n), JSON.stringify(stored));
  }
}

test('a warm scan prints the same report as a cold one and as no cache at all, for any --jobs', () => {
  const cache = scratchDir('logvol-cache-');
  const args = ['scan', 'fixtures/go', '-f', 'json'];
  const plain = logvol(args, REPO);
  assert.equal(plain.code, 1, plain.stderr);
  const cold = logvol([...args, '--cache', '--cache-location', cache, '--jobs', '2'], REPO);
  const stored = entries(cache);
  assert.ok(stored.length > 10, `cache entries written: ${stored.length}`);
  const warm1 = logvol([...args, '--cache', '--cache-location', cache, '--jobs', '1'], REPO);
  const warm2 = logvol([...args, '--cache', '--cache-location', cache, '--jobs', '2'], REPO);
  for (const r of [cold, warm1, warm2]) {
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stdout, plain.stdout);
  }
  assert.deepEqual(entries(cache), stored, 'a warm run writes nothing');
  // without the whole-scan result: every summary from the per-file cache, the model rebuilt. A
  // miss would store its entry again under the same name: every entry is read, none rewritten
  const summaries = fileEntries(cache);
  assert.ok(summaries.length > 10, `per-file entries: ${summaries.length}`);
  backdate(summaries);
  for (const jobs of ['1', '2']) {
    rmSync(join(cache, 'results'), { recursive: true, force: true });
    const perFile = logvol([...args, '--cache', '--cache-location', cache, '--jobs', jobs], REPO);
    assert.equal(perFile.stdout, plain.stdout);
    assert.deepEqual(entries(cache), stored);
    assert.deepEqual(rewritten(summaries), [], `--jobs ${jobs}: entries read, not analysed again`);
  }
});

test('an edited file is re-analysed; the unchanged files come from the cache', () => {
  const cache = scratchDir('logvol-cache-');
  const dir = tempProject({ 'go.mod': GO_MOD, 'h/h.go': HANDLER_WITH_CTX_PRINT, 'h/other.go': 'package handler\n\nfunc Other() {}\n' });
  const flags = ['-f', 'json', '--cache', '--cache-location', cache];
  assert.equal(logvol(['scan', '.', ...flags], dir).code, 1);
  const before = entries(cache);
  const summaries = fileEntries(cache);
  assert.equal(summaries.length, 2);
  backdate(summaries);
  writeFileSync(join(dir, 'h/h.go'), HANDLER_WITH_CTX_PRINT.replace('fmt.Printf("Context => %v", ctx)', 'fmt.Printf("Context => %p", ctx)'));
  const r = logvol(['scan', '.', ...flags], dir);
  assert.equal(r.code, 0, r.stdout);
  assert.equal(r.stdout, logvol(['scan', '.', '-f', 'json'], dir).stdout);
  const after = entries(cache);
  assert.equal(after.length, before.length + 1, 'one new entry, for the edited file');
  // h/other.go's entry was read (a miss would have stored it again), and the old h/h.go entry left alone
  assert.deepEqual(rewritten(summaries), []);
  assert.equal(fileEntries(cache).filter((e) => !summaries.includes(e)).length, 1);
});

test('corrupt, truncated or foreign cache entries are misses, never errors', () => {
  const cache = scratchDir('logvol-cache-');
  // five files of one package, all analysed: each form below lands on five entries
  const dir = tempProject(goPackage(5));
  const flags = ['-f', 'json', '--cache', '--cache-location', cache];
  const cold = logvol(['scan', '.', ...flags], dir);
  assert.equal(cold.code, 1);
  assert.equal(fileEntries(cache).length, 5);
  // each form in turn written over every file of the cache (per-file entries and every other
  // layer, the stored whole-scan result too, which would answer before any entry is read)
  for (const form of ['{"summary": {"pa', 'null', '[]', '"x"']) {
    const summaries = fileEntries(cache);
    for (const f of cacheFiles(cache)) writeFileSync(f, form);
    const r = logvol(['scan', '.', ...flags], dir);
    assert.equal(r.code, 1, `${form}: ${r.stderr}`);
    assert.equal(r.stdout, cold.stdout, form);
    assert.equal(r.stderr, '', form);
    // every entry was a miss: analysed again and stored whole
    for (const e of summaries) assert.ok(Array.isArray((JSON.parse(firstLine(e)) as { notices?: unknown }).notices), `${form}: ${e} stored again`);
  }
  // an entry whose first line holds and whose second (the parts only views read) does not: a miss
  // too, for a run that reports on the file
  for (const [what, second] of [
    ['truncated', (t: string): string => t.slice(0, -3)],
    ['one part short', (t: string): string => JSON.stringify((JSON.parse(t) as unknown[]).slice(1))],
    ['every part null', (t: string): string => JSON.stringify((JSON.parse(t) as unknown[]).map(() => null))],
    ['absent', (): string => ''],
  ] as const) {
    const summaries = fileEntries(cache);
    rmSync(join(cache, 'results'), { recursive: true, force: true });
    for (const e of summaries) {
      const text = readFileSync(e, 'utf8');
      const nl = text.indexOf('\n');
      writeFileSync(e, what === 'absent' ? text.slice(0, nl) : `${text.slice(0, nl + 1)}${second(text.slice(nl + 1))}`);
    }
    backdate(summaries);
    const r = logvol(['scan', '.', ...flags], dir);
    assert.equal(r.stdout, cold.stdout, what);
    assert.equal(r.stderr, '', what);
    assert.deepEqual(rewritten(summaries), summaries, `${what}: every entry analysed again`);
  }
});

/** A cache entry's first line: the result less what only views read (cache.ts splitEntry). */
function firstLine(entry: string): string {
  const text = readFileSync(entry, 'utf8');
  return text.slice(0, text.indexOf('\n'));
}

test('parallel processes sharing one cache directory agree and leave no temporary files', async () => {
  const cache = scratchDir('logvol-cache-');
  const plain = logvol(['scan', 'fixtures/go', '-f', 'json'], REPO).stdout;
  const run = (): Promise<string> =>
    new Promise((resolve, reject) => {
      const p = spawn(process.execPath, [BIN, 'scan', 'fixtures/go', '-f', 'json', '--cache', '--cache-location', cache], { cwd: REPO, env: { ...process.env, NO_COLOR: '1' } });
      let out = '';
      p.stdout.on('data', (d: Buffer) => (out += d.toString()));
      p.on('error', reject);
      p.on('close', () => resolve(out));
    });
  const outs = await Promise.all([run(), run(), run(), run()]);
  for (const o of outs) assert.equal(o, plain);
  // anywhere in the cache directory: the entries, results/, stat/ and every other layer
  assert.deepEqual(fg.sync('**/*.tmp', { cwd: cache, dot: true }), []);
});

test('a fully warm run parses nothing: every entry is read, none analysed again, the grammars and the worker pool are never loaded; one edit starts no pool', () => {
  const cache = scratchDir('logvol-cache-');
  // enough files for the worker pool with --jobs 2 (its cache lookups run on this thread)
  const dir = tempProject(goPackage(POOL_FILES));
  assert.equal(logvol(['scan', '.', '--cache', '--cache-location', cache, '--jobs', '2'], dir).code, 1);
  const summaries = fileEntries(cache);
  assert.equal(summaries.length, POOL_FILES);
  // mark the handler's entry (the printed expression's text, with the parts only views read on
  // its second line): a finding made from it says so
  const handler = summaries.filter((e) => readFileSync(e, 'utf8').split('\n')[1]!.includes('"ctx"'));
  assert.equal(handler.length, 1);
  const [first, views] = readFileSync(handler[0]!, 'utf8').split('\n');
  writeFileSync(handler[0]!, `${first}\n${views!.replace('"ctx"', '"ctxFromTheEntry"')}`);
  backdate(summaries);
  // a second process: scan through the API, then ask Node which native modules were loaded
  const script = (cacheDir: string, jobs: number): string => `
    import { createRequire } from 'node:module';
    const { scan } = await import(${JSON.stringify(pathToFileURL(join(REPO, 'dist/src/engine/scan.js')).href)});
    const { loadConfig } = await import(${JSON.stringify(pathToFileURL(join(REPO, 'dist/src/config/load.js')).href)});
    const { rules } = await import(${JSON.stringify(pathToFileURL(join(REPO, 'dist/rules/index.js')).href)});
    const config = loadConfig({ cwd: ${JSON.stringify(dir)}, rules });
    const r = await scan({ cwd: ${JSON.stringify(dir)}, root: ${JSON.stringify(dir)}, paths: [], config, rules, jobs: ${jobs}, cacheDir: ${JSON.stringify(cacheDir)} });
    // the grammars, and the worker pool (piscina is required when a pool starts)
    const loaded = Object.keys(createRequire(import.meta.url).cache).filter((k) => /tree-sitter|piscina/.test(k));
    console.log(JSON.stringify({ findings: r.findings.map((f) => f.data.expr), loaded }));
  `;
  const run = (cacheDir: string, jobs: number): { findings: string[]; loaded: string[] } => {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script(cacheDir, jobs)], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout) as { findings: string[]; loaded: string[] };
  };
  // in this thread (--jobs 1), and with the pool (--jobs 2), without the stored whole-scan result
  // (which would answer before any entry is read)
  for (const jobs of [1, 2]) {
    rmSync(join(cache, 'results'), { recursive: true, force: true });
    assert.deepEqual(run(cache, jobs), { findings: ['ctxFromTheEntry'], loaded: [] }, `jobs ${jobs}`);
    assert.deepEqual(rewritten(summaries), [], `jobs ${jobs}: no file analysed again`);
  }
  // and the same script on a cold cache does load the Go grammar, and with --jobs 2 the pool (the checks can fail)
  const cold = run(scratchDir('logvol-cache-'), 1);
  assert.deepEqual(cold.findings, ['ctx']);
  assert.ok(cold.loaded.some((k) => /tree-sitter-go/.test(k)));
  assert.ok(run(scratchDir('logvol-cache-'), 2).loaded.some((k) => /piscina/.test(k)));
  // one file edited since the warm run: it is parsed in this thread, and no worker starts for it
  const other = fg.sync('**/*.go', { cwd: dir }).find((f) => !readFileSync(join(dir, f), 'utf8').includes('ctx'))!;
  writeFileSync(join(dir, other), `${readFileSync(join(dir, other), 'utf8')}\n// edited\n`);
  rmSync(join(cache, 'results'), { recursive: true, force: true });
  const edited = run(cache, 2);
  assert.ok(edited.loaded.some((k) => /tree-sitter-go/.test(k)), 'the edited file is parsed');
  assert.ok(!edited.loaded.some((k) => /piscina/.test(k)), 'no worker pool for one edit');
});

test('the worker pool with the cache: cold, warm from the entries, one file edited; the same bytes as no cache', () => {
  const cache = scratchDir('logvol-cache-');
  const dir = tempProject(goPackage(POOL_FILES));
  const args = ['scan', '.', '-f', 'json', '--jobs', '2'];
  const cached = [...args, '--cache', '--cache-location', cache];
  const plain = logvol(args, dir);
  assert.equal(plain.code, 1, plain.stderr);
  assert.equal(logvol(['scan', '.', '-f', 'json', '--jobs', '1'], dir).stdout, plain.stdout);
  // cold: every file analysed by the workers, each stored
  const cold = logvol(cached, dir);
  assert.equal(cold.stdout, plain.stdout);
  assert.equal(cold.stderr, plain.stderr);
  const summaries = fileEntries(cache);
  assert.equal(summaries.length, POOL_FILES);
  backdate(summaries);
  // warm without the stored whole-scan result: every file a hit, looked up before the pool
  rmSync(join(cache, 'results'), { recursive: true, force: true });
  const warm = logvol(cached, dir);
  assert.equal(warm.stdout, plain.stdout);
  assert.equal(warm.stderr, plain.stderr);
  assert.deepEqual(rewritten(summaries), []);
  // one file edited: hits and a miss, the miss analysed by a worker and stored
  writeFileSync(join(dir, 'h/o1.go'), 'package handler\n\nimport (\n\t"context"\n\t"fmt"\n)\n\nfunc Other1(ctx context.Context) {\n\tfmt.Println(ctx)\n}\n');
  rmSync(join(cache, 'results'), { recursive: true, force: true });
  const edited = logvol(args, dir);
  assert.equal(edited.code, 1, edited.stderr);
  assert.notEqual(edited.stdout, plain.stdout);
  const mixed = logvol(cached, dir);
  assert.equal(mixed.stdout, edited.stdout);
  assert.equal(mixed.stderr, edited.stderr);
  assert.deepEqual(rewritten(summaries), []);
  assert.equal(fileEntries(cache).length, POOL_FILES + 1);
});

test('an unchanged tree and config reuse the whole stored result; any change to what it depends on is a new key', () => {
  const cache = scratchDir('logvol-cache-');
  const dir = tempProject({
    'go.mod': GO_MOD,
    'h/h.go': HANDLER_WITH_CTX_PRINT,
    'h/h2.go': HANDLER_WITH_CTX_PRINT.replace('Handle(', 'Handle2('),
    'h/other.go': 'package handler\n\nfunc Other() {}\n',
  });
  const flags = ['-f', 'json', '--cache', '--cache-location', cache];
  const cold = logvol(['scan', '.', ...flags], dir);
  assert.equal(cold.code, 1, cold.stderr);
  assert.equal(readdirSync(join(cache, 'results')).length, 1);
  // prove the stored result is what a warm run prints: mark it, and the mark comes out
  markResults(cache);
  const warm = logvol(['scan', '.', ...flags], dir);
  assert.match(warm.stdout, RESULT_MARK);
  assert.match(warm.stderr, RESULT_MARK);
  // each change below: every stored result marked (and tampered with), and the cached run prints
  // what a run without the cache prints, no mark. A key that left the change out would find the
  // result stored by the step before it
  const fresh = (step: string, args: string[], code: number, tamper?: Parameters<typeof markResults>[1]): Run => {
    markResults(cache, tamper);
    const r = logvol([...args, ...flags], dir);
    assert.doesNotMatch(r.stdout + r.stderr, RESULT_MARK, `${step}: a stored result answered`);
    assert.equal(r.code, code, `${step}: ${r.stderr}`);
    const plain = logvol([...args, '-f', 'json'], dir);
    assert.equal(r.stdout, plain.stdout, step);
    assert.equal(r.stderr, plain.stderr, step);
    return r;
  };
  const paths = (r: Run): string[] => (JSON.parse(r.stdout) as { findings: { path: string }[] }).findings.map((f) => f.path);
  // an edited file
  writeFileSync(join(dir, 'h/other.go'), 'package handler\n\nfunc Other() { _ = 1 }\n');
  assert.deepEqual(paths(fresh('an edited file', ['scan', '.'], 1)), ['h/h.go', 'h/h2.go']);
  // the root tsconfig.json (TypeScript paths), the one file the model reads that is not analysed
  writeFileSync(join(dir, 'tsconfig.json'), '{"compilerOptions": {"baseUrl": ".", "paths": {"@h/*": ["h/*"]}}}');
  fresh('tsconfig.json', ['scan', '.'], 1);
  // a config it extends: its paths are the model's too
  writeFileSync(join(dir, 'tsconfig.base.json'), '{"compilerOptions": {"baseUrl": ".", "paths": {"@g/*": ["h/*"]}}}');
  writeFileSync(join(dir, 'tsconfig.json'), '{"extends": "./tsconfig.base.json"}');
  fresh('tsconfig.json extends a base', ['scan', '.'], 1);
  writeFileSync(join(dir, 'tsconfig.base.json'), '{"compilerOptions": {"baseUrl": ".", "paths": {"@k/*": ["h/*"]}}}');
  fresh('the extended config', ['scan', '.'], 1);
  // a TS file's own package: its nested config's paths
  mkdirSync(join(dir, 'web'), { recursive: true });
  writeFileSync(join(dir, 'web/app.ts'), "import { x } from '~/x';\nexport const y = x;\n");
  fresh('a TS file', ['scan', '.'], 1);
  writeFileSync(join(dir, 'web/tsconfig.json'), '{"compilerOptions": {"baseUrl": ".", "paths": {"~/*": ["src/*"]}}}');
  fresh('a nested tsconfig.json', ['scan', '.'], 1);
  writeFileSync(join(dir, 'web/tsconfig.json'), '{"compilerOptions": {"baseUrl": ".", "paths": {"~/*": ["lib/*"]}}}');
  fresh('the nested tsconfig.json edited', ['scan', '.'], 1);
  // without the prefilter
  fresh('--no-prefilter', ['scan', '.', '--no-prefilter'], 1);
  // a discovery notice (an explicit path that is no source file), the same files analysed
  writeFileSync(join(dir, 'NOTES.md'), 'notes\n');
  assert.match(fresh('a discovery notice', ['scan', '.', 'NOTES.md'], 1).stderr, /NOTES\.md: not a supported source file/);
  // explicit files (a pre-commit run): the same files analysed (the module), findings only in those given
  assert.deepEqual(paths(fresh('explicit h/h2.go', ['scan', 'h/h2.go'], 1)), ['h/h2.go']);
  assert.deepEqual(paths(fresh('explicit h/h.go', ['scan', 'h/h.go'], 1)), ['h/h.go']);
  // a changed config (the rule is now off)
  writeFileSync(join(dir, 'logvol.config.json'), '{"rules": {"context-print": "off"}}');
  assert.deepEqual(paths(fresh('a rule off', ['scan', '.'], 0)), []);
  // a stored result naming a rule this logvol does not have (another version's, a removed one) is a miss
  fresh('an unknown rule id', ['scan', '.'], 0, (stored) => stored.ruleIds.push('no-such-rule'));
});

test('--type-aware results are never stored whole (the TypeScript program reads files logvol does not hash)', () => {
  const cache = scratchDir('logvol-cache-');
  const dir = tempProject({ 'package.json': '{"name":"x"}', 'tsconfig.json': '{"compilerOptions":{"strict":true}}', 'src/a.ts': 'export function f(req: { body: string }) { console.log(req); }\n' });
  const r = logvol(['scan', '.', '--type-aware', '--cache', '--cache-location', cache], dir);
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  assert.equal(existsSync(join(cache, 'results')), false);
});

test('file keys are remembered by metadata: an edit that keeps size and mtime is still seen (ctime), a fresh file is not remembered', async () => {
  const dir = tempProject({ 'go.mod': GO_MOD, 'handler/handler.go': HANDLER_WITH_CTX_PRINT });
  const cache = scratchDir('logvol-cache-');
  const file = join(dir, 'handler/handler.go');
  const args = ['scan', '.', '-f', 'json', '--cache', '--cache-location', cache];
  const index = (): Record<string, unknown[]> => {
    const d = join(cache, 'stat');
    const names = existsSync(d) ? readdirSync(d) : [];
    return names.length === 1 ? (JSON.parse(readFileSync(join(d, names[0]!), 'utf8')) as Record<string, unknown[]>) : {};
  };
  // a file changed within the last two seconds is hashed every time, never remembered
  assert.equal(logvol(args, dir).code, 1);
  assert.deepEqual(Object.keys(index()), []);
  // an old mtime (whole seconds, so it can be set again exactly); setting it changes the ctime
  const then = Math.floor(Date.now() / 1000) - 3600;
  utimesSync(file, then, then);
  await new Promise((r) => setTimeout(r, 2100));
  assert.equal(logvol(args, dir).code, 1);
  assert.deepEqual(Object.keys(index()), ['handler/handler.go']);
  // same length, same mtime, other content: the ctime tells
  const before = statSync(file);
  const clean = HANDLER_WITH_CTX_PRINT.replace('fmt.Printf("Context => %v", ctx)', 'fmt.Printf("Context => %T", ctx)');
  assert.equal(clean.length, HANDLER_WITH_CTX_PRINT.length);
  writeFileSync(file, clean);
  utimesSync(file, then, then);
  assert.equal(statSync(file).mtimeMs, before.mtimeMs);
  assert.equal(statSync(file).size, before.size);
  const edited = logvol(args, dir);
  assert.equal(edited.code, 0, edited.stdout);
  assert.equal(edited.stdout, logvol(['scan', '.', '-f', 'json'], dir).stdout);
  // a corrupt index is no index
  writeFileSync(join(cache, 'stat', readdirSync(join(cache, 'stat'))[0]!), '{"handler/handler.go": [1, 2');
  assert.equal(logvol(args, dir).stdout, edited.stdout);
});

test('a remembered file key holds only for the settings it was computed with: a renamed Go module, another --max-file-size', async () => {
  const dir = scratchDir('logvol-test-');
  cpSync(join(REPO, 'fixtures/go/gin-shop'), dir, { recursive: true });
  const cache = scratchDir('logvol-cache-');
  const sources = fg.sync('**/*.go', { cwd: dir, absolute: true });
  assert.equal(sources.length, 13);
  // out of the racy window (mtime and ctime two seconds old): each file's key is remembered
  backdate(sources);
  await new Promise((r) => setTimeout(r, 2100));
  const run = (extra: string[] = []): string => {
    const r = logvol(['scan', '.', '-f', 'json', ...extra, '--cache', '--cache-location', cache], dir);
    const plain = logvol(['scan', '.', '-f', 'json', ...extra], dir);
    assert.equal(r.code, plain.code, r.stderr);
    assert.equal(r.stdout, plain.stdout, `the cached run with ${extra.join(' ') || 'no flag'}, as go.mod is now`);
    return r.stdout;
  };
  const first = run();
  const [index] = readdirSync(join(cache, 'stat'));
  assert.equal(Object.keys(JSON.parse(readFileSync(join(cache, 'stat', index!), 'utf8')) as object).length, sources.length, 'every key remembered');
  // a renamed module: every file's Go package path is another (the imports of the old path no
  // longer resolve here: a finding through internal/orders goes), the files untouched
  writeFileSync(join(dir, 'go.mod'), readFileSync(join(dir, 'go.mod'), 'utf8').replace('module example.com/ginshop', 'module example.com/renamed'));
  const renamed = run();
  assert.notEqual(renamed, first);
  // a lower size limit: internal/api/orders.go (4,240 bytes) is skipped by its size
  const limited = run(['--max-file-size', '3800']);
  assert.notEqual(limited, renamed);
  assert.match(limited, /"path": "internal\/api\/orders.go",\s*"kind": "skip"/);
});

test('the stat index belongs to one cache format: keys remembered for another are not replayed', async () => {
  const root = tempProject({ 'go.mod': GO_MOD, 'h.go': HANDLER_WITH_CTX_PRINT });
  const cacheDir = join(root, 'cache');
  // out of the racy window (mtime and ctime two seconds old): its key is remembered
  await new Promise((r) => setTimeout(r, 2100));
  const [req] = buildRequests([{ abs: join(root, 'h.go'), rel: 'h.go' }], root, { maxFileSize: 1e6 });
  const first = new StatIndex(cacheDir, root, CACHE_FORMAT - 1);
  const key = first.keyOf(req!);
  assert.equal(key, fileKey(req!));
  first.save();
  // an index that remembers a key the current format would not compute (as an older format's did)
  const [file] = readdirSync(join(cacheDir, 'stat'));
  const stamps = JSON.parse(readFileSync(join(cacheDir, 'stat', file!), 'utf8')) as Record<string, unknown[]>;
  stamps['h.go']![5] = 'key-of-an-older-format';
  writeFileSync(join(cacheDir, 'stat', file!), JSON.stringify(stamps));
  assert.equal(new StatIndex(cacheDir, root, CACHE_FORMAT - 1).keyOf(req!), 'key-of-an-older-format', 'the index is used when its format matches');
  assert.equal(new StatIndex(cacheDir, root).keyOf(req!), key, 'the current format reads its own index, not the other');
});

test('cache files are ASCII: non-ASCII text is escaped, and read back as it was', () => {
  const values = ['plain', 'arrow → and ellipsis …', 'accents: café, Größe', 'astral 😀 pair', 'lone \ud800 surrogate', '\u0080\u00ff\u0100\uffff'];
  const text = asciiJson({ values, 'clé': 1 });
  assert.ok(/^[\x00-\x7f]*$/.test(text), text);
  assert.deepStrictEqual(JSON.parse(text), { values, 'clé': 1 });
  // a scan of a file with non-ASCII text: every file the cache writes is ASCII, and the report is the same
  const cache = scratchDir('logvol-cache-');
  const dir = tempProject({ 'go.mod': GO_MOD, 'h/h.go': HANDLER_WITH_CTX_PRINT.replace('Context => %v', 'Contexte → %v … café') });
  const flags = ['-f', 'json', '--cache', '--cache-location', cache];
  const cold = logvol(['scan', '.', ...flags], dir);
  assert.equal(cold.code, 1, cold.stderr);
  assert.equal(cold.stdout, logvol(['scan', '.', '-f', 'json'], dir).stdout);
  const written = fg.sync('**/*', { cwd: cache, absolute: true, dot: true });
  assert.ok(written.length >= 2, `${written.length} cache files: at least the summary and the result`);
  for (const f of written) assert.ok(readFileSync(f).every((b) => b < 0x80), `${f} is ASCII`);
  assert.ok(
    written.some((f) => readFileSync(f, 'latin1').includes('Contexte \\u2192 %v \\u2026 caf\\u00e9')),
    'the summary holds the call text, escaped',
  );
  rmSync(join(cache, 'results'), { recursive: true, force: true });
  assert.equal(logvol(['scan', '.', ...flags], dir).stdout, cold.stdout);
  // cache files are read as Latin-1 when they are ASCII (readCacheText); one edited by hand to hold
  // the characters themselves, in UTF-8, is read as UTF-8: the same values, the same report
  rmSync(join(cache, 'results'), { recursive: true, force: true });
  const edited = written.filter((f) => existsSync(f) && readFileSync(f, 'latin1').includes('\\u2192'));
  assert.ok(edited.length >= 1);
  for (const f of edited) writeFileSync(f, readFileSync(f, 'latin1').replaceAll('\\u2192', '→').replaceAll('\\u2026', '…').replaceAll('\\u00e9', 'é'), 'utf8');
  assert.ok(edited.every((f) => readFileSync(f).some((b) => b >= 0x80)), 'not ASCII any more');
  assert.equal(readCacheText(edited[0]!), readFileSync(edited[0]!, 'utf8'));
  assert.equal(logvol(['scan', '.', ...flags], dir).stdout, cold.stdout);
});

test('progress counts every file once, whatever runs it: this thread, the pool, the cache', async () => {
  const dir = tempProject(goPackage(POOL_FILES));
  const cache = scratchDir('logvol-cache-');
  const config = loadConfig({ cwd: dir, rules });
  const progress = async (jobs: number, cacheDir?: string): Promise<[number, number][]> => {
    const calls: [number, number][] = [];
    await scan({ cwd: dir, root: dir, paths: ['.'], config, rules, jobs, ...(cacheDir ? { cacheDir } : {}), onProgress: (done, total) => void calls.push([done, total]) });
    return calls;
  };
  const edit = (): void => writeFileSync(join(dir, 'h/o1.go'), `${readFileSync(join(dir, 'h/o1.go'), 'utf8')}\n// edited\n`);
  // no cache (this thread, then the pool), a cold cache (the pool), the entries with one file
  // edited (a miss in this thread), and every entry a hit
  for (const [what, jobs, cacheDir, before] of [
    ['jobs 1', 1, undefined, undefined],
    ['jobs 2', 2, undefined, undefined],
    ['jobs 2, cold cache', 2, cache, undefined],
    ['jobs 2, one file edited', 2, cache, edit],
    ['jobs 2, every entry a hit', 2, cache, undefined],
  ] as const) {
    before?.();
    rmSync(join(cache, 'results'), { recursive: true, force: true });
    const calls = await progress(jobs, cacheDir);
    assert.ok(calls.length > 0, what);
    assert.deepEqual(calls.at(-1), [POOL_FILES, POOL_FILES], `${what}: ends at every file`);
    assert.ok(calls.every(([d, t], k) => d <= t && (k === 0 || d >= calls[k - 1]![0])), `${what}: never past the total, never back`);
  }
});

/**
 * `--cache`: same report warm as cold, keyed by content, corrupt entries are misses, parallel
 * processes share a directory safely, and a warm run parses nothing (no grammar is loaded).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fg from 'fast-glob';
import { BIN, GO_MOD, HANDLER_WITH_CTX_PRINT, logvol, tempProject } from './harness/cli.js';
import { REPO } from './harness/fixtures.js';
import { StatIndex } from '../src/engine/stat-index.js';
import { asciiJson, CACHE_FORMAT, fileKey } from '../src/engine/cache.js';
import { buildRequests } from '../src/engine/scan.js';
import { scratchDir } from './harness/tmp.js';

/** Per-file entries (the whole-scan results live in results/, the metadata index in stat/). */
function entries(dir: string): string[] {
  const out: string[] = [];
  for (const sub of readdirSync(dir)) if (sub !== 'results' && sub !== 'stat') for (const f of readdirSync(join(dir, sub))) out.push(join(dir, sub, f));
  return out.sort();
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
  // without the whole-scan result: every summary from the per-file cache, the model rebuilt
  rmSync(join(cache, 'results'), { recursive: true, force: true });
  const perFile = logvol([...args, '--cache', '--cache-location', cache, '--jobs', '2'], REPO);
  assert.equal(perFile.stdout, plain.stdout);
  assert.deepEqual(entries(cache), stored);
});

test('an edited file is re-analysed; the unchanged files come from the cache', () => {
  const cache = scratchDir('logvol-cache-');
  const dir = tempProject({ 'go.mod': GO_MOD, 'h/h.go': HANDLER_WITH_CTX_PRINT, 'h/other.go': 'package handler\n\nfunc Other() {}\n' });
  const flags = ['-f', 'json', '--cache', '--cache-location', cache];
  assert.equal(logvol(['scan', '.', ...flags], dir).code, 1);
  const before = entries(cache);
  writeFileSync(join(dir, 'h/h.go'), HANDLER_WITH_CTX_PRINT.replace('fmt.Printf("Context => %v", ctx)', 'fmt.Printf("Context => %p", ctx)'));
  const r = logvol(['scan', '.', ...flags], dir);
  assert.equal(r.code, 0, r.stdout);
  const after = entries(cache);
  assert.equal(after.length, before.length + 1, 'one new entry, for the edited file');
});

test('corrupt, truncated or foreign cache entries are misses, never errors', () => {
  const cache = scratchDir('logvol-cache-');
  const dir = tempProject({ 'go.mod': GO_MOD, 'h/h.go': HANDLER_WITH_CTX_PRINT });
  const flags = ['-f', 'json', '--cache', '--cache-location', cache];
  const cold = logvol(['scan', '.', ...flags], dir);
  assert.equal(cold.code, 1);
  for (const [i, e] of entries(cache).entries()) writeFileSync(e, ['{"summary": {"pa', 'null', '[]', '"x"'][i % 4]!);
  // without the stored whole-scan result, which would answer before any entry is read
  rmSync(join(cache, 'results'), { recursive: true, force: true });
  const r = logvol(['scan', '.', ...flags], dir);
  assert.equal(r.code, 1, r.stderr);
  assert.equal(r.stdout, cold.stdout);
  assert.equal(r.stderr, '');
});

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
  assert.deepEqual(entries(cache).filter((e) => e.endsWith('.tmp')), []);
});

test('a fully warm run parses nothing: the grammars are never loaded', () => {
  const cache = scratchDir('logvol-cache-');
  const dir = tempProject({ 'go.mod': GO_MOD, 'h/h.go': HANDLER_WITH_CTX_PRINT });
  assert.equal(logvol(['scan', '.', '--cache', '--cache-location', cache], dir).code, 1);
  // a second process: scan through the API, then ask Node which native modules were loaded
  const script = `
    import { createRequire } from 'node:module';
    const { scan } = await import(${JSON.stringify(pathToFileURL(join(REPO, 'dist/src/engine/scan.js')).href)});
    const { loadConfig } = await import(${JSON.stringify(pathToFileURL(join(REPO, 'dist/src/config/load.js')).href)});
    const { rules } = await import(${JSON.stringify(pathToFileURL(join(REPO, 'dist/rules/index.js')).href)});
    const config = loadConfig({ cwd: ${JSON.stringify(dir)}, rules });
    const r = await scan({ cwd: ${JSON.stringify(dir)}, root: ${JSON.stringify(dir)}, paths: [], config, rules, jobs: 2, cacheDir: ${JSON.stringify(cache)} });
    const loaded = Object.keys(createRequire(import.meta.url).cache).filter((k) => /tree-sitter/.test(k));
    console.log(JSON.stringify({ findings: r.findings.length, loaded }));
  `;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), { findings: 1, loaded: [] });
  // and the same script on a cold cache does load the Go grammar (the check can fail)
  const cold = spawnSync(process.execPath, ['--input-type=module', '-e', script.replace(JSON.stringify(cache), JSON.stringify(scratchDir('logvol-cache-')))], { cwd: dir, encoding: 'utf8' });
  assert.equal(cold.status, 0, cold.stderr);
  assert.ok((JSON.parse(cold.stdout) as { loaded: string[] }).loaded.some((k) => /tree-sitter-go/.test(k)));
});

test('an unchanged tree and config reuse the whole stored result; any change to either is a new key', () => {
  const cache = scratchDir('logvol-cache-');
  const dir = tempProject({ 'go.mod': GO_MOD, 'h/h.go': HANDLER_WITH_CTX_PRINT, 'h/other.go': 'package handler\n\nfunc Other() {}\n' });
  const flags = ['-f', 'json', '--cache', '--cache-location', cache];
  const cold = logvol(['scan', '.', ...flags], dir);
  assert.equal(cold.code, 1, cold.stderr);
  const results = readdirSync(join(cache, 'results'));
  assert.equal(results.length, 1);
  // prove the stored result is what a warm run prints: mark it, and the mark comes out
  const stored = join(cache, 'results', results[0]!);
  writeFileSync(stored, readFileSync(stored, 'utf8').replace('is printed by', 'IS PRINTED (from the result cache) BY'));
  assert.match(logvol(['scan', '.', ...flags], dir).stdout, /from the result cache/);
  // an edited file: a new key, a correct fresh result
  writeFileSync(join(dir, 'h/other.go'), 'package handler\n\nfunc Other() { _ = 1 }\n');
  const edited = logvol(['scan', '.', ...flags], dir);
  assert.doesNotMatch(edited.stdout, /from the result cache/);
  assert.equal(edited.stdout, cold.stdout);
  // a changed config: a new key (the rule is now off)
  writeFileSync(join(dir, 'logvol.config.json'), '{"rules": {"context-print": "off"}}');
  const off = logvol(['scan', '.', ...flags], dir);
  assert.equal(off.code, 0, off.stdout);
  assert.equal(readdirSync(join(cache, 'results')).length, 3);
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
});

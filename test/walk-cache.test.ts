/**
 * Recorded walks (src/engine/walk-cache.ts): with a cache, discovery uses the files a previous walk
 * kept while no directory it read and no .gitignore it applied changed, and walks again otherwise.
 * Every result is compared with a walk without the cache.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { discover } from '../src/engine/discover.js';
import { walksUsed } from '../src/engine/walk-cache.js';
import { loadConfig } from '../src/config/load.js';
import { rules } from '../rules/index.js';
import { GO_MOD, tempProject } from './harness/cli.js';
import { scratchDir } from './harness/tmp.js';

// changes older than this may be recorded (the default, 2 s, would make every test wait)
const RACY_MS = 100;
process.env.LOGVOL_WALK_RACY_MS = String(RACY_MS);
/** Past the racy window of every change made so far: the next walk is recorded. */
const settle = (): Promise<unknown> => sleep(RACY_MS + 50);

async function found(root: string, cacheDir?: string, paths = ['.']): Promise<{ rels: string[]; used: number }> {
  const config = loadConfig({ cwd: root, rules });
  const before = walksUsed;
  const { files } = await discover({ cwd: root, root, paths, config, includeTests: false, ...(cacheDir ? { cacheDir } : {}) });
  return { rels: files.map((f) => f.rel), used: walksUsed - before };
}

/** A file no walk finds (it is not in the tree): a walk record that lists it is the only way discovery returns it. */
const PLANTED = 'zz-planted-by-the-test.go';

/**
 * Discovery with the cache, every walk record under CACHE/walks/ given an extra entry first: a
 * valid one (`[abs, rel]`, as discover() stores them), the record's stamps left alone. `fromRecord`:
 * the planted file came back, so the answer was the recorded walk's. Afterwards each record the
 * run did not write again is put back as it was.
 */
async function foundPlanted(root: string, cacheDir: string, paths: string[]): Promise<{ rels: string[]; used: number; fromRecord: boolean }> {
  const dir = join(cacheDir, 'walks');
  const planted = new Map<string, [string, string]>();
  for (const name of existsSync(dir) ? readdirSync(dir) : []) {
    const file = join(dir, name);
    const text = readFileSync(file, 'utf8');
    let rec: unknown;
    try {
      rec = JSON.parse(text);
    } catch {
      continue; // not a record: nothing to plant
    }
    if (!rec || typeof rec !== 'object' || !Array.isArray((rec as { files?: unknown }).files)) continue;
    const files = (rec as { files: unknown[] }).files;
    const withPlant = JSON.stringify({ ...rec, files: [...files, [join(root, PLANTED), PLANTED]] });
    writeFileSync(file, withPlant);
    planted.set(file, [text, withPlant]);
  }
  const r = await found(root, cacheDir, paths);
  for (const [file, [text, withPlant]] of planted) if (existsSync(file) && readFileSync(file, 'utf8') === withPlant) writeFileSync(file, text);
  return { rels: r.rels.filter((rel) => rel !== PLANTED), used: r.used, fromRecord: r.rels.includes(PLANTED) };
}

/**
 * With the cache, the files a walk without it finds; and whether the recorded walk was used (1) or
 * not (0): its files are the answer (a planted entry shows), and it is counted so, or neither.
 */
async function check(root: string, cache: string, paths = ['.']): Promise<number> {
  const cached = await foundPlanted(root, cache, paths);
  assert.deepEqual(cached.rels, (await found(root, undefined, paths)).rels);
  assert.equal(cached.used, cached.fromRecord ? 1 : 0, cached.fromRecord ? 'the recorded walk answered: counted once' : 'the tree was walked: no recorded walk counted as used');
  return cached.fromRecord ? 1 : 0;
}

function project(): string {
  return tempProject({
    'go.mod': GO_MOD,
    '.gitignore': 'gen/\n',
    'svc/main.go': 'package main\n',
    'svc/handler/h.go': 'package handler\n',
    'svc/handler/deep/d.go': 'package deep\n',
    'web/app.ts': 'export const a = 1;\n',
    'gen/out.go': 'package gen\n',
  });
}

test('a recorded walk is used while nothing changed, and every change to what it read walks again', async () => {
  const root = project();
  const cache = scratchDir('logvol-walk-cache-');
  await settle();
  assert.equal(await check(root, cache), 0, 'nothing recorded yet');
  assert.equal(readdirSync(join(cache, 'walks')).length, 1);
  assert.equal(await check(root, cache), 1, 'recorded walk used');
  // a file edited in place: same directories, the recorded walk holds
  writeFileSync(join(root, 'svc/main.go'), 'package main\n\nfunc main() {}\n');
  assert.equal(await check(root, cache), 1);
  const changes: [string, () => void][] = [
    ['a file added deep down', () => writeFileSync(join(root, 'svc/handler/deep/e.go'), 'package deep\n')],
    ['a file removed', () => rmSync(join(root, 'web/app.ts'))],
    ['a file renamed', () => renameSync(join(root, 'svc/main.go'), join(root, 'svc/server.go'))],
    ['a directory added', () => (mkdirSync(join(root, 'svc/new')), writeFileSync(join(root, 'svc/new/n.go'), 'package n\n'))],
    ['a .gitignore edited in place', () => writeFileSync(join(root, '.gitignore'), 'gen/\nsvc/handler/\n')],
    ['a .gitignore created', () => writeFileSync(join(root, 'svc/.gitignore'), 'server.go\n')],
    ['a test directory made a package test directory', () => (mkdirSync(join(root, 'web/test')), writeFileSync(join(root, 'web/test/t.ts'), 'export const t = 1;\n'))],
    ['a package.json that makes web/test a package test directory', () => writeFileSync(join(root, 'web/package.json'), '{}\n')],
    ['the ignored directory un-ignored', () => writeFileSync(join(root, '.gitignore'), 'svc/handler/\n')],
  ];
  let before = (await found(root)).rels.join();
  for (const [what, change] of changes) {
    change();
    assert.equal(await check(root, cache), 0, `${what}: walked again`);
    const now = (await found(root)).rels.join();
    assert.notEqual(now, before, `${what}: the change shows (${now})`);
    before = now;
    await settle();
    assert.equal(await check(root, cache), 0, `${what}: the walk right after the change was not recorded (racy), this one is`);
    assert.equal(await check(root, cache), 1, `${what}: then used`);
  }
});

test('a .gitignore above the walked directory is part of what a recorded walk depends on', async () => {
  const root = project();
  const cache = scratchDir('logvol-walk-cache-');
  await settle();
  await check(root, cache, ['svc']);
  assert.equal(await check(root, cache, ['svc']), 1);
  writeFileSync(join(root, '.gitignore'), 'gen/\nhandler/\n');
  assert.equal(await check(root, cache, ['svc']), 0);
  assert.deepEqual((await found(root, cache, ['svc'])).rels, ['svc/main.go']);
  // one created between the root and the walked directory: no .gitignore was read there before
  writeFileSync(join(root, '.gitignore'), 'gen/\n');
  await settle();
  const walked = ['svc/handler'];
  await check(root, cache, walked);
  assert.equal(await check(root, cache, walked), 1);
  writeFileSync(join(root, 'svc/.gitignore'), 'deep/\n');
  assert.equal(await check(root, cache, walked), 0);
  assert.deepEqual((await found(root, cache, walked)).rels, ['svc/handler/h.go']);
});

test('a chmod on a directory walks again: it can make the directory unreadable to the walk', async () => {
  const root = project();
  const cache = scratchDir('logvol-walk-cache-');
  await settle();
  await check(root, cache);
  assert.equal(await check(root, cache), 1);
  const dir = join(root, 'svc/handler');
  // (root reads any directory: then only the recorded walk's check is tested)
  chmodSync(dir, 0o000);
  try {
    assert.equal(await check(root, cache), 0);
  } finally {
    chmodSync(dir, 0o755);
  }
  assert.equal(await check(root, cache), 0);
});

test('a walk is not recorded while what it read changed too recently, nor used when its record is corrupt', async () => {
  const root = project();
  const cache = scratchDir('logvol-walk-cache-');
  // no settle: the project was written just now
  assert.equal(await check(root, cache), 0);
  assert.equal(await check(root, cache), 0, 'not recorded: the directories changed within the racy window');
  await settle();
  await check(root, cache);
  assert.equal(await check(root, cache), 1);
  const [name] = readdirSync(join(cache, 'walks'));
  const good = JSON.parse(readFileSync(join(cache, 'walks', name!), 'utf8')) as { stamps: unknown[]; files: unknown[] };
  const wrong = (o: object): string => JSON.stringify({ ...good, ...o });
  for (const bad of ['', '{"stamps": 1, "files": []}', '{"stamps": [[1]], "files": []}', '[]', wrong({ stamps: [] }), wrong({ files: [null] }), wrong({ files: [['a.go']] }), wrong({ files: 7 })]) {
    writeFileSync(join(cache, 'walks', name!), bad);
    assert.equal(await check(root, cache), 0, `corrupt record ${JSON.stringify(bad)}`);
  }
});

test('symbolic links: a .gitignore that is one is stamped through it, and so is a walked path that passes through one', async () => {
  const root = project();
  mkdirSync(join(root, 'shared'));
  writeFileSync(join(root, 'shared/rules'), 'nothing\n');
  symlinkSync('../shared/rules', join(root, 'svc/.gitignore'));
  symlinkSync('svc', join(root, 'svclink'));
  const cache = scratchDir('logvol-walk-cache-');
  await settle();
  for (const paths of [['svc'], ['svclink/handler']]) {
    await check(root, cache, paths);
    assert.equal(await check(root, cache, paths), 1, `${paths[0]}: recorded`);
  }
  // the link's target edited: the link itself is unchanged
  writeFileSync(join(root, 'shared/rules'), 'main.go\n');
  assert.equal(await check(root, cache, ['svc']), 0);
  assert.deepEqual((await found(root, cache, ['svc'])).rels, ['svc/handler/deep/d.go', 'svc/handler/h.go']);
  // a .gitignore created in the directory the link points to
  writeFileSync(join(root, 'svc/handler/.gitignore'), 'deep/\n');
  assert.equal(await check(root, cache, ['svclink/handler']), 0);
  assert.equal((await found(root, cache, ['svclink/handler'])).rels.length, 1);
});

test('a walk outside the project root is not recorded: a package.json above it decides what is a test', async () => {
  const outside = tempProject({ 'lib/test/t.go': 'package test\n', 'lib/x.go': 'package lib\n' });
  const root = project();
  const cache = scratchDir('logvol-walk-cache-');
  await settle();
  const paths = [join(outside, 'lib/test')];
  await check(root, cache, paths);
  assert.equal(await check(root, cache, paths), 0);
  assert.ok(!existsSync(join(cache, 'walks')) || readdirSync(join(cache, 'walks')).length === 0);
});

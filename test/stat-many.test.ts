/**
 * statMany (native/flat.c through src/engine/stat-many.ts) gives what fs.statSync gives, so the
 * stat index and the walk records it reads compare equal whichever read them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { statMany } from '../src/engine/stat-many.js';
import { StatIndex } from '../src/engine/stat-index.js';
import { nativeFlattener } from '../src/languages/flat-tree.js';
import { scratchDir } from './harness/tmp.js';

const native = nativeFlattener()?.statMany ? false : 'the native module is not built here (no C compiler at install, LOGVOL_NATIVE=0, or Windows): statMany gives undefined and each path is stat’ed alone';

test('statMany: size, inode and times as fs.statSync gives them, through symbolic links; a path that cannot be stat’ed is marked', { skip: native }, () => {
  const dir = scratchDir('logvol-statmany-');
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'a.go'), 'package a\n');
  writeFileSync(join(dir, 'sub', 'é ü.ts'), 'export const x = 1;\n'.repeat(100));
  symlinkSync(join(dir, 'a.go'), join(dir, 'link.go'));
  const paths = [join(dir, 'a.go'), join(dir, 'sub'), join(dir, 'sub', 'é ü.ts'), join(dir, 'link.go'), join(dir, 'gone.go'), join(dir, 'a.go', 'not-a-dir')];
  const stats = statMany(paths)!;
  paths.forEach((p, i) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      assert.equal(stats.ok(i), false, p);
      return;
    }
    const big = statSync(p, { bigint: true });
    assert.equal(stats.ok(i), true, p);
    assert.deepStrictEqual(
      [stats.size(i), stats.ino(i), stats.mtimeMs(i), stats.ctimeMs(i), stats.mtimeNs(i), stats.ctimeNs(i)],
      [st.size, st.ino, st.mtimeMs, st.ctimeMs, big.mtimeNs.toString(), big.ctimeNs.toString()],
      p,
    );
  });
  assert.deepStrictEqual(paths.map((_, i) => stats.ok(i)), [true, true, true, true, false, false]);
  assert.equal(statMany([]), undefined);
});

test('the stat index keys files read in one call as it keys them one at a time, and replays a remembered key from either', { skip: native }, async () => {
  const root = scratchDir('logvol-statmany-root-');
  const cacheDir = scratchDir('logvol-statmany-cache-');
  const reqs = ['a.go', 'b.go', 'c.ts'].map((rel, i) => {
    writeFileSync(join(root, rel), `// ${i}\n`.repeat(i + 1));
    return { abs: join(root, rel), rel, pkgPath: rel.endsWith('.go') ? 'example.com/x' : '', maxFileSize: 1 << 20, cacheDir };
  });
  reqs.push({ ...reqs[0]!, abs: join(root, 'gone.go'), rel: 'gone.go' });
  // out of the racy window (mtime and ctime two seconds old): the keys are remembered
  await new Promise((r) => setTimeout(r, 2100));
  const first = new StatIndex(cacheDir, root);
  const each = reqs.map((r) => first.keyOf(r));
  assert.deepStrictEqual(new StatIndex(cacheDir, root).keysOf(reqs), each);
  assert.equal(each[3], undefined, 'a file that cannot be read has no key');
  assert.equal(new Set(each.slice(0, 3)).size, 3);
  first.save();
  // keys no hash gives: replayed only when the metadata read now is, to the last bit, what was stored
  const [file] = readdirSync(join(cacheDir, 'stat'));
  const stamps = JSON.parse(readFileSync(join(cacheDir, 'stat', file!), 'utf8')) as Record<string, unknown[]>;
  for (const rel of ['a.go', 'b.go', 'c.ts']) stamps[rel]![5] = `remembered ${rel}`;
  writeFileSync(join(cacheDir, 'stat', file!), JSON.stringify(stamps));
  const remembered = ['remembered a.go', 'remembered b.go', 'remembered c.ts', undefined];
  assert.deepStrictEqual(new StatIndex(cacheDir, root).keysOf(reqs), remembered);
  const one = new StatIndex(cacheDir, root);
  assert.deepStrictEqual(reqs.map((r) => one.keyOf(r)), remembered);
});

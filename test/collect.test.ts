/**
 * The collection after a large group (src/engine/collect.ts): it does collect, a scan asks for it
 * after the groups from the size set and before the model of a compacted Go group, and the report
 * does not change.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { setImmediate as tick } from 'node:timers/promises';
import { collectAfterGroup, collectGarbage, collections, recollectionPending, recollections } from '../src/engine/collect.js';
import { scanFixturesCounting } from './harness/scan.js';

test('collectGarbage frees what nothing holds any more', async () => {
  let held: { data: number[] } | undefined = { data: Array.from({ length: 100_000 }, (_, i) => i) };
  const ref = new WeakRef(held);
  held = undefined;
  await tick(); // a WeakRef keeps its target until the job that made it ends
  const before = collections;
  collectGarbage();
  assert.equal(collections, before + 1, 'the collector was reached');
  assert.equal(ref.deref(), undefined, 'the dropped object was collected');
});

test('a collection after a group that something still held is tried again once it lets go, and only then', async () => {
  // what V8's optimizing compiler does with a closure over a group's data while it compiles it: hold
  // it through the collection, and let go a moment later (here 100 ms)
  let held: number[] | undefined = new Array<number>(20_000_000).fill(1); // 160 MB
  const ref = new WeakRef(held);
  setTimeout(() => (held = undefined), 100);
  await tick();
  const tried = recollections;
  collectAfterGroup();
  assert.ok(ref.deref(), 'still held at the first collection');
  assert.ok(recollectionPending(), 'a second collection is scheduled');
  const t0 = Date.now();
  while (ref.deref() !== undefined && Date.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 50));
  assert.equal(ref.deref(), undefined, 'collected once let go');
  assert.equal(recollections, tried + 1, 'by the one collection tried again');
  assert.equal(recollectionPending(), false, 'and no more');
  // nothing held: the first collection frees the dropped data, and none is tried again
  let dropped: number[] | undefined = new Array<number>(20_000_000).fill(1);
  const ref2 = new WeakRef(dropped);
  dropped = undefined;
  await tick();
  collectAfterGroup();
  assert.equal(ref2.deref(), undefined);
  assert.equal(recollectionPending(), false);
});

test('a scan collects after each group from the size set, and reports exactly what it reports without', async () => {
  const plain = await scanFixturesCounting({}, () => collections);
  const every = await scanFixturesCounting({ collectMinFiles: 1 }, () => collections);
  assert.equal(plain.counted, 0, "the fixtures' groups are under the default size");
  assert.ok(every.counted > 10, `${every.counted} collections, one per group that summarised a file`);
  assert.deepStrictEqual(every.result, plain.result);
  assert.ok(plain.result.findings.length > 10);
});

test("a scan's collection after a group is the one tried again while something holds the heap", async () => {
  let held: number[] | undefined = new Array<number>(20_000_000).fill(1);
  const ref = new WeakRef(held);
  const tried = recollections;
  const scanned = await scanFixturesCounting({ collectMinFiles: 1 }, () => collections);
  assert.ok(scanned.counted > 10);
  assert.ok(recollectionPending() || recollections > tried, 'a collection is tried again after the scan');
  held = undefined;
  const t0 = Date.now();
  while (ref.deref() !== undefined && Date.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 50));
  assert.equal(ref.deref(), undefined, 'and frees what was held once it is let go');
});

test('a scan collects before modelling each compacted Go group, and reports exactly what it reports without', async () => {
  const plain = await scanFixturesCounting({}, () => collections);
  const compacted = await scanFixturesCounting({ compactMinFiles: 1 }, () => collections);
  assert.equal(plain.counted, 0, "the fixtures' groups are under the default sizes");
  // one per Go module of the fixtures (each a group, every group compacted); none for TS groups
  assert.ok(compacted.counted >= 4, `${compacted.counted} collections`);
  const all = await scanFixturesCounting({ compactMinFiles: 1, collectMinFiles: 1 }, () => collections);
  const after = await scanFixturesCounting({ collectMinFiles: 1 }, () => collections);
  assert.equal(all.counted, after.counted + compacted.counted, 'before the model of each compacted group, besides the one after every group');
  assert.deepStrictEqual(compacted.result, plain.result);
});

test('no collection while the build records the code cache (V8 refuses cached code made under other flags)', () => {
  const module = new URL('../src/engine/collect.js', import.meta.url).href;
  const script = `import('${module}').then((m) => { m.collectGarbage(); process.stdout.write(String(m.collections)); })`;
  const run = (env: Record<string, string>): string => execFileSync(process.execPath, ['-e', script], { env: { ...process.env, ...env }, encoding: 'utf8' });
  assert.equal(run({ LOGVOL_WRITE_CODE_CACHE: '1' }), '0');
  assert.equal(run({ LOGVOL_WRITE_CODE_CACHE: '' }), '1');
});

/**
 * The collection after a large group (src/engine/collect.ts): it does collect, a scan asks for it
 * after the groups from the size set and before the model of a compacted Go group, and the report
 * does not change.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { setImmediate as tick } from 'node:timers/promises';
import { afterGroupCollections, collectAfterGroup, collectGarbage, collections, recollectionPending, recollections } from '../src/engine/collect.js';
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

/** Wait until the WeakRef's target is collected, or 10 s have passed. */
async function collectedWithin(ref: WeakRef<object>): Promise<boolean> {
  const t0 = Date.now();
  while (ref.deref() !== undefined && Date.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 50));
  return ref.deref() === undefined;
}

/** Wait until no try is pending (the last one runs at most about a second after the first). */
async function settled(): Promise<void> {
  const t0 = Date.now();
  while (recollectionPending() && Date.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 50));
}

/** 160 MB that something holds (as V8's optimizing compiler holds a closure's context while it compiles it) and lets go after `ms`. */
function heldFor(ms: number): WeakRef<number[]> {
  let held: number[] | undefined = new Array<number>(20_000_000).fill(1);
  const ref = new WeakRef(held);
  setTimeout(() => (held = undefined), ms);
  return ref;
}

test('a collection after a group that something still held is tried again once it lets go, and only then', async () => {
  await settled();
  const ref = heldFor(100);
  await tick();
  const tried = recollections;
  collectAfterGroup();
  assert.ok(ref.deref(), 'still held at the first collection');
  assert.ok(recollectionPending(), 'a second collection is scheduled');
  assert.ok(await collectedWithin(ref), 'collected once let go');
  await settled();
  assert.equal(recollections, tried + 1, 'by the one collection tried again: then little stays in use');
  // nothing held: the first collection frees the dropped data, and none is tried again
  let dropped: number[] | undefined = new Array<number>(20_000_000).fill(1);
  const ref2 = new WeakRef(dropped);
  dropped = undefined;
  await tick();
  collectAfterGroup();
  assert.equal(ref2.deref(), undefined);
  assert.equal(recollectionPending(), false);
});

test('a collection after a group is tried again while the tries free nothing, up to three times', async () => {
  await settled();
  const ref = heldFor(700); // past the first two tries (300 and 600 ms), before the third (900 ms)
  await tick();
  const tried = recollections;
  collectAfterGroup();
  assert.ok(await collectedWithin(ref), 'collected by a later try');
  await settled();
  assert.ok(recollections >= tried + 2 && recollections <= tried + 3, `${recollections - tried} tries`);
});

test('once a try freed what was held, the next that frees nothing is the last (what stays is live)', async () => {
  await settled();
  const live: number[] = new Array<number>(20_000_000).fill(2); // stays in use throughout
  const ref = heldFor(100);
  await tick();
  const tried = recollections;
  collectAfterGroup();
  assert.ok(await collectedWithin(ref));
  await settled();
  assert.equal(recollections, tried + 2, 'the try that freed the held data, and one more that freed nothing');
  assert.equal(live.length, 20_000_000);
});

test('a scan collects after each group from the size set (the collection tried again), and reports exactly what it reports without', async () => {
  const plain = await scanFixturesCounting({}, () => afterGroupCollections);
  const every = await scanFixturesCounting({ collectMinFiles: 1 }, () => afterGroupCollections);
  assert.equal(plain.counted, 0, "the fixtures' groups are under the default size");
  assert.ok(every.counted > 10, `${every.counted} collections, one per group that summarised a file`);
  assert.deepStrictEqual(every.result, plain.result);
  assert.ok(plain.result.findings.length > 10);
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

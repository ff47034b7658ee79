/**
 * The collection after a large group (src/engine/collect.ts): it does collect, a scan asks for it
 * after the groups from the size set and before the model of a compacted Go group, and the report
 * does not change.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { setImmediate as tick } from 'node:timers/promises';
import { collectGarbage, collections } from '../src/engine/collect.js';
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

test('a scan collects after each group from the size set, and reports exactly what it reports without', async () => {
  const plain = await scanFixturesCounting({}, () => collections);
  const every = await scanFixturesCounting({ collectMinFiles: 1 }, () => collections);
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

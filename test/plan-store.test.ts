/**
 * The stored plan (src/engine/plan-store.ts): with `--cache`, a run over the same files uses the
 * plan an earlier run made while every file contributes what it did, and the plan it uses is
 * always the one made from scratch, whatever the edit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { discover } from '../src/engine/discover.js';
import { buildRequests } from '../src/engine/scan.js';
import { plan, planFileReads, type ScanPlan } from '../src/engine/partition.js';
import { cacheKey, fileKey, keyOfRead, type CachedRequest } from '../src/engine/cache.js';
import { tempProject } from './harness/cli.js';
import { goAnchor, tsAnchor } from '../src/engine/prefilter.js';
import { PlanIndex } from '../src/engine/plan-index.js';
import { PlanStore, plansUsed } from '../src/engine/plan-store.js';
import { loadConfig } from '../src/config/load.js';
import { rules } from '../rules/index.js';
import { inFixtureCopy } from './harness/fixtures.js';

const ANCHORS = { ts: tsAnchor([]), go: goAnchor([]) };

/** Every file of the project as the scan asks the plan about it, each with its content key. */
async function requestsOf(root: string): Promise<CachedRequest[]> {
  const config = loadConfig({ cwd: root, rules });
  const { files } = await discover({ cwd: root, root, paths: ['.'], config, includeTests: true });
  return buildRequests(files, root, { maxFileSize: config.maxFileSize }).map((r) => ({ ...r, key: fileKey(r) }));
}

interface Planned {
  plan: ScanPlan;
  used: boolean;
  reads: number;
}

/** The plan with the cache (index and store; null: no anchors), whether it was a stored one, and the files it read. */
function cachedPlan(root: string, cacheDir: string, requests: CachedRequest[], anchors: typeof ANCHORS | null = ANCHORS): Planned {
  const used = plansUsed;
  const reads = planFileReads;
  const p = plan(requests, root, anchors ?? undefined, new PlanIndex(cacheDir, root), new PlanStore(cacheDir, root, requests));
  return { plan: p, used: plansUsed > used, reads: planFileReads - reads };
}

test('a stored plan is used while every file contributes what it did, and is the plan made from scratch', () =>
  inFixtureCopy('logvol-plan-store-', async (root, cacheDir) => {
    let requests = await requestsOf(root);
    const first = cachedPlan(root, cacheDir, requests);
    assert.equal(first.used, false);
    assert.deepStrictEqual(first.plan, plan(requests, root, ANCHORS));
    assert.equal(readdirSync(join(cacheDir, 'plans')).length, 1, 'the plan is stored');
    const again = cachedPlan(root, cacheDir, requests);
    assert.ok(again.used, 'the same files: the stored plan');
    assert.equal(again.reads, 0, 'no file is read');
    assert.deepStrictEqual(again.plan, first.plan);

    const rel = (suffix: string): string => requests.find((r) => r.rel.endsWith(suffix))!.rel;
    const groupOf = (p: ScanPlan, r: string): number[] => p.groups.find((g) => g.some((i) => requests[i]!.rel === r))!;
    const goFile = rel('gin-shop/internal/orders/orders.go');
    // a Go package in another group than goFile's: a string literal naming it joins the groups
    const other = requests.find((r) => r.abs.endsWith('.go') && !groupOf(first.plan, goFile).includes(requests.indexOf(r)))!.pkgPath;
    const quiet = requests.find((r) => r.rel.endsWith('.ts') && first.plan.anchored![requests.indexOf(r)] === false)!.rel;
    const edits: { what: string; edit: () => void; used: boolean }[] = [
      { what: 'a comment in a Go file', edit: () => appendFileSync(join(root, goFile), '\n// edited\n'), used: true },
      { what: 'a string literal naming a package of another group', edit: () => appendFileSync(join(root, goFile), `\nvar _ = "${other}"\n`), used: false },
      // './logger' is imported already: './logger.js' names the same file, which now has this importer twice
      { what: 'a second specifier for a module imported already', edit: () => appendFileSync(join(root, rel('lambda-orders/src/lib/orders.ts')), "\nimport './logger.js';\n"), used: false },
      { what: 'a TS import of a file of another project', edit: () => appendFileSync(join(root, rel('lambda-orders/src/lib/orders.ts')), "\nimport '../../../express-shop/src/lib/time.js';\n"), used: false },
      { what: 'an anchor word in a file without one', edit: () => appendFileSync(join(root, quiet), '\nconsole.log(1);\n'), used: false },
      { what: 'a file becoming minified (its skip reason)', edit: () => appendFileSync(join(root, rel('express-shop/src/lib/time.ts')), `\nexport const blob = '${'x'.repeat(40_000)}';\n`), used: false },
      { what: 'a comment in a TS file', edit: () => appendFileSync(join(root, quiet), '\n// edited\n'), used: true },
    ];
    for (const { what, edit, used } of edits) {
      edit();
      requests = await requestsOf(root);
      const fresh = plan(requests, root, ANCHORS);
      const got = cachedPlan(root, cacheDir, requests);
      assert.equal(got.used, used, `${what}: ${used ? 'the stored plan holds' : 'the plan is made again'}`);
      assert.deepStrictEqual(got.plan, fresh, what);
      if (used) assert.equal(got.reads, 1, `${what}: only the edited file is read`);
    }
  }));

test('a stored plan is not used for other files or another setting', () =>
  inFixtureCopy('logvol-plan-store-', async (root, cacheDir) => {
    const requests = await requestsOf(root);
    cachedPlan(root, cacheDir, requests);
    assert.ok(cachedPlan(root, cacheDir, requests).used);
    // one file fewer: another list, another plan (the stored one stays for its list)
    const fewer = requests.slice(1);
    const p = cachedPlan(root, cacheDir, fewer);
    assert.equal(p.used, false);
    assert.deepStrictEqual(p.plan, plan(fewer, root, ANCHORS));
    // other sinks make other anchors; no anchors at all is a setting too
    const anchors = { ts: tsAnchor([]), go: goAnchor([{ name: 'example.com/audit.Record' }]) };
    const q = cachedPlan(root, cacheDir, requests, anchors);
    assert.equal(q.used, false);
    assert.deepStrictEqual(q.plan, plan(requests, root, anchors));
    const none = cachedPlan(root, cacheDir, requests, null);
    assert.equal(none.used, false);
    assert.deepStrictEqual(none.plan, plan(requests, root));
    // each setting keeps its own: runs that alternate (with and without the prefilter) both reuse theirs
    assert.ok(cachedPlan(root, cacheDir, requests).used, 'the default setting\'s plan is still there');
    assert.ok(cachedPlan(root, cacheDir, requests, null).used, 'and the one without anchors');
    // tsconfig `paths` link files through aliases
    writeFileSync(join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@shop/*': ['ts/express-shop/src/*'] } } }));
    const aliased = cachedPlan(root, cacheDir, requests, anchors);
    assert.equal(aliased.used, false);
    assert.deepStrictEqual(aliased.plan, plan(requests, root, anchors));
  }));

test('no plan is stored when a file cannot be read, and a corrupt stored plan is not used', () =>
  inFixtureCopy('logvol-plan-store-', async (root, cacheDir) => {
    const requests = await requestsOf(root);
    const gone = [...requests, { ...requests[0]!, abs: join(root, 'gone.go'), rel: 'gone.go', key: 'k' }];
    cachedPlan(root, cacheDir, gone);
    assert.equal(cachedPlan(root, cacheDir, gone).used, false, 'an unreadable file: nothing stored, nothing used');
    cachedPlan(root, cacheDir, requests);
    const [file] = readdirSync(join(cacheDir, 'plans')).map((n) => join(cacheDir, 'plans', n));
    const stored = JSON.parse(readFileSync(file!, 'utf8')) as { format: number; plan: { groups: number[][]; anchored: boolean[]; skips: unknown[]; importers: number[][] }; links: number[][]; keys: string[] };
    const n = requests.length;
    const corrupt: [string, (s: typeof stored) => unknown][] = [
      ['not JSON', () => '{"format":'],
      ['a file in no group', (s) => ({ ...s, plan: { ...s.plan, groups: s.plan.groups.slice(1) } })],
      ['a file in two groups', (s) => ({ ...s, plan: { ...s.plan, groups: [...s.plan.groups, [0]] } })],
      ['a link past the last file', (s) => ({ ...s, links: s.links.map((l, i) => (i === 0 ? [n] : l)) })],
      ['a table too short', (s) => ({ ...s, plan: { ...s.plan, anchored: s.plan.anchored.slice(1) } })],
      ['a skip reason that is no string', (s) => ({ ...s, plan: { ...s.plan, skips: s.plan.skips.map((x, i) => (i === 0 ? 1 : x)) } })],
      ['a key that is no string', (s) => ({ ...s, keys: s.keys.map((k, i) => (i === 0 ? null : k)) })],
      ['an importer past the last file', (s) => ({ ...s, plan: { ...s.plan, importers: s.plan.importers.map((l, i) => (i === 0 ? [n] : l)) } })],
      ['an empty group', (s) => ({ ...s, plan: { ...s.plan, groups: [...s.plan.groups, []] } })],
      ['another format', (s) => ({ ...s, format: s.format + 1 })],
      // the run has anchors: it reads both tables (a plan without them crashed the scan; found by a review)
      ['no anchored table', (s) => ({ ...s, plan: { ...s.plan, anchored: undefined } })],
      ['no importers table', (s) => ({ ...s, plan: { ...s.plan, importers: undefined } })],
    ];
    for (const [what, make] of corrupt) {
      const data = make(structuredClone(stored));
      writeFileSync(file!, typeof data === 'string' ? data : JSON.stringify(data));
      const p = cachedPlan(root, cacheDir, requests);
      assert.equal(p.used, false, what);
      assert.deepStrictEqual(p.plan, plan(requests, root, ANCHORS), what);
    }
    assert.ok(cachedPlan(root, cacheDir, requests).used, 'the plan made again was stored');
  }));

test('a Go module renamed: the packages named by the same strings are others, so the plan is made again', () =>
  inFixtureCopy('logvol-plan-store-', async (root, cacheDir) => {
    // module b has one file, with no string of its own; a file of module a names b's package
    writeFileSync(join(root, 'go.mod'), 'module example.com/a\n');
    cpSync(join(root, 'go/gin-shop/cmd/shop/main.go'), join(root, 'a.go'));
    appendFileSync(join(root, 'a.go'), '\nvar _ = "example.com/b/lib"\n');
    mkdirSync(join(root, 'b/lib'), { recursive: true });
    writeFileSync(join(root, 'b/go.mod'), 'module example.com/b\n');
    writeFileSync(join(root, 'b/lib/lib.go'), 'package lib\n\nfunc Answer() int { return 42 }\n');
    let requests = await requestsOf(root);
    const joined = (p: ScanPlan): boolean => p.groups.some((g) => g.some((i) => requests[i]!.rel === 'a.go') && g.some((i) => requests[i]!.rel === 'b/lib/lib.go'));
    assert.ok(joined(cachedPlan(root, cacheDir, requests).plan), 'the string links a.go to b/lib');
    writeFileSync(join(root, 'b/go.mod'), 'module example.com/renamed\n');
    requests = await requestsOf(root);
    const p = cachedPlan(root, cacheDir, requests);
    assert.equal(p.used, false);
    assert.equal(joined(p.plan), false, 'the string names no scanned package now');
    assert.deepStrictEqual(p.plan, plan(requests, root, ANCHORS));
  }));

test('a file over the size limit is judged by its size: the plan and its content key never read it', () => {
  const big = `import { x } from './a';\nconsole.log(x);\n${'// padding\n'.repeat(200)}`;
  const root = tempProject({ 'a.ts': 'export const x = 1;\n', 'big.ts': big });
  const requests = buildRequests(['a.ts', 'big.ts'].map((rel) => ({ abs: join(root, rel), rel })), root, { maxFileSize: 1000 });
  const p = plan(requests, root, ANCHORS);
  // read, big.ts would be anchored (console) and linked to a.ts (its import)
  assert.deepEqual(p.anchored, [false, false]);
  assert.deepEqual(p.groups, [[0], [1]]);
  assert.equal(p.skips[1], `skipped: ${Buffer.byteLength(big)} bytes is over the 1000-byte limit (--max-file-size)`);
  const bigReq = requests[1]!;
  assert.equal(fileKey(bigReq), keyOfRead(bigReq, Buffer.byteLength(big)));
  assert.notEqual(fileKey(bigReq), cacheKey(bigReq, readFileSync(bigReq.abs)));
  assert.equal(fileKey(requests[0]!), cacheKey(requests[0]!, readFileSync(requests[0]!.abs)));
});

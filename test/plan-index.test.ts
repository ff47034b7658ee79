/**
 * The plan index (src/engine/plan-index.ts): with `--cache`, the plan reads only the files whose
 * content changed, and the scan reports exactly what a scan without the cache reports.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scan, type ScanResult } from '../src/engine/scan.js';
import { plan, planFileReads } from '../src/engine/partition.js';
import { fileKey, type CachedRequest } from '../src/engine/cache.js';
import { goAnchor, tsAnchor } from '../src/engine/prefilter.js';
import { PlanIndex, REWRITE_AFTER } from '../src/engine/plan-index.js';
import { loadConfig } from '../src/config/load.js';
import { rules } from '../rules/index.js';
import { inFixtureCopy } from './harness/fixtures.js';
import { scratchDir } from './harness/tmp.js';

const SOLO_TS = `import express from 'express';
const app = express();
app.get('/orders', (req, res) => {
  PRINT
  res.send('ok');
});
app.listen(3000);
`;
const SOLO_GO = `package main

import (
IMPORT	"net/http"
)

func handle(w http.ResponseWriter, r *http.Request) {
	PRINT
	w.WriteHeader(http.StatusNoContent)
}

func main() {
	http.HandleFunc("/", handle)
	_ = http.ListenAndServe(":8080", nil)
}
`;

async function scanCounting(root: string, cacheDir?: string, paths = ['.']): Promise<{ result: ScanResult; reads: number }> {
  const config = loadConfig({ cwd: root, rules });
  const before = planFileReads;
  const result = await scan({ cwd: root, root, paths, config, rules, includeTests: true, ...(cacheDir ? { cacheDir } : {}) });
  return { result, reads: planFileReads - before };
}

test('with the cache, the plan reads only changed files, and the scan reports what it reports without the cache', () =>
  inFixtureCopy('logvol-plan-index-', async (root, cacheDir) => {
    // two projects of one file each, with no sink yet: each is a group of its own, skipped while unanchored
    mkdirSync(join(root, 'solo'));
    mkdirSync(join(root, 'gosolo'));
    writeFileSync(join(root, 'solo/server.ts'), SOLO_TS.replace('PRINT', ''));
    writeFileSync(join(root, 'gosolo/main.go'), SOLO_GO.replace('IMPORT', '').replace('PRINT', ''));
    const fresh = await scanCounting(root, cacheDir);
    assert.ok(fresh.reads > REWRITE_AFTER, `the first run reads every file (${fresh.reads}) and writes the index`);
    assert.equal(readdirSync(join(cacheDir, 'plan')).length, 1);
    assert.deepStrictEqual(fresh.result, (await scanCounting(root)).result);
    // without the stored whole-scan result and the stored plan, the plan runs again: from the index alone
    for (const sub of ['results', 'plans']) rmSync(join(cacheDir, sub), { recursive: true, force: true });
    const again = await scanCounting(root, cacheDir);
    assert.equal(again.reads, 0, 'no unchanged file is read to plan');
    assert.deepStrictEqual(again.result, fresh.result);
    // edits that change what the plan reads: each solo file gets a sink (an anchor), and a route
    // file re-exports a new file (a relative specifier)
    writeFileSync(join(root, 'solo/server.ts'), SOLO_TS.replace('PRINT', 'console.log(req);'));
    writeFileSync(join(root, 'gosolo/main.go'), SOLO_GO.replace('IMPORT', '\t"fmt"\n').replace('PRINT', 'fmt.Printf("request %v", r)'));
    appendFileSync(join(root, 'ts/express-shop/src/routes/orders.ts'), "\nexport { probe } from './probe.js';\n");
    writeFileSync(join(root, 'ts/express-shop/src/probe.ts'), 'export function probe(): void {}\n');
    const afterEdit = await scanCounting(root, cacheDir);
    assert.equal(afterEdit.reads, 4, 'the three edited files and the new one are read');
    const found = new Set(afterEdit.result.findings.map((f) => f.path));
    assert.ok(found.has('solo/server.ts') && found.has('gosolo/main.go'), 'the new sinks are reported');
    assert.deepStrictEqual(afterEdit.result, (await scanCounting(root)).result);
  }));

test('the plan index is not used under other sinks', () =>
  inFixtureCopy('logvol-plan-index-', async (root, cacheDir) => {
    const first = await scanCounting(root, cacheDir);
    assert.ok(first.reads > REWRITE_AFTER);
    writeFileSync(join(root, 'logvol.config.json'), JSON.stringify({ sinks: { go: ['example.com/audit.Record'] } }));
    const other = await scanCounting(root, cacheDir);
    assert.equal(other.reads, first.reads, 'other sinks make other anchors: every file is read again');
    assert.deepStrictEqual(other.result, (await scanCounting(root)).result);
  }));

test('facts are stored under the key of the bytes the plan read, not a key computed before', () => {
  const root = scratchDir('logvol-plan-index-race-');
  try {
    mkdirSync(join(root, 'app'));
    const file = join(root, 'app/main.go');
    const plain = SOLO_GO.replace('IMPORT', '').replace('PRINT', '');
    const printing = SOLO_GO.replace('IMPORT', '\t"fmt"\n').replace('PRINT', 'fmt.Printf("request %v", r)');
    const req: CachedRequest = { abs: file, rel: 'app/main.go', pkgPath: 'app', maxFileSize: 1 << 20 };
    const anchors = { ts: tsAnchor([]), go: goAnchor([]) };
    const index = new PlanIndex(join(root, 'cache'), root);
    // the file is hashed with no sink, then edited before the plan reads it
    writeFileSync(file, plain);
    const plainKey = fileKey(req)!;
    writeFileSync(file, printing);
    assert.deepEqual(plan([{ ...req, key: plainKey }], root, anchors, index).anchored, [true]);
    // the old content again, under its own key: its facts are read from it, not the edit's
    writeFileSync(file, plain);
    assert.deepEqual(plan([{ ...req, key: plainKey }], root, anchors, index).anchored, [false]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a run over Go files only keeps the index of a tree whose tsconfig.json has paths', () =>
  inFixtureCopy('logvol-plan-index-', async (root, cacheDir) => {
    writeFileSync(join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@shop/*': ['ts/express-shop/src/*'] } } }));
    const full = await scanCounting(root, cacheDir);
    assert.ok(full.reads > REWRITE_AFTER);
    const goOnly = await scanCounting(root, cacheDir, ['go']);
    assert.ok(goOnly.result.filesScanned > 0);
    assert.equal(goOnly.reads, 0, 'the Go files are planned from the index');
  }));

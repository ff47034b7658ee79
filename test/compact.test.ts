/**
 * Compacted Go summaries (src/engine/compact.ts): the same values, strings that no longer keep
 * the source they were cut from, and a scan whose output does not change.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import fg from 'fast-glob';
import { analyzeText } from '../src/engine/analyze-file.js';
import { compactGoSummary, compactedSummaries, StringPool } from '../src/engine/compact.js';
import { assertFixtureScanUnchangedBy } from './harness/cli.js';
import { scanFixturesCounting } from './harness/scan.js';
import { REPO } from './harness/fixtures.js';
import { scratchDir } from './harness/tmp.js';

test('every Go fixture summary keeps every value when compacted', () => {
  const files = fg.sync('fixtures/**/*.go', { cwd: REPO, onlyFiles: true }).sort();
  let n = 0;
  for (const rel of files) {
    const buf = readFileSync(join(REPO, rel));
    const r = analyzeText({ abs: join(REPO, rel), rel, pkgPath: 'example.com/x', maxFileSize: 64 << 20 }, buf);
    if (r.summary?.language !== 'go') continue;
    const before = structuredClone(r.summary);
    assert.deepStrictEqual(compactGoSummary(r.summary, new StringPool()), before, rel);
    n++;
  }
  assert.ok(n > 20, `${n} Go summaries`);
});

/**
 * Memory a summary holds, in a fresh process (in this one, earlier tests' strings blur it): an
 * 8 MB file of comments around one call and one directive, whose texts are a few characters cut
 * from the 8 MB string. Measured as the memory freed when the summary is dropped, after a warm-up
 * (the first summary, the stdout stream and V8's last-match slot, which keeps the subject of the
 * last regular expression run, a whole file, are all set before), and with the event loop run
 * between collections: the parse's native tree, freed by a finalizer from there, is gone before
 * either measurement (measured synchronously, it went in one or the other by chance), and each
 * measurement waits until the heap stops shrinking: in a loaded CI run, three rounds sometimes left
 * the source to be freed between the two measurements, and the compacted summary seemed to hold it.
 * Only the JavaScript heap is measured, where the source's text lives (the file's bytes, a Buffer,
 * are freed outside it, on a background thread).
 */
function heldBySummary(compact: boolean): number {
  const dist = (m: string): string => JSON.stringify(new URL(`../src/engine/${m}`, import.meta.url).href);
  const code = `
    const { analyzeText } = await import(${dist('analyze-file.js')});
    const { compactGoSummary, StringPool } = await import(${dist('compact.js')});
    const held = async () => {
      /(?:)/.exec('');
      // a parse's native tree is freed by a finalizer that runs from the event loop: collect and
      // let it run until the heap stops shrinking (under a loaded CI, three rounds were not always enough)
      let last = Infinity;
      for (let i = 0; i < 20; i++) {
        gc();
        await new Promise((r) => setTimeout(r, i < 3 ? 0 : 10));
        const now = process.memoryUsage().heapUsed;
        if (Math.abs(last - now) < 64 * 1024) return now;
        last = now;
      }
      return last;
    };
    const req = { abs: '/x/x.go', rel: 'x.go', pkgPath: 'example.com/x', maxFileSize: 64 << 20 };
    const source = (filler) => Buffer.from(\`package x\\n\\nimport "fmt"\\n\\n\${filler}func Handle(requestContextValue string) {\\n\\tfmt.Printf("handled %v", requestContextValue) //nolint:logvol // the reason is long enough\\n}\\n\`);
    const warm = analyzeText(req, source('')).summary;
    process.stdout;
    let s = analyzeText(req, source(\`// \${'padding '.repeat(30)}\\n\`.repeat(32000))).summary;
    if (!s || s.calls.length !== 1 || s.directives.length !== 1 || !warm) throw new Error('no summary of the one call and directive');
    if (${compact}) compactGoSummary(s, new StringPool());
    const withSummary = await held();
    s = null;
    process.stdout.write(String(withSummary - (await held())));
  `;
  return Number(execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', code], { encoding: 'utf8' }));
}

test('a compacted summary no longer keeps its file source alive', () => {
  const plain = heldBySummary(false);
  // a fresh process each time; under a loaded full run the source was once still being freed
  // between the two measurements (8.25 MB "held"). A summary that keeps the source holds it in
  // every process, so the smallest of up to three is the measurement
  let compacted = heldBySummary(true);
  for (let i = 0; i < 2 && compacted >= 1e6; i++) compacted = Math.min(compacted, heldBySummary(true));
  assert.ok(plain > 7e6, `without compaction the summary holds the source (${plain} bytes)`);
  assert.ok(compacted < 1e6, `compacted, the summary holds ${compacted} bytes`);
});

test('a scan compacts the summaries of Go groups from the size set, and reports exactly what it reports without', async () => {
  const plain = await scanFixturesCounting({}, () => compactedSummaries);
  const all = await scanFixturesCounting({ compactMinFiles: 0 }, () => compactedSummaries);
  assert.equal(plain.counted, 0, 'the fixtures\' groups are under the default size');
  assert.ok(all.counted > 20, `${all.counted} summaries compacted`);
  assert.deepStrictEqual(all.result, plain.result);
  assert.ok(plain.result.findings.length > 10);
});

test('summaries read from the cache are not compacted, and report the same', async () => {
  const cacheDir = scratchDir('logvol-compact-cache-');
  try {
    const filled = await scanFixturesCounting({ compactMinFiles: 0, cacheDir }, () => compactedSummaries);
    assert.ok(filled.counted > 20, `${filled.counted} parsed summaries compacted`);
    // without the whole-scan result, every file's summary comes from its cache entry
    rmSync(join(cacheDir, 'results'), { recursive: true, force: true });
    const hits = await scanFixturesCounting({ compactMinFiles: 0, cacheDir }, () => compactedSummaries);
    assert.equal(hits.counted, 0, 'no summary read from the cache is compacted');
    assert.deepStrictEqual(hits.result, filled.result);
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
});

test('LOGVOL_COMPACT_MIN_FILES=0: the CLI scan with every Go group compacted prints the same', () => {
  assertFixtureScanUnchangedBy({ LOGVOL_COMPACT_MIN_FILES: '0' });
});

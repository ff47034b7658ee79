/**
 * Compacted Go summaries (src/engine/compact.ts): the same values, strings that no longer keep
 * the source they were cut from, and a scan whose output does not change.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import fg from 'fast-glob';
import { analyzeText } from '../src/engine/analyze-file.js';
import { compactGoSummary } from '../src/engine/compact.js';
import { assertFixtureScanUnchangedBy } from './harness/cli.js';
import { REPO } from './harness/fixtures.js';

test('every Go fixture summary keeps every value when compacted', () => {
  const files = fg.sync('fixtures/**/*.go', { cwd: REPO, onlyFiles: true }).sort();
  let n = 0;
  for (const rel of files) {
    const buf = readFileSync(join(REPO, rel));
    const r = analyzeText({ abs: join(REPO, rel), rel, pkgPath: 'example.com/x', maxFileSize: 64 << 20 }, buf);
    if (r.summary?.language !== 'go') continue;
    const before = structuredClone(r.summary);
    assert.deepStrictEqual(compactGoSummary(r.summary), before, rel);
    n++;
  }
  assert.ok(n > 20, `${n} Go summaries`);
});

/**
 * Memory a summary holds, measured in a fresh process (in this one, earlier tests' strings, the
 * decoder's buffers and external strings blur a few megabytes): 8 MB of comments around one call,
 * whose texts are a few characters cut from the 8 MB string.
 */
function heldBySummary(compact: boolean): number {
  const dist = (m: string): string => JSON.stringify(new URL(`../src/engine/${m}`, import.meta.url).href);
  const code = `
    const { analyzeText } = await import(${dist('analyze-file.js')});
    const { compactGoSummary } = await import(${dist('compact.js')});
    const held = () => { gc(); gc(); const m = process.memoryUsage(); return m.heapUsed + m.external; };
    const source = () => {
      const filler = \`// \${'padding '.repeat(30)}\\n\`.repeat(32000);
      return Buffer.from(\`package x\\n\\nimport "fmt"\\n\\n\${filler}func Handle(requestContextValue string) {\\n\\tfmt.Printf("handled %v", requestContextValue)\\n}\\n\`);
    };
    const before = held();
    const s = analyzeText({ abs: '/x/x.go', rel: 'x.go', pkgPath: 'example.com/x', maxFileSize: 64 << 20 }, source()).summary;
    if (!s || s.calls.length !== 1) throw new Error('no summary of the one call');
    if (${compact}) compactGoSummary(s);
    process.stdout.write(String(held() - before));
  `;
  return Number(execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', code], { encoding: 'utf8' }));
}

test('a compacted summary no longer keeps its file source alive', () => {
  const plain = heldBySummary(false);
  const compacted = heldBySummary(true);
  assert.ok(plain > 6e6, `without compaction the summary holds the source (${plain} bytes)`);
  assert.ok(compacted < 3e6, `compacted, the summary holds ${compacted} bytes`);
});

test('a scan with every Go group compacted reports exactly what it reports without', () => {
  assertFixtureScanUnchangedBy({ LOGVOL_COMPACT_MIN_FILES: '0' });
});

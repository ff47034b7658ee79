/** `logvol logs --source` traces log bytes back to TS/JS sink calls too (issue 8). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildLogsReport } from '../src/logs/cli.js';
import { scanTree, REPO } from './harness/fixtures.js';
import { compare } from './harness/annotations.js';
import { treeExpectations, sourceLineOf } from './harness/fixtures.js';
import { scratchDir } from './harness/tmp.js';

const TS_API = join(REPO, 'fixtures', 'logs', 'ts-api');

test('the TS fixture service has exactly its annotated findings', async () => {
  const r = await scanTree(TS_API);
  assert.deepEqual(compare(treeExpectations(TS_API), r.findings, sourceLineOf(TS_API)), []);
});

test('a flood of request bodies in a CRI log is attributed to the console.log that wrote it', async () => {
  const dir = scratchDir('logvol-logs-ts-');
  const pod = join(dir, 'var', 'log', 'pods', 'shop_api-6d9f_1234', 'api');
  mkdirSync(pod, { recursive: true });
  const lines: string[] = [];
  for (let i = 0; i < 200; i++) {
    const body = JSON.stringify({ id: i, items: Array.from({ length: 20 }, (_, k) => ({ sku: `S${k}`, qty: k })) });
    lines.push(`2026-11-28T10:00:${String(i % 60).padStart(2, '0')}.000000000Z stdout F new order payload: ${body}`);
    if (i % 10 === 0) lines.push(`2026-11-28T10:00:${String(i % 60).padStart(2, '0')}.500000000Z stdout F order accepted for acme`);
  }
  writeFileSync(join(pod, '0.log'), `${lines.join('\n')}\n`);
  const report = await buildLogsReport([dir], { top: 5, maxLineBytes: 16384, bufferBytes: 5 * 1024 * 1024, source: TS_API, progress: false });
  const top = report.templates[0]!;
  assert.match(top.template, /^new order payload: /);
  const line = readFileSync(join(TS_API, 'src', 'server.ts'), 'utf8').split('\n').findIndex((l) => l.includes('new order payload')) + 1;
  assert.match(top.attribution?.[0] ?? '', new RegExp(`^console\\.log at src/server\\.ts:${line} — request-dump — writes ~\\d+% of the bytes of pod shop/api-6d9f`));
  const second = report.templates[1]!;
  assert.match(second.template, /^order accepted for /);
  assert.match(second.attribution?.[0] ?? '', /^console\.log at src\/server\.ts:8 — writes/);
});

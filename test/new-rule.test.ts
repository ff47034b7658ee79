/** The rule scaffold (`npm run new-rule`) writes a rule folder and a sorted registry line. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { scaffold } from '../scripts/new-rule.js';
import { REPO } from './harness/fixtures.js';
import { scratchDir } from './harness/tmp.js';

test('new-rule scaffolds the four files and keeps the registry sorted', () => {
  const root = scratchDir('logvol-new-rule-');
  cpSync(join(REPO, 'rules'), join(root, 'rules'), { recursive: true });
  const created = scaffold(root, 'metric-label-per-request');
  assert.deepEqual(created.sort(), ['README.md', 'go.ts', 'rule.ts', 'ts.ts'].map((f) => `rules/metric-label-per-request/${f}`));
  const index = readFileSync(join(root, 'rules', 'index.ts'), 'utf8');
  const ids = [...index.matchAll(/from '\.\/([a-z-]+)\/rule\.js'/g)].map((m) => m[1]);
  assert.deepEqual(ids, [...ids].sort());
  assert.ok(ids.includes('metric-label-per-request') && ids.includes('context-print'));
  assert.match(index, /rules: readonly Rule\[\] = \[[^\]]*metricLabelPerRequest[^\]]*\]/);
  const readme = readFileSync(join(root, 'rules', 'metric-label-per-request', 'README.md'), 'utf8');
  for (const h of ['## What it finds', '## Why it hurts', '## Example', '## Fix']) assert.ok(readme.includes(h), h);
  assert.throws(() => scaffold(root, 'metric-label-per-request'), /already exists/);
  assert.throws(() => scaffold(root, 'NoDashes'), /kebab-case/);
  assert.ok(existsSync(join(REPO, 'rules', 'context-print')), 'the real registry is untouched');
});

/**
 * logvol's own failure on a file (a rule that throws): the file is named, every other finding is
 * still reported, the run exits 2 (no pass), and the stack is kept for `--debug`; SARIF marks the
 * run as not successful, and no report format carries the stack.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { rules } from '../rules/index.js';
import { defineRule, type Rule } from '../src/rule-api.js';
import { loadConfig } from '../src/config/load.js';
import { scan } from '../src/engine/scan.js';
import { FORMATTERS } from '../src/formatters/index.js';
import { scanExitCode } from '../src/cli/scan.js';
import { inChangedFiles, type ChangedLines } from '../src/engine/diff.js';
import { REPO } from './harness/fixtures.js';

const throwing = defineRule<'m', Record<string, never>>({
  meta: {
    id: 'always-throws',
    summary: 'a test rule that fails on every Go file',
    severity: 'warning',
    languages: ['go'],
    tags: [],
    precision: 'low',
    recommended: true,
    messages: { m: 'never reported' },
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  detectors: {
    go: function failsOnPurpose() {
      throw new TypeError("Cannot read properties of undefined (reading 'parent')");
    },
  },
}) as unknown as Rule;

test('a rule that throws: the file is named, the other findings stay, the run exits 2', async () => {
  const cwd = join(REPO, 'fixtures', 'demo');
  const all = [...rules, throwing];
  const run = async (list: readonly Rule[]) => scan({ cwd, root: cwd, paths: ['.'], config: loadConfig({ cwd, rules: list }), rules: list });
  const clean = await run(rules);
  const broken = await run(all);
  assert.ok(clean.findings.length > 0);
  assert.deepEqual(broken.findings, clean.findings, "the other rules' findings are all still reported");
  const failed = broken.notices.filter((n) => n.internal);
  assert.ok(failed.length > 0);
  for (const n of failed) {
    assert.equal(n.kind, 'error');
    assert.match(n.path, /\.go$/);
    assert.match(n.message, /^rule always-throws failed on this file: Cannot read properties of undefined/);
    assert.match(n.stack ?? '', /failsOnPurpose/, 'the stack is kept for --debug');
  }
  assert.equal(scanExitCode(clean.findings, clean.notices, {}), 1);
  assert.equal(scanExitCode(broken.findings, broken.notices, {}), 2, 'findings at error, and an internal error: 2');
  assert.equal(scanExitCode([], broken.notices, { writeBaseline: 'b.json' }), 2, 'no baseline is a pass either');
  assert.equal(scanExitCode([], [{ path: 'x.go', kind: 'error', message: 'cannot read: EACCES' }], {}), 0, "the input's own errors are notices");

  const input = { findings: broken.findings, suppressed: [], unusedSuppressions: [], notices: broken.notices, rules: all, engineRules: [], filesScanned: broken.filesScanned, root: cwd, cwd, color: false };
  const sarif = JSON.parse(FORMATTERS.sarif!(input)) as { runs: { invocations: { executionSuccessful: boolean }[] }[] };
  assert.equal(sarif.runs[0]!.invocations[0]!.executionSuccessful, false);
  const okSarif = JSON.parse(FORMATTERS.sarif!({ ...input, notices: clean.notices })) as typeof sarif;
  assert.equal(okSarif.runs[0]!.invocations[0]!.executionSuccessful, true);
  for (const format of Object.keys(FORMATTERS)) assert.doesNotMatch(FORMATTERS[format]!(input), /failsOnPurpose/, `${format} carries no stack`);
});

test('with --diff-base, a failure counts only in a changed file: an untouched file cannot lose a finding of the report', () => {
  const root = join(REPO, 'fixtures', 'demo');
  const changed: ChangedLines = { base: 'HEAD', top: REPO, files: new Map([['fixtures/demo/internal/handler/product.go', new Set([29])]]) };
  const notices = [
    { path: 'internal/handler/product.go', kind: 'error' as const, message: 'rule x failed on this file: boom', internal: true as const },
    { path: 'cmd/server/main.go', kind: 'error' as const, message: 'rule x failed on this file: boom', internal: true as const },
  ];
  assert.deepEqual(inChangedFiles(notices, changed, root).map((n) => n.path), ['internal/handler/product.go']);
  assert.equal(scanExitCode([], inChangedFiles(notices.slice(1), changed, root), {}), 0);
  assert.equal(scanExitCode([], inChangedFiles(notices, changed, root), {}), 2);
});

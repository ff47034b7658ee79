/**
 * Fingerprints, baselines, suppression governance, extra reports and module context for explicit
 * files, through the real CLI on temporary projects.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GO_MOD, logvol, tempProject } from './harness/cli.js';

interface JsonFinding {
  ruleId: string;
  path: string;
  line: number;
  function: string;
  fingerprint: string;
  message: string;
  suppression?: { justification: string };
}

function findings(dir: string, args: string[] = ['.']): { code: number | null; findings: JsonFinding[]; stderr: string; files: number } {
  const r = logvol(['scan', '-f', 'json', ...args], dir);
  assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`);
  const j = JSON.parse(r.stdout) as { findings: JsonFinding[]; summary: { files: number } };
  return { code: r.code, findings: j.findings, stderr: r.stderr, files: j.summary.files };
}

/** A handler file: `body` lines go inside Handle(ctx); `extra` is appended after it. */
function handler(body: string[], extra = ''): string {
  return `package handler

import (
	"context"
	"fmt"
	"log"
)

func Handle(ctx context.Context, id string) {
${body.map((l) => `\t${l}`).join('\n')}
}
${extra}`;
}

const PRINT = 'fmt.Printf("Context => %v", ctx)';
const HELPER = `
func helper(ctx context.Context) {
	log.Println("helper", ctx)
}
`;

// ---------------------------------------------------------------- fingerprints

test('fingerprints do not change when lines are inserted above the finding', () => {
  const dir = tempProject({ 'go.mod': GO_MOD, 'h/h.go': handler([PRINT]) });
  const before = findings(dir).findings;
  assert.equal(before.length, 1);
  writeFileSync(join(dir, 'h/h.go'), `// Package handler.\n// More commentary.\n\n${handler(['id = id + "x"', '', PRINT])}`);
  const after = findings(dir).findings;
  assert.equal(after.length, 1);
  assert.notEqual(after[0]!.line, before[0]!.line, 'the finding moved');
  assert.equal(after[0]!.fingerprint, before[0]!.fingerprint);
});

test('fingerprints do not change when a trailing suppression comment is added', () => {
  const dir = tempProject({ 'go.mod': GO_MOD, 'h/h.go': handler([PRINT]) });
  const before = findings(dir).findings[0]!;
  writeFileSync(join(dir, 'h/h.go'), handler([`${PRINT} // logvol-ignore context-print -- local debugging only`]));
  const r = findings(dir, ['.', '--report-suppressed']);
  assert.equal(r.code, 0);
  assert.equal(r.findings.length, 1);
  assert.equal(r.findings[0]!.suppression?.justification, 'local debugging only');
  assert.equal(r.findings[0]!.fingerprint, before.fingerprint);
});

test('two identical calls on different lines get different fingerprints, stable across runs', () => {
  const dir = tempProject({ 'go.mod': GO_MOD, 'h/h.go': handler([PRINT, PRINT]) });
  const a = findings(dir).findings;
  assert.equal(a.length, 2);
  assert.notEqual(a[0]!.fingerprint, a[1]!.fingerprint);
  assert.deepEqual(findings(dir).findings.map((f) => f.fingerprint), a.map((f) => f.fingerprint));
});

// ---------------------------------------------------------------- baselines

test('a baseline hides old findings across line moves and unrelated edits, and reports a new one', () => {
  const dir = tempProject({ 'go.mod': GO_MOD, 'h/h.go': handler([PRINT], HELPER) });
  const w = logvol(['scan', '.', '--write-baseline', 'logvol-baseline.json'], dir);
  assert.equal(w.code, 0, w.stderr);
  assert.match(w.stderr, /wrote 2 entries to baseline/);
  const baseline = JSON.parse(readFileSync(join(dir, 'logvol-baseline.json'), 'utf8')) as { version: number; entries: JsonFinding[] };
  assert.equal(baseline.version, 1);
  assert.deepEqual(baseline.entries.map((e) => [e.ruleId, e.path, e.function]), [
    ['context-print', 'h/h.go', 'Handle'],
    ['context-print', 'h/h.go', 'helper'],
  ].sort((x, y) => (x.join() < y.join() ? -1 : 1)) as unknown as [string, string, string][]);
  assert.ok(baseline.entries.every((e) => /^[0-9a-f]{32}$/.test(e.fingerprint) && e.message.length > 0));

  // line moves and unrelated edits: nothing resurrects
  writeFileSync(join(dir, 'h/h.go'), `// Package handler does things.\n\n${handler(['id = "x" + id', PRINT, 'log.Printf("id %s", id)'], `\nfunc unrelated() int { return 42 }\n${HELPER}`)}`);
  const moved = logvol(['scan', '.', '--baseline', 'logvol-baseline.json'], dir);
  assert.equal(moved.code, 0, moved.stdout);
  assert.match(moved.stdout, /No problems found/);
  assert.match(moved.stderr, /2 baselined findings hidden/);
  assert.doesNotMatch(moved.stderr, /stale/);

  // fix one, add another of the same rule in the same file: the new one is reported, one entry is stale
  writeFileSync(join(dir, 'h/h.go'), handler(['log.Printf("id %s", id)', 'log.Print(ctx)'], HELPER));
  const r = logvol(['scan', '.', '-f', 'json', '--baseline', 'logvol-baseline.json'], dir);
  assert.equal(r.code, 1, r.stderr);
  const fresh = (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings;
  assert.deepEqual(fresh.map((f) => [f.path, f.line, f.function]), [['h/h.go', 11, 'Handle']]);
  assert.match(fresh[0]!.message, /log\.Print/);
  assert.match(r.stderr, /1 baseline entry is stale \(fixed or gone\)/);
});

test('identical calls in one function: the baseline accepts as many as it recorded, one more is reported', () => {
  const dir = tempProject({ 'go.mod': GO_MOD, 'h/h.go': handler([PRINT, PRINT]) });
  assert.equal(logvol(['scan', '.', '--write-baseline', 'b.json'], dir).code, 0);
  writeFileSync(join(dir, 'h/h.go'), handler([PRINT, 'id = id + "x"', PRINT, PRINT]));
  const r = findings(dir, ['.', '--baseline', 'b.json']);
  assert.equal(r.findings.length, 1, 'exactly the one beyond the recorded two');
  assert.equal(r.findings[0]!.line, 13, 'reported on the last identical call in source order');
});

test('a bad baseline file is a usage error naming the file', () => {
  const dir = tempProject({ 'go.mod': GO_MOD, 'h/h.go': handler([PRINT]), 'b.json': '{"version": 99, "entries": []}', 'c.json': 'nope' });
  const missing = logvol(['scan', '.', '--baseline', 'missing.json'], dir);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read baseline .*missing\.json/);
  assert.match(logvol(['scan', '.', '--baseline', 'b.json'], dir).stderr, /b\.json: unsupported version 99/);
  assert.match(logvol(['scan', '.', '--baseline', 'c.json'], dir).stderr, /c\.json is not valid JSON/);
});

// ---------------------------------------------------------------- suppression governance

test('--require-reason reports a suppression without a reason as a warning; the suppression still applies', () => {
  const dir = tempProject({
    'go.mod': GO_MOD,
    'h/h.go': handler([`${PRINT} // logvol-ignore context-print`, '// logvol-ignore-next-line context-print -- startup banner, runs once', PRINT]),
  });
  const plain = logvol(['scan', '.'], dir);
  assert.equal(plain.code, 0, plain.stdout);
  const r = findings(dir, ['.', '--require-reason']);
  assert.equal(r.code, 0, 'a warning does not fail the run');
  assert.deepEqual(r.findings.map((f) => [f.ruleId, f.line]), [['logvol/suppression-reason', 10]]);
  assert.equal(logvol(['scan', '.', '--require-reason', '--max-warnings', '0'], dir).code, 1);
  const sarif = JSON.parse(logvol(['scan', '.', '-f', 'sarif', '--require-reason'], dir).stdout) as { runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; ruleIndex: number }[] }[] };
  const run = sarif.runs[0]!;
  assert.equal(run.tool.driver.rules[run.results[0]!.ruleIndex]!.id, 'logvol/suppression-reason');
});

test('--report-unused-suppressions reports a directive that silences nothing', () => {
  const dir = tempProject({
    'go.mod': GO_MOD,
    'h/h.go': handler(['// logvol-ignore-next-line context-print -- was needed before the refactor', 'log.Printf("id %s", id)', `${PRINT} //nolint:logvol // reviewed`]),
  });
  assert.equal(findings(dir).findings.length, 0);
  const r = findings(dir, ['.', '--report-unused-suppressions']);
  assert.deepEqual(r.findings.map((f) => [f.ruleId, f.line]), [['logvol/unused-suppression', 10]]);
  const gl = JSON.parse(logvol(['scan', '.', '-f', 'gitlab', '--report-unused-suppressions'], dir).stdout) as { check_name: string; description: string }[];
  assert.equal(gl[0]!.check_name, 'logvol/unused-suppression');
});

// ---------------------------------------------------------------- several reports in one run

test('--report writes extra reports atomically alongside the main output', () => {
  const dir = tempProject({ 'go.mod': GO_MOD, 'h/h.go': handler([PRINT]) });
  const r = logvol(['scan', '.', '--report', 'sarif:out/logvol.sarif', '--report', 'gitlab:gl-code-quality-report.json', '--report', 'junit:junit.xml', '--automation-id', 'logvol/mr/'], dir, {});
  // out/ does not exist: the write fails with a usage error naming the file, before stdout
  assert.equal(r.code, 2);
  assert.match(r.stderr, /cannot write report .*logvol\.sarif/);
  const ok = logvol(['scan', '.', '--report', 'sarif:logvol.sarif', '--report', 'gitlab:gl-code-quality-report.json', '--report', 'junit:junit.xml', '--automation-id', 'logvol/mr/'], dir);
  assert.equal(ok.code, 1);
  assert.match(ok.stdout, /1 problem \(1 error/, 'the main output is still the text report on stdout');
  const sarif = JSON.parse(readFileSync(join(dir, 'logvol.sarif'), 'utf8')) as { runs: { automationDetails: { id: string }; results: unknown[] }[] };
  assert.equal(sarif.runs[0]!.automationDetails.id, 'logvol/mr/');
  assert.equal(sarif.runs[0]!.results.length, 1);
  assert.equal((JSON.parse(readFileSync(join(dir, 'gl-code-quality-report.json'), 'utf8')) as unknown[]).length, 1);
  assert.match(readFileSync(join(dir, 'junit.xml'), 'utf8'), /<failure /);
  assert.deepEqual(readdirSync(dir).filter((f) => f.includes('.tmp-')), [], 'no temporary files left');
});

test('--report rejects a malformed spec or an unknown format', () => {
  const dir = tempProject({ 'go.mod': GO_MOD, 'h/h.go': handler([PRINT]) });
  const a = logvol(['scan', '.', '--report', 'sarif'], dir);
  assert.equal(a.code, 2);
  assert.match(a.stderr, /--report expects <format>:<file>, got "sarif"/);
  const b = logvol(['scan', '.', '--report', 'pdf:x.pdf'], dir);
  assert.equal(b.code, 2);
  assert.match(b.stderr, /unknown format "pdf"/);
  assert.equal(existsSync(join(dir, 'x.pdf')), false);
});

// ---------------------------------------------------------------- explicit files: module context

test('explicit files are analysed with their Go module around them and reported alone', () => {
  const dir = tempProject({
    'svc/go.mod': GO_MOD,
    'svc/cmd/main.go': 'package main\n\nimport "example.com/svc/h"\n\nfunc main() { h.Handle(nil, "") }\n',
    'svc/h/h.go': handler([PRINT], HELPER),
    'svc/other/o.go': handler([PRINT]).replace('package handler', 'package other'),
    'elsewhere/go.mod': 'module example.com/elsewhere\n\ngo 1.22\n',
    'elsewhere/e.go': handler([PRINT]).replace('package handler', 'package e'),
  });
  const r = findings(dir, ['svc/h/h.go']);
  assert.equal(r.code, 1);
  assert.deepEqual([...new Set(r.findings.map((f) => f.path))], ['svc/h/h.go']);
  assert.equal(r.findings.length, 2);
  assert.equal(r.files, 3, 'the three files of the svc module were analysed, not the other module');
  // the same findings, to the byte, as a scan of the whole module filtered to the file
  const whole = findings(dir, ['svc']).findings.filter((f) => f.path === 'svc/h/h.go');
  assert.deepEqual(r.findings, whole);
  const alone = findings(dir, ['svc/h/h.go', '--no-module-context']);
  assert.equal(alone.files, 1);
  assert.equal(alone.findings.length, 2);
  // a directory argument keeps the plain behaviour
  assert.equal(findings(dir, ['svc/other', 'svc/h/h.go']).findings.length, 3);
});

test('writing a report to /dev/null leaves the device in place', (t) => {
  let st;
  try {
    st = statSync('/dev/null');
  } catch {
    return t.skip('no /dev/null on this system');
  }
  if (!st.isCharacterDevice()) return t.skip('/dev/null is not a character device here');
  const dir = tempProject({ 'go.mod': GO_MOD, 'h/h.go': handler([PRINT]) });
  const r = logvol(['scan', '.', '-f', 'json', '-o', '/dev/null', '--report', 'sarif:/dev/null'], dir);
  assert.equal(r.code, 1, r.stderr);
  assert.ok(statSync('/dev/null').isCharacterDevice(), '/dev/null was replaced by a regular file');
});

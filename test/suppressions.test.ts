import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDirective } from '../src/engine/suppressions.js';
import { GO_MOD, logvol, tempProject } from './harness/cli.js';

const span = { line: 1, column: 1, endLine: 1, endColumn: 1 };

test('directive parsing', () => {
  assert.deepEqual(parseDirective('// logvol-ignore-next-line context-print, request-dump -- debug endpoint', 4, false, span), {
    kind: 'ignore-next-line', rules: ['context-print', 'request-dump'], reason: 'debug endpoint', line: 4, target: 5, span,
  });
  assert.deepEqual(parseDirective('// logvol-ignore -- why', 7, true, span)?.rules, []);
  assert.equal(parseDirective('// logvol-ignore context-print', 7, true, span)?.target, 7);
  assert.equal(parseDirective('//nolint:logvol // reason here', 3, true, span)?.reason, 'reason here');
  assert.equal(parseDirective('//nolint:errcheck', 3, true, span), undefined);
  assert.equal(parseDirective('//nolint', 3, false, span)?.target, 4);
  assert.equal(parseDirective('/* logvol-ignore-next-line context-print */', 3, false, span)?.rules[0], 'context-print');
  assert.equal(parseDirective('// a comment about logvol-ignore', 3, true, span), undefined);
});

test('suppressions silence exactly what they name', () => {
  const src = `package h

import (
	"context"
	"fmt"
)

func Handle(ctx context.Context) {
	fmt.Printf("a %v", ctx) // logvol-ignore context-print -- debug only
	// logvol-ignore-next-line context-print -- rate limited
	fmt.Printf("b %v", ctx)
	fmt.Printf("c %v", ctx) //nolint:logvol // legacy
	fmt.Printf("d %v", ctx) // logvol-ignore request-dump -- another rule
	// logvol-ignore-next-line -- every rule
	fmt.Printf("e %v", ctx)
	fmt.Printf("f %v", ctx) // logvol-ignore no-such-rule
}
`;
  const dir = tempProject({ 'go.mod': GO_MOD, 'h.go': src });
  const r = logvol(['scan', '.', '-f', 'json'], dir);
  const j = JSON.parse(r.stdout) as { findings: { line: number }[]; summary: { suppressed: number } };
  assert.deepEqual(j.findings.map((f) => f.line), [13, 16]);
  assert.match(r.stderr, /h\.go:16: suppression names unknown rule "no-such-rule"/);
  const all = JSON.parse(logvol(['scan', '.', '-f', 'json', '--report-suppressed'], dir).stdout) as { findings: { line: number; suppression?: { justification: string } }[] };
  const sup = all.findings.filter((f) => f.suppression);
  assert.deepEqual(sup.map((f) => [f.line, f.suppression!.justification]), [[9, 'debug only'], [11, 'rate limited'], [12, 'legacy'], [15, 'every rule']]);
});

test('by default, a logvol directive without a reason or that silences nothing is a notice, not a finding', () => {
  const src = `package h

import (
	"context"
	"fmt"
)

func Handle(ctx context.Context) {
	fmt.Printf("%v", ctx) // logvol-ignore context-print
	fmt.Println("fine")   // logvol-ignore context-print -- stale
	fmt.Println("ok")     //nolint
}
`;
  const dir = tempProject({ 'go.mod': GO_MOD, 'h.go': src });
  const r = logvol(['scan', '.'], dir);
  assert.equal(r.code, 0);
  assert.match(r.stderr, /h\.go:9: `logvol-ignore context-print` gives no reason/);
  assert.match(r.stderr, /h\.go:10: `logvol-ignore context-print` suppresses nothing/);
  assert.doesNotMatch(r.stderr, /h\.go:11/, 'a bare //nolint belongs to golangci-lint');
  const flagged = logvol(['scan', '.', '--report-unused-suppressions', '--require-reason'], dir);
  assert.doesNotMatch(flagged.stderr, /notice: h\.go/, 'with the flags they are findings, not notices');
  // nor findings for the bare //nolint: golangci-lint's nolintlint judges it (flipt's and openfga's)
  const found = JSON.parse(logvol(['scan', '.', '-f', 'json', '--report-unused-suppressions', '--require-reason'], dir).stdout) as { findings: { line: number; ruleId: string }[] };
  assert.deepEqual(found.findings.map((f) => `${f.ruleId}:${f.line}`).sort(), ['logvol/suppression-reason:9', 'logvol/unused-suppression:10']);
});

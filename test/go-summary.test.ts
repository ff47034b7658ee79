/** Regression tests for the Go summarizer's walker (issue 6: cursor-based descent). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFlat } from '../src/languages/parsers.js';
import { summarizeGo } from '../src/languages/go/summarize.js';

function summarize(src: string) {
  return summarizeGo(parseFlat('go', src), src, 'x.go', 'example.com/x');
}

test('for loops without an init statement are walked once, with the right depth', () => {
  const s = summarize('package x\n\nfunc f(n int) {\n\tlevel := 0\n\tfor ; level <= n; level++ {\n\t\tlog(level)\n\t}\n\tdone()\n}\n');
  assert.deepEqual(
    s.calls.map((c) => [c.callee.kind === 'func' ? c.callee.key : '?', c.span.line, c.loopDepth]),
    [
      ['example.com/x.log', 6, 1],
      ['example.com/x.done', 8, 0],
    ],
  );
});

test('every call in nested expressions is recorded exactly once', () => {
  const s = summarize('package x\n\nfunc f() {\n\ta(b(c()), func() { d() })\n\tif e := g(); e {\n\t\th()\n\t}\n}\n');
  const names = s.calls.map((c) => (c.callee.kind === 'func' ? c.callee.key.replace('example.com/x.', '') : '?')).sort();
  assert.deepEqual(names, ['a', 'b', 'c', 'd', 'g', 'h']);
});

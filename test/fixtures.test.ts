/**
 * Every fixture tree is scanned as a project; its findings must equal its `// want:` lines exactly
 * (missing and extra both fail) and none may land on an `// ok:` line; no rule may fail on a file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compare } from './harness/annotations.js';
import { fixtureTrees, rel, scanTree, sourceLineOf, treeExpectations } from './harness/fixtures.js';
import { rules } from '../rules/index.js';

const trees = fixtureTrees();

for (const tree of trees) {
  test(`fixture ${rel(tree)}`, async () => {
    const result = await scanTree(tree);
    const expect = treeExpectations(tree);
    assert.ok(expect.some((e) => e.kind === 'want'), `${rel(tree)} declares no // want: finding`);
    const problems = compare(expect, result.findings, sourceLineOf(tree));
    assert.deepEqual(problems, [], `\n${problems.join('\n')}`);
    // a rule that fails on a file loses that file's findings of it: no fixture may make one fail
    const failures = result.notices.filter((n) => n.kind === 'error').map((n) => `${n.path}: ${n.message}`);
    assert.deepEqual(failures, []);
  });
}

test('every rule has a want and an ok in each language it supports', () => {
  const all = trees.flatMap((t) => treeExpectations(t).map((e) => ({ ...e, lang: e.path.endsWith('.go') ? 'go' : 'ts' })));
  const gaps: string[] = [];
  for (const r of rules) {
    for (const lang of r.meta.languages) {
      for (const kind of ['want', 'ok'] as const) {
        if (!all.some((e) => e.rule === r.meta.id && e.kind === kind && e.lang === lang)) gaps.push(`${r.meta.id} has no ${kind} in ${lang} fixtures`);
      }
    }
  }
  assert.deepEqual(gaps, []);
});

test('annotations name only known rules', () => {
  const ids = new Set(rules.map((r) => r.meta.id));
  const unknown = trees.flatMap((t) => treeExpectations(t)).filter((e) => !ids.has(e.rule));
  assert.deepEqual(unknown.map((e) => `${e.path}:${e.line} ${e.rule}`), []);
});

/**
 * The TS warm-up (engine/warm-up.ts): its snippets must parse cleanly and take the summariser's
 * main branches (a snippet that stopped parsing would warm up only the error path), and a scan
 * large enough to warm up reports what it reports without the warm-up.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFlat } from '../src/languages/parsers.js';
import { summarizeTs } from '../src/languages/ts/summarize.js';
import { WARM_UP_JS, WARM_UP_TS } from '../src/languages/ts/warm-up.js';
import { manyTsMisses, WARM_UP_MIN_FILES } from '../src/engine/warm-up.js';

for (const [grammar, src] of [['typescript', WARM_UP_TS], ['javascript', WARM_UP_JS]] as const) {
  test(`warm-up ${grammar} snippet parses without error and summarises classes and calls`, () => {
    const tree = parseFlat(grammar, src);
    assert.equal(tree.rootNode.hasError, false);
    const s = summarizeTs(tree, src, grammar === 'typescript' ? 'src/resolvers/Query/index.ts' : 'lib/store.js', grammar);
    assert.equal(s.partial, false);
    assert.ok(s.calls.length >= 10, `calls: ${s.calls.length}`);
    assert.ok(s.functions.length >= 5, `functions: ${s.functions.length}`);
    assert.ok(s.classes.length >= 2, `classes: ${s.classes.length}`);
    assert.ok(Object.keys(s.exports).length >= 2, `exports: ${Object.keys(s.exports).join(' ')}`);
  });
}

test('warm-up runs only for a list with enough TS/JS files to summarise', () => {
  const ts = Array.from({ length: WARM_UP_MIN_FILES }, (_, i) => ({ abs: `/r/f${i}.ts` }));
  const go = Array.from({ length: 200 }, (_, i) => ({ abs: `/r/f${i}.go` }));
  assert.equal(manyTsMisses(ts, () => true), true);
  assert.equal(manyTsMisses(ts.slice(1), () => true), false);
  assert.equal(manyTsMisses([...go, ...ts.slice(1)], () => true), false);
  assert.equal(manyTsMisses(ts, () => false), false, 'cache hits need no warm-up');
  let tested = 0;
  assert.equal(manyTsMisses(ts.slice(1), () => ++tested > 0), false);
  assert.equal(tested, 0, 'a list shorter than the threshold checks no cache entry');
  assert.equal(manyTsMisses([...ts, ...go], () => ++tested > 0), true);
  assert.equal(tested, WARM_UP_MIN_FILES, 'the count stops once the threshold is reached');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldText } from '../src/engine/text.js';

// foldText feeds every fingerprint: a change in its output re-keys every baseline entry.
test('foldText folds whitespace, strips comments and keeps string literals verbatim', () => {
  const cases: [string, string][] = [
    ['', ''],
    ['   ', ''],
    ['fmt.Printf("x", ctx)', 'fmt.Printf("x", ctx)'],
    ['  log.Info(\n\t\tctx,\n\t)  ', 'log.Info( ctx, )'],
    ['a  /* note */  b', 'a b'],
    ['a/* note */b', 'a b'],
    ['a // trailing\n  b', 'a b'],
    ['a /* never closed', 'a'],
    ['f("  two  spaces // not a comment /* nor this */")', 'f("  two  spaces // not a comment /* nor this */")'],
    ["f('it\\'s', \"q\\\"x\")", "f('it\\'s', \"q\\\"x\")"],
    ['f(`line one\n   line two`)', 'f(`line one\n   line two`)'],
    // an unterminated literal ends at the line break, which it keeps (as it always has)
    ['f("open\n  next)', 'f("open\n next)'],
    ['"unterminated at the end', '"unterminated at the end'],
    ['x\r\n\r\ny', 'x y'],
  ];
  for (const [src, want] of cases) assert.equal(foldText(src), want, JSON.stringify(src));
});

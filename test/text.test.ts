import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldClip, foldText } from '../src/engine/text.js';
import { prng } from './harness/fuzz.js';

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

/** The folding rules one character at a time: the oracle for foldText's shortcuts. */
function foldOracle(src: string): string {
  let out = '';
  let space = false;
  for (let i = 0; i < src.length; ) {
    const c = src[i]!;
    if (c === '/' && src[i + 1] === '/') {
      while (i < src.length && src[i] !== '\n' && src[i] !== '\r') i++;
      space = true;
    } else if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      i = end < 0 ? src.length : end + 2;
      space = true;
    } else if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      space = true;
      i++;
    } else {
      if (space && out) out += ' ';
      space = false;
      if (c === '"' || c === "'" || c === '`') {
        let j = i + 1;
        while (j < src.length && src[j] !== c) {
          if (src[j] === '\\' && c !== '`') j++;
          else if (c !== '`' && (src[j] === '\n' || src[j] === '\r')) break;
          j++;
        }
        const end = Math.min(j + 1, src.length);
        out += src.slice(i, end);
        i = end;
      } else {
        out += c;
        i++;
      }
    }
  }
  return out;
}

test('foldText and foldClip agree with the folding rules on generated texts (shortcuts included)', () => {
  // mostly plain code, so the shortcuts (a text that folds to itself, a long one clipped where it stands) are taken
  const alphabet = ['a', 'b', '(', ')', ',', '.', ' ', ' ', ' ', ' ', '\n', '\t', '\r', '/', '*', '"', "'", '`', '\\'];
  const random = prng(42);
  const rnd = (n: number): number => Math.floor(random() * n);
  const clip = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
  const specials = ['  ', ' ', '\t', '\n', '\r', '/', '//', '/*', '*/', '"', '`'];
  let unchanged = 0;
  for (let k = 0; k < 6000; k++) {
    // 0: letters, punctuation and single spaces; 1: the same with one special piece; 2: anything
    const mode = k % 3;
    const len = rnd(k % 10 === 0 ? 600 : 60);
    let src = '';
    for (let i = 0; i < len; i++) {
      const c = mode < 2 ? alphabet[rnd(7)]! : alphabet[rnd(alphabet.length)]!;
      src += c === ' ' && (src.endsWith(' ') || src === '') && mode < 2 ? 'a' : c;
    }
    if (mode < 2 && src.endsWith(' ')) src += 'a';
    if (mode === 1) {
      const at = [0, src.length, 1, 4, 5, 19, 20, 199, 200, rnd(src.length + 1)][rnd(10)]!;
      src = src.slice(0, at) + specials[rnd(specials.length)]! + src.slice(at);
    }
    const want = foldOracle(src);
    if (want === src) unchanged++;
    assert.equal(foldText(src), want, JSON.stringify(src));
    for (const max of [1, 5, 20, 200]) {
      assert.equal(foldClip(src, max), clip(want, max), `${max} ${JSON.stringify(src)}`);
      assert.equal(foldText(src, max).slice(0, max + 1), want.slice(0, max + 1), `${max} ${JSON.stringify(src)}`);
    }
  }
  assert.ok(unchanged > 1000, `texts that fold to themselves: ${unchanged}`);
});

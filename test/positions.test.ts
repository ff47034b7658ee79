import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineTable } from '../src/engine/positions.js';
import { prng } from './harness/fuzz.js';

/** line starts by the definition: after each \r\n, \n or lone \r */
function reference(text: string): number[] {
  const starts = [0];
  const re = /\r\n|\n|\r/g;
  for (let m = re.exec(text); m; m = re.exec(text)) starts.push(m.index + m[0].length);
  return starts;
}

function starts(t: LineTable): number[] {
  return Array.from({ length: t.lineCount }, (_, i) => t.lineStart(i + 1));
}

test('LineTable: lines end at \\n, \\r\\n and a lone \\r, with or without carriage returns in the text', () => {
  assert.deepEqual(starts(new LineTable('')), [0]);
  assert.deepEqual(starts(new LineTable('a\nbc\n')), [0, 2, 5]);
  assert.deepEqual(starts(new LineTable('a\r\nbc\r\n')), [0, 3, 7]);
  assert.deepEqual(starts(new LineTable('a\rb\n\r\nc')), [0, 2, 4, 6]);
  assert.deepEqual(new LineTable('ab\ncd').position(4), { line: 2, column: 2 });
  // generated texts over the three terminators, both code paths
  const parts = ['a', 'bc', '\n', '\r', '\r\n', ' ', '\n\n'];
  const random = prng(11);
  for (let i = 0; i < 2000; i++) {
    let text = '';
    for (let k = 0; k < i % 13; k++) text += parts[Math.floor(random() * parts.length)];
    const t = new LineTable(text);
    assert.deepEqual(starts(t), reference(text), JSON.stringify(text));
    for (let off = 0; off <= text.length; off++) assert.equal(t.lineOf(off), reference(text).filter((s) => s <= off).length);
  }
});

/**
 * Seeded mutations for the fuzz test (issue 7): byte flips, truncations, duplicated and deleted
 * spans, inserted quotes and brackets. Same seed, same mutants.
 */

export { prng } from '../../bench/prng.js';

const INSERTS = ['"', "'", '`', '(', ')', '{', '}', '[', ']', '<', '>', '/*', '*/', '//', '\\', '${', '\n', '\r', '\u0000', '\ufeff', 'func(', '=> {', '...'];

export type MutationKind = 'flip' | 'truncate' | 'duplicate' | 'delete' | 'insert';
const KINDS: MutationKind[] = ['flip', 'truncate', 'duplicate', 'delete', 'insert'];

/** One to three mutations of `input`; returns the mutant and what was done (for a failure message). */
export function mutate(input: Buffer, rand: () => number): { out: Buffer; ops: string[] } {
  let buf = input;
  const ops: string[] = [];
  const n = 1 + Math.floor(rand() * 3);
  const at = (len: number): number => Math.floor(rand() * (len + 1));
  for (let k = 0; k < n; k++) {
    const kind = KINDS[Math.floor(rand() * KINDS.length)]!;
    const len = buf.length;
    switch (kind) {
      case 'flip': {
        if (len === 0) break;
        const i = Math.min(at(len), len - 1);
        const copy = Buffer.from(buf);
        copy[i] = copy[i]! ^ (1 << Math.floor(rand() * 8));
        buf = copy;
        ops.push(`flip@${i}`);
        break;
      }
      case 'truncate': {
        const i = at(len);
        buf = buf.subarray(0, i);
        ops.push(`truncate@${i}`);
        break;
      }
      case 'duplicate': {
        const i = at(len);
        const j = Math.min(len, i + Math.floor(rand() * 400));
        buf = Buffer.concat([buf.subarray(0, j), buf.subarray(i, j), buf.subarray(j)]);
        ops.push(`duplicate@${i}-${j}`);
        break;
      }
      case 'delete': {
        const i = at(len);
        const j = Math.min(len, i + Math.floor(rand() * 200));
        buf = Buffer.concat([buf.subarray(0, i), buf.subarray(j)]);
        ops.push(`delete@${i}-${j}`);
        break;
      }
      case 'insert': {
        const i = at(len);
        const s = INSERTS[Math.floor(rand() * INSERTS.length)]!;
        buf = Buffer.concat([buf.subarray(0, i), Buffer.from(s), buf.subarray(i)]);
        ops.push(`insert@${i}:${JSON.stringify(s)}`);
        break;
      }
    }
  }
  return { out: buf, ops };
}

/**
 * Sampled lines: `if n%10000 == 0 { log… }` (Go), `if (count % 1000 === 0) console.log(…)` (TS/JS)
 * writes one line per so many turns of its loop, a progress line, not one per item (the listmonk
 * audit: its importer's line every 10,000 rows). Both summarisers ask this of the conditions of the
 * `if`s between a call and its innermost loop; the grammars share the node shapes read here.
 */
import type { FlatNode as SyntaxNode } from './flat-tree.js';

/** The smallest literal step that samples: `i%2 == 0` still writes every other item. */
const MIN_STEP = 10;

/**
 * Whether an `if` condition holds a modulo test, alone or as one term of an `&&`: `x % N == 0`
 * (`===` in TS/JS; any whole number on the right, `0` or another), with a literal step `N` of at
 * least MIN_STEP or a named one (`total%batch`, `i % cfg.LogEvery`).
 */
export function samplesTurns(cond: SyntaxNode, depth = 0): boolean {
  const c = unparen(cond);
  if (c.type !== 'binary_expression' || depth > 16) return false;
  const op = c.childForFieldName('operator')?.text;
  const left = c.childForFieldName('left');
  const right = c.childForFieldName('right');
  if (!left || !right) return false;
  if (op === '&&') return samplesTurns(left, depth + 1) || samplesTurns(right, depth + 1);
  if (op !== '==' && op !== '===') return false;
  const [mod, value] = isWholeNumber(right) ? [unparen(left), right] : [unparen(right), left];
  if (!isWholeNumber(value) || mod.type !== 'binary_expression' || mod.childForFieldName('operator')?.text !== '%') return false;
  const step = mod.childForFieldName('right');
  if (!step) return false;
  const s = unparen(step);
  if (isWholeNumber(s)) return Number(s.text.replace(/_/g, '')) >= MIN_STEP;
  return s.type === 'identifier' || s.type === 'selector_expression' || s.type === 'member_expression';
}

function isWholeNumber(n: SyntaxNode): boolean {
  return (n.type === 'int_literal' || n.type === 'number') && /^\d[\d_]*$/.test(n.text);
}

function unparen(node: SyntaxNode): SyntaxNode {
  let n = node;
  for (let i = 0; n.type === 'parenthesized_expression' && n.namedChildren[0] && i < 64; i++) n = n.namedChildren[0];
  return n;
}

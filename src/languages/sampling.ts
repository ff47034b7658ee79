/**
 * Sampled lines: `if n%10000 == 0 { log… }` (Go), `if (count % 1000 === 0) console.log(…)` (TS/JS)
 * writes one line per so many turns of its loop, a progress line, not one per item (the listmonk
 * audit: its importer's line every 10,000 rows); `if i == 0 { log… }` one line per loop. Both summarisers ask this of the conditions of the
 * `if`s between a call and its innermost loop, with the names that count that loop's turns; the
 * grammars share the node shapes read here.
 */
import { perNode, type FlatNode as SyntaxNode } from './flat-tree.js';

/** The smallest step that samples: `i%2 == 0` still writes every other item. */
const MIN_STEP = 10;

/**
 * Whether an `if` between `node` (a call or its statement) and the first ancestor `boundary`
 * accepts (its innermost loop, or the function around it) samples that ancestor's turns: the `%`
 * conditions of the `if`s whose consequence holds `node`, read with the names `counted` gives for
 * the ancestor (undefined: it is no loop whose turns count, such as a bounded one or a plain
 * function). The walk the Go and TS summarisers share; they differ in what a boundary is.
 */
export function sampledBy(
  node: SyntaxNode,
  boundary: (p: SyntaxNode) => boolean,
  counted: (at: SyntaxNode) => ReadonlySet<string> | undefined,
  maxDepth: number,
  oneTurn?: (at: SyntaxNode) => ReadonlySet<string> | undefined,
): boolean {
  const conds: SyntaxNode[] = [];
  for (let n = node, p = node.parent, i = 0; p && i < maxDepth; n = p, p = p.parent, i++) {
    if (boundary(p)) {
      if (conds.length === 0) return false;
      const counters = counted(p);
      const single = oneTurn ? oneTurn(p) : counters;
      return counters !== undefined && conds.some((c) => samplesTurns(c, counters, 0, single));
    }
    if (p.type === 'if_statement' && p.childForFieldName('consequence')?.id === n.id) {
      const cond = p.childForFieldName('condition');
      if (cond && /%|==/.test(cond.text)) conds.push(cond);
    }
  }
  return false;
}

/**
 * Whether an `if` condition holds a modulo test of a turn counter, or picks one turn (`i == 0`,
 * `i == len(xs)-1`), alone or as one term of an `&&`: `n % N == 0` (`===` in TS/JS; any whole number on the right) where `n` counts the loop's
 * turns (`counters`: its index, or a name the loop increments) and the step `N` is a literal of at
 * least MIN_STEP or a name (`total%batch`, `i % cfg.LogEvery`) not set to a smaller literal in the
 * file (`step := 2`, `const every = 2`). A test of anything else (`n%1000` of a parameter,
 * `len(items)%100`, an outer loop's counter) does not sample this loop.
 */
export function samplesTurns(cond: SyntaxNode, counters: ReadonlySet<string>, depth = 0, single: ReadonlySet<string> | undefined = counters): boolean {
  const c = unparen(cond);
  if (c.type !== 'binary_expression' || depth > 16) return false;
  const op = c.childForFieldName('operator')?.text;
  const left = c.childForFieldName('left');
  const right = c.childForFieldName('right');
  if (!left || !right) return false;
  if (op === '&&') return samplesTurns(left, counters, depth + 1, single) || samplesTurns(right, counters, depth + 1, single);
  if (op !== '==' && op !== '===') return false;
  // one turn: the first, a given one or the last (`if i == 0`, `i === items.length - 1`: the
  // portainer audit's batch announcement)
  const l = unparen(left);
  const r = unparen(right);
  // (`single`: the counters sure to count turns; a channel's one range variable is a value)
  const other = l.type === 'identifier' && single?.has(l.text) ? r : r.type === 'identifier' && single?.has(r.text) ? l : undefined;
  if (other && (isWholeNumber(other) || lastIndex(other))) return true;
  const [mod, value] = isWholeNumber(right) ? [unparen(left), right] : [unparen(right), left];
  if (!isWholeNumber(value) || mod.type !== 'binary_expression' || mod.childForFieldName('operator')?.text !== '%') return false;
  const counted = mod.childForFieldName('left');
  const step = mod.childForFieldName('right');
  if (!counted || !step || unparen(counted).type !== 'identifier' || !counters.has(unparen(counted).text)) return false;
  const s = unparen(step);
  if (isWholeNumber(s)) return wholeNumber(s.text) >= MIN_STEP;
  if (s.type === 'identifier') {
    const set = smallestSet(s);
    return set === undefined || set >= MIN_STEP;
  }
  return s.type === 'selector_expression' || s.type === 'member_expression';
}

/** `len(xs) - 1` (Go), `xs.length - 1` (TS/JS): a loop's last index. */
function lastIndex(n: SyntaxNode): boolean {
  if (n.type !== 'binary_expression' || n.childForFieldName('operator')?.text !== '-' || n.childForFieldName('right')?.text !== '1') return false;
  const of = n.childForFieldName('left');
  const u = of ? unparen(of) : undefined;
  if (u?.type === 'call_expression') return u.childForFieldName('function')?.text === 'len';
  return u?.type === 'member_expression' && u.childForFieldName('property')?.text === 'length';
}

function isWholeNumber(n: SyntaxNode): boolean {
  return (n.type === 'int_literal' || n.type === 'number') && /^\d[\d_]*$/.test(n.text);
}

function wholeNumber(text: string): number {
  return Number(text.replace(/_/g, ''));
}

/** Per file (its root node): the smallest whole number each name asked about is set to. */
const setValues = perNode((): Map<string, number | undefined> => new Map());

/**
 * The smallest whole number the file sets a name to (`step := 2`, `const every = 2`, `let n = 5`,
 * with a type or a conversion too: `const every int = 2`, `step := int64(1)`, `const every: number
 * = 2`, `Number(1)`); undefined when it sets none. Worked out once per file and name.
 */
function smallestSet(name: SyntaxNode): number | undefined {
  const root = name.tree.rootNode;
  const known = setValues(root);
  if (known.has(name.text)) return known.get(name.text);
  const id = name.text.replace(/\$/g, '\\$');
  let min: number | undefined;
  // the name, a type (`: number | undefined`, Go's ` int`), then `=` or `:=`, not `==`, `<=`, `!=`
  const set = new RegExp(`(?<![\\w$.])${id}(?:[ \\t]*:[^=;\\n,()?!<>{}]{0,80}|[ \\t]+[\\w$.]+)?[ \\t]*(?::=|(?<![<>!=])=(?!=))[ \\t(]*(?:[\\w$.]+\\([ \\t]*)?(0[xXbBoO][\\da-fA-F_]+|\\d[\\d_]*)(?![\\w.])`, 'g');
  for (const m of root.text.matchAll(set)) {
    const v = Number(m[1]!.replace(/_/g, '').replace(/^0([oO])/, '0o'));
    min = min === undefined ? v : Math.min(min, v);
  }
  known.set(name.text, min);
  return min;
}

function unparen(node: SyntaxNode): SyntaxNode {
  let n = node;
  for (let i = 0; n.type === 'parenthesized_expression' && n.namedChildren[0] && i < 64; i++) n = n.namedChildren[0];
  return n;
}

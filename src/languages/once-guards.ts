/**
 * Once flags (`if !logged { log…; logged = true }` in Go, `if (!logged) { …; logged = true; }` in
 * TS/JS): what the Go and TS summarisers both read of a flag's `if` and its block. The grammars
 * share the node shapes read here but for the names given (a unary's operand field, a member
 * access's node type, what a loop or a function is).
 */
import type { FlatNode as SyntaxNode } from './flat-tree.js';

export interface GuardGrammar {
  /** the field of a unary expression holding its operand: Go `operand`, TS `argument` */
  operand: string;
  /** a member access, `h.warned`: Go `selector_expression`, TS `member_expression` */
  member: string;
  isLoop: (type: string) => boolean;
  isFunction: (type: string) => boolean;
  /** Go's `goto` may skip the flag too */
  goto: boolean;
  /** TS: the node types of `null` and `undefined`, which a flag may be tested against (`x === undefined`) */
  nullish?: ReadonlySet<string>;
  /** the written form of a flag that is a member access (FLAG_TEXT in TS; Go: names and fields only) */
  memberFlag: RegExp;
}

/**
 * A flag's written form: a name, or a field of one, also behind an index of a name or a literal
 * (`cache[area].compiler`, a module cache per key: evershop's webpack compilers).
 */
export const FLAG_TEXT = /^[\w$]+(?:\.[\w$]+|\[[\w$]+\]|\[(['"])[\w$-]+\1\])*$/;

/** The name a flag's written form starts from: `cache` of `cache[area].compiler`. */
export function flagBase(flag: string): string {
  return /^[\w$]+/.exec(flag)?.[0] ?? flag;
}

function unparen(node: SyntaxNode): SyntaxNode | null {
  let n: SyntaxNode | null = node;
  for (let i = 0; n?.type === 'parenthesized_expression' && i < 64; i++) n = n.namedChildren[0] ?? null;
  return n;
}

/** The names or fields a condition tests false, `!logged`, `!h.warned`, also as terms of an `&&`. */
export function negatedTerms(cond: SyntaxNode, g: GuardGrammar): string[] {
  const out: string[] = [];
  // an explicit stack: a generated condition may chain thousands of terms
  const stack = [cond];
  for (let guard = 0; stack.length > 0 && guard < 10_000; guard++) {
    const c = unparen(stack.pop()!);
    if (!c) continue;
    if (c.type === 'binary_expression' && c.childForFieldName('operator')?.text === '&&') {
      const r = c.childForFieldName('right');
      const l = c.childForFieldName('left');
      if (r) stack.push(r);
      if (l) stack.push(l);
      continue;
    }
    let flag: SyntaxNode | null | undefined;
    if (c.type === 'unary_expression' && c.childForFieldName('operator')?.text === '!') flag = c.childForFieldName(g.operand);
    else if (c.type === 'binary_expression' && g.nullish) flag = testedNullish(c, g, g.nullish);
    if (flag && (flag.type === 'identifier' || (flag.type === g.member && g.memberFlag.test(flag.text)))) out.push(flag.text);
  }
  return out;
}

/** `x === undefined`, `x == null`, `null === x`, `typeof x === 'undefined'`: the `x` tested, if any. */
function testedNullish(c: SyntaxNode, g: GuardGrammar, nullish: ReadonlySet<string>): SyntaxNode | null | undefined {
  const op = c.childForFieldName('operator')?.text;
  if (op !== '===' && op !== '==') return undefined;
  const l = unparen(c.childForFieldName('left') ?? c);
  const r = unparen(c.childForFieldName('right') ?? c);
  if (!l || !r) return undefined;
  if (nullish.has(r.type)) return l;
  if (nullish.has(l.type)) return r;
  const [u, str] = l.type === 'unary_expression' ? [l, r] : [r, l];
  if (u.type === 'unary_expression' && u.childForFieldName('operator')?.text === 'typeof' && /^(['"])undefined\1$/.test(str.text)) return u.childForFieldName(g.operand);
  return undefined;
}

/**
 * Whether a block holds a `continue` of the loop around it (or, in Go, a `goto`): one outside the
 * block's own loops and functions, or a labelled one (which may name an outer loop). Words in
 * strings and comments are none.
 */
export function mayContinue(block: SyntaxNode, g: GuardGrammar): boolean {
  if (!block.hasWord('continue') && !(g.goto && block.hasWord('goto'))) return false;
  const stack: { n: SyntaxNode; inLoop: boolean }[] = block.namedChildren.map((n) => ({ n, inLoop: false }));
  for (let guard = 0; stack.length > 0 && guard < 20_000; guard++) {
    const { n, inLoop } = stack.pop()!;
    if (g.isFunction(n.type)) continue;
    if (g.goto && n.type === 'goto_statement') return true;
    if (n.type === 'continue_statement' && (!inLoop || n.namedChildCount > 0)) return true;
    const loop = inLoop || g.isLoop(n.type);
    for (const c of n.namedChildren) stack.push({ n: c, inLoop: loop });
  }
  return false;
}

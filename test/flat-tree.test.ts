/**
 * The flat tree (src/languages/flat-tree.ts) must answer exactly what the binding's SyntaxNode
 * answers, for every node of real fixtures, broken input and every grammar: the summarizers rely
 * on it node for node.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { isAscii } from 'node:buffer';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { SyntaxNode } from 'tree-sitter';
import { EXTENSIONS, parse, parseFlat, type Grammar } from '../src/languages/parsers.js';
import { FlatTree, nativeFlattener, parseNativeAsync, type FlatNode } from '../src/languages/flat-tree.js';
import { createRequire } from 'node:module';
import { REPO } from './harness/fixtures.js';
import { prepareText } from '../src/engine/analyze-file.js';
import { assertFixtureScanUnchangedBy } from './harness/cli.js';

const GO_FIELDS = ['name', 'type', 'body', 'function', 'arguments', 'operand', 'field', 'left', 'right', 'operator', 'value', 'result', 'parameters', 'receiver', 'alias', 'condition', 'path', 'index'];
const TS_FIELDS = ['name', 'type', 'body', 'function', 'arguments', 'object', 'property', 'left', 'right', 'operator', 'value', 'parameters', 'condition', 'consequence', 'alternative', 'pattern', 'source', 'key', 'argument', 'constructor', 'return_type'];

function files(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) files(p, out);
    else if (EXTENSIONS[extname(p)]) out.push(p);
  }
  return out;
}

function describe(n: SyntaxNode | FlatNode | null): string {
  return n ? `${n.type}@${n.startIndex}-${n.endIndex}` : 'null';
}

const require = createRequire(import.meta.url);
const GRAMMARS: Record<Grammar, () => { language?: unknown }> = {
  go: () => require('tree-sitter-go'),
  typescript: () => require('tree-sitter-typescript').typescript,
  tsx: () => require('tree-sitter-typescript').tsx,
  javascript: () => require('tree-sitter-javascript'),
};

type Way = 'portable' | 'native' | 'native, on the thread pool';

/** Both ways of building a flat tree; the native one only where the addon was built. */
const WAYS: Way[] = nativeFlattener() ? ['portable', 'native'] : ['portable'];

function flatten(way: Way, grammar: Grammar, text: string): FlatTree {
  return way === 'native' ? FlatTree.parseNative(GRAMMARS[grammar](), text)! : FlatTree.fromTree(parse(grammar, text), text);
}

/** Walk the binding's tree and the flat tree side by side and compare every answer. */
function compare(grammar: Grammar, text: string, label: string, way: Way = 'portable', prebuilt?: FlatTree): number {
  const tree = parse(grammar, text);
  const flat = (prebuilt ?? flatten(way, grammar, text)).rootNode;
  label = `${label} (${way})`;
  const fields = grammar === 'go' ? GO_FIELDS : TS_FIELDS;
  const stack: [SyntaxNode, FlatNode][] = [[tree.rootNode, flat]];
  let count = 0;
  while (stack.length) {
    const [a, b] = stack.pop()!;
    count++;
    const at = `${label}: ${describe(a)}`;
    assert.equal(describe(b), describe(a), at);
    assert.equal(b.text, a.text, at);
    assert.equal(b.isNamed, a.isNamed, at);
    // hasError: exact at the root; below it only visible ERROR/MISSING nodes count (a missing hidden
    // token is invisible to a cursor), which is what the summarizers' error search descends to
    if (count === 1) assert.equal(b.hasError, a.hasError, `${at} hasError (root)`);
    else if (b.hasError) assert.ok(a.hasError, `${at} hasError only where the binding has one`);
    if (a.type === 'ERROR' || a.isMissing) assert.ok(b.hasError, `${at} an error node has an error`);
    assert.equal(b.isMissing, a.isMissing, `${at} isMissing`);
    assert.equal(describe(b.parent), describe(a.parent), `${at} parent`);
    // the binding finds siblings by position, which is ambiguous next to a zero-width (MISSING)
    // node: there the flat tree gives the structural answer, so only those cases may differ
    for (const [x, y, what] of [[b.nextNamedSibling, a.nextNamedSibling, 'nextNamedSibling'], [b.previousNamedSibling, a.previousNamedSibling, 'previousNamedSibling']] as const) {
      if (describe(x) !== describe(y) && (x?.startIndex === x?.endIndex || y?.startIndex === y?.endIndex)) continue;
      assert.equal(describe(x), describe(y), `${at} ${what}`);
    }
    assert.deepEqual(b.namedChildren.map(describe), a.namedChildren.map(describe), `${at} namedChildren`);
    // a walk's stack: what was on it stays, the named children go on last first
    const walkStack: unknown[] = ['below'];
    b.pushNamedChildren(walkStack);
    assert.equal(walkStack[0], 'below', `${at} pushNamedChildren keeps the stack`);
    assert.deepEqual((walkStack.slice(1) as (typeof b)[]).reverse().map(describe), a.namedChildren.map(describe), `${at} pushNamedChildren`);
    assert.equal(b.namedChildCount, a.namedChildCount, `${at} namedChildCount`);
    assert.equal(describe(b.child(0)), describe(a.child(0)), `${at} child(0)`);
    for (const f of fields) {
      assert.equal(describe(b.childForFieldName(f)), describe(a.childForFieldName(f)), `${at} field ${f}`);
      assert.deepEqual(b.childrenForFieldName(f).map(describe), a.childrenForFieldName(f).map(describe), `${at} fields ${f}`);
    }
    const ac = a.children;
    const bc = b.children;
    assert.deepEqual(bc.map(describe), ac.map(describe), `${at} children`);
    for (let i = 0; i < ac.length; i++) stack.push([ac[i]!, bc[i]!]);
  }
  // subtree queries, from the root and from a node in the middle
  const types = grammar === 'go' ? ['call_expression', 'identifier', 'import_spec'] : ['call_expression', 'identifier', 'import_statement', 'function'];
  assert.deepEqual(flat.descendantsOfType(types).map(describe), tree.rootNode.descendantsOfType(types).map(describe), `${label} descendantsOfType`);
  const mid = flat.namedChildren[Math.floor(flat.namedChildCount / 2)];
  const midA = tree.rootNode.namedChildren[Math.floor(tree.rootNode.namedChildCount / 2)];
  if (mid && midA) assert.deepEqual(mid.descendantsOfType(types).map(describe), midA.descendantsOfType(types).map(describe), `${label} descendantsOfType (subtree)`);
  return count;
}

test('the flat tree answers like the binding on every fixture file, node for node', () => {
  let nodes = 0;
  const all = files(join(REPO, 'fixtures'));
  assert.ok(all.length > 20);
  for (const way of WAYS) for (const f of all) nodes += compare(EXTENSIONS[extname(f)]!.grammar, readFileSync(f, 'utf8'), f.slice(REPO.length + 1), way);
  assert.ok(nodes > 10_000, `${nodes} nodes compared`);
});

test('the flat tree answers like the binding on broken input (ERROR and MISSING nodes) and odd text', () => {
  const cases: [Grammar, string][] = [
    ['go', 'package p\n\nfunc f() {\n\tfmt.Printf("%v", ctx\n}\n'],
    ['go', 'package p\nfunc (\n'],
    ['go', 'package main\n\nimp'],
    ['go', 'package p\n\nvar s = "héllo 👋 wörld"\nfunc g() { x := []int{1, 2,, 3}; _ = x }\n'],
    ['go', ''],
    ['typescript', 'function f(a: number {\n  console.log(a\n}\n'],
    ['tsx', 'const x = <div>{a.map((b) => <span>{b}</span>)}</div>;\nconst y = <p>unclosed;\n'],
    ['javascript', 'class A { m() { return `t ${a + } `; } }\n'],
  ];
  for (const way of WAYS) for (const [g, text] of cases) compare(g, text, `${g}: ${JSON.stringify(text.slice(0, 30))}`, way);
});

test('hasWord answers as /\\bword\\b/ on the node\'s text, for every node of the fixtures and of text written to trip it', () => {
  const words = ['continue', 'goto', 'return', 'log'];
  const texts: [Grammar, string][] = [
    ['typescript', 'for (const x of xs) { if (x) continue; $continue(); continued(); a.continue; }\nwhile (y) { continue_ = 1; }\n'],
    ['go', 'package p\n\nfunc f() {\n\tfor i := range xs {\n\t\tif i > 0 {\n\t\t\tgoto end\n\t\t}\n\t\tcontinue\n\t}\nend:\n\tgotoX()\n}\n'],
    ['javascript', 'const s = "continue"; // continue\nfunction g() { return log(s) }\n'],
    // a string's fragment after an escape starts with a word the text around it does not hold
    ['javascript', 'const t = "\\ncontinue\\tgoto\\nreturn";\n'],
  ];
  for (const f of files(join(REPO, 'fixtures')).slice(0, 60)) texts.push([EXTENSIONS[extname(f)]!.grammar, readFileSync(f, 'utf8')]);
  let asked = 0;
  let found = 0;
  for (const [g, text] of texts) {
    const stack = [parseFlat(g, text).rootNode];
    while (stack.length) {
      const n = stack.pop()!;
      for (const w of words) {
        const want = new RegExp(`\\b${w}\\b`).test(n.text);
        assert.equal(n.hasWord(w), want, `${g} ${describe(n)} ${w}`);
        asked++;
        if (want) found++;
      }
      stack.push(...n.namedChildren);
    }
  }
  assert.ok(asked > 10_000 && found > 100, `${asked} asked, ${found} found`);
});

test('flat nodes are reused: the same node is the same object (the binding does not promise this)', () => {
  const text = 'package p\n\nfunc f() { g() }\n';
  const root = parseFlat('go', text).rootNode;
  const call = root.descendantsOfType('call_expression')[0]!;
  assert.equal(call.parent!.namedChildren[0], call);
  assert.equal(call.childForFieldName('function')!.parent, call);
});

test('the native flattener is built where a C compiler was available at install', (t) => {
  if (!nativeFlattener()) {
    // npm ci builds it with node-gyp; without a compiler logvol uses the portable path (slower)
    return t.skip(`native flattener not built (${process.env.LOGVOL_NATIVE === '0' ? 'LOGVOL_NATIVE=0' : 'no build/Release/logvol_flat.node'}): only the portable path was compared`);
  }
  const text = 'package p\n\nfunc f() { g() }\n';
  const flat = FlatTree.parseNative(GRAMMARS.go(), text)!;
  assert.equal(flat.rootNode.descendantsOfType('call_expression')[0]!.text, 'g()');
});

test('a FlatTree used after the next one was built fails loudly instead of reading the wrong tree', () => {
  const first = parseFlat('go', 'package p\n\nfunc f() {}\n');
  parseFlat('go', 'package q\n');
  assert.throws(() => first.rootNode, /used after the next one was built/);
});

test('a whole scan reports the same bytes through the native and the portable flattener', (t) => {
  if (!nativeFlattener()) return t.skip('native flattener not built: nothing to compare the portable path with');
  assertFixtureScanUnchangedBy({ LOGVOL_NATIVE: '0' });
});

test('trees parsed on the thread pool (parseAsync, several at once) answer like the binding too', async (t) => {
  if (!nativeFlattener()) return t.skip('native flattener not built');
  const all = files(join(REPO, 'fixtures'));
  // all parses in flight together, compared as they are (owned arrays: no scratch to overwrite)
  const trees = await Promise.all(
    all.map(async (f) => {
      const grammar = EXTENSIONS[extname(f)]!.grammar;
      const text = readFileSync(f, 'utf8');
      return { f, grammar, text, arrays: await parseNativeAsync(GRAMMARS[grammar](), text)! };
    }),
  );
  let nodes = 0;
  for (const { f, grammar, text, arrays } of trees) nodes += compare(grammar, text, f.slice(REPO.length + 1), 'native, on the thread pool', FlatTree.fromArrays(GRAMMARS[grammar](), text, arrays));
  assert.ok(nodes > 10_000);
  assert.throws(() => parseNativeAsync(GRAMMARS.go(), 42 as unknown as string), /must be a string/);
});

test('an ASCII file is parsed from its own bytes (parseAsciiAsync) and answers like the binding', async (t) => {
  if (!nativeFlattener()) return t.skip('native flattener not built');
  const ascii = files(join(REPO, 'fixtures')).filter((f) => isAscii(readFileSync(f)));
  assert.ok(ascii.length > 50, `${ascii.length} ASCII fixture files`);
  let nodes = 0;
  for (const f of ascii) {
    const grammar = EXTENSIONS[extname(f)]!.grammar;
    const buf = readFileSync(f);
    const text = buf.toString('utf8');
    const arrays = (await parseNativeAsync(GRAMMARS[grammar](), text, buf))!;
    nodes += compare(grammar, text, f.slice(REPO.length + 1), 'native, on the thread pool', FlatTree.fromArrays(GRAMMARS[grammar](), text, arrays));
  }
  assert.ok(nodes > 10_000);
  // broken input: tree-sitter's error recovery counts bytes, so the bytes can recover into another
  // tree than the text read as UTF-16 (here 9 nodes against 11); such a file is parsed again from
  // its text, and its tree is the one every other way of reading it gives
  const native = nativeFlattener()! as unknown as { parseAsciiAsync(l: unknown, b: unknown): Promise<{ count: number }> };
  const broken = "'x00'{z:";
  assert.notEqual((await native.parseAsciiAsync(GRAMMARS.tsx().language, Buffer.from(broken))).count, (await parseNativeAsync(GRAMMARS.tsx(), broken))!.count, 'the bytes alone recover differently');
  for (const [grammar, text] of [['tsx', broken], ['go', 'package x\nfunc f( {\n\tfmt.Println("a",\n}\n'], ['tsx', 'const a = <div>x & y</div>;\nlet b = (\n'], ['go', 'ackage apperr\n\nfunc f() {}\n']] as const) {
    const fromBytes = (await parseNativeAsync(GRAMMARS[grammar](), text, Buffer.from(text)))!;
    const fromText = (await parseNativeAsync(GRAMMARS[grammar](), text))!;
    assert.deepEqual({ ...fromBytes }, { ...fromText }, `${grammar}: ${text}`);
  }
  // the bytes are what is parsed (the text is not read)
  const other = (await parseNativeAsync(GRAMMARS.typescript(), 'let a = 1;', Buffer.from('f(a, b, c); g();')))!;
  assert.equal(other.count, (await parseNativeAsync(GRAMMARS.typescript(), 'f(a, b, c); g();'))!.count);
  assert.throws(() => native.parseAsciiAsync(GRAMMARS.go().language, 'not a buffer'), /must be a Buffer/);
});

test('the scan hands its bytes to the parse only when they are ASCII and are the text as it is', () => {
  const prepared = (bytes: Buffer, rel = 'x.ts'): Buffer | undefined => {
    const p = prepareText({ abs: `/x/${rel}`, rel, pkgPath: '', maxFileSize: 1 << 20 }, bytes);
    assert.ok(!p.done, 'analysed');
    return p.ascii;
  };
  const plain = Buffer.from('console.log(a);\r\nconsole.log(b);\n');
  assert.equal(prepared(plain), plain, 'ASCII, CRLF line ends');
  assert.equal(prepared(Buffer.from('console.log("é");\n')), undefined, 'not ASCII');
  assert.equal(prepared(Buffer.from('\ufeffconsole.log(a);\n')), undefined, 'a BOM, which the text drops');
  assert.equal(prepared(Buffer.from('console.log(a);\rconsole.log(b);\n')), undefined, 'a lone CR, which the text makes a line feed');
  const go = Buffer.from('package x\n\nfunc f() {}\n');
  assert.equal(prepared(go, 'x.go'), go, 'Go too');
});

test('Linux: parse threads run below the JavaScript thread, as SCHED_BATCH (LOGVOL_PARSE_NICE, default 10; 0 leaves them as they are)', (t) => {
  if (process.platform !== 'linux') return t.skip('thread priorities are lowered on Linux only');
  if (!nativeFlattener()) return t.skip('native flattener not built');
  // a fresh process: this one's pool threads may have parsed already. It parses on every pool
  // thread at once and prints each thread's nice value and scheduling policy (/proc/self/task/<tid>/stat,
  // fields 19 and 41; policy 3 is SCHED_BATCH)
  const script = `
    const { readdirSync, readFileSync } = require('node:fs');
    const native = require(${JSON.stringify(join(REPO, 'build', 'Release', 'logvol_flat.node'))});
    const lang = require(${JSON.stringify(createRequire(join(REPO, 'package.json')).resolve('tree-sitter-go'))}).language;
    const text = 'package p\\n\\nfunc f() { g(1) }\\n'.repeat(5000);
    Promise.all(Array.from({ length: 64 }, () => native.parseAsync(lang, text))).then(() => {
      const field = (tid, i) => { const s = readFileSync('/proc/self/task/' + tid + '/stat', 'utf8'); return Number(s.slice(s.lastIndexOf(')') + 2).split(' ')[i]); };
      const tasks = readdirSync('/proc/self/task');
      console.log(JSON.stringify({ main: field(process.pid, 16), mainPolicy: field(process.pid, 38), threads: tasks.map((t) => field(t, 16)), policies: tasks.map((t) => field(t, 38)) }));
    });`;
  type Seen = { main: number; mainPolicy: number; threads: number[]; policies: number[] };
  const run = (env: Record<string, string>): Seen => {
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, ...env } });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout) as Seen;
  };
  const BATCH = 3;
  const lowered = run({ LOGVOL_PARSE_NICE: '' });
  if (lowered.main >= 19) return t.skip('the test runs at nice 19 already: no lower priority to observe');
  const expect = Math.min(19, lowered.main + 10);
  // libuv's pool has four threads unless UV_THREADPOOL_SIZE says otherwise; 64 parses reach them all
  const pool = Number(process.env.UV_THREADPOOL_SIZE) || 4;
  assert.equal(lowered.threads.filter((n) => n === expect).length, pool, JSON.stringify(lowered));
  assert.equal(lowered.threads.filter((n) => n === lowered.main).length, lowered.threads.length - pool, `every other thread keeps the process's priority: ${JSON.stringify(lowered)}`);
  // the lowered threads, and only they, are SCHED_BATCH (unless the process already was)
  const batch = (x: Seen): number => x.policies.filter((p) => p === BATCH).length;
  if (lowered.mainPolicy !== 0) return t.skip(`the test runs under scheduling policy ${lowered.mainPolicy}, not SCHED_OTHER: no policy change to observe`);
  assert.equal(batch(lowered), pool, JSON.stringify(lowered));
  lowered.threads.forEach((n, i) => assert.equal(lowered.policies[i] === BATCH, n === expect, JSON.stringify(lowered)));
  const five = run({ LOGVOL_PARSE_NICE: '5' });
  assert.ok(five.threads.includes(Math.min(19, five.main + 5)) && !five.threads.includes(five.main + 10), JSON.stringify(five));
  const off = run({ LOGVOL_PARSE_NICE: '0' });
  assert.deepEqual([...new Set(off.threads)], [off.main], JSON.stringify(off));
  assert.equal(batch(off), 0, JSON.stringify(off));
});

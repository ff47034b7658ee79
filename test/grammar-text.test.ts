/**
 * Syntax newer than the grammars (parsers.ts grammarText): TypeScript 5.0's `export type * from`
 * (typeorm's barrels) and Go 1.26's `new(expr)` (etcd). A valid file gets no syntax-error notice,
 * and the model reads it as the language does.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { grammarText, parseFlat, readable } from '../src/languages/parsers.js';
import { logvol } from './harness/cli.js';
import { GO_MOD, put, tempDir } from './harness/hostile.js';

/** `src` is a syntax error to grammar `g`, and the rewritten `expected` (same length) is not: the rewrite. */
function assertRewrite(g: 'go' | 'typescript' | 'tsx' | 'javascript', src: string, expected: string): void {
  const out = grammarText(g, src, parseFlat(g, src));
  assert.equal(out, expected);
  assert.equal(out.length, src.length);
  assert.equal(parseFlat(g, src).rootNode.hasError, true, `${g}: the grammar rejects the original text`);
  assert.equal(parseFlat(g, out).rootNode.hasError, false, `${g}: and accepts the rewritten one`);
}

/** A scan of `root` that fails on its findings, with no notice: the findings as `path:line:rule`. */
function cleanFindings(root: string, ...flags: string[]): string[] {
  const r = logvol(['scan', '.', '--format', 'json', ...flags], root);
  assert.equal(r.code, 1, r.stderr);
  const j = JSON.parse(r.stdout) as { findings: { path: string; line: number; ruleId: string }[]; notices: unknown[] };
  assert.deepEqual(j.notices, []);
  return j.findings.map((f) => `${f.path}:${f.line}:${f.ruleId}`);
}

test('grammarText blanks `type` in line-leading `export type *` only, keeping every offset', () => {
  const src = [
    "export type * from './a';",
    "  export type * as ns from './b'",
    "export type { A } from './c';",
    "/* export type * from './d' */ export const x = 1;",
    'const s = `export type * from`;',
  ].join('\n');
  const out = grammarText('typescript', src);
  assert.equal(out.length, src.length);
  assert.deepEqual(out.split('\n'), [
    "export      * from './a';",
    "  export      * as ns from './b'",
    "export type { A } from './c';",
    "/* export type * from './d' */ export const x = 1;",
    'const s = `export type * from`;',
  ]);
  assert.equal(grammarText('tsx', src).split('\n')[0], "export      * from './a';");
  assert.equal(grammarText('javascript', src), src, 'JavaScript has no type exports');
  assert.equal(grammarText('typescript', "export type\t* from './a';\n"), "export     \t* from './a';\n", 'a tab between');
  assert.equal(parseFlat('typescript', src).rootNode.hasError, true, 'the grammar rejects the original text');
  assert.equal(parseFlat('typescript', out).rootNode.hasError, false, 'and accepts the blanked one');
  assert.equal(readable('typescript', src, parseFlat('typescript', src)).text, out, 'a tree with an error is parsed again');
  const broken = `${src}\nfunction f( {\n`;
  assert.equal(readable('typescript', broken, parseFlat('typescript', broken)).text, broken, 'unless the rewrite has an error too');
  const clean = "export type { A } from './c';\n";
  assert.equal(readable('typescript', clean, parseFlat('typescript', clean)).text, clean);
});

test('a barrel with `export type *` gets no syntax-error notice, and types resolve through it', () => {
  const root = tempDir();
  put(root, 'package.json', JSON.stringify({ name: 'tstar', dependencies: { express: '4', pino: '8' } }));
  put(root, 'src/lib/types.ts', "import type { Logger } from 'pino';\nexport type AppLogger = Logger;\n");
  put(root, 'src/lib/logger.ts', "import pino from 'pino';\nexport const logger = pino();\n");
  put(root, 'src/lib/index.ts', "export type * from './types';\nexport type * as T from './types';\nexport * from './logger';\n");
  put(root, 'src/view.tsx', "export type * from './lib';\nexport const View = () => <div />;\n");
  put(root, 'src/audit.ts', "import type { AppLogger } from './lib';\nexport function audit(log: AppLogger, what: unknown): void {\n  log.info(what);\n}\n");
  put(
    root,
    'src/server.ts',
    "import express from 'express';\nimport { logger } from './lib';\nimport { audit } from './audit';\nconst app = express();\n" +
      "app.get('/orders', (req, res) => {\n  audit(logger, req);\n  res.send('ok');\n});\napp.listen(8080);\n",
  );
  assert.deepEqual(
    cleanFindings(root, '--no-prefilter'),
    ['src/audit.ts:3:request-dump', 'src/server.ts:6:request-dump'],
  );
});

test('grammarText blanks the type arguments of a tagged template (`styled.div<P>`…``), keeping every offset and line', () => {
  const src = [
    'const A = styled.div<{ $active: boolean; $size: number }>`',
    '  color: ${({ $active }) => ($active ? "red" : "blue")};',
    '`;',
    'const B = styled(Button)<{',
    '  onClick: () => void;',
    '}>`display: flex;`;',
    'const C = css<Props>`margin: 0;`;',
    'const D = styled.span<Array<{ k: Map<string, number> }>> `x`;',
    'const ok = a < b && c > d;',
    'const html = `<div>${x}</div>`;',
  ].join('\n');
  const out = grammarText('tsx', src, parseFlat('tsx', src));
  assert.equal(out.length, src.length);
  const blank = (t: string): string => ' '.repeat(t.length);
  assert.deepEqual(out.split('\n'), [
    `const A = styled.div${blank('<{ $active: boolean; $size: number }>')}\``,
    '  color: ${({ $active }) => ($active ? "red" : "blue")};',
    '`;',
    `const B = styled(Button)${blank('<{')}`,
    blank('  onClick: () => void;'),
    `${blank('}>')}\`display: flex;\`;`,
    `const C = css${blank('<Props>')}\`margin: 0;\`;`,
    `const D = styled.span${blank('<Array<{ k: Map<string, number> }>>')} \`x\`;`,
    'const ok = a < b && c > d;',
    'const html = `<div>${x}</div>`;',
  ]);
  assert.equal(grammarText('typescript', src, parseFlat('typescript', src)), out, 'TS as TSX');
  assert.equal(grammarText('javascript', src, parseFlat('javascript', src)), src, 'JavaScript has no type arguments');
  assert.equal(grammarText('tsx', src), src, 'without the tree that failed, nothing is blanked');
  for (const g of ['tsx', 'typescript'] as const) assertRewrite(g, src, out);
  // strings, templates and comments keep their text (messages and fingerprints quote it)
  const quoted = 'const Box = styled.div<{ a: boolean }>`color: red;`;\nconsole.log(`dump of Array<string>`, req); // f<T>`x`\n';
  assertRewrite('typescript', quoted, quoted.replace('<{ a: boolean }>', ' '.repeat(16)));
  const compared = `${quoted}if (a<b && c>\`x\`.length) go();\n`;
  assertRewrite('typescript', compared, compared.replace('<{ a: boolean }>', ' '.repeat(16)));
  // an arrow that returns a template closes no type arguments: the generic before it stays (teable)
  const arrow = 'const qs = Object.entries(p as Record<string, unknown>).map(([k, v]) => `${k}=${v}`);\nconst rows = db.q<{ n: bigint }[]>`SELECT 1`;\n';
  assertRewrite('typescript', arrow, arrow.replace('<{ n: bigint }[]>', ' '.repeat(17)));
  const plain = 'const t = f<string>(x);\nconst u = `a` + `b`;\n';
  assert.equal(grammarText('typescript', plain, parseFlat('typescript', plain)), plain, 'type arguments of a call, and templates without a tag, stay');
});

test('JSX text with a lone `&`, a function type whose parameter is named like a type, and a JS import assertion, read as the language reads them', () => {
  const jsx = 'type P = A & B;\nconst x = <p title="a&b">Terms & Conditions, Q&A, &amp; more {ok && <b>yes</b>}</p>;\nconst y = a && b;\n';
  for (const g of ['tsx', 'javascript'] as const) {
    const src = g === 'tsx' ? jsx : jsx.slice(jsx.indexOf('\n') + 1);
    const tree = parseFlat(g, src);
    assert.equal(tree.rootNode.hasError, true, `${g}: the grammar rejects the original text`);
    const read = readable(g, src, tree);
    assert.equal(read.tree.rootNode.hasError, false, `${g}: and accepts the rewritten one`);
    assert.equal(read.text.length, src.length);
    // only the lone ampersands of the JSX text and attribute (the grammar rejects both): the
    // intersection type, the code's `&&` (also the one inside the element) and the reference stay
    assert.equal(read.text, src.replace('a&b', 'a b').replace('Terms & C', 'Terms   C').replace('Q&A', 'Q A'), g);
  }
  assert.equal(grammarText('tsx', jsx), jsx, 'without the tree that failed, no ampersand is touched');
  // an `&` in a code string that the same ERROR node holds stays (the tree may hold no string node there)
  const code = 'app.get("/x", (req, res) => res.send(<p>A&B&C</p>) || console.log("q&a", \'Q&A\', req));\n';
  assertRewrite('javascript', code, code.replace('A&B&C', 'A B C'));
  const params = 'type F = (string) => void;\nlet g: ( number ) => boolean;\nlet h: (x: string) => void;\nconst k = f(string);\n';
  assertRewrite('typescript', params, params.replace('(string)', '(_tring)').replace('( number )', '( _umber )'));
  // an arrow function whose parameter is named like a type parses: it keeps its name (found by review)
  const arrow = `${params}const dump = (object) => console.log(object);\nconst note = async (number) => console.log(number);\n`;
  assertRewrite('typescript', arrow, arrow.replace('(string)', '(_tring)').replace('( number )', '( _umber )'));
  // strings keep their text, a JSX attribute's too; so does an `export type *` line of a template
  const strings = `${params}log('(object) => 1', \`\nexport type * from './x'\n\`);\nconst i = <i title="(string) => void" hint="styled.div<P>\`" />;\n`;
  assertRewrite('tsx', strings, strings.replace('(string)', '(_tring)').replace('( number )', '( _umber )'));
  assert.equal(grammarText('javascript', params, parseFlat('javascript', params)), params, 'JavaScript has no function types');
  // the JS grammar knows import attributes (`with`), not the assertions before them
  const asserted = "import pkg from './package.json' assert { type: 'json' };\nimport b from \"./b.json\"  assert {type: 'json'};\nassert({ ok: true });\nlog(\"import a from './a.json' assert { type: 'json' }\");\n";
  assertRewrite('javascript', asserted, asserted.replace("json' assert {", "json' with   {").replace('json"  assert {', 'json"  with   {'));
  assert.equal(grammarText('typescript', asserted), asserted, 'the TS grammar reads them');
});

test('a member named `abstract` (interface, type literal, class field) is read as a name; the modifier, object keys and strings keep their text', () => {
  const src = [
    'interface Flags {',
    '  name: string;',
    '  abstract?: boolean;',
    '}',
    'type T = { abstract: boolean; readonly abstract2?: number };',
    'class Node { readonly abstract?: boolean; other = 1 }',
    'class Leaf { abstract  : boolean = false; }',
    'abstract class Base { abstract run(): void; abstract name: string; }',
    "const o = { abstract: true, note: 'abstract: x' };",
    '// abstract: a comment',
    'interface Param {',
    '  value: string',
    '  in: "header" | "cookie"',
    '}',
  ].join('\n');
  const out = src.replace('  in: "header"', '  _n: "header"').replace('  abstract?: boolean;', '  _bstract?: boolean;').replace('{ readonly abstract?', '{ readonly _bstract?').replace('{ abstract  :', '{ _bstract  :').replace('T = { abstract:', 'T = { _bstract:');
  assertRewrite('typescript', src, out);
  // without the tree that failed nothing is known to have failed
  assert.equal(grammarText('typescript', src), src);
  // a valid file is not rewritten (only a file with a syntax error gets here, but the rewrite needs the error too)
  const valid = "const o = { abstract: true };\nabstract class B { abstract x: number }\n";
  assert.equal(grammarText('typescript', valid, parseFlat('typescript', valid)), valid);
});

test('an import type used as an array element or a type argument is read as a qualified type name; dynamic imports keep their text', () => {
  const src = [
    'let entries: import("fs").Dirent[] = [];',
    "const req = ctx.getRequest<import('fastify').FastifyRequest>();",
    'const mod = import("./x").then((m) => m.run());',
    "log('import(\"fs\").Dirent[]');",
  ].join('\n');
  const out = src.replace('import("fs").Dirent[]', 'import______.Dirent[]').replace("import('fastify').", 'import___________.');
  assertRewrite('typescript', src, out);
  assert.equal(grammarText('typescript', src), src, 'without the tree that failed, nothing is rewritten');
});

test('a JSX attribute named `in` and a value named like a type operator after `<` are read as names; type forms, strings and JSX text keep their text', () => {
  const jsx = 'export const A = ({ open }) => <Collapse in={open} timeout="auto">log in="x"</Collapse>;\n';
  // the JavaScript grammar rejects it (the TSX one reads it)
  assertRewrite('javascript', jsx, jsx.replace('Collapse in=', 'Collapse _n='));
  const ts = [
    'function f(uris: string[], n: number) {',
    '  const unique = [...new Set(uris)];',
    '  for (let i = 0; i < unique.length; i += 2) log(i);',
    '  if (n < keyof || n < 3) n++;',
    "  log('i < unique.length');",
    '}',
    'type K<T> = Array<keyof T>;',
    'declare const s: Set<unique symbol>;',
  ].join('\n');
  assertRewrite('typescript', ts, ts.replace('i < unique.length; i', 'i < _nique.length; i').replace('n < keyof ||', 'n < _eyof ||'));
});

test('a file with typed styled-components, JSX text with `&` and a `(string) => void` prop gets no syntax-error notice and keeps its finding', () => {
  const root = tempDir();
  put(root, 'package.json', JSON.stringify({ name: 'styled', dependencies: { express: '4', 'styled-components': '6' } }));
  put(
    root,
    'src/server.tsx',
    "import express from 'express';\nimport styled from 'styled-components';\n\n" +
      'export const Box = styled.div<{ $wide: boolean; $pad: number }>`\n  width: ${(p) => (p.$wide ? 100 : 50)}%;\n`;\n' +
      'export const Terms = (props: { onChange: (string) => void }) => <Box $wide $pad={1}>Terms & Conditions</Box>;\n' +
      'const dump = (object) => console.log(object);\n\n' +
      "const app = express();\napp.get('/orders', (req, res) => {\n  dump(req);\n  res.send('ok');\n});\napp.listen(8080);\n",
  );
  assert.deepEqual(cleanFindings(root), ['src/server.tsx:8:request-dump', 'src/server.tsx:12:request-dump']);
});

const GO_NEW = `package handler

import (
	"context"
	"fmt"
)

type counter struct {
	n     uint64
	skip  bool
	inner struct{ n uint64 }
}

func (c *counter) Next() uint64 { c.n++; return c.n }

func (c *counter) Self() *counter { return c }

type Pair[K comparable, V any] struct{ k K; v V }

var ids = []uint64{1}

func Handle(ctx context.Context) {
	c := new(counter)
	seq, first, zero := new(c.Next()), new(ids[0]), new(0)
	_, _, _ = seq, first, zero
	chain, sum := new(c.inner.n), new(c.n + 1)
	_, _ = chain, sum
	lit, list, m, ptrs := new(counter{n: 1}), new([]string{"a"}), new(map[string]int{"a": 1}), new([]*counter{c})
	_, _, _, _ = lit, list, m, ptrs
	nested, grid, pair := new(map[string][]string{"a": nil}), new([][]int{{1}}), new(Pair[string, int]{})
	_, _, _ = nested, grid, pair
	ch := make(chan int, 1)
	not, addr, inv, recv, plus := new(!c.skip), new(&c.n), new(^c.n), new(<-ch), new(+c.n)
	_, _, _, _, _ = not, addr, inv, recv, plus
	deref := new(*c.Self())
	_ = deref
	fmt.Printf("Context => %v", ctx)
}
`;

test('grammarText gives Go 1.26 `new(expr)` to the grammar as `(&  expr)`, and leaves `new(T)` of a type alone', () => {
  const out = grammarText('go', GO_NEW);
  assertRewrite('go', GO_NEW, GO_NEW.replace('new(c.Next()), new(ids[0]), new(0)', '(&  c.Next()), (&  ids[0]), (&  0)').replace('new(c.inner.n), new(c.n + 1)', '(&  c.inner.n), (&  c.n + 1)').replace('new(counter{n: 1}), new([]string{"a"}), new(map[string]int{"a": 1}), new([]*counter{c})', '(&  counter{n: 1}), (&  []string{"a"}), (&  map[string]int{"a": 1}), (&  []*counter{c})').replace('new(map[string][]string{"a": nil}), new([][]int{{1}}), new(Pair[string, int]{})', '(&  map[string][]string{"a": nil}), (&  [][]int{{1}}), (&  Pair[string, int]{})').replace('new(!c.skip), new(&c.n), new(^c.n), new(<-ch), new(+c.n)', '(&  !c.skip), (&  &c.n), (&  ^c.n), (&  <-ch), (&  +c.n)').replace('new(*c.Self())', '(&  *c.Self())'));
  assert.match(out, /c := new\(counter\)\n/);
  const kept = 'package p\n\nvar a, b, c, d = new(T), new(pkg.List[int]), new(map[string]int), new(func(int) error)\nvar e = x.new(f())\nvar f, g, g2 = new(chan<- int), new(chan int), new(<-chan int)\nvar p1, p2, p3 = new(*T), new(*pkg.T), new(*func() error)\nvar h, i, j, k = new(struct{ X int }), new([]struct{ X int }), new(map[string]struct{}), new(interface{ M() })\nvar l, m = new([]*T), new([2]map[string]interface{})\nvar n, o = new([]map[string]struct{}), new(map[string][]struct{ X int })\n';
  assert.equal(grammarText('go', kept), kept);
  const own = 'package p\n\nfunc new(n int) *int { return &n }\n\nvar x = new(int(3))\n';
  assert.equal(grammarText('go', own), own, 'a file with its own `new` calls it');
  const generic = 'package p\n\nfunc new[T any](v T) *T { return &v }\n\nvar x = new(int(3))\n';
  assert.equal(grammarText('go', generic), generic, 'a generic one too');
  // strings, runes and comments keep their text (messages and fingerprints quote it)
  const quoted = 'package p\n\nvar a = "new(1) \\" new(2)"\nvar b = `new(3)`\nvar r = \'"\'\n// new(4)\n/* new(5) */\nvar c = new(f())\n';
  assert.equal(grammarText('go', quoted), quoted.replace('new(f())', '(&  f())'));
});

test('a Go file that ends in a type declaration without a final newline is read whole, every offset kept', () => {
  const src = 'package p\n\n// T is a type\ntype T struct {\n\tName string\n}';
  assert.equal(parseFlat('go', src).rootNode.hasError, true, 'the grammar rejects the original text');
  const out = grammarText('go', src);
  assert.equal(out, `${src}\n`);
  assert.equal(parseFlat('go', out).rootNode.hasError, false);
  assert.equal(grammarText('go', `${src}\n`), `${src}\n`, 'a file with its newline is left alone');
  const root = tempDir();
  put(root, 'go.mod', GO_MOD);
  put(root, 'handler/types.go', 'package handler\n\ntype Req struct {\n\tName string\n}');
  put(root, 'handler/h.go', GO_NEW);
  assert.deepEqual(cleanFindings(root, '--no-prefilter'), ['handler/h.go:37:context-print']);
});

test('a Go handler using `new(expr)` gets no syntax-error notice and keeps its finding', () => {
  const root = tempDir();
  put(root, 'go.mod', GO_MOD);
  put(root, 'handler/h.go', GO_NEW);
  assert.deepEqual(cleanFindings(root), ['handler/h.go:37:context-print']);
});

test('Flow-annotated JavaScript, which the JavaScript grammar cannot read, is read with TSX: no notice, and its findings', () => {
  const root = tempDir();
  put(root, 'package.json', JSON.stringify({ name: 'flowjs', dependencies: { express: '4' } }));
  put(
    root,
    'src/server.js',
    "// @flow\nimport express from 'express';\nimport type { $Request, $Response } from 'express';\nconst app = express();\n" +
      "type Row = { id: string };\nfunction rowsOf(body: any): Array<Row> {\n  return body.rows;\n}\n" +
      "app.post('/import', (req: $Request, res: $Response): void => {\n  for (const row of rowsOf(req.body)) {\n    console.log('row', row.id);\n  }\n  res.send(<b>ok</b>);\n});\napp.listen(8080);\n",
  );
  assert.equal(parseFlat('javascript', readFileText(root, 'src/server.js')).rootNode.hasError, true, 'the JavaScript grammar rejects it');
  assert.deepEqual(cleanFindings(root, '--max-warnings', '0'), ['src/server.js:11:log-in-loop']);
  // a file that neither grammar reads keeps its JavaScript tree and its notice
  put(root, 'src/broken.js', "import type { A } from './a';\nfunction f( {\n");
  const r = logvol(['scan', '.', '--format', 'json', '--no-prefilter'], root);
  assert.match(r.stderr, /broken\.js:\d+: syntax error/);
  assert.deepEqual((JSON.parse(r.stdout) as { findings: { path: string; line: number }[] }).findings.map((f) => `${f.path}:${f.line}`), ['src/server.js:11']);
});

function readFileText(root: string, rel: string): string {
  return readFileSync(join(root, rel), 'utf8');
}

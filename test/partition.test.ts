/**
 * Scan groups (src/engine/partition.ts): files the model could connect always share a group;
 * independent services are separate groups; results equal a scan of everything at once.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, rmSync } from 'node:fs';
import { join, posix } from 'node:path';
import { joinRelative, partition } from '../src/engine/partition.js';
import { buildRequests, GoPackageResolver } from '../src/engine/scan.js';
import { prepareText, skipMessage, type AnalyzeRequest } from '../src/engine/analyze-file.js';
import { REWRITE_AFTER } from '../src/engine/plan-index.js';
import { GO_MOD, logvol, tempProject } from './harness/cli.js';

function groupsOf(files: Record<string, string>): string[][] {
  const dir = tempProject(files);
  const rels = Object.keys(files).filter((f) => /\.(go|ts|js)$/.test(f)).sort();
  const requests = buildRequests(rels.map((rel) => ({ abs: join(dir, rel), rel })), dir, { maxFileSize: 1e6 });
  return partition(requests, dir).map((g) => g.map((i) => rels[i]!));
}

const goMod = (m: string): string => `module ${m}\n\ngo 1.22\n`;

test('Go: a package is one group; importing a scanned package joins it; independent modules stay apart', () => {
  const groups = groupsOf({
    'a/go.mod': goMod('example.com/a'),
    'a/h/h.go': 'package h\n\nimport "example.com/a/util"\n\nfunc H() { util.U() }\n',
    'a/h/h2.go': 'package h\n\nfunc H2() {}\n',
    'a/util/u.go': 'package util\n\nfunc U() {}\n',
    'b/go.mod': goMod('example.com/b'),
    'b/main.go': 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println() }\n',
  });
  assert.deepEqual(groups, [['a/h/h.go', 'a/h/h2.go', 'a/util/u.go'], ['b/main.go']]);
});

test('Go: imports join even after an unpaired quote or backtick in a comment above them', () => {
  const groups = groupsOf({
    'a/go.mod': goMod('example.com/a'),
    'a/util/u.go': 'package util\n\nfunc U() {}\n',
    'a/log/l.go': 'package log\n\nfunc L() {}\n',
    // the lone backtick opens a "raw string" that runs to the next backtick, past the imports
    'a/h/h.go': '// Package h: see the `README for details.\npackage h\n\nimport (\n\tx "example.com/a/util"\n)\n\nfunc H() { x.U() }\n\nvar tag = `json:"h"`\n',
    // and a lone double quote pairs with the import's opening quote
    'a/k/k.go': '// Package k prints "things.\npackage k\n\nimport "example.com/a/log"\n\nfunc K() { log.L() }\n',
  });
  assert.deepEqual(groups, [['a/h/h.go', 'a/util/u.go'], ['a/k/k.go', 'a/log/l.go']]);
});

test('TS: relative imports (any extension, index files, .js written for .ts) join, also after a backtick quotes cannot pair', () => {
  const files = {
    'x/src/app.ts': "import { log } from './lib/log.js';\nimport * as db from './db';\n",
    'x/src/lib/log.ts': 'export function log() {}\n',
    'x/src/db/index.ts': 'export const q = 1;\n',
    'y/index.js': "const express = require('express');\n",
    // a template with ${} shifts the pairing of every backtick after it: the specifier sits
    // between two backticks, as template text (and so does the one in the comment's file)
    'z/late.ts': "const name = `svc-${process.pid}`;\nconst { log } = require('../x/src/lib/log');\nexport const ok = `ok`;\n",
    'z/note.ts': "// a lone ` in a comment\nexport { q } from '../x/src/db';\nexport const t = `t`;\n",
  };
  assert.deepEqual(groupsOf(files), [['x/src/app.ts', 'x/src/db/index.ts', 'x/src/lib/log.ts', 'z/late.ts', 'z/note.ts'], ['y/index.js']]);
});

test('TS: tsconfig paths join a file to every target of every key its specifiers match, and nothing else', () => {
  const files = {
    'tsconfig.json': '{ // the root config, read as data\n "compilerOptions": { "baseUrl": "./x", "paths": { "@lib/*": ["lib/*", "shared/*"], "@db": ["db/index.ts"], }, }, }',
    'x/lib/log.ts': 'export function log() {}\n',
    'x/shared/log.js': 'exports.log = () => {};\n',
    'x/db/index.ts': 'export const q = 1;\n',
    'y/app.ts': "import { log } from '@lib/log';\n",
    'z/job.ts': "import { q } from '@db';\n",
    'w/other.ts': "import { log } from '@libx/log';\nconst s = 'lib/log';\n",
  };
  assert.deepEqual(groupsOf(files), [['w/other.ts'], ['x/db/index.ts', 'z/job.ts'], ['x/lib/log.ts', 'x/shared/log.js', 'y/app.ts']]);
  // an unreadable tsconfig has no aliases, for the model as for the plan
  assert.deepEqual(groupsOf({ ...files, 'tsconfig.json': '{ "compilerOptions": { "paths": ' }), [['w/other.ts'], ['x/db/index.ts'], ['x/lib/log.ts'], ['x/shared/log.js'], ['y/app.ts'], ['z/job.ts']]);
});

test('TS: a nested tsconfig.json or jsconfig.json gives the files under it its own paths; one without paths leaves them the root\'s', () => {
  const files = {
    'tsconfig.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "~/*": ["shared/*"] } } }',
    'shared/log.ts': 'export function log() {}\n',
    'apps/api/tsconfig.json': '{ // its own config\n "compilerOptions": { "baseUrl": ".", "paths": { "~/*": ["src/*"] }, }, }',
    'apps/api/src/log.ts': 'export function log() {}\n',
    'apps/api/src/server.ts': "import { log } from '~/log';\n",
    'apps/web/jsconfig.json': '{ "compilerOptions": { "baseUrl": "lib", "paths": { "~/*": ["*"] } } }',
    'apps/web/lib/log.js': 'exports.log = () => {};\n',
    'apps/web/lib/app.js': "const { log } = require('~/log');\n",
    // a config that sets no paths: the root's apply; one that sets none explicitly: none do
    'apps/job/tsconfig.json': '{ "compilerOptions": { "strict": true } }',
    'apps/job/main.ts': "import { log } from '~/log';\n",
    'apps/cli/tsconfig.json': '{ "compilerOptions": { "paths": {} } }',
    'apps/cli/main.ts': "import { log } from '~/log';\n",
  };
  assert.deepEqual(groupsOf(files), [['apps/api/src/log.ts', 'apps/api/src/server.ts'], ['apps/cli/main.ts'], ['apps/job/main.ts', 'shared/log.ts'], ['apps/web/lib/app.js', 'apps/web/lib/log.js']]);
});

test('TS: tsconfig paths come with the configs tsconfig.json extends, or from tsconfig.base.json, merged as TypeScript merges them', () => {
  const code = {
    'libs/log/src/index.ts': 'export function log() {}\n',
    'libs/db/src/index.ts': 'export const q = 1;\n',
    'apps/api/main.ts': "import { log } from '@acme/log';\nimport { q } from '@acme/db';\n",
  };
  const linked = [['apps/api/main.ts', 'libs/db/src/index.ts', 'libs/log/src/index.ts']];
  const apart = [['apps/api/main.ts'], ['libs/db/src/index.ts'], ['libs/log/src/index.ts']];
  // paths in an extended config are relative to that config (no baseUrl) or to its baseUrl
  const base = '{ "compilerOptions": { "paths": { "@acme/log": ["../libs/log/src/index.ts"], "@acme/db": ["../libs/db/src/index.ts"] } } }';
  assert.deepEqual(groupsOf({ ...code, 'tsconfig.json': '{ "extends": "./config/base" }', 'config/base.json': base }), linked);
  assert.deepEqual(groupsOf({ ...code, 'tsconfig.json': '{ "extends": "./config/base.json", "compilerOptions": { "baseUrl": "." } }', 'config/base.json': base.replace(/\.\.\//g, '') }), linked);
  // Nx: no tsconfig.json at the root, the workspace's paths in tsconfig.base.json
  assert.deepEqual(groupsOf({ ...code, 'tsconfig.base.json': base.replace(/\.\.\//g, '') }), linked);
  // a config's own paths replace those it extends; the last of an extends list wins
  assert.deepEqual(groupsOf({ ...code, 'tsconfig.json': '{ "extends": "./config/base.json", "compilerOptions": { "paths": {} } }', 'config/base.json': base }), apart);
  assert.deepEqual(groupsOf({ ...code, 'tsconfig.json': '{ "extends": ["./config/base.json", "./config/none.json"] }', 'config/base.json': base, 'config/none.json': '{ "compilerOptions": { "paths": {} } }' }), apart);
  assert.deepEqual(groupsOf({ ...code, 'tsconfig.json': '{ "extends": ["./config/none.json", "./config/base.json"] }', 'config/base.json': base, 'config/none.json': '{ "compilerOptions": { "paths": {} } }' }), linked);
  // a package's config under node_modules, read as data; a cycle ends
  assert.deepEqual(groupsOf({ ...code, 'tsconfig.json': '{ "extends": "@acme/tsconfig/base.json" }', 'node_modules/@acme/tsconfig/base.json': base.replace(/\.\.\//g, '../../../') }), linked);
  assert.deepEqual(groupsOf({ ...code, 'tsconfig.json': '{ "extends": "./tsconfig.json" }' }), apart);
});

test('joinRelative resolves a relative specifier from a directory as path.posix does', () => {
  const dirs = ['.', 'a', 'a/b', 'a/b/c', '..', '../x', 'a/..x', '.hidden/y'];
  const segs = ['.', '..', 'x', 'y.ts', '', '...', 'index', '.d'];
  const specs = new Set<string>(['./x', '../x', './', '../', '.', '..', './x/', './x/.', './x/..', './/x', '../../../../x', './a/../b']);
  // every specifier of up to four segments starting with . or ..
  const grow = (prefix: string, depth: number): void => {
    specs.add(prefix);
    if (depth === 0) return;
    for (const s of segs) grow(`${prefix}/${s}`, depth - 1);
  };
  grow('.', 3);
  grow('..', 3);
  for (const d of dirs) for (const s of specs) assert.equal(joinRelative(d, s), posix.normalize(posix.join(d, s)), `${d} + ${s}`);
});

test('a Go module that imports another keeps the request path across both (one group), as one scan would', () => {
  const files = {
    'svc/go.mod': 'module example.com/svc\n\ngo 1.22\n\nrequire example.com/shared v0.0.0\n',
    'svc/h.go': 'package svc\n\nimport (\n\t"net/http"\n\n\t"example.com/shared/logx"\n)\n\nfunc Handle(w http.ResponseWriter, r *http.Request) {\n\tlogx.Dump(r.Context())\n}\n',
    'shared/go.mod': 'module example.com/shared\n\ngo 1.22\n',
    'shared/logx/logx.go': 'package logx\n\nimport (\n\t"context"\n\t"fmt"\n)\n\nfunc Dump(ctx context.Context) {\n\tfmt.Printf("ctx=%v", ctx)\n}\n',
    'other/go.mod': GO_MOD,
    'other/o.go': 'package other\n\nimport (\n\t"context"\n\t"fmt"\n)\n\nfunc O(ctx context.Context) { fmt.Println(ctx) }\n',
  };
  const dir = tempProject(files);
  const r = logvol(['scan', '.', '-f', 'json'], dir);
  assert.equal(r.code, 1, r.stderr);
  const findings = (JSON.parse(r.stdout) as { findings: { path: string; message: string; related: unknown[] }[] }).findings;
  const shared = findings.find((f) => f.path === 'shared/logx/logx.go');
  assert.ok(shared, r.stdout);
  assert.match(shared.message, /Handle/, 'the request path runs from the other module’s handler');
  assert.equal(shared.related.length, 1);
  assert.ok(findings.some((f) => f.path === 'other/o.go'));
  // and the same bytes with --jobs 2, which scans everything as one group
  assert.equal(logvol(['scan', '.', '-f', 'json', '--jobs', '2'], dir).stdout, r.stdout);
});

test('explicit files: groups without them are not analysed, yet their skip notices are kept as before', () => {
  const files = {
    'go.mod': GO_MOD,
    'h/h.go': 'package h\n\nimport (\n\t"context"\n\t"fmt"\n)\n\nfunc H(ctx context.Context) { fmt.Println(ctx) }\n',
    'big/big.go': `package big\n\nvar X = "${'x'.repeat(9000)}"\n`,
    'bin/b.go': 'package bin\n\x00\x00binary',
    'broken/b.go': 'package broken\n\nfunc (\n',
    // minified, behind a byte-order mark and with old-Mac line ends
    'web/app.min.js': `\ufeff${Array.from({ length: 12 }, (_, i) => `var a${i}=function(){return ${'1+'.repeat(200)}1};`).join('\r')}\r`,
    // enough files for the plan to write its index (REWRITE_AFTER), in a group of their own
    ...Object.fromEntries(Array.from({ length: REWRITE_AFTER + 1 }, (_, i) => [`fill/f${i}.go`, `package fill\n\nconst F${i} = ${i}\n`])),
  };
  const dir = tempProject(files);
  const args = ['scan', 'h/h.go', '-f', 'json', '--max-file-size', '8000'];
  const grouped = logvol(args, dir);
  const single = logvol([...args, '--jobs', '2'], dir);
  assert.equal(grouped.code, 1, grouped.stderr);
  assert.equal(grouped.stdout, single.stdout);
  assert.equal(grouped.stderr, single.stderr);
  assert.match(grouped.stderr, /big\/big\.go: skipped: \d+ bytes is over the 8000-byte limit/);
  assert.match(grouped.stderr, /bin\/b\.go: skipped: binary content/);
  assert.match(grouped.stderr, /web\/app\.min\.js: skipped: minified or generated/);
  assert.doesNotMatch(grouped.stderr, /broken/, 'a syntax error elsewhere is not reported for an explicit file');
  // the same notices with the cache: a first run fills it; then, without the stored whole-scan
  // result (it would answer first), from the stored plan (plan-store.ts), and without that too,
  // from the plan index (plan-index.ts)
  const cache = join(dir, '.cache');
  for (const drop of [[], ['results'], ['results', 'plans']]) {
    for (const sub of drop) rmSync(join(cache, sub), { recursive: true, force: true });
    const cached = logvol([...args, '--cache', '--cache-location', cache], dir);
    assert.equal(cached.stdout, grouped.stdout, `without ${drop.join(', ') || 'nothing'}`);
    assert.equal(cached.stderr, grouped.stderr, `without ${drop.join(', ') || 'nothing'}`);
  }
  assert.ok(readdirSync(join(cache, 'plan')).length === 1 && readdirSync(join(cache, 'plans')).length === 1, 'the plan index and the plan are stored');
  // and a whole scan reports the minified file as analysing it does
  assert.match(logvol(['scan', '.', '-f', 'json', '--max-file-size', '8000'], dir).stderr, /web\/app\.min\.js: skipped: minified or generated \(lines average \d+/);
});

test('skipMessage gives the skip notice analysing the bytes gives, and none where analysis skips nothing', () => {
  const req = (rel: string, max = 1e6): AnalyzeRequest => ({ abs: `/p/${rel}`, rel, pkgPath: 'example.com/p', maxFileSize: max });
  const minified = Array.from({ length: 12 }, (_, i) => `var a${i}=function(){return ${'1+'.repeat(200)}1};`);
  const cases: [string, string | Buffer, number?][] = [
    ['a.ts', 'export const x = 1;\n'],
    ['a.min.js', minified.join('\n')],
    ['b.min.js', `\ufeff${minified.join('\r')}`],
    ['c.min.js', minified.join('\r\n')],
    ['short.js', 'var x=1;'.repeat(100)],
    ['big.ts', 'export const x = 1;\n'.repeat(100), 200],
    ['bin.ts', Buffer.from('export const x = 1;\u0000\u0000')],
    ['wide.go', `package wide\n\nvar X = "${'x'.repeat(6000)}"\n`, 1e6],
    ['gen.go', '// Code generated by protoc. DO NOT EDIT.\n\npackage gen\n'],
    ['note.txt', 'not a source file'],
  ];
  let skipped = 0;
  for (const [rel, content, max] of cases) {
    const r = req(rel, max);
    const buf = Buffer.isBuffer(content) ? content : Buffer.from(content);
    const p = prepareText(r, buf);
    const expected = p.done?.notices.find((n) => n.kind === 'skip')?.message;
    assert.equal(skipMessage(r, buf), expected, rel);
    assert.equal(skipMessage(r, buf, buf.toString('utf8')), expected, `${rel}, decoded by the caller`);
    if (expected) skipped++;
  }
  assert.equal(skipped, 5, 'three minified files, one over the limit, one binary');
});

test("a Go file's package path: the nearest go.mod's module and the directory below it, else the directory from the root", () => {
  const withMod = tempProject({
    'go.mod': 'module example.com/root\n',
    'root.go': 'package root\n',
    'a/b/b.go': 'package b\n',
    'nested/go.mod': 'module "example.com/nested"\n',
    'nested/n.go': 'package nested\n',
    'nested/x/y/z.go': 'package y\n',
  });
  const r = new GoPackageResolver(withMod);
  assert.equal(r.pkgPath(join(withMod, 'root.go')), 'example.com/root');
  assert.equal(r.pkgPath(join(withMod, 'a/b/b.go')), 'example.com/root/a/b');
  assert.equal(r.pkgPath(join(withMod, 'nested/n.go')), 'example.com/nested');
  assert.equal(r.pkgPath(join(withMod, 'nested/x/y/z.go')), 'example.com/nested/x/y');
  // a root inside a module (a directory given without a .git above it): the module's go.mod still
  assert.equal(new GoPackageResolver(join(withMod, 'a')).pkgPath(join(withMod, 'a/b/b.go')), 'example.com/root/a/b');
  // without any go.mod above: the directory from the root
  const bare = tempProject({ 'r.go': 'package r\n', 'pkg/sub/p.go': 'package sub\n' });
  const b = new GoPackageResolver(bare);
  assert.equal(b.pkgPath(join(bare, 'r.go')), '.');
  assert.equal(b.pkgPath(join(bare, 'pkg/sub/p.go')), 'pkg/sub');
  // a file outside the root (a path of another project scanned beside this one): the go.mod above
  // it, wherever that is, as the go tool finds it; without one, its directory relative to the root
  assert.equal(b.pkgPath(join(withMod, 'a/b/b.go')), 'example.com/root/a/b');
  const loose = tempProject({ 'l/l.go': 'package l\n' });
  assert.equal(b.pkgPath(join(loose, 'l/l.go')), posix.join('..', posix.basename(loose), 'l'));
  // the root given with a trailing separator is the same root
  assert.equal(new GoPackageResolver(`${withMod}/`).pkgPath(join(withMod, 'a/b/b.go')), 'example.com/root/a/b');
});

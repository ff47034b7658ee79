import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, GO_MOD, HANDLER_WITH_CTX_PRINT, logvol, tempProject } from './harness/cli.js';
import { REPO } from './harness/fixtures.js';
import { scratchDir } from './harness/tmp.js';
import { git, hasCommand } from './harness/git.js';
import { discover } from '../src/engine/discover.js';
import { loadConfig } from '../src/config/load.js';
import { rules } from '../rules/index.js';

test('the quick-start scan finds the incident line and exits 1', () => {
  const r = logvol(['scan', 'fixtures/demo'], REPO);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /fixtures\/demo\/internal\/handler\/product\.go\n\s+29:2\s+error\s+`ctx` \(a whole `context\.Context`\) is printed by `fmt\.Printf`.*context-print/);
  assert.match(r.stdout, /1 problem \(1 error, 0 warnings, 0 notes\)/);
});

test('scan is the default command and text paths are relative to the current directory', () => {
  const r = logvol(['internal'], join(REPO, 'fixtures', 'demo'));
  assert.equal(r.code, 1);
  assert.match(r.stdout, /^internal\/handler\/product\.go$/m);
});

test('a clean tree exits 0 with a summary line', () => {
  const dir = tempProject({ 'go.mod': GO_MOD, 'main.go': 'package main\n\nfunc main() {}\n' });
  const r = logvol(['scan', '.'], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /No problems found \(1 file scanned\)/);
});

test('json output is the documented shape with root-relative paths', () => {
  const dir = tempProject({ 'go.mod': GO_MOD, 'internal/h/h.go': HANDLER_WITH_CTX_PRINT });
  const r = logvol(['scan', 'internal', '--format', 'json'], dir);
  assert.equal(r.code, 1);
  const j = JSON.parse(r.stdout) as { version: number; findings: { path: string; line: number; column: number; ruleId: string; fingerprint: string }[]; summary: { errors: number } };
  assert.equal(j.version, 1);
  assert.equal(j.summary.errors, 1);
  assert.equal(j.findings[0]!.path, 'internal/h/h.go');
  assert.deepEqual([j.findings[0]!.line, j.findings[0]!.column, j.findings[0]!.ruleId], [9, 2, 'context-print']);
  assert.match(j.findings[0]!.fingerprint, /^[0-9a-f]{32}$/);
});

test('--output writes the report atomically and leaves no temporary files', () => {
  const dir = tempProject({ 'go.mod': GO_MOD, 'h.go': HANDLER_WITH_CTX_PRINT });
  const r = logvol(['scan', '.', '-f', 'sarif', '-o', 'out.sarif'], dir);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  const sarif = JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8')) as { version: string };
  assert.equal(sarif.version, '2.1.0');
  assert.deepEqual(readdirSync(dir).filter((f) => f.includes('tmp')), []);
});

test('an output path that cannot be written: one line, exit 2, no file', () => {
  const dir = tempProject({ 'go.mod': GO_MOD, 'h.go': HANDLER_WITH_CTX_PRINT });
  const r = logvol(['scan', '.', '-o', 'no/such/dir/out.json', '-f', 'json'], dir);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^logvol: cannot write report .*no\/such\/dir\/out\.json/);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  assert.equal(existsSync(join(dir, 'no')), false);
});

test('usage errors: unknown flag, bad format, missing path, bad number — one line, exit 2', () => {
  const dir = tempProject({ 'go.mod': GO_MOD });
  for (const [args, re] of [
    [['scan', '--frobnicate'], /unknown option '--frobnicate'/],
    [['scan', '--format', 'xml'], /argument 'xml' is invalid/],
    [['scan', 'does-not-exist'], /path not found: does-not-exist/],
    [['scan', '--max-warnings', 'many'], /--max-warnings expects a whole number/],
    [['explain', 'no-such-rule'], /unknown rule "no-such-rule"/],
  ] as const) {
    const r = logvol([...args], dir);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr.split('\n')[0]!, re);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  }
});

test('--max-warnings: warnings alone exit 0, above the limit exit 1', () => {
  const dir = tempProject({ 'go.mod': GO_MOD, 'h.go': HANDLER_WITH_CTX_PRINT, 'logvol.config.json': '{"rules":{"context-print":"warning"}}' });
  assert.equal(logvol(['scan', '.'], dir).code, 0);
  assert.equal(logvol(['scan', '.', '--max-warnings', '0'], dir).code, 1);
  assert.equal(logvol(['scan', '.', '--max-warnings', '1'], dir).code, 0);
});

test('bad input: unparsable Go, binary .go, empty file — no crash, a notice, other findings kept', () => {
  const dir = tempProject({
    'go.mod': GO_MOD,
    'broken.go': 'package broken\n\nfunc Broken( {\n\tfmt.Println("x"\n}\n',
    'binary.go': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 3, 0, 0xff]),
    'empty.go': '',
    'ok.go': HANDLER_WITH_CTX_PRINT,
  });
  const r = logvol(['scan', '.'], dir);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /broken\.go:\d+: syntax error/);
  assert.match(r.stderr, /binary\.go: skipped: binary content/);
  assert.match(r.stdout, /ok\.go\n\s+9:2\s+error/);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
});

test('generated Go files and test files are skipped unless asked', () => {
  const gen = `// Code generated by protoc-gen-go. DO NOT EDIT.\n\n${HANDLER_WITH_CTX_PRINT}`;
  const dir = tempProject({ 'go.mod': GO_MOD, 'gen.pb.go': gen, 'h_test.go': HANDLER_WITH_CTX_PRINT, 'vendor/x/x.go': HANDLER_WITH_CTX_PRINT, 'node_modules/y/y.go': HANDLER_WITH_CTX_PRINT });
  assert.equal(logvol(['scan', '.'], dir).code, 0);
  const r = logvol(['scan', '.', '--include-tests', '-f', 'json'], dir);
  const j = JSON.parse(r.stdout) as { findings: { path: string }[] };
  assert.deepEqual(j.findings.map((f) => f.path), ['h_test.go']);
});

test('a Go test helper outside a _test.go file (it takes a *testing.T or testing.TB) is test code: reported with --include-tests (or includeTests) only, the cache telling the two apart', () => {
  const helper = 'package check\n\nimport (\n\t"runtime/debug"\n\t"testing"\n)\n\nfunc Fail(t testing.TB) {\n\tdebug.PrintStack()\n\tt.FailNow()\n}\n';
  // a suppression inside a helper silences its finding whether tests are included or not: never unused
  const quiet = 'package check\n\nimport (\n\t"runtime/debug"\n\t"testing"\n)\n\nfunc Dump(t *testing.T) {\n\tdebug.PrintStack() // logvol-ignore stack-trace-log -- test output\n}\n';
  const dir = tempProject({ 'go.mod': GO_MOD, 'check/check.go': helper, 'check/quiet.go': quiet });
  const keys = (r: { stdout: string }): string[] => (JSON.parse(r.stdout) as { findings: { path: string; line: number; ruleId: string }[] }).findings.map((f) => `${f.path}:${f.line}:${f.ruleId}`);
  const cache = ['--cache', '--cache-location', scratchDir('logvol-cache-'), '--report-unused-suppressions'];
  const plain = logvol(['scan', '.', '-f', 'json', ...cache], dir);
  assert.equal(plain.code, 0, plain.stderr);
  assert.deepEqual(keys(plain), []);
  const flagged = logvol(['scan', '.', '-f', 'json', ...cache, '--include-tests'], dir);
  assert.deepEqual(keys(flagged), ['check/check.go:9:stack-trace-log']);
  assert.deepEqual(keys(logvol(['scan', '.', '-f', 'json', ...cache], dir)), []);
  writeFileSync(join(dir, 'logvol.config.json'), '{ "includeTests": true }');
  assert.deepEqual(keys(logvol(['scan', '.', '-f', 'json', ...cache], dir)), keys(flagged));
});

test('a Go test-support package (named like httptest, importing testing or net/http/httptest) is test code: reported with --include-tests only', () => {
  const server = (pkg: string, imp: string): string =>
    `package ${pkg}\n\nimport (\n\t"fmt"\n\t"io"\n\t"net/http"\n${imp})\n\nfunc Handle(w http.ResponseWriter, r *http.Request) {\n\tbody, _ := io.ReadAll(r.Body)\n\tfmt.Println(string(body))\n}\n`;
  const dir = tempProject({
    'go.mod': GO_MOD,
    // test support: the name ends in `test` and the file imports httptest (or testing)
    'cdctest/server.go': server('cdctest', '\t"net/http/httptest"\n'),
    'storetest/server.go': server('storetest', '\t"testing"\n'),
    // no test import, or no test-like name: code
    'latest/server.go': server('latest', ''),
    'cdc/server.go': server('cdc', '\t"net/http/httptest"\n'),
  });
  const keys = (r: { stdout: string }): string[] => (JSON.parse(r.stdout) as { findings: { path: string; ruleId: string }[] }).findings.map((f) => `${f.path}:${f.ruleId}`);
  assert.deepEqual(keys(logvol(['scan', '.', '-f', 'json'], dir)), ['cdc/server.go:request-dump', 'latest/server.go:request-dump']);
  assert.deepEqual(keys(logvol(['scan', '.', '-f', 'json', '--include-tests'], dir)), ['cdc/server.go:request-dump', 'cdctest/server.go:request-dump', 'latest/server.go:request-dump', 'storetest/server.go:request-dump']);
});

test('--include-vendor (or includeVendor in the config) scans vendor/: a vendored package is the package it is imported as', () => {
  // the module's handler calls a vendored library that logs once per item: a finding in vendor/,
  // reached through the import path the handler uses (not through <module>/vendor/…)
  const lib = 'package lib\n\nimport "log"\n\nfunc Each(items []string) {\n\tfor _, it := range items {\n\t\tlog.Printf("item %s", it)\n\t}\n}\n';
  const api = 'package api\n\nimport (\n\t"net/http"\n\n\t"github.com/acme/lib"\n)\n\nfunc Handle(w http.ResponseWriter, r *http.Request) {\n\tlib.Each(r.URL.Query()["k"])\n}\n';
  const dir = tempProject({ 'go.mod': GO_MOD, 'api/api.go': api, 'vendor/github.com/acme/lib/lib.go': lib, 'vendor/modules.txt': '# github.com/acme/lib v1.0.0\ngithub.com/acme/lib\n' });
  const keys = (r: { stdout: string }): string[] => (JSON.parse(r.stdout) as { findings: { path: string; line: number; ruleId: string; message: string }[] }).findings.map((f) => `${f.path}:${f.line}:${f.ruleId}:${/via (.*):/.exec(f.message)?.[1] ?? ''}`);
  // with the cache, walks recorded at once (no racy window): the walk without vendor/ is not the walk with it
  const cache = ['--cache', '--cache-location', scratchDir('logvol-cache-')];
  const env = { LOGVOL_WALK_RACY_MS: '0' };
  const plain = logvol(['scan', '.', '-f', 'json', ...cache], dir, env);
  assert.equal(plain.code, 0, plain.stderr);
  assert.deepEqual(keys(plain), []);
  const flagged = logvol(['scan', '.', '-f', 'json', ...cache, '--include-vendor'], dir, env);
  assert.deepEqual(keys(flagged), ['vendor/github.com/acme/lib/lib.go:7:log-in-loop:Handle → Each']);
  assert.deepEqual(keys(logvol(['scan', '.', '-f', 'json', ...cache], dir, env)), []);
  // without the flag, a vendored file given on the command line (a pre-commit run after `go mod
  // vendor`) is not the imported package: its loop is not on the handler's path
  assert.deepEqual(keys(logvol(['scan', '-f', 'json', 'vendor/github.com/acme/lib/lib.go'], dir)), []);
  writeFileSync(join(dir, 'logvol.config.json'), '{ "includeVendor": true }');
  assert.deepEqual(keys(logvol(['scan', '.', '-f', 'json'], dir)), keys(flagged));
  // two modules vendoring one import path have two packages: svc2's handler does not reach svc1's
  // copy (which logs per item; svc2's does not), so no module's handler reaches another's copy
  const quiet = 'package lib\n\nfunc Each(items []string) {}\n';
  const two = tempProject({
    'svc1/go.mod': 'module example.com/svc1\n\ngo 1.22\n',
    'svc1/main.go': 'package main\n\nimport (\n\t"os"\n\n\t"github.com/acme/lib"\n)\n\nfunc main() { lib.Each(os.Args) }\n',
    'svc1/vendor/github.com/acme/lib/lib.go': lib,
    'svc2/go.mod': 'module example.com/svc2\n\ngo 1.22\n',
    'svc2/api/api.go': api,
    'svc2/vendor/github.com/acme/lib/lib.go': quiet,
  });
  assert.deepEqual(keys(logvol(['scan', '.', '-f', 'json', '--include-vendor'], two)), []);
});

test('a project scanned from outside it gets the findings of a scan from inside it; paths in several projects keep the current root', () => {
  // the handler reaches a helper of another package of its module, and a .gitignore'd directory holds a
  // finding: from another project (which has a config selecting its own files), the root is the
  // scanned project's, so the module's imports are followed and its .gitignore applies
  const lib = 'package lib\n\nimport "log"\n\nfunc Each(items []string) {\n\tfor _, it := range items {\n\t\tlog.Printf("item %s", it)\n\t}\n}\n';
  const api = 'package api\n\nimport (\n\t"net/http"\n\n\t"example.com/svc/internal/lib"\n)\n\nfunc Handle(w http.ResponseWriter, r *http.Request) {\n\tlib.Each(r.URL.Query()["k"])\n}\n';
  const dir = tempProject({ '.git/HEAD': 'ref: refs/heads/main\n', '.gitignore': 'gen/\n', 'go.mod': GO_MOD, 'api/api.go': api, 'internal/lib/lib.go': lib, 'gen/h.go': HANDLER_WITH_CTX_PRINT });
  const other = tempProject({ '.git/HEAD': 'ref: refs/heads/main\n', 'logvol.config.json': '{ "include": ["src/**"] }', 'src/x.ts': 'export const x = 1;\n' });
  const findings = (r: { code: number | null; stdout: string; stderr: string }): string[] => {
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    return (JSON.parse(r.stdout) as { findings: { path: string; line: number; ruleId: string }[] }).findings.map((f) => `${f.path}:${f.line}:${f.ruleId}`);
  };
  const inside = findings(logvol(['scan', '.', '-f', 'json'], dir));
  assert.deepEqual(inside, ['internal/lib/lib.go:7:log-in-loop']);
  assert.deepEqual(findings(logvol(['scan', dir, '-f', 'json'], other)), inside);
  // two of its directories: the root is still the project's (the handler reaches the helper)
  assert.deepEqual(findings(logvol(['scan', join(dir, 'api'), join(dir, 'internal'), '-f', 'json'], other)), inside);
  // paths in two projects keep the current one's root: its own paths (and fingerprints, so its
  // baseline) do not change, and the other project's files are reported by absolute path (its Go
  // module still found above them, so its imports are followed)
  writeFileSync(join(other, 'src/x.ts'), "import express from 'express';\nconst app = express();\napp.get('/x', (req, res) => {\n  console.log(req);\n  res.end();\n});\n");
  const own = findings(logvol(['scan', '.', '-f', 'json'], other));
  assert.deepEqual(own, ['src/x.ts:4:request-dump']);
  const both = findings(logvol(['scan', '.', dir, '-f', 'json'], other));
  const libAbs = `${join(dir, 'internal/lib/lib.go')}:7:log-in-loop`.replace(/\\/g, '/');
  assert.deepEqual(both, [...own, libAbs].sort());
  // and so do paths in two other projects (no common ancestor is made the root)
  const third = tempProject({ '.git/HEAD': 'ref: refs/heads/main\n', 'go.mod': 'module example.com/third\n\ngo 1.22\n', 'main.go': 'package main\n\nfunc main() {}\n' });
  assert.deepEqual(findings(logvol(['scan', dir, third, '-f', 'json'], other)), [libAbs]);
  // files only (a pre-commit run): each analysed with its own module around it, wherever it lies
  assert.deepEqual(findings(logvol(['scan', join(dir, 'internal/lib/lib.go'), join(third, 'main.go'), '-f', 'json'], other)), [libAbs]);
  // a directory of a module without a .git: its go.mod above is still its module
  const bare = tempProject({ 'go.mod': GO_MOD, 'internal/api/api.go': api, 'internal/lib/lib.go': lib });
  assert.deepEqual(findings(logvol(['scan', join(bare, 'internal'), '-f', 'json'], other)), ['lib/lib.go:7:log-in-loop']);
});

test('a pre-commit run on a file whose package\'s tsconfig paths name another package analyses that package too, as a full scan links it', () => {
  const findings = (r: { code: number | null; stdout: string; stderr: string }): string[] => {
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    return (JSON.parse(r.stdout) as { findings: { path: string; line: number; ruleId: string }[] }).findings.map((f) => `${f.path}:${f.line}:${f.ruleId}`);
  };
  const dir = tempProject({
    '.git/HEAD': 'ref: refs/heads/main\n',
    'package.json': '{"private": true}',
    'packages/log/package.json': '{"name": "@acme/log"}',
    'packages/log/src/index.ts': 'export function debugDump(label: string, v: unknown): void {\n  console.log(label, v);\n}\n',
    'apps/api/package.json': '{"name": "@acme/api"}',
    'apps/api/tsconfig.json': '{"compilerOptions": {"baseUrl": ".", "paths": {"@acme/log": ["../../packages/log/src/index.ts"]}}}',
    'apps/api/src/app.ts': "import express from 'express';\nimport { debugDump } from '@acme/log';\nconst app = express();\napp.post('/x', (req, res) => {\n  debugDump('x', req);\n  res.end();\n});\n",
  });
  const full = findings(logvol(['scan', '.', '-f', 'json'], dir));
  assert.deepEqual(full, ['apps/api/src/app.ts:5:request-dump', 'packages/log/src/index.ts:2:request-dump']);
  assert.deepEqual(findings(logvol(['scan', 'apps/api/src/app.ts', '-f', 'json'], dir)), ['apps/api/src/app.ts:5:request-dump']);
});

test("test directories are test code: a package's test/, tests/, spec/; __mocks__/ and testdata/ anywhere; Go testdata/", () => {
  const route = "import express from 'express';\nconst app = express();\napp.get('/x', (req, res) => {\n  console.log(req);\n  res.end();\n});\n";
  // skipped: test directories of the root and of a package (pkgs/a has a package.json), and the
  // names that are test code anywhere
  // names that are test code anywhere, and a tests/ package of its own (pkgs/e2e/tests has a package.json)
  const tests = ['test/helpers.ts', 'tests/assets/vendor.js', 'spec/x.mjs', 'pkgs/a/test/h.ts', 'pkgs/a/tests/t.tsx', 'src/__mocks__/m.ts', 'src/testdata/t.js', 'pkgs/e2e/tests/host.js'];
  // scanned: a route named test (no package.json holds src/routes), a spec/ outside any package,
  // a spec/ package of its own (schemas), look-alike names
  const code = ['src/a.ts', 'src/routes/test/index.ts', 'app/api/test/route.ts', 'pkgs/b/spec/s.ts', 'pkgs/c/spec/s.ts', 'src/latest/l.ts', 'src/testing/t.ts', 'tests.ts', 'pkgs/a/src/a.ts'];
  const goTests = ['testdata/p/h.go'];
  const goCode = ['tests/e2e/h.go', 'test/h.go'];
  const dir = tempProject({
    'go.mod': GO_MOD,
    'package.json': '{"name":"x"}',
    'pkgs/a/package.json': '{"name":"a"}',
    'pkgs/e2e/tests/package.json': '{"name":"e2e"}',
    'pkgs/c/spec/package.json': '{"name":"spec"}',
    ...Object.fromEntries([...tests, ...code].map((f) => [f, route])),
    ...Object.fromEntries([...goTests, ...goCode].map((f) => [f, HANDLER_WITH_CTX_PRINT])),
  });
  const paths = (args: string[]): string[] => (JSON.parse(logvol(['scan', '.', '-f', 'json', ...args], dir).stdout) as { findings: { path: string }[] }).findings.map((f) => f.path).sort();
  assert.deepEqual(paths([]), [...code, ...goCode].sort());
  assert.deepEqual(paths(['--include-tests']), [...tests, ...code, ...goTests, ...goCode].sort());
});

test('.gitignore is honoured', () => {
  const dir = tempProject({ 'go.mod': GO_MOD, '.gitignore': 'gen/\n', 'gen/h.go': HANDLER_WITH_CTX_PRINT, 'app/h.go': HANDLER_WITH_CTX_PRINT });
  const j = JSON.parse(logvol(['scan', '.', '-f', 'json'], dir).stdout) as { findings: { path: string }[] };
  assert.deepEqual(j.findings.map((f) => f.path), ['app/h.go']);
});

test('nested .gitignore files: each matches paths from its own directory, as git does', async (t) => {
  const files = [
    'gen/h.go', // root: gen/
    'app/y.skip.go', // root: *.skip.go, at any depth
    'app/y.go',
    'svc/local/h.go', // svc/.gitignore: local/
    'svc/top.go', // svc/.gitignore: /top.go, anchored to svc/
    'svc/sub/top.go',
    'deep/a/x.go', // deep/a/.gitignore: x.go, in deep/a and below
    'deep/a/b/x.go',
    'deep/x.go',
    'keep/gen/h.go', // root gen/ matches a gen directory at any depth
  ];
  const dir = tempProject({
    'go.mod': GO_MOD,
    '.gitignore': 'gen/\n*.skip.go\n',
    'svc/.gitignore': 'local/\n/top.go\n',
    'deep/a/.gitignore': 'x.go\n',
    ...Object.fromEntries(files.map((f) => [f, 'package p\n'])),
  });
  const config = loadConfig({ cwd: dir, rules });
  const found = (await discover({ cwd: dir, root: dir, paths: ['.'], config, includeTests: true })).files.map((f) => f.rel);
  const expected = ['app/y.go', 'deep/x.go', 'svc/sub/top.go'];
  assert.deepEqual(found, expected);
  if (!hasCommand('git')) {
    t.diagnostic('git is not installed: the comparison with git itself is skipped');
    return;
  }
  git(dir, 'init', '-q');
  const byGit = git(dir, 'ls-files', '--others', '--exclude-standard').split('\n').filter((f) => f.endsWith('.go')).sort();
  assert.deepEqual(byGit, expected, 'git sees the same files');
});

test('a node_modules directory the .gitignore re-includes holds the project\'s own packages: it is walked, as git tracks it', async (t) => {
  const files = [
    'src/a.js',
    'packages/node_modules/@app/util/index.js', // !packages/node_modules
    'packages/node_modules/@app/util/lib/log.mjs',
    'packages/node_modules/@app/util/node_modules/dep/index.js', // node_modules again below it: a dependency
    'packages/node_modules/@app/util/public/bundle.js', // ignored again by name
    'node_modules/lodash/index.js', // the root's dependencies
    'other/node_modules/x/index.js', // not re-included
  ];
  const dir = tempProject({
    '.gitignore': 'node_modules\n!packages/node_modules\npackages/node_modules/@app/util/public\n',
    ...Object.fromEntries(files.map((f) => [f, 'export const x = 1;\n'])),
  });
  const config = loadConfig({ cwd: dir, rules });
  const found = (await discover({ cwd: dir, root: dir, paths: ['.'], config, includeTests: true })).files.map((f) => f.rel);
  const expected = ['packages/node_modules/@app/util/index.js', 'packages/node_modules/@app/util/lib/log.mjs', 'src/a.js'];
  assert.deepEqual(found, expected);
  // without the negation, no node_modules directory is walked
  writeFileSync(join(dir, '.gitignore'), 'node_modules\n');
  const plain = (await discover({ cwd: dir, root: dir, paths: ['.'], config, includeTests: true })).files.map((f) => f.rel);
  assert.deepEqual(plain, ['src/a.js']);
  writeFileSync(join(dir, '.gitignore'), 'node_modules\n!packages/node_modules\npackages/node_modules/@app/util/public\n');
  // found whatever else the tree holds: no source file outside node_modules, and a scan of a subdirectory
  const only = tempProject({ '.gitignore': 'node_modules\n!packages/node_modules\n', 'package.json': '{}\n', 'packages/node_modules/@app/core/server.js': 'export const x = 1;\n' });
  for (const p of ['.', 'packages']) {
    const r = (await discover({ cwd: only, root: only, paths: [p], config, includeTests: true })).files.map((f) => f.rel);
    assert.deepEqual(r, ['packages/node_modules/@app/core/server.js'], p);
  }
  if (!hasCommand('git')) {
    t.diagnostic('git is not installed: the comparison with git itself is skipped');
    return;
  }
  git(dir, 'init', '-q');
  const byGit = git(dir, 'ls-files', '--others', '--exclude-standard').split('\n').filter((f) => /\.m?js$/.test(f)).sort();
  assert.deepEqual(byGit, expected, 'git sees the same files');
});

test('colour only when asked: NO_COLOR and non-TTY stay plain, --color forces it', () => {
  const dir = tempProject({ 'go.mod': GO_MOD, 'h.go': HANDLER_WITH_CTX_PRINT });
  assert.doesNotMatch(logvol(['scan', '.'], dir).stdout, /\u001b\[/);
  assert.match(logvol(['scan', '.', '--color'], dir, { NO_COLOR: '' }).stdout, /\u001b\[/);
});

test('rules and explain', () => {
  const r = logvol(['rules'], REPO);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^context-print\s+error\s+go/m);
  const e = logvol(['explain', 'context-print'], REPO);
  assert.equal(e.code, 0);
  assert.match(e.stdout, /^# context-print\n/);
  assert.match(e.stdout, /## Why it hurts/);
});

test('a per-request finding names its request entry point as a SARIF related location', () => {
  const r = logvol(['scan', 'fixtures/demo', '-f', 'sarif'], REPO);
  const sarif = JSON.parse(r.stdout) as { runs: { results: { relatedLocations?: { message: { text: string }; physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] };
  const rel = sarif.runs[0]!.results[0]!.relatedLocations ?? [];
  assert.equal(rel.length, 1);
  assert.match(rel[0]!.message.text, /request entry point: \(\*ProductServer\)\.GetProduct/);
  assert.equal(rel[0]!.physicalLocation.artifactLocation.uri, 'fixtures/demo/internal/handler/product.go');
  assert.equal(rel[0]!.physicalLocation.region.startLine, 25);
});

test('a reader that closes the pipe early (`logvol scan | head`) ends the run with its own exit code, not a stack trace', async () => {
  const { spawn } = await import('node:child_process');
  const dir = tempProject({ 'go.mod': GO_MOD, 'internal/handler/handler.go': HANDLER_WITH_CTX_PRINT });
  const child = spawn(process.execPath, [BIN, 'scan', '-f', 'json', '.'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  // the read end closed before the report is written, as `head` does once it has its lines
  child.stdout.destroy();
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(stderr, '', 'nothing on stderr');
  assert.equal(code, 1, 'the findings still fail the run');
});

/**
 * The TS prefilter (src/engine/prefilter.ts): only files that can matter are parsed, more are
 * loaded when the model misses one, and the findings are those of parsing everything.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LOGGER_NAME_SEED, codeOnly, hasLoggerWord, tsAnchor, withImporters } from '../src/engine/prefilter.js';
import { LOGGER_NAME } from '../src/languages/ts/apis.js';
import { prng } from './harness/fuzz.js';
import { assertFixtureScanUnchangedBy, logvol, tempProject } from './harness/cli.js';

test('anchor: printing globals and modules, a logger name with a level method, config sinks, directives', () => {
  const a = tsAnchor([{ name: 'audit.record', format: 0 }, 'Telemetry#emit']);
  const hits = [
    'console.log(x)',
    'process.stdout.write(s)',
    'this._logger\n  .info(x)',
    "log['warn'](x)",
    'const { info } = deps.logger;',
    "import pino from 'pino';\nconst l = pino();",
    "const createDebug = require(\"debug\");",
    "import { Logger } from '@nestjs/common';",
    "d.toLocaleString('en', { timeZone: tz })",
    "import moment from 'moment-timezone';",
    'audit.record(req)',
    'emit(req)',
    '// logvol-ignore-next-line context-print',
    '// nolint:logvol',
  ];
  for (const h of hits) assert.ok(a(h), h);
  const misses = [
    'export const add = (a: number, b: number) => a + b;',
    "import { Injectable } from '@nestjs/common';",
    "diag.debug('exporting'); span.end();",
    'const logger = make(); // no level method called',
    "const debugMode = true; // 'debugger' is no module",
    'emitter.record2(x)',
  ];
  for (const m of misses) assert.ok(!a(m), m);
});

test('anchor: a declaration file runs no code: only a suppression comment or a printing module it names anchors it', () => {
  const a = tsAnchor([]);
  const declarations = 'export declare function log(msg: string): void;\ndeclare const console: Console;\nexport interface Page { on(event: "console", f: (m: string) => void): void; }\n';
  assert.ok(a(declarations), 'the same text in a source file is anchored');
  assert.ok(a(declarations, 'src/page.ts'));
  for (const rel of ['types/types.d.ts', 'lib/index.d.mts', 'lib/index.d.cts']) assert.ok(!a(declarations, rel), rel);
  assert.ok(a(`// logvol-ignore-file context-print -- generated\n${declarations}`, 'types/types.d.ts'));
  // it can hand a printing module on to the files that import it
  assert.ok(a("import pino from 'pino';\nexport default pino;\n", 'src/types.d.ts'));
  assert.ok(a("export { default as make } from 'pino';\n", 'src/types.d.ts'));
  assert.ok(!a("export type Level = 'debug' | 'info';\n", 'src/types.d.ts'), 'a module name only as a string type is no module');
  assert.ok(a('console.log(1);', 'src/a.d.tsx.ts'), 'only the .d.ts ending counts');
});

test('anchor: words in comments, string literals and members of other objects are not code', () => {
  const a = tsAnchor([]);
  const misses = [
    '/**\n * Writes to the console (stdout/stderr) via the logger.info API.\n */\nexport const x = 1;',
    "export const ATTR_AWS_LOG_GROUP = 'aws.log.group.arns' as const;\nexport const STDERR = \"stderr\" as const;",
    'if (data.console !== undefined) check(data.console);',
    'const schema = {"console": {"type": "object", "description": "log.info"}};',
    // a regex literal with slashes is no comment: the strings after it are still seen as strings
    's.replace(/\\//g, "~1"); report("see console output", "logger.warn");',
  ];
  for (const m of misses) assert.ok(!a(m), m);
  const hits = [
    'if (/^https?:\\/\\//.test(url)) console.log(url)',
    "x.replace(/'/g, ''); console.log('a b')",
    // a quote in a regex literal starts no string that would swallow the code up to the next one
    "r = /'/; s = 'x '; console.log(q); t = ' y';",
    // nor does an apostrophe in JSX text: the rest of its line is left as it is
    "const v = <p>it's</p>; const s = 'a '; console.log(x); const t = ' b';",
    'const t = `${console.log(1)}`;',
    "const { 'info': say } = logger;",
    "process['stdout'].write(s)",
    "new Intl.DateTimeFormat('en', { 'timeZone': tz })",
    "const log = require('pino')();",
    'a = 1; /* inline */ console.error(e)',
    '/* see the console */ // logvol-ignore-next-line request-dump',
  ];
  for (const h of hits) assert.ok(a(h), h);
});

test('logger names as words: every name LOGGER_NAME accepts holds a seed, and the seeded search finds what the regex finds', () => {
  // hasLoggerWord only tries the words around a seed: a name without one would never be found
  const alternatives = LOGGER_NAME.source.replace(/^\^_\*\(/, '').replace(/\)\$$/, '').split('|');
  assert.ok(alternatives.length >= 5, LOGGER_NAME.source);
  for (const alt of alternatives) assert.match(alt, LOGGER_NAME_SEED, `${alt} has no seed`);
  const reference = new RegExp(`\\b${LOGGER_NAME.source.replace(/^\^/, '').replace(/\$$/, '')}\\b`);
  const texts = [
    'logger.info(x)', 'this._log.warn(x)', 'const auditLogger = make()', 'LOG.error(e)', 'Logger.log(x)',
    'catalog.info(x)', 'blog.post()', 'dialogue', 'logging.info', 'Logs', 'myLogs', 'xLog', 'x_Log', '__log', '9Log', 'reqLog2',
    'catalog auditLog', 'LOGS LOG_LEVEL', 'prologue logger2 logger', 'éLog', 'a-log-b', '', 'log',
  ];
  // and text made of seeds and word characters, where words and seeds overlap in every way
  const parts = ['log', 'Log', 'LOG', 'ger', 'GER', 'x', 'A', '_', '1', ' ', '.', 's'];
  const random = prng(7);
  for (let i = 0; i < 3000; i++) {
    let t = '';
    for (let k = 0; k < 1 + (i % 9); k++) t += parts[Math.floor(random() * parts.length)];
    texts.push(t);
  }
  for (const t of texts) assert.equal(hasLoggerWord(t), reference.test(t), JSON.stringify(t));
});

test('codeOnly blanks comments and string contents, and keeps specifiers, members, chosen keys and templates', () => {
  const keys = new Set(['info', 'timeZone']);
  const cases: [string, string][] = [
    ['a = 1; // console.log(x)\nb', 'a = 1; \nb'],
    ['  /** doc\n   * console\n   */\nc', '   \nc'],
    ["const s = 'console.log'; f(s)", "const s = ''; f(s)"],
    ["import pino from 'pino'; const d = require(\"debug\");", "import pino from 'pino'; const d = require(\"debug\");"],
    ["log['warn'](x); ({ 'timeZone': tz, 'console': 1 })", "log['warn'](x); ({ 'timeZone': tz, '': 1 })"],
    ['const t = `a ${"b c"} // d`;', 'const t = `a ${"b c"} // d`;'],
    ['s.replace(/\\//g, "~1"); f("a b")', 's.replace(/\\//g, ""); f("")'],
    ["r = /'/; s = 'x '; log(q); t = ' y';", "r = /'/; s = ''; log(q); t = '';"],
    // a division is no regex literal: the strings after it are still strings
    ["const d = a / b + 'e f' / 2;", "const d = a / b + '' / 2;"],
    // a block comment that neither opens its line nor closes on it is kept (it may be a regex)
    ['f(a, /* x\n y */ b)', 'f(a, /* x\n y */ b)'],
  ];
  for (const [src, want] of cases) assert.equal(codeOnly(src, keys), want, src);
});

test('importers: the seed and every file importing one of them, transitively', () => {
  // 0 ← 1 ← 2, 3 alone, 4 → 3
  const importers = [[1], [2], [], [4], []];
  assert.deepEqual([...withImporters([0], importers)].sort(), [0, 1, 2]);
  assert.deepEqual([...withImporters([3], importers)].sort(), [3, 4]);
  assert.deepEqual([...withImporters([], importers)], []);
});

/**
 * handler.ts is the only file with an anchor of its own besides orders.ts. util.ts prints through
 * a `debug` logger handed to it (no anchor), which the model sees only after loading it as a miss;
 * once it holds a sink, its other importer other.ts must be loaded, because that is where the
 * request comes from. logger.ts exports the pino instance orders.ts logs with under a name that
 * is no logger name. broken.ts and the lonely files cannot matter and are never parsed, nor are the
 * 60 helpers hub.ts imports (they make the group large enough for rounds: small groups load whole).
 */
const FILLERS = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`fill/f${i}.ts`, `export const value${i} = ${i};\n`]));
const PROJECT: Record<string, string> = {
  ...FILLERS,
  'hub.ts': `import { note } from './util';\n${Object.keys(FILLERS).map((f) => `import './${f.replace(/\.ts$/, '')}';\n`).join('')}export const hub = note;\n`,
  'handler.ts': "import createDebug from 'debug';\nimport { note } from './util';\n\nconst dbg = createDebug('svc');\n\nexport function warmup(): void {\n  note(dbg, 'warm');\n}\n",
  'util.ts': 'export function note(d: any, v: unknown): void {\n  d(v); // want: request-dump\n}\n',
  'other.ts': "import express from 'express';\nimport { note } from './util';\n\nconst router = express.Router();\nrouter.get('/orders', (req, res) => {\n  note(undefined, req); // want: request-dump\n  res.send('ok');\n});\nexport default router;\n",
  'logger.ts': "import pino from 'pino';\n\nexport const base = pino();\n",
  'orders.ts': "import express from 'express';\nimport { base as l } from './logger';\n\nconst app = express();\napp.get('/pay', (req, res) => {\n  l.info({ req }); // want: request-dump\n  res.send('ok');\n});\n",
  'broken.ts': 'export const x = (;\n',
  'lonely.ts': 'export function add(a: number, b: number): number {\n  return a + b;\n}\n',
  'lonely2.ts': 'export const answer = 42;\n',
  'lonely3.ts': "export const greeting = 'hello';\n",
};

function expected(): string[] {
  const out: string[] = [];
  for (const [path, text] of Object.entries(PROJECT)) {
    text.split('\n').forEach((line, i) => {
      const m = /\/\/ want: ([\w-]+)/.exec(line);
      if (m) out.push(`${path}:${i + 1}:${m[1]}`);
    });
  }
  return out.sort();
}

/** The same project, with util.ts named through the root tsconfig.json `paths` by both importers. */
const ALIASED: Record<string, string> = {
  ...PROJECT,
  'tsconfig.json': '{\n  // read as data\n  "compilerOptions": { "paths": { "@app/*": ["./*"] } },\n}\n',
  'handler.ts': PROJECT['handler.ts']!.replace("'./util'", "'@app/util'"),
  'other.ts': PROJECT['other.ts']!.replace("'./util'", "'@app/util.js'"),
};

for (const [name, project] of [['relative imports', PROJECT], ['tsconfig paths', ALIASED]] as const) {
  test(`${name}: files loaded late (misses, importers of a file that turned out to print) give the findings of a full parse`, () => {
    checkLateLoads(project);
  });
}

function checkLateLoads(project: Record<string, string>): void {
  const dir = tempProject(project);
  const runs = [['--jobs', '1'], ['--jobs', '2'], ['--jobs', '1', '--no-prefilter'], ['--jobs', '2', '--no-prefilter']].map((extra) => logvol(['scan', '.', '-f', 'json', ...extra], dir));
  const found = (r: { stdout: string }): string[] =>
    (JSON.parse(r.stdout) as { findings: { path: string; line: number; ruleId: string }[] }).findings.map((f) => `${f.path}:${f.line}:${f.ruleId}`).sort();
  for (const r of runs) {
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(found(r), expected());
  }
  // same bytes for any --jobs; only the syntax notice of the never-parsed file tells them apart
  assert.equal(runs[1]!.stdout, runs[0]!.stdout);
  assert.equal(runs[3]!.stdout, runs[2]!.stdout);
  assert.doesNotMatch(runs[0]!.stderr, /broken\.ts/);
  assert.match(runs[2]!.stderr, /broken\.ts:1: syntax error/);
  const strip = (s: string): unknown => ({ ...(JSON.parse(s) as object), notices: undefined });
  assert.deepEqual(strip(runs[0]!.stdout), strip(runs[2]!.stdout));
}

test('every fixture: the prefilter changes nothing in the report (--no-prefilter gives the same bytes)', () => {
  assertFixtureScanUnchangedBy({}, ['--no-prefilter']);
});

test('Go: a group that imports no sink package and names no sink is not parsed; the others are, with the same findings', () => {
  const dir = tempProject({
    'svc/go.mod': 'module example.com/svc\n\ngo 1.22\n',
    'svc/handler/handler.go': 'package handler\n\nimport (\n\t"context"\n\t"fmt"\n)\n\nfunc Handle(ctx context.Context) {\n\tfmt.Printf("Context => %v", ctx) // want: context-print\n}\n',
    'svc/main.go': 'package main\n\nimport (\n\t"context"\n\n\t"example.com/svc/handler"\n)\n\nfunc main() { handler.Handle(context.Background()) }\n',
    // a group whose only sink is a library's package-level logger (jww.INFO, a *log.Logger)
    'notes/go.mod': 'module example.com/notes\n\ngo 1.22\n',
    'notes/notes.go': 'package notes\n\nimport (\n\t"context"\n\n\tjww "github.com/spf13/jwalterweatherman"\n)\n\nfunc Handle(ctx context.Context) {\n\tjww.INFO.Printf("ctx %v", ctx)\n}\n',
    'model/go.mod': 'module example.com/model\n\ngo 1.22\n',
    'model/entity.go': 'package model\n\nimport "strings"\n\ntype Entity struct{ ID string }\n\nfunc (e *Entity) Key() string { return strings.ToLower(e.ID) }\n\nfunc broken( {\n',
  });
  const on = logvol(['scan', '.', '-f', 'json'], dir);
  const off = logvol(['scan', '.', '-f', 'json', '--no-prefilter'], dir);
  const found = (r: { stdout: string }): string[] => (JSON.parse(r.stdout) as { findings: { path: string; line: number; ruleId: string }[] }).findings.map((f) => `${f.path}:${f.line}:${f.ruleId}`);
  assert.equal(on.code, 1, on.stderr);
  assert.deepEqual(found(on), ['notes/notes.go:10:context-print', 'svc/handler/handler.go:9:context-print']);
  assert.deepEqual(found(off), found(on));
  assert.doesNotMatch(on.stderr, /model\/entity\.go/);
  assert.match(off.stderr, /model\/entity\.go:\d+: syntax error/);
});

/**
 * Stored TS models (src/engine/model-snapshot.ts): a run reporting on a few files of a TS group
 * uses the group's stored model when the edits since leave the model's input alone, falls back to
 * the full model otherwise, and reports exactly what the full model reports either way. Only a
 * model of the whole group is stored.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { leansParsed, modelInput } from '../src/engine/model-snapshot.js';
import type { TsFileSummary } from '../src/languages/ts/summarize.js';
import { tempProject } from './harness/cli.js';
import { scratchDir } from './harness/tmp.js';
import { edit, fixtureProjects, full, plantInStoredModels, run } from './harness/snapshot.js';

const ROUTES = `import express from 'express';
import { lookup } from './store';

const app = express();
app.get('/items/:id', (req, res) => {
  lookup(req, req.params.id);
  res.sendStatus(204);
});
app.listen(3000);
`;
const STORE = `import { log } from './log';

export function lookup(req, id) {
  log('lookup', req, id);
}
`;
const LOG = `export function log(...args) {
  console.log(...args);
}
`;
const AUDIT = `export class Audit {
  write(...args) {
    console.log(...args);
  }
}
`;
const ORDERS = `import express from 'express';
import { Audit } from './audit';

const audit = new Audit();
const app = express();
app.post('/orders', (req, res) => {
  audit.write(req.body);
  audit.write(req);
  res.sendStatus(201);
});
`;
/** handlers registered in a loop: their calls are not in it (an entry point stops the loop count) */
const PATHS = `import express from 'express';

const app = express();
for (const p of ['/a', '/b']) {
  app.get(p, (req, res) => {
    console.log('served', req.path);
    res.sendStatus(204);
  });
}
`;

function project(extra: Record<string, string> = {}): string {
  return tempProject({ 'package.json': '{ "name": "shop" }\n', 'routes.ts': ROUTES, 'store.ts': STORE, 'log.ts': LOG, 'audit.ts': AUDIT, 'orders.ts': ORDERS, 'paths.ts': PATHS, ...extra });
}

const models = (cache: string): string[] => (existsSync(join(cache, 'models')) ? readdirSync(join(cache, 'models')) : []);

test('TS: a run on edited files uses the stored model when the edits leave its input alone, and reports what the full model reports', async () => {
  const root = project();
  const cache = scratchDir('logvol-ts-snapshot-cache-');
  const first = await run(root, ['.'], cache);
  assert.equal(first.used, 0);
  assert.equal(models(cache).length, 3, 'the full scan stores a model per group');
  assert.equal(first.result.findings.length, 5);
  // the entry point moves down three lines, and the print two: neither is model input
  edit(root, 'routes.ts', (t) => `// one\n// two\n// three\n${t}`);
  edit(root, 'store.ts', (t) => t.replace("  log('lookup'", "  // looked up\n\n  log('lookup'"));
  const pre = await run(root, ['store.ts'], cache);
  assert.equal(pre.used, 1, 'the stored model is used');
  assert.equal(pre.analysed, 2, 'the edited files only: log.ts stands in the stored model');
  assert.deepStrictEqual(pre.result, await full(root, ['store.ts']));
  assert.deepStrictEqual(
    pre.result.findings.map((f) => [f.path, f.ruleId, f.related.map((r) => [r.path, r.span.line])]),
    [['store.ts', 'request-dump', [['routes.ts', 8]]]],
    'a finding through two wrappers in other files, its entry point where the edited file has it now',
  );
  // routes.ts unchanged since: the entry point's place comes from its summary as stored
  edit(root, 'store.ts', (t) => `${t}// later\n`);
  const next = await run(root, ['store.ts'], cache);
  assert.equal(next.used, 1);
  assert.equal(next.analysed, 2, 'the files changed since the model was stored');
  assert.deepStrictEqual(next.result, await full(root, ['store.ts']));
  assert.deepStrictEqual(next.result.findings.map((f) => f.related.map((r) => [r.path, r.span.line])), [[['routes.ts', 8]]]);
  // the stored model answers, not a model built again: the entry point's name, planted in the
  // model part of the stored state, is the one reported
  assert.equal(plantInStoredModels(cache, 'GET /items/:id', 'GET /planted/:id'), 1);
  edit(root, 'store.ts', (t) => `${t}// planted\n`);
  const planted = await run(root, ['store.ts'], cache);
  assert.equal(planted.used, 1);
  assert.deepStrictEqual(
    planted.result.findings.map((f) => [f.path, f.data['via'], f.related.map((r) => [r.path, r.span.line, r.message])]),
    [['store.ts', ' on every request via GET /planted/:id → lookup', [['routes.ts', 8, 'request entry point: GET /planted/:id (runs per request via GET /planted/:id → lookup)']]]],
  );
  // an edit that changes the model: built again, from the files, and the planted name is gone
  edit(root, 'store.ts', (t) => t.replace("  log('lookup', req, id);\n", "  log('lookup', req, id);\n  log('again', req);\n"));
  const rebuilt = await run(root, ['store.ts'], cache);
  assert.equal(rebuilt.used, 0);
  assert.deepStrictEqual(rebuilt.result, await full(root, ['store.ts']));
  assert.ok(!JSON.stringify(rebuilt.result).includes('planted'));
  assert.equal(rebuilt.result.findings.length, 2);
  assert.ok(rebuilt.result.findings.every((f) => f.data['via'] === ' on every request via GET /items/:id → lookup'));
  // a method of a class in another file as the sink: the stored classes of audit.ts resolve it
  edit(root, 'orders.ts', (t) => `${t}// later\n`);
  const orders = await run(root, ['orders.ts'], cache);
  assert.equal(orders.used, 1);
  assert.equal(orders.analysed, 1, 'the edited file only: audit.ts stands in the stored model');
  assert.deepStrictEqual(orders.result, await full(root, ['orders.ts']));
  assert.deepStrictEqual(orders.result.findings.map((f) => [f.path, f.line, f.ruleId]), [['orders.ts', 7, 'request-dump'], ['orders.ts', 8, 'request-dump']]);
  edit(root, 'paths.ts', (t) => `${t}// later\n`);
  const paths = await run(root, ['paths.ts'], cache);
  assert.equal(paths.used, 1);
  assert.deepStrictEqual(paths.result, await full(root, ['paths.ts']));
});

test('TS: an edit that changes the model falls back to the full model, and the next run uses the model it stored', async () => {
  const root = project();
  const cache = scratchDir('logvol-ts-snapshot-cache-');
  await run(root, ['.'], cache);
  // log no longer prints its arguments: it is no longer a wrapper, and nothing is reported
  edit(root, 'log.ts', (t) => t.replace('console.log(...args);', "console.log('called');"));
  const files = ['store.ts', 'log.ts'];
  const fallback = await run(root, files, cache);
  assert.equal(fallback.used, 0, 'the stored model no longer holds');
  assert.deepStrictEqual(fallback.result, await full(root, files));
  assert.deepStrictEqual(fallback.result.findings, [], 'the stored model would still make log a wrapper');
  edit(root, 'store.ts', (t) => `${t}// later\n`);
  const next = await run(root, files, cache);
  assert.equal(next.used, 1, 'the fallback stored the model of the group as it is now');
  assert.equal(next.analysed, 2, 'the files reported on: routes.ts stands in the stored model');
  assert.deepStrictEqual(next.result, await full(root, files));
});

test('TS model input: what views of the file alone read is left out, anything else counts', () => {
  const span = (line: number) => ({ line, column: 3, endLine: line, endColumn: 20 });
  const base: TsFileSummary = {
    path: 'a.ts',
    language: 'ts',
    grammar: 'typescript',
    imports: [{ path: './log', name: 'log' }],
    functions: [{ name: 'lookup', key: '', span: span(3), parent: -1, params: [], results: [] }],
    fns: [{ kind: 'declaration', decorators: [], params: [{ name: 'req', decorators: [], rest: false }], loopAtDef: 0, iterCallback: false, timerCallback: false, usesArguments: false }],
    calls: [
      {
        callee: { root: { kind: 'import', source: './log', name: 'log' }, path: [], name: 'log' },
        calleeText: 'log',
        isNew: false,
        args: [
          { text: "'lookup'", span: span(4), literal: 'lookup', parts: [] },
          { text: 'req', span: span(4), value: { root: { kind: 'param', func: 0, index: 0 }, path: [], name: 'req' }, parts: [{ text: 'req', span: span(4), value: { root: { kind: 'param', func: 0, index: 0 }, path: [], name: 'req' }, via: [] }] },
        ],
        span: span(4),
        text: "log('lookup', req)",
        func: 0,
        loopDepth: 0,
        inCatch: false,
        memoized: false,
      },
    ],
    classes: [],
    exports: { lookup: { root: { kind: 'func', func: 0 }, path: [] } },
    reexports: [],
    globals: {},
    directives: [],
    partial: false,
    lineCount: 6,
  };
  const copy = (): TsFileSummary => JSON.parse(JSON.stringify(base)) as TsFileSummary;
  const same = (change: (s: TsFileSummary) => void): boolean => {
    const s = copy();
    change(s);
    return modelInput(s) === modelInput(base);
  };
  // moved, reworded, commented, in a loop now: the same model input
  assert.ok(same((s) => (s.functions[0]!.span = span(9))));
  assert.ok(same((s) => ((s.calls[0]!.span = span(10)), (s.calls[0]!.args[1]!.span = span(10)), (s.calls[0]!.args[1]!.parts[0]!.span = span(10)))));
  assert.ok(same((s) => ((s.calls[0]!.text = "log('x', req)"), (s.calls[0]!.args[1]!.text = 'r'), (s.calls[0]!.args[1]!.parts[0]!.text = 'r'))));
  assert.ok(same((s) => ((s.calls[0]!.loopDepth = 2), (s.calls[0]!.memoized = true))));
  assert.ok(same((s) => ((s.calls[0]!.args[1]!.keys = ['depth']), (s.calls[0]!.args[1]!.parts[0]!.deep = true))));
  assert.ok(same((s) => s.directives.push({ kind: 'ignore', rules: [], reason: '', line: 1, target: 2, span: span(1) })));
  assert.ok(same((s) => ((s.imports = []), (s.lineCount = 9), (s.partial = true))));
  // what the model reads (a call in a catch block now: a wrapper may write only on failure)
  assert.ok(!same((s) => (s.calls[0]!.inCatch = true)));
  assert.ok(!same((s) => (s.calls[0]!.calleeText = 'logger.info')));
  assert.ok(!same((s) => (s.calls[0]!.callee!.path = ['info'])));
  assert.ok(!same((s) => (s.calls[0]!.args[0]!.literal = '/items')));
  assert.ok(!same((s) => (s.calls[0]!.args[1]!.value!.root = { kind: 'param', func: 0, index: 1 })));
  assert.ok(!same((s) => (s.calls[0]!.args[1]!.parts[0]!.via = ['object'])));
  assert.ok(!same((s) => (s.calls[0]!.args[1]!.spread = true)));
  assert.ok(!same((s) => (s.calls[0]!.isNew = true)));
  assert.ok(!same((s) => (s.calls[0]!.func = -1)));
  assert.ok(!same((s) => (s.functions[0]!.name = 'find')));
  assert.ok(!same((s) => (s.fns[0]!.params[0]!.typed = true)));
  assert.ok(!same((s) => (s.exports['default'] = { root: { kind: 'func', func: 0 }, path: [] })));
  assert.ok(!same((s) => s.reexports.push('./log')));
  assert.ok(!same((s) => s.classes.push({ name: 'C', decorators: [], fields: {}, methods: {} })));
  assert.ok(!same((s) => s.calls.push(s.calls[0]!)));
  // a field the list does not name counts: a new summary field is model input until shown otherwise
  assert.ok(!same((s) => Object.assign(s.calls[0]!.args[1]!.parts[0]!, { someday: 1 })));
  assert.ok(!same((s) => Object.assign(s, { someday: 1 })));
});

test('TS: only a model of the whole group is stored, not one the prefilter built from part of it', async () => {
  // 71 files in one group (each imports the next), past ROUNDS_MIN_FILES; only a.ts prints. The
  // prefilter loads a.ts, then q0.ts, which its model missed: the router is made there
  const quiet = Object.fromEntries(Array.from({ length: 69 }, (_, i) => [`q${i + 1}.ts`, `import './q${i + 2}';\nexport const q${i + 1} = ${i};\n`]));
  const root = tempProject({
    'package.json': '{ "name": "quiet" }\n',
    'a.ts': "import { shop } from './q0';\nshop.get('/items', (req, res) => {\n  console.log(req);\n});\n",
    'q0.ts': "import express from 'express';\nimport './q1';\nexport const shop = express();\n",
    ...quiet,
  });
  const cache = scratchDir('logvol-ts-snapshot-cache-');
  const first = await run(root, ['.'], cache);
  assert.deepStrictEqual(first.result.findings.map((f) => [f.path, f.ruleId]), [['a.ts', 'request-dump']]);
  assert.deepStrictEqual(models(cache), [], 'no model of the part stored');
  edit(root, 'a.ts', (t) => `${t}// later\n`);
  const pre = await run(root, ['a.ts'], cache);
  assert.equal(pre.used, 0);
  assert.deepStrictEqual(pre.result, await full(root, ['a.ts']));
  assert.equal(pre.result.findings.length, 1, 'the model of the part still loads what it misses');
});

const SOURCE = /\.(?:[cm]?[jt]sx?)$/;

test('TS fixtures: every file, after an edit that leaves the model alone, one that changes it, and a call copied into another function, reports what the full model reports', async () => {
  const projects = fixtureProjects(readdirSync(join(import.meta.dirname, '..', '..', 'fixtures', 'ts')).map((n) => `ts/${n}`));
  assert.ok(projects.length >= 5);
  let usedRuns = 0;
  let findings = 0;
  const repeated: number[] = [];
  const copies: number[] = [];
  for (const { name, files } of projects) {
    const root = tempProject(files);
    const cache = scratchDir('logvol-ts-snapshot-cache-');
    await run(root, ['.'], cache);
    const declared = new Set(Object.values(files).flatMap((t) => [...t.matchAll(/(?:function\s+(\w+)\s*\(|(?:const|let)\s+(\w+)\s*=\s*(?:async\s*)?\()/g)].map((m) => (m[1] ?? m[2])!)));
    for (const rel of Object.keys(files).filter((f) => SOURCE.test(f)).sort()) {
      // a comment: the stored model holds wherever the file's group stored one
      edit(root, rel, (t) => `// edited\n${t}`);
      const pre = await run(root, [rel], cache);
      assert.deepStrictEqual(pre.result, await full(root, [rel]), `${name}/${rel}, comment`);
      usedRuns += pre.used;
      findings += pre.result.findings.length;
      // a call statement repeated: the model's input changes; the stored model holds when no
      // pass of the model reads the call (TsModel.neutralEdit), else the model is built again
      const calls = readFileSync(join(root, rel), 'utf8').split('\n').filter((l) => /^\s+[\w.]+\(.*\);$/.test(l));
      if (calls.length === 0) continue;
      edit(root, rel, (t) => t.replace(calls[0]!, `${calls[0]!}\n${calls[0]!}`));
      const changed = await run(root, [rel], cache);
      assert.deepStrictEqual(changed.result, await full(root, [rel]), `${name}/${rel}, call repeated`);
      repeated.push(changed.used);
      // a call of a module function copied into the file's last other function: a new call-graph edge
      const lines = readFileSync(join(root, rel), 'utf8').split('\n');
      const at = lines.findIndex((l) => {
        const callee = /^\s+(?:await\s+)?(?:[\w.]+\.)?(\w+)\(.*\);$/.exec(l)?.[1];
        return callee !== undefined && declared.has(callee);
      });
      if (at < 0) continue;
      const starts = lines.flatMap((l, i) => (/(\bfunction\b.*|=>\s*)\{$/.test(l) ? [i] : []));
      const owner = starts.filter((i) => i < at).pop();
      const other = starts.filter((i) => i !== owner).pop();
      if (other === undefined) continue;
      lines.splice(other + 1, 0, `  ${lines[at]!.trim()}`);
      writeFileSync(join(root, rel), lines.join('\n'));
      const copied = await run(root, [rel], cache);
      assert.deepStrictEqual(copied.result, await full(root, [rel]), `${name}/${rel}, call copied`);
      copies.push(copied.used + copied.settled);
    }
  }

  assert.ok(usedRuns >= 20, `stored models used in ${usedRuns} runs`);
  // both ways are taken: runs after a repeated call with the stored model, and without
  assert.ok(repeated.filter((u) => u === 1).length >= 3 && repeated.filter((u) => u === 0).length >= 3, `stored models used after repeated calls: ${repeated.join('')}`);
  assert.ok(findings >= 10, `${findings} findings compared`);
  // 2: the stored model, its reach computed again; 1: kept as it is; 0: the full model
  assert.ok(copies.filter((u) => u === 2).length >= 2, `stored models used after copied calls: ${copies.join('')}`);
});

test('TS: a stored model used while many files changed since is stored again, with their keys and where their functions are now', async () => {
  // 297 more files in the group (each imports the next, the last the routes), all printing: the prefilter loads the whole group
  const padding = Object.fromEntries(Array.from({ length: 297 }, (_, i) => [`pad${i}.ts`, `import './${i < 296 ? `pad${i + 1}` : 'routes'}';\nexport function pad${i}() {\n  console.log('pad');\n}\n`]));
  const root = project(padding);
  const cache = scratchDir('logvol-ts-snapshot-cache-');
  await run(root, ['.'], cache);
  const stored = models(cache).map((n) => join(cache, 'models', n));
  const before = stored.map((f) => readFileSync(f, 'utf8'));
  // 69 files changed, more than REFRESH_SNAPSHOT_AFTER, less than a quarter of the group; the entry point moves
  for (let i = 0; i < 68; i++) edit(root, `pad${i}.ts`, (t) => `${t}// edited\n`);
  edit(root, 'routes.ts', (t) => `// one\n// two\n// three\n${t}`);
  const pre = await run(root, ['store.ts'], cache);
  assert.equal(pre.used, 1);
  assert.equal(pre.analysed, 70, 'the changed files and the one reported on, not the 300');
  assert.deepStrictEqual(pre.result, await full(root, ['store.ts']));
  assert.ok(stored.some((f, k) => readFileSync(f, 'utf8') !== before[k]), 'stored again');
  // now routes.ts is no longer a changed file: the entry point's place comes from the stored state
  edit(root, 'store.ts', (t) => `${t}// later\n`);
  const next = await run(root, ['store.ts'], cache);
  assert.equal(next.used, 1);
  assert.equal(next.analysed, 1, 'stored again with the keys of the changed files: only the edited one now');
  assert.deepStrictEqual(next.result, await full(root, ['store.ts']));
  assert.deepStrictEqual(
    next.result.findings.map((f) => f.related.map((r) => [r.path, r.span.line])),
    [[['routes.ts', 8]]],
  );
});

test('TS: a run parses only the stored lean summaries its views read; a stored file that cannot be read falls back to the full model, which is stored again', async () => {
  // 60 more files in the group (each imports the next, the last the routes), none read by a view
  // of store.ts, and a minified bundle: no summary, a `null` line, the files after it one place
  // lower in the model
  const padding = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`pad${i}.ts`, `import './${i < 59 ? `pad${i + 1}` : 'routes'}';\nexport function pad${i}() {\n  console.log('pad');\n}\n`]));
  const minified = `export const bundle = [${Array.from({ length: 400 }, (_, i) => `"${'x'.repeat(20)}${i}"`).join(',')}];\nimport './log';\n`;
  const root = project({ ...padding, 'a-bundle.ts': minified });
  const cache = scratchDir('logvol-ts-snapshot-cache-');
  await run(root, ['.'], cache);
  edit(root, 'store.ts', (t) => `${t}// later\n`);
  const before = leansParsed;
  const pre = await run(root, ['store.ts'], cache);
  assert.equal(pre.used, 1);
  const parsed = leansParsed - before;
  assert.ok(parsed >= 1 && parsed <= 3, `lean summaries parsed: ${parsed} of the group's 64 (log.ts for the wrapper, routes.ts for the entry point)`);
  assert.deepStrictEqual(pre.result, await full(root, ['store.ts']));
  assert.equal(pre.result.findings.length, 1);
  assert.equal(pre.result.findings[0]!.related.length, 1, 'a request path: read from routes.ts inside the rule');
  const stored = models(cache).map((n) => join(cache, 'models', n)).find((f) => readFileSync(f, 'utf8').split('\n').length > 3 && readFileSync(f, 'utf8').includes('"log.ts"'))!;
  const lineOf = (lines: string[], rel: string): number => 3 + (JSON.parse(lines[0]!) as { files: [string, string][] }).files.findIndex(([r]) => r === rel);
  assert.equal(readFileSync(stored, 'utf8').split('\n')[lineOf(readFileSync(stored, 'utf8').split('\n'), 'a-bundle.ts')], 'null');
  const corruptions: [string, (lines: string[]) => string][] = [
    // read while the view is built (the wrapper's sink)
    ["log.ts's line cut short", (l) => ((l[lineOf(l, 'log.ts')] = l[lineOf(l, 'log.ts')]!.slice(0, 20)), l.join('\n'))],
    // read inside the rule, by the finding's request path (found by a review: the rule's catch made it a notice)
    ["routes.ts's line cut short", (l) => ((l[lineOf(l, 'routes.ts')] = l[lineOf(l, 'routes.ts')]!.slice(0, 20)), l.join('\n'))],
    ["routes.ts's line with a function that is not one", (l) => {
      const v = JSON.parse(l[lineOf(l, 'routes.ts')]!) as { functions: unknown[] };
      v.functions[0] = null;
      l[lineOf(l, 'routes.ts')] = JSON.stringify(v);
      return l.join('\n');
    }],
    // the bundle's `null\r` is not `null`: read as a summary, every file after it would be one place off (found by a review)
    ['CRLF line ends', (l) => l.join('\r\n')],
    ["a summary's line made null: the files after it one place off", (l) => ((l[lineOf(l, 'pad0.ts')] = 'null'), l.join('\n'))],
  ];
  for (const [what, corrupt] of corruptions) {
    const whole = readFileSync(stored, 'utf8');
    writeFileSync(stored, corrupt(whole.split('\n')));
    edit(root, 'store.ts', (t) => `${t}// ${what}\n`);
    const r = await run(root, ['store.ts'], cache);
    assert.equal(r.analysed, 64, `${what}: the whole group (routes, store, log, the 60 and the bundle): the edited file, then the rest`);
    assert.deepStrictEqual(r.result, await full(root, ['store.ts']), what);
    const again = readFileSync(stored, 'utf8');
    assert.equal(again.split('\n').length, whole.split('\n').length, `${what}: stored again`);
    assert.ok(!again.includes('\r') && again.split('\n').every((l, k) => k < 3 || l === 'null' || l.endsWith('}')), `${what}: stored again, whole`);
    edit(root, 'store.ts', (t) => `${t}// once more\n`);
    const next = await run(root, ['store.ts'], cache);
    assert.deepStrictEqual([next.used, next.analysed], [1, 1], what);
    assert.deepStrictEqual(next.result, await full(root, ['store.ts']), what);
  }
});

test('TS: with two workers and a skipped file in the group, the stored model reports what the full model reports', async () => {
  // a minified bundle in the group: no summary, a skip notice, and the files after it shift by one in the model.
  // It has a content key and is left unchanged, and the run reports on another file: its skip
  // notice can come only from the notices stored with the model
  const minified = `export const bundle = [${Array.from({ length: 400 }, (_, i) => `"${'x'.repeat(20)}${i}"`).join(',')}];\nimport './log';\n`;
  const root = project({ 'a-bundle.ts': minified });
  const cache = scratchDir('logvol-ts-snapshot-cache-');
  const first = await run(root, ['.'], cache, undefined, 2);
  const skipped = first.result.notices.map((n) => [n.path, n.kind, n.message]);
  assert.deepStrictEqual(skipped.map(([path, kind]) => [path, kind]), [['a-bundle.ts', 'skip']]);
  edit(root, 'routes.ts', (t) => `// one\n${t}`);
  const files = ['store.ts'];
  const pre = await run(root, files, cache, undefined, 2);
  assert.equal(pre.used, 1);
  assert.equal(pre.analysed, 2, 'routes.ts and store.ts: not the bundle');
  assert.deepStrictEqual(pre.result, await full(root, files));
  assert.deepStrictEqual(pre.result.notices.map((n) => [n.path, n.kind, n.message]), skipped);
  assert.deepStrictEqual(pre.result.findings.map((f) => [f.path, f.related.map((r) => r.span.line)]), [['store.ts', [6]]]);
});

test('TS: a stored state that is not one is not used', async () => {
  const root = project();
  const cache = scratchDir('logvol-ts-snapshot-cache-');
  await run(root, ['.'], cache);
  const files = ['store.ts'];
  for (const name of models(cache)) {
    const path = join(cache, 'models', name);
    const [head, state, ...rest] = readFileSync(path, 'utf8').split('\n');
    writeFileSync(path, [head, JSON.stringify({ ...(JSON.parse(state!) as object), model: undefined }), ...rest].join('\n'));
  }
  edit(root, 'store.ts', (t) => `${t}// later\n`);
  const r = await run(root, files, cache);
  assert.equal(r.used, 0);
  assert.deepStrictEqual(r.result, await full(root, files));
  assert.equal(r.result.findings.length, 1, 'a model built from lean summaries would find nothing');
});

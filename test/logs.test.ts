/**
 * `logvol logs` end to end on generated kubelet / Docker / plain logs: exact volumes and
 * percentiles, template ranks, stack-trace grouping and attribution back to fixtures/logs/go-bff.
 * Every expected number comes from the generator's record of what it wrote, never from the code
 * under test.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BFF_POD, nearestRank, writeScenario, type Scenario } from '../bench/logs-gen.js';
import { buildLogsReport, renderLogsReport } from '../src/logs/cli.js';
import type { LogsReport, StreamVolume } from '../src/logs/report.js';
import { compare } from './harness/annotations.js';
import { REPO, scanTree, sourceLineOf, treeExpectations } from './harness/fixtures.js';
import { scratchDir } from './harness/tmp.js';

const GO_BFF = join(REPO, 'fixtures', 'logs', 'go-bff');
let dir: string;
let sc: Scenario;
let report: LogsReport;

const opts = { top: 20, maxLineBytes: 16384, bufferBytes: 32768, source: GO_BFF };

before(async () => {
  dir = scratchDir('logvol-logs-');
  sc = writeScenario(dir);
  report = await buildLogsReport([dir], opts, dir);
});

after(() => rmSync(dir, { recursive: true, force: true }));

/** the line number of the first line containing `needle` */
function lineOf(file: string, needle: string): number {
  const i = readFileSync(join(GO_BFF, file), 'utf8').split('\n').findIndex((l) => l.includes(needle));
  assert.ok(i >= 0, `${needle} not in ${file}`);
  return i + 1;
}

test('reads every file once: the /var/log/containers link to a pods file is not counted twice', () => {
  assert.equal(report.totals.files, 6);
  assert.deepEqual(report.files.map((f) => f.format).sort(), ['cri', 'cri', 'cri', 'cri', 'docker', 'plain']);
  assert.equal(report.files.filter((f) => f.compressed).length, 1);
  assert.deepEqual(report.containers.map((c) => c.key).sort(), [...sc.expected.containers.keys()].sort());
});

test('volumes per container and stream are exact: bytes, lines, percentiles, long lines, rates', () => {
  for (const [key, exp] of sc.expected.containers) {
    const got = report.containers.find((c) => c.key === key);
    assert.ok(got, `container ${key} missing`);
    assert.deepEqual(got.streams.map((s) => s.stream).sort(), [...exp.streams.keys()].sort(), key);
    const span = Number.isFinite(exp.firstMs) && exp.lastMs > exp.firstMs ? (exp.lastMs - exp.firstMs) / 1000 : null;
    assert.equal(got.spanSeconds, span, `${key} span`);
    for (const [stream, e] of exp.streams) {
      const s: StreamVolume = got.streams.find((x) => x.stream === stream)!;
      const label = `${key} ${stream}`;
      assert.equal(s.bytes, e.bytes, `${label} bytes`);
      assert.equal(s.lines, e.lines, `${label} lines`);
      assert.equal(s.lineLength.p50, nearestRank(e.lengths, 50), `${label} p50`);
      assert.equal(s.lineLength.p99, nearestRank(e.lengths, 99), `${label} p99`);
      assert.equal(s.lineLength.max, Math.max(...e.lengths), `${label} max`);
      assert.equal(s.overMaxLineBytes, e.lengths.filter((l) => l > 16384).length, `${label} > max-line-bytes`);
      assert.equal(s.overBufferBytes, e.lengths.filter((l) => l > 32768).length, `${label} > buffer-bytes`);
      assert.equal(s.reassembledLines, e.reassembled, `${label} reassembled`);
      assert.equal(s.bytesPerSecond, span === null ? null : e.bytes / span, `${label} bytes/s`);
      assert.equal(s.bytesPerDay, span === null ? null : (e.bytes / span) * 86400, `${label} bytes/day`);
    }
  }
  // the scenario does contain what these counters are for
  const bff = report.containers.find((c) => c.key === sc.bff)!.streams.find((s) => s.stream === 'stdout')!;
  assert.equal(bff.reassembledLines, 2);
  assert.equal(bff.overBufferBytes, 2);
  assert.equal(bff.lineLength.max, sc.longestLine);
  assert.equal(report.containers.find((c) => c.key === sc.api)!.streams.find((s) => s.stream === 'stdout')!.reassembledLines, 1);
});

test('templates: one per kind of message, ranked by bytes, with exact bytes, events and lines', () => {
  const kinds = [...sc.expected.kinds.entries()].sort((a, b) => b[1].bytes - a[1].bytes);
  assert.equal(report.totals.templates, kinds.length);
  assert.equal(report.templates.length, kinds.length);
  kinds.forEach(([kind, k], i) => {
    const t = report.templates[i]!;
    assert.deepEqual({ bytes: t.bytes, events: t.events, lines: t.lines }, k, `rank ${i + 1} should be ${kind}: ${t.template.slice(0, 80)}`);
  });
  const top = report.templates[0]!;
  assert.match(top.template, /^Context => context\.Background\.WithValue\(/);
  assert.equal(top.share, sc.expected.kinds.get('context-print')!.bytes / report.totals.bytes);
  assert.ok(top.share > 0.8, 'the flood writes most of the volume');
});

test('multi-line stack traces are one event each (Go panic, Java, Python, JavaScript)', () => {
  const byStart = (re: RegExp) => report.templates.find((t) => re.test(t.template));
  const cases: [RegExp, string][] = [
    [/^panic: runtime error/, 'go-panic'],
    [/^java\.lang\.IllegalStateException/, 'java-trace'],
    [/^ERROR:worker:job <num> failed\nTraceback/, 'python-traceback'],
    [/^Error: connect ECONNREFUSED <ip>\n {4}at /, 'node-error'],
  ];
  for (const [re, kind] of cases) {
    const t = byStart(re);
    const k = sc.expected.kinds.get(kind)!;
    assert.ok(t, `no template for ${kind}`);
    assert.deepEqual({ events: t.events, lines: t.lines, bytes: t.bytes }, { events: k.events, lines: k.lines, bytes: k.bytes }, kind);
  }
});

test('attribution: the flood points at the incident line and its context-print finding', () => {
  const line = lineOf('internal/handler/product.go', 'fmt.Printf("Context => %v\\n", ctx)');
  const top = report.templates[0]!;
  assert.deepEqual(top.sources?.[0], { language: 'go', sink: 'fmt.Printf', path: 'internal/handler/product.go', line, column: 2, rules: ['context-print'], score: top.sources?.[0]?.score });
  assert.equal(top.sources?.length, 1);
  const pod = sc.expected.containers.get(sc.bff)!;
  const podBytes = [...pod.streams.values()].reduce((n, s) => n + s.bytes, 0);
  const pct = Math.round((sc.expected.kinds.get('context-print')!.bytes / podBytes) * 100);
  assert.equal(top.attribution?.[0], `fmt.Printf at internal/handler/product.go:${line} — context-print — writes ~${pct}% of the bytes of pod shop/${BFF_POD}`);

  const access = report.templates.find((t) => t.template.includes('access method=GET'))!;
  assert.deepEqual(
    access.sources?.map((s) => `${s.sink} ${s.path}:${s.line} [${s.rules.join(',')}]`),
    [`log.Printf internal/middleware/access.go:${lineOf('internal/middleware/access.go', 'log.Printf("access')} []`],
  );
  const notFound = report.templates.find((t) => t.template.includes('not found after'))!;
  assert.equal(notFound.sources?.[0]?.line, lineOf('internal/handler/product.go', 'not found after'));
  // Java, Python and Node lines have no Go sink that can write them
  for (const t of report.templates.filter((t) => !t.containers.some((c) => c.key === sc.bff))) assert.deepEqual(t.sources, [], t.template.slice(0, 60));
});

test('the Go fixture service is annotated correctly (its findings equal its want lines)', async () => {
  const result = await scanTree(GO_BFF);
  const problems = compare(treeExpectations(GO_BFF), result.findings, sourceLineOf(GO_BFF));
  assert.deepEqual(problems, []);
});

test('text output: top-N tables and the attribution sentence', () => {
  const text = renderLogsReport({ ...report, options: { ...report.options, top: 3 }, templates: report.templates.slice(0, 3) }, 'text');
  assert.match(text, /^logvol logs: 6 file\(s\), 5 container\(s\)/);
  assert.match(text, /Volume by container and stream \(top 3 of 5\)/);
  assert.match(text, /\n +1 +\d+\.\d KiB +\d+\.\d% +439 +Context => context\.Background/);
  assert.ok(text.includes(report.templates[0]!.attribution![0]!));
  assert.ok(!text.includes('\u001b'), 'no escape sequences from log content');
});

test('json output is the documented report, version 1', () => {
  const parsed = JSON.parse(renderLogsReport(report, 'json')) as LogsReport;
  assert.equal(parsed.version, 1);
  assert.equal(parsed.command, 'logs');
  assert.equal(parsed.totals.bytes, [...sc.expected.containers.values()].reduce((n, c) => n + [...c.streams.values()].reduce((m, s) => m + s.bytes, 0), 0));
  assert.equal(parsed.templates[0]!.rank, 1);
  assert.equal(parsed.lineLength.histogram.reduce((n, b) => n + b.count, 0), parsed.totals.lines);
});

test('--top limits the templates and folds the rest into "other"', async () => {
  const r = await buildLogsReport([dir], { ...opts, top: 2 }, dir);
  assert.equal(r.templates.length, 2);
  assert.equal(r.otherTemplates.templates, report.templates.length - 2);
  assert.equal(r.otherTemplates.bytes, report.templates.slice(2).reduce((n, t) => n + t.bytes, 0));
});

test('CLI: logs runs from bin/logvol.js; bad input is one line on stderr with exit 2', () => {
  const bin = join(REPO, 'bin', 'logvol.js');
  const ok = spawnSync(process.execPath, [bin, 'logs', sc.paths.plain, '--format', 'json'], { encoding: 'utf8' });
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal((JSON.parse(ok.stdout) as LogsReport).totals.lines, 40);
  assert.equal(ok.stderr, '', 'no progress bar when stderr is not a terminal');

  const missing = spawnSync(process.execPath, [bin, 'logs', join(dir, 'nope')], { encoding: 'utf8' });
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /^logvol: cannot read .*nope: no such file or directory\n$/);

  const badTop = spawnSync(process.execPath, [bin, 'logs', dir, '--top', '0'], { encoding: 'utf8' });
  assert.equal(badTop.status, 2);
  assert.equal(badTop.stderr.split('\n')[0], 'logvol: --top expects a whole number of at least 1, got "0"');

  const empty = spawnSync(process.execPath, [bin, 'logs', join(GO_BFF, 'internal')], { encoding: 'utf8' });
  assert.equal(empty.status, 2);
  assert.match(empty.stderr, /^logvol: no log files in /);
});

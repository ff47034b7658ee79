/** The parts of `logvol logs` one at a time: line splitting, readers, histogram, masking, grouping, matching. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { LineSplitter, type PhysicalLine } from '../src/logs/lines.js';
import { readLogFile, MESSAGE_KEEP_BYTES, type LogLine } from '../src/logs/readers.js';
import { LengthHistogram } from '../src/logs/histogram.js';
import { templateOf } from '../src/logs/template.js';
import { EventGrouper, type LogEvent } from '../src/logs/events.js';
import { containerIdOf } from '../src/logs/inputs.js';
import { candidatesFor, literalFromText, matchSite, splitGoFormat, splitNodeFormat, type SinkSite } from '../src/logs/attribute.js';
import { nearestRank, rng } from '../bench/logs-gen.js';
import { scratchDir } from './harness/tmp.js';

function split(chunks: Buffer[], keep: number): PhysicalLine[] {
  const out: PhysicalLine[] = [];
  const s = new LineSplitter(keep, (l) => out.push({ ...l, head: Buffer.from(l.head), tail: Buffer.from(l.tail) }));
  for (const c of chunks) s.push(c);
  s.end();
  return out;
}

test('line splitter: any chunking gives the same lines; CRLF stripped; over-long lines keep head and tail with an exact length', () => {
  const text = 'alpha\r\nbeta\n\ngamma-' + 'x'.repeat(100) + '-end\nlast';
  const whole = split([Buffer.from(text)], 1000).map((l) => [l.head.toString(), l.length]);
  assert.deepEqual(whole, [['alpha', 5], ['beta', 4], ['', 0], [`gamma-${'x'.repeat(100)}-end`, 110], ['last', 4]]);
  const bytewise = split([...Buffer.from(text)].map((b) => Buffer.from([b])), 1000).map((l) => [l.head.toString(), l.length]);
  assert.deepEqual(bytewise, whole);
  const capped = split([Buffer.from(text.slice(0, 30)), Buffer.from(text.slice(30))], 16);
  const long = capped[3]!;
  assert.equal(long.truncated, true);
  assert.equal(long.length, 110);
  assert.equal(long.head.toString(), 'gamma-xxxxxxxxxx');
  assert.ok(long.tail.toString().endsWith('x-end'));
});

async function readAll(content: string | Buffer, name = 'x.log'): Promise<{ lines: LogLine[]; format: string; malformed: number }> {
  const dir = scratchDir('logvol-units-');
  try {
    const p = join(dir, name);
    writeFileSync(p, content);
    const lines: LogLine[] = [];
    const st = await readLogFile(p, (l) => lines.push(l));
    return { lines, format: st.format, malformed: st.malformed };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('CRI: P chunks are reassembled per stream, an empty F message is a line, the text prefix is bounded', async () => {
  const big = 'b'.repeat(MESSAGE_KEEP_BYTES + 500);
  const cri = [
    '2024-05-01T10:00:00.000000001Z stdout P hello ',
    '2024-05-01T10:00:00.000000002Z stderr F oops',
    '2024-05-01T10:00:00.000000003Z stdout P wor',
    '2024-05-01T10:00:00.000000004Z stdout F ld',
    '2024-05-01T10:00:01.5+02:00 stdout F ',
    `2024-05-01T10:00:02Z stdout F ${big}`,
    'not a cri line',
    '2024-05-01T10:00:03Z stderr P never finished',
  ].join('\n');
  const { lines, format, malformed } = await readAll(`${cri}\n`);
  assert.equal(format, 'cri');
  assert.equal(malformed, 1);
  assert.deepEqual(
    lines.map((l) => [l.stream, l.text.slice(0, 20), l.length, l.chunks, l.truncated, l.unterminated ?? false]),
    [
      ['stderr', 'oops', 4, 1, false, false],
      ['stdout', 'hello world', 11, 3, false, false],
      ['stdout', '', 0, 1, false, false],
      ['stdout', 'b'.repeat(20), big.length, 1, true, false],
      ['unknown', 'not a cri line', 14, 1, false, false],
      ['stderr', 'never finished', 14, 1, false, true],
    ],
  );
  assert.equal(lines[3]!.text.length, MESSAGE_KEEP_BYTES);
  assert.equal(lines[1]!.time, '2024-05-01T10:00:00.000000004Z');
});

test('Docker json-file: partial entries (no trailing newline) are joined; gzip is detected by content', async () => {
  const d = [
    { log: 'part one ', stream: 'stdout', time: '2024-05-01T10:00:00Z' },
    { log: 'error!\n', stream: 'stderr', time: '2024-05-01T10:00:00Z' },
    { log: 'part two\n', stream: 'stdout', time: '2024-05-01T10:00:01Z' },
    { log: 'ünïcode\n', stream: 'stdout', time: '2024-05-01T10:00:02Z' },
  ]
    .map((x) => JSON.stringify(x))
    .join('\n');
  const { lines, format } = await readAll(gzipSync(Buffer.from(`${d}\n`)), 'renamed-without-gz-suffix.log.1');
  assert.equal(format, 'docker');
  assert.deepEqual(
    lines.map((l) => [l.stream, l.text, l.length]),
    [
      ['stderr', 'error!', 6],
      ['stdout', 'part one part two', 17],
      ['stdout', 'ünïcode', Buffer.byteLength('ünïcode')],
    ],
  );
});

test('histogram: exact below 16 KiB, never low and within 0.2% above, exact max', () => {
  const r = rng(1);
  for (const spread of [1000, 16_000, 5_000_000]) {
    const h = new LengthHistogram();
    const values: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const v = Math.floor(r() * r() * spread);
      values.push(v);
      h.add(v);
    }
    for (const p of [1, 50, 90, 99, 99.9, 100]) {
      const exact = nearestRank(values, p);
      const got = h.percentile(p);
      if (exact < 16384) assert.equal(got, exact, `p${p} of spread ${spread}`);
      else assert.ok(got >= exact && got - exact <= exact / 512, `p${p}: ${got} vs ${exact}`);
    }
    assert.equal(h.max, Math.max(...values));
    assert.equal(h.powerOfTwoBins().reduce((n, b) => n + b.count, 0), values.length);
  }
});

test('templates mask numbers, hex ids, UUIDs, quoted strings, durations, IPs, times and JSON values', () => {
  const a = templateOf('2024/05/01 10:00:00 GET /p/123 from 10.1.2.3:4567 req=3f2c1d9e-8a7b-4c6d-9e0f-1a2b3c4d5e6f ptr=0xc000123 trace=4bf92f3577b34da6 took 1.5ms user="bob" at fe80::1');
  const b = templateOf('2024/05/02 11:59:59 GET /p/9 from 192.168.0.1:80 req=00000000-1111-4222-a333-444444444444 ptr=0xdeadbeef trace=a1b2c3d4e5f60718 took 2h3m0.5s user="alice smith" at ::1');
  assert.equal(a, b);
  assert.equal(a, '<time> GET /p/<num> from <ip> req=<uuid> ptr=<hex> trace=<hex> took <dur> user="<str>" at <ip>');
  assert.equal(
    templateOf('{"level":"info","msg":"served 3 items","n":4,"ok":true,"user":{"name":"x"}}'),
    '{"level":"info","msg":"served <num> items","n":<num>,"ok":<bool>,"user":{"name":"<str>"}}',
  );
  // look-alikes that must stay: versions, words with digits, text around the variables
  assert.equal(templateOf('grpc-go v1.65.0 http2 ready'), 'grpc-go v1.65.0 http2 ready');
  assert.notEqual(templateOf('user 1 logged in'), templateOf('user 1 logged out'));
});

test('stack traces: Go goroutine dumps, Java, Python and JS frames group; ordinary lines do not', () => {
  const events: LogEvent[] = [];
  const g = new EventGrouper((e) => events.push(e));
  const lines = [
    'request ok',
    'recovered: boom',
    'goroutine 7 [running]:',
    'runtime/debug.Stack()',
    '\t/usr/local/go/src/runtime/debug/stack.go:24 +0x5e',
    'created by net/http.(*Server).Serve in goroutine 1',
    '',
    'goroutine 1 [IO wait]:',
    'main.main()',
    'next line',
    'java.lang.RuntimeException: x',
    '\tat a.B.c(B.java:1)',
    'Caused by: java.io.IOException: y',
    '\t... 3 more',
    'Traceback (most recent call last):',
    '  File "a.py", line 1, in <module>',
    'ValueError: z',
    '',
    'During handling of the above exception, another exception occurred:',
    '',
    'Traceback (most recent call last):',
    '  File "a.py", line 3, in <module>',
    'KeyError: k',
    'after python',
    'TypeError: x is undefined',
    '    at f (/app/a.js:1:1)',
    'plain again',
  ];
  for (const l of lines) g.line(l, Buffer.byteLength(l) + 1, true);
  g.end();
  assert.deepEqual(
    events.map((e) => [e.text.split('\n')[0], e.lines]),
    [
      ['request ok', 1],
      ['recovered: boom', 8],
      ['next line', 1],
      ['java.lang.RuntimeException: x', 4],
      ['Traceback (most recent call last):', 9],
      ['after python', 1],
      ['TypeError: x is undefined', 2],
      ['plain again', 1],
    ],
  );
  assert.equal(events.reduce((n, e) => n + e.bytes, 0), lines.reduce((n, l) => n + Buffer.byteLength(l) + 1, 0));
});

test('kubelet and Docker paths name the pod, namespace and container', () => {
  assert.deepEqual(containerIdOf('/var/log/pods/shop_bff-7f9c4d5b8-x2x9q_3f1d2c4b-8a9e-4f6d-b2c1-0e9f8a7b6c5d/bff/0.log.20240501-100500.gz'), {
    namespace: 'shop',
    pod: 'bff-7f9c4d5b8-x2x9q',
    container: 'bff',
    source: 'pods',
  });
  assert.deepEqual(containerIdOf(`/var/log/containers/bff-7f9c4d5b8-x2x9q_shop_istio-proxy-${'a'.repeat(64)}.log`), {
    namespace: 'shop',
    pod: 'bff-7f9c4d5b8-x2x9q',
    container: 'istio-proxy',
    source: 'containers',
  });
  assert.equal(containerIdOf(`/var/lib/docker/containers/${'e'.repeat(64)}/${'e'.repeat(64)}-json.log.1`).container, 'eeeeeeeeeeee');
  assert.equal(containerIdOf('/tmp/app.log.2').container, 'app');
});

test('format splitting and literal extraction for Go and Node sinks', () => {
  assert.deepEqual(splitGoFormat('Context => %v\n'), ['Context => ', { operand: 0, verb: '%v' }, '\n']);
  assert.deepEqual(splitGoFormat('100%% %[2]s %*d %s'), ['100% ', { operand: 1, verb: '%s' }, ' ', { operand: 3, verb: '%d' }, ' ', { operand: 4, verb: '%s' }]);
  assert.deepEqual(splitNodeFormat('%s took %d ms %%'), [{ operand: 0, verb: '%s' }, ' took ', { operand: 1, verb: '%d' }, ' ms %']);
  assert.equal(literalFromText(`'it\\'s "ok"'`), `it's "ok"`);
  assert.equal(literalFromText('"a\\tb"'), 'a\tb');
  assert.equal(literalFromText('`plain`'), 'plain');
  assert.equal(literalFromText('`x ${y}`'), undefined);
  assert.equal(literalFromText('msg'), undefined);
});

test('matching: literal fragments in order, the Go context shape, best candidates first', () => {
  const site = (line: number, pieces: SinkSite['pieces']): SinkSite => ({ language: 'go', sink: 'fmt.Printf', path: 'a.go', line, column: 1, pieces, rules: [] });
  const ctx = site(1, [{ kind: 'text', text: 'Context => ' }, { kind: 'hole', shape: 'go-context' }]);
  const bare = site(2, [{ kind: 'hole', shape: 'go-context' }]);
  const other = site(3, [{ kind: 'text', text: 'user ' }, { kind: 'hole' }, { kind: 'text', text: ' logged in' }]);
  const text = '2024/05/01 10:00:00 Context => context.Background.WithValue(k, v).WithCancel';
  assert.equal(matchSite(text, ctx), 'Context=>'.length + 16);
  assert.equal(matchSite(text, bare), 16);
  assert.equal(matchSite('Context => &{x}', ctx), undefined);
  assert.equal(matchSite('logged in user 5', other), undefined, 'order matters');
  assert.equal(matchSite('user 5 logged in', other), 'userloggedin'.length);
  // the more specific site ranks first; one that only shares the shape stays a candidate (within half of the best score)
  assert.deepEqual(candidatesFor(text, [bare, other, ctx]).map((c) => c.line), [1, 2]);
  assert.deepEqual(candidatesFor('user 5 logged in', [bare, other, ctx]).map((c) => c.line), [3]);
});

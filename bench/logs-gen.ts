/**
 * Realistic container log generator for the `logvol logs` tests and benchmark. It writes CRI files
 * the way kubelet/containerd do (long writes split into 16 KiB `P` chunks, stdout and stderr
 * interleaved), Docker json-file logs, gzip-rotated files and plain text, and it records, from the
 * messages it wrote, what a correct reader must report (volumes, lengths, events per kind).
 */
import { createWriteStream, mkdirSync, symlinkSync, writeFileSync, type WriteStream } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const CRI_SPLIT = 16 * 1024;

export { prng as rng } from './prng.js';
import { prng as rng } from './prng.js';

export type StreamName = 'stdout' | 'stderr' | 'unknown';

export interface ExpectedStream {
  bytes: number;
  lines: number;
  lengths: number[];
  reassembled: number;
}

export interface ExpectedContainer {
  streams: Map<StreamName, ExpectedStream>;
  firstMs: number;
  lastMs: number;
}

export interface ExpectedKind {
  bytes: number;
  events: number;
  lines: number;
}

export class Expected {
  readonly containers = new Map<string, ExpectedContainer>();
  readonly kinds = new Map<string, ExpectedKind>();

  /** record one event (one or more logical lines) of `kind` */
  event(container: string, stream: StreamName, kind: string, lines: string[], ms: number | undefined, chunksOf: (len: number) => number): void {
    let c = this.containers.get(container);
    if (!c) {
      c = { streams: new Map(), firstMs: Infinity, lastMs: -Infinity };
      this.containers.set(container, c);
    }
    let s = c.streams.get(stream);
    if (!s) {
      s = { bytes: 0, lines: 0, lengths: [], reassembled: 0 };
      c.streams.set(stream, s);
    }
    let bytes = 0;
    for (const l of lines) {
      const len = Buffer.byteLength(l);
      s.bytes += len + 1;
      s.lines++;
      s.lengths.push(len);
      if (chunksOf(len) > 1) s.reassembled++;
      bytes += len + 1;
    }
    if (ms !== undefined) {
      c.firstMs = Math.min(c.firstMs, ms);
      c.lastMs = Math.max(c.lastMs, ms);
    }
    const k = this.kinds.get(kind) ?? { bytes: 0, events: 0, lines: 0 };
    k.bytes += bytes;
    k.events++;
    k.lines += lines.length;
    this.kinds.set(kind, k);
  }
}

/** nearest-rank percentile of exact values */
export function nearestRank(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1] ?? 0;
}

type Sink = { write(s: string | Buffer): void };

/** CRI writer: splits messages longer than CRI_SPLIT bytes into P chunks (byte-exact, ASCII messages). */
export class CriWriter {
  constructor(private readonly out: Sink) {}

  line(time: string, stream: StreamName, text: string, between?: () => void): void {
    const b = Buffer.from(text);
    if (b.length <= CRI_SPLIT) {
      this.out.write(`${time} ${stream} F ${text}\n`);
      return;
    }
    for (let off = 0; off < b.length; off += CRI_SPLIT) {
      const end = Math.min(off + CRI_SPLIT, b.length);
      this.out.write(Buffer.concat([Buffer.from(`${time} ${stream} ${end < b.length ? 'P' : 'F'} `), b.subarray(off, end), Buffer.from('\n')]));
      if (end < b.length && off === 0) between?.();
    }
  }
}

export function criChunks(len: number): number {
  return Math.max(1, Math.ceil(len / CRI_SPLIT));
}

/** Docker json-file: the daemon splits at 16 KiB of message too; partial entries lack the `\n`. */
export function dockerLines(text: string, stream: StreamName, time: string): string {
  const b = Buffer.from(text);
  let out = '';
  for (let off = 0; off < Math.max(1, b.length); off += CRI_SPLIT) {
    const end = Math.min(off + CRI_SPLIT, b.length);
    const part = b.subarray(off, end).toString() + (end >= b.length ? '\n' : '');
    out += `${JSON.stringify({ log: part, stream, time })}\n`;
  }
  return out;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export class Messages {
  constructor(private readonly r: () => number) {}
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.r() * (hi - lo + 1));
  }
  hex(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += '0123456789abcdef'[this.int(0, 15)];
    // a hex id always has a letter and a digit in real life; keep it so for the masking rule
    return /[a-f]/.test(s) && /\d/.test(s) ? s : `a1${s.slice(2)}`;
  }
  b64(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += B64[this.int(0, 63)];
    return s;
  }
  uuid(): string {
    return `${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-a${this.hex(3)}-${this.hex(12)}`;
  }
  ip(): string {
    return `10.${this.int(0, 255)}.${this.int(0, 255)}.${this.int(1, 254)}`;
  }

  /** Go's `%v` of an OpenTelemetry/gRPC-enriched context (Go 1.21+ String methods) */
  contextPrint(): string {
    return (
      `Context => context.Background.WithValue(otelgrpc.rpcInfoKey, {"method":"/bff.Product/GetProduct","peer":"${this.ip()}:${this.int(1024, 65535)}"})` +
      `.WithCancel.WithValue(trace.traceContextKeyType, span ${this.hex(32)})` +
      `.WithDeadline(2024-05-01 10:${String(this.int(0, 59)).padStart(2, '0')}:04.${this.int(1, 999)} +0000 UTC m=+${this.int(1, 9999)}.${this.int(1, 999)} [${this.int(1, 4)}.${this.int(10, 99)}s])` +
      `.WithValue(requestIDKey, ${this.uuid()})` +
      `.WithValue(metadata.mdIncomingKey, map[":authority":["bff:8080"] "user-agent":["grpc-go/1.65.0"] "x-session":["${this.b64(this.int(300, 2500))}"] "traceparent":["00-${this.hex(32)}-${this.hex(16)}-01"]])`
    );
  }

  access(date: string): string {
    return `${date} access method=GET path=/api/products/${this.int(1, 99999)} status=${[200, 200, 200, 404][this.int(0, 3)]} took=${this.int(1, 900)}.${this.int(100, 999)}ms`;
  }

  goPanic(): string[] {
    return [
      'panic: runtime error: invalid memory address or nil pointer dereference',
      `[signal SIGSEGV: segmentation violation code=0x1 addr=0x18 pc=0x${this.hex(6)}]`,
      '',
      `goroutine ${this.int(10, 99999)} [running]:`,
      `example.com/bff/internal/handler.(*Products).GetProduct(0xc000${this.hex(6)}, {0x8f1e20, 0xc000${this.hex(6)}}, {0xc000${this.hex(6)}, 0x4})`,
      '\t/src/internal/handler/product.go:47 +0x8b',
      `example.com/bff/internal/handler.(*Products).ServeHTTP(0xc000${this.hex(6)}, {0x8f0a40, 0xc000${this.hex(6)}}, 0xc000${this.hex(6)})`,
      '\t/src/internal/handler/product.go:27 +0x6f',
      'net/http.(*conn).serve(0xc0001b4000, {0x8f1db8, 0xc000110000})',
      '\t/usr/local/go/src/net/http/server.go:2092 +0x5d0',
      'created by net/http.(*Server).Serve in goroutine 1',
      '\t/usr/local/go/src/net/http/server.go:3285 +0x4b4',
    ];
  }

  javaTrace(): string[] {
    const sku = this.int(1000, 9999);
    return [
      `java.lang.IllegalStateException: inventory unavailable for sku ${sku}`,
      '\tat com.example.catalog.Inventory.check(Inventory.java:88)',
      '\tat com.example.catalog.CatalogService.lookup(CatalogService.java:142)',
      '\tat com.example.catalog.CatalogController.item(CatalogController.java:57)',
      '\tat java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)',
      'Caused by: java.net.SocketTimeoutException: Read timed out',
      '\tat java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:288)',
      '\tat java.base/sun.nio.ch.NioSocketImpl.implRead(NioSocketImpl.java:314)',
      `\t... ${this.int(5, 40)} more`,
    ];
  }

  javaInfo(time: string): string {
    return `${time}  INFO 1 --- [nio-8080-exec-${this.int(1, 10)}] c.e.catalog.CatalogController : GET /catalog/items?page=${this.int(1, 50)} 200`;
  }

  pythonTraceback(): string[] {
    return [
      `ERROR:worker:job ${this.int(1, 99999)} failed`,
      'Traceback (most recent call last):',
      `  File "/app/worker.py", line ${this.int(30, 60)}, in handle`,
      '    result = process(job)',
      '  File "/app/worker.py", line 17, in process',
      '    return 1 / job.weight',
      'ZeroDivisionError: division by zero',
    ];
  }

  pythonInfo(): string {
    return `INFO:worker:job ${this.int(1, 99999)} done in ${this.int(1, 900)}.${this.int(10, 99)}ms`;
  }

  nodeJson(ms: number): string {
    return JSON.stringify({ level: 30, time: ms, pid: 1, hostname: 'api-6c9d8', req: { id: this.int(1, 1e6), method: 'GET', url: `/v1/orders/${this.int(1, 1e5)}` }, msg: 'request completed', responseTime: this.int(1, 300) });
  }

  nodeError(): string[] {
    return [
      `Error: connect ECONNREFUSED ${this.ip()}:5432`,
      '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)',
      '    at Pool.connect (/app/node_modules/pg-pool/index.js:45:11)',
      '    at async OrdersRepo.find (/app/dist/orders/repo.js:31:20)',
    ];
  }
}

export function iso(ms: number): string {
  // RFC 3339 with nanoseconds, as containerd writes it
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, (_, f: string) => `.${f}${String((ms * 7) % 1e6).padStart(6, '0').slice(0, 6)}Z`);
}

function goDate(ms: number): string {
  return new Date(ms).toISOString().replace(/^(\d{4})-(\d\d)-(\d\d)T(\d\d:\d\d:\d\d).*$/, '$1/$2/$3 $4');
}

export interface Scenario {
  expected: Expected;
  /** what the reader must ignore: a /var/log/containers symlink to a pods file */
  paths: { root: string; pods: string; containers: string; docker: string; plain: string };
  bff: string;
  catalog: string;
  worker: string;
  api: string;
  legacy: string;
  /** the single longest line */
  longestLine: number;
}

export const BFF_POD = 'bff-7f9c4d5b8-x2x9q';
const BFF_UID = '3f1d2c4b-8a9e-4f6d-b2c1-0e9f8a7b6c5d';
const START = Date.UTC(2024, 4, 1, 10, 0, 0);

/**
 * Several pods: bff (Go: a flood of context prints on stdout, access logs and a panic on stderr,
 * a rotated .gz, one 40 KiB line split into P chunks with stderr interleaved), catalog (Java traces),
 * worker (Python tracebacks), api (Docker json-file with a JS error and a split long line), and a
 * plain legacy file.
 */
export function writeScenario(root: string, seed = 42, scale = 1): Scenario {
  const r = rng(seed);
  const m = new Messages(r);
  const ex = new Expected();
  const pods = join(root, 'var/log/pods');
  const containersDir = join(root, 'var/log/containers');
  const dockerDir = join(root, 'var/lib/docker/containers');
  const plainDir = join(root, 'legacy');

  // ---- bff: /var/log/pods/shop_bff-…_<uid>/bff/{0.log.20240501-100500.gz, 0.log}
  const bff = `shop/${BFF_POD}/bff`;
  const bffDir = join(pods, `shop_${BFF_POD}_${BFF_UID}`, 'bff');
  mkdirSync(bffDir, { recursive: true });
  let longest = 0;
  const files: string[][] = [[], []];
  let t = START;
  const total = 900 * scale;
  for (let i = 0; i < total; i++) {
    const part = i < total / 2 ? 0 : 1;
    const sink: Sink = { write: (s) => files[part]!.push(typeof s === 'string' ? s : s.toString('latin1')) };
    const w = new CriWriter(sink);
    t += 50 + Math.floor(r() * 200);
    const roll = r();
    if (roll < 0.5) {
      const text = m.contextPrint();
      w.line(iso(t), 'stdout', text);
      ex.event(bff, 'stdout', 'context-print', [text], t, criChunks);
    } else if (roll < 0.95) {
      const text = m.access(goDate(t));
      w.line(iso(t), 'stderr', text);
      ex.event(bff, 'stderr', 'access', [text], t, criChunks);
    } else {
      const text = `${goDate(t)} product ${m.int(1, 99999)} not found after 1s`;
      w.line(iso(t), 'stderr', text);
      ex.event(bff, 'stderr', 'not-found', [text], t, criChunks);
    }
    if (i === Math.floor(total / 4) || i === Math.floor((3 * total) / 4)) {
      // one very long line (an upstream body dumped at debug level), split into P chunks by the
      // runtime, with a stderr access line landing between its chunks
      const body = m.b64(40_000 + m.int(0, 999));
      const text = `upstream response body=${body}`;
      const access = m.access(goDate(t));
      w.line(iso(t), 'stdout', text, () => w.line(iso(t), 'stderr', access));
      ex.event(bff, 'stderr', 'access', [access], t, criChunks);
      ex.event(bff, 'stdout', `long-${i}`, [text], t, criChunks);
      longest = Math.max(longest, Buffer.byteLength(text));
    }
  }
  // the process panics once, at the end of the live file
  t += 100;
  const panicLines = m.goPanic();
  const w1 = new CriWriter({ write: (s) => files[1]!.push(typeof s === 'string' ? s : s.toString('latin1')) });
  for (const l of panicLines) w1.line(iso(t), 'stderr', l);
  ex.event(bff, 'stderr', 'go-panic', panicLines, t, criChunks);
  writeFileSync(join(bffDir, '0.log.20240501-100500.gz'), gzipSync(Buffer.from(files[0]!.join(''), 'latin1')));
  writeFileSync(join(bffDir, '0.log'), Buffer.from(files[1]!.join(''), 'latin1'));
  // kubelet's /var/log/containers link to the same file must not be counted twice
  mkdirSync(containersDir, { recursive: true });
  symlinkSync(join(bffDir, '0.log'), join(containersDir, `${BFF_POD}_shop_bff-${'ab'.repeat(32)}.log`));

  // ---- catalog (Java) as a plain file under /var/log/containers
  const catalog = 'shop/catalog-5d8f7b6c9-abcde/catalog';
  const catalogOut: string[] = [];
  const cw = new CriWriter({ write: (s) => catalogOut.push(s.toString()) });
  t = START;
  for (let i = 0; i < 120 * scale; i++) {
    t += 200 + Math.floor(r() * 300);
    if (i % 10 === 9) {
      const trace = m.javaTrace();
      for (const l of trace) cw.line(iso(t), 'stderr', l);
      ex.event(catalog, 'stderr', 'java-trace', trace, t, criChunks);
    } else {
      const text = m.javaInfo(new Date(t).toISOString().replace('T', ' ').replace('Z', ''));
      cw.line(iso(t), 'stdout', text);
      ex.event(catalog, 'stdout', 'java-info', [text], t, criChunks);
    }
  }
  writeFileSync(join(containersDir, `catalog-5d8f7b6c9-abcde_shop_catalog-${'cd'.repeat(32)}.log`), catalogOut.join(''));

  // ---- worker (Python) under /var/log/pods, rotated uncompressed file + live file
  const worker = 'jobs/worker-0/worker';
  const workerDir = join(pods, 'jobs_worker-0_0a1b2c3d-0000-4000-8000-123456789abc', 'worker');
  mkdirSync(workerDir, { recursive: true });
  const wOut: string[] = [];
  const ww = new CriWriter({ write: (s) => wOut.push(s.toString()) });
  t = START + 1000;
  for (let i = 0; i < 80 * scale; i++) {
    t += 500 + Math.floor(r() * 500);
    if (i % 8 === 7) {
      const tb = m.pythonTraceback();
      for (const l of tb) ww.line(iso(t), 'stderr', l);
      ex.event(worker, 'stderr', 'python-traceback', tb, t, criChunks);
    } else {
      const text = m.pythonInfo();
      ww.line(iso(t), 'stderr', text);
      ex.event(worker, 'stderr', 'python-info', [text], t, criChunks);
    }
  }
  writeFileSync(join(workerDir, '0.log'), wOut.join(''));

  // ---- api (Node) as a Docker json-file log
  const apiId = 'e5'.repeat(32);
  const api = apiId.slice(0, 12);
  const apiDir = join(dockerDir, apiId);
  mkdirSync(apiDir, { recursive: true });
  const aOut: string[] = [];
  t = START + 2000;
  for (let i = 0; i < 150 * scale; i++) {
    t += 100 + Math.floor(r() * 100);
    if (i % 25 === 24) {
      const err = m.nodeError();
      for (const l of err) aOut.push(dockerLines(l, 'stderr', iso(t)));
      ex.event(api, 'stderr', 'node-error', err, t, criChunks);
    } else {
      const text = m.nodeJson(t);
      aOut.push(dockerLines(text, 'stdout', iso(t)));
      ex.event(api, 'stdout', 'node-json', [text], t, criChunks);
    }
    if (i === 70) {
      const text = `payload dump ${m.b64(20_000)}`;
      aOut.push(dockerLines(text, 'stdout', iso(t)));
      ex.event(api, 'stdout', 'node-dump', [text], t, criChunks);
    }
  }
  writeFileSync(join(apiDir, `${apiId}-json.log`), aOut.join(''));

  // ---- a plain text file with no timestamps
  const legacy = 'app';
  mkdirSync(plainDir, { recursive: true });
  const pOut: string[] = [];
  for (let i = 0; i < 40; i++) {
    const text = `cache refresh took ${m.int(1, 99)}ms for ${m.int(1, 5000)} keys`;
    pOut.push(`${text}\n`);
    ex.event(legacy, 'unknown', 'legacy', [text], undefined, () => 1);
  }
  writeFileSync(join(plainDir, 'app.log'), pOut.join(''));

  return {
    expected: ex,
    paths: { root, pods, containers: containersDir, docker: dockerDir, plain: plainDir },
    bff,
    catalog,
    worker,
    api,
    legacy,
    longestLine: longest,
  };
}

/**
 * The benchmark's input: `bytes` of CRI log for one flooding pod (context prints, access lines,
 * now and then a line over 16 KiB), written as a stream, never held in memory.
 */
export async function writeBigCri(path: string, bytes: number, seed = 7): Promise<{ bytes: number; lines: number }> {
  mkdirSync(dirname(path), { recursive: true });
  const m = new Messages(rng(seed));
  const out: WriteStream = createWriteStream(path);
  let written = 0;
  let lines = 0;
  let t = START;
  let batch: string[] = [];
  const w = new CriWriter({ write: (s) => batch.push(typeof s === 'string' ? s : s.toString('latin1')) });
  while (written < bytes) {
    for (let i = 0; i < 2000; i++) {
      t += 5;
      const roll = m.int(0, 999);
      if (roll < 600) w.line(iso(t), 'stdout', m.contextPrint());
      else if (roll < 999) w.line(iso(t), 'stderr', m.access(goDate(t)));
      else w.line(iso(t), 'stdout', `upstream response body=${m.b64(m.int(17_000, 60_000))}`);
      lines++;
    }
    const chunk = Buffer.from(batch.join(''), 'latin1');
    batch = [];
    written += chunk.length;
    if (!out.write(chunk)) await new Promise<void>((res) => out.once('drain', () => res()));
  }
  await new Promise<void>((res, rej) => out.end((e?: Error | null) => (e ? rej(e) : res())));
  return { bytes: written, lines };
}

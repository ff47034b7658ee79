/**
 * Streams log files → logical lines → volumes and events → templates, then assembles the report.
 * Memory is bounded by the number of containers and streams and by the template table, never by
 * the size of the input (see lines.ts, readers.ts, histogram.ts, templates.ts).
 */
import { VERSION } from '../engine/package-info.js';
import { EventGrouper } from './events.js';
import { LengthHistogram } from './histogram.js';
import { containerKey, type ContainerId, type LogInput } from './inputs.js';
import { readLogFile, type LogLine, type Stream } from './readers.js';
import {
  LOGS_REPORT_VERSION,
  PERCENTILE_METHOD,
  type ContainerVolume,
  type FileReport,
  type LineLengthStats,
  type LogsReport,
  type StreamVolume,
  type TemplateReport,
} from './report.js';
import { TemplateTable, type TemplateStats } from './templates.js';

export const DEFAULT_MAX_LINE_BYTES = 16 * 1024;
export const DEFAULT_BUFFER_BYTES = 5 * 1024 * 1024;
export const DEFAULT_TOP = 10;

export interface AnalyzeOptions {
  maxLineBytes: number;
  bufferBytes: number;
  top: number;
  /** progress in on-disk bytes */
  onProgress?: (delta: number) => void;
}

interface StreamAcc {
  bytes: number;
  lines: number;
  diskBytes: number;
  hist: LengthHistogram;
  overMax: number;
  overBuffer: number;
  reassembled: number;
  unterminated: number;
}

interface ContainerAcc {
  id: ContainerId;
  key: string;
  streams: Map<Stream, StreamAcc>;
  firstMs: number;
  lastMs: number;
  firstTime: string | null;
  lastTime: string | null;
}

/** What the analysis found, before attribution and rendering. */
export interface LogsAnalysis {
  report: LogsReport;
  /** the top templates with their raw examples (for attribution) */
  top: TemplateStats[];
}

export async function analyzeLogs(inputs: LogInput[], opts: AnalyzeOptions): Promise<LogsAnalysis> {
  const containers = new Map<string, ContainerAcc>();
  const templates = new TemplateTable();
  const files: FileReport[] = [];
  const notices: string[] = [];
  let events = 0;

  for (const input of inputs) {
    const key = containerKey(input.id);
    let c = containers.get(key);
    if (!c) {
      c = { id: input.id, key, streams: new Map(), firstMs: Infinity, lastMs: -Infinity, firstTime: null, lastTime: null };
      containers.set(key, c);
    }
    const acc = c;
    const groupers = new Map<Stream, EventGrouper>();
    let fileFirst: string | undefined;
    let fileLast: string | undefined;

    const onLine = (l: LogLine): void => {
      let s = acc.streams.get(l.stream);
      if (!s) {
        s = { bytes: 0, lines: 0, diskBytes: 0, hist: new LengthHistogram(), overMax: 0, overBuffer: 0, reassembled: 0, unterminated: 0 };
        acc.streams.set(l.stream, s);
      }
      const bytes = l.length + 1;
      s.bytes += bytes;
      s.lines++;
      s.diskBytes += l.diskBytes;
      s.hist.add(l.length);
      if (l.length > opts.maxLineBytes) s.overMax++;
      if (l.length > opts.bufferBytes) s.overBuffer++;
      if (l.chunks > 1) s.reassembled++;
      if (l.unterminated) s.unterminated++;
      if (l.time !== undefined) {
        fileFirst ??= l.time;
        fileLast = l.time;
      }
      let g = groupers.get(l.stream);
      if (!g) {
        const stream = l.stream;
        g = new EventGrouper((e) => {
          events++;
          templates.add(e, key, stream);
        });
        groupers.set(l.stream, g);
      }
      g.line(l.text, bytes, !l.truncated);
    };

    const report: FileReport = {
      path: input.display,
      format: 'plain',
      container: key,
      compressed: false,
      diskSize: input.size,
      bytes: 0,
      physicalLines: 0,
      malformedLines: 0,
    };
    let st;
    try {
      st = await readLogFile(input.path, onLine, opts.onProgress ? { onProgress: opts.onProgress } : {});
    } catch (e) {
      st = { format: 'plain' as const, compressed: false, rawBytes: 0, bytes: 0, physicalLines: 0, malformed: 0, error: (e as NodeJS.ErrnoException).code ?? (e as Error).message };
    }
    Object.assign(report, { format: st.format, compressed: st.compressed, bytes: st.bytes, physicalLines: st.physicalLines, malformedLines: st.malformed });
    if (st.malformed > 0) notices.push(`${input.display}: ${st.malformed} line(s) did not parse as ${st.format} and were read as plain text`);
    if (st.error !== undefined) {
      report.error = st.error;
      notices.push(`${input.display}: read stopped early (${st.error}); the lines before it are counted`);
    }
    for (const g of [...groupers.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) g[1].end();
    files.push(report);
    for (const t of [fileFirst, fileLast]) {
      if (t === undefined) continue;
      const ms = Date.parse(t);
      if (Number.isNaN(ms)) continue;
      if (ms < acc.firstMs) {
        acc.firstMs = ms;
        acc.firstTime = t;
      }
      if (ms > acc.lastMs) {
        acc.lastMs = ms;
        acc.lastTime = t;
      }
    }
  }

  return assemble(containers, templates, files, notices, events, opts);
}

function lineLengthOf(h: LengthHistogram): LineLengthStats {
  const [p50, p99] = h.percentiles([50, 99]) as [number, number];
  return { p50, p99, max: h.max, exact: h.isExact(p50) && h.isExact(p99) };
}

function assemble(
  containers: Map<string, ContainerAcc>,
  templates: TemplateTable,
  files: FileReport[],
  notices: string[],
  events: number,
  opts: AnalyzeOptions,
): { report: LogsReport; top: TemplateStats[] } {
  const all = new LengthHistogram();
  const containerBytes = new Map<string, number>();
  const podBytes = new Map<string, number>();
  const cv: ContainerVolume[] = [];
  let firstMs = Infinity;
  let lastMs = -Infinity;
  let firstTime: string | null = null;
  let lastTime: string | null = null;
  for (const c of containers.values()) {
    const span = Number.isFinite(c.firstMs) && c.lastMs > c.firstMs ? (c.lastMs - c.firstMs) / 1000 : null;
    const streams: StreamVolume[] = [...c.streams.entries()]
      .sort((a, b) => (a[0] < b[0] ? -1 : 1))
      .map(([stream, s]) => {
        all.merge(s.hist);
        const perSecond = span ? s.bytes / span : null;
        return {
          stream,
          bytes: s.bytes,
          lines: s.lines,
          diskBytes: s.diskBytes,
          bytesPerSecond: perSecond,
          bytesPerDay: perSecond === null ? null : perSecond * 86_400,
          lineLength: lineLengthOf(s.hist),
          overMaxLineBytes: s.overMax,
          overBufferBytes: s.overBuffer,
          reassembledLines: s.reassembled,
          unterminatedLines: s.unterminated,
        };
      });
    const bytes = streams.reduce((n, s) => n + s.bytes, 0);
    containerBytes.set(c.key, bytes);
    const pod = podKey(c.id);
    podBytes.set(pod, (podBytes.get(pod) ?? 0) + bytes);
    if (c.firstMs < firstMs) {
      firstMs = c.firstMs;
      firstTime = c.firstTime;
    }
    if (c.lastMs > lastMs) {
      lastMs = c.lastMs;
      lastTime = c.lastTime;
    }
    cv.push({
      key: c.key,
      namespace: c.id.namespace,
      pod: c.id.pod,
      container: c.id.container,
      bytes,
      lines: streams.reduce((n, s) => n + s.lines, 0),
      firstTime: c.firstTime,
      lastTime: c.lastTime,
      spanSeconds: span,
      streams,
    });
  }
  cv.sort((a, b) => b.bytes - a.bytes || (a.key < b.key ? -1 : 1));
  const ids = new Map([...containers.values()].map((c) => [c.key, c.id]));
  const totalBytes = cv.reduce((n, c) => n + c.bytes, 0);
  const ranked = templates.ranked();
  const top = ranked.slice(0, opts.top);
  const rest = ranked.slice(opts.top);
  const templateReports: TemplateReport[] = top.map((t, i) => {
    const where = [...t.byContainer.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const perPod = new Map<string, number>();
    for (const [k, b] of where) {
      const pk = podKey(ids.get(k)!);
      perPod.set(pk, (perPod.get(pk) ?? 0) + b);
    }
    const [pk, pb] = [...perPod.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0] ?? ['', 0];
    const [ns, pod] = pk.includes('/') ? (pk.split('/', 2) as [string, string]) : ['', pk];
    return {
      rank: i + 1,
      template: t.template,
      example: t.example,
      bytes: t.bytes,
      share: totalBytes ? t.bytes / totalBytes : 0,
      events: t.events,
      lines: t.lines,
      streams: [...t.streams].sort(),
      containers: where.map(([k, b]) => {
        const id = ids.get(k)!;
        return { key: k, namespace: id.namespace, pod: id.pod, container: id.container, bytes: b, shareOfContainer: containerBytes.get(k) ? b / containerBytes.get(k)! : 0 };
      }),
      topPod: pk ? { namespace: ns, pod, bytes: pb, shareOfPod: podBytes.get(pk) ? pb / podBytes.get(pk)! : 0 } : null,
    };
  });
  const report: LogsReport = {
    version: LOGS_REPORT_VERSION,
    tool: { name: 'logvol', version: VERSION },
    command: 'logs',
    options: { maxLineBytes: opts.maxLineBytes, bufferBytes: opts.bufferBytes, top: opts.top, source: null },
    totals: {
      files: files.length,
      containers: cv.length,
      bytes: totalBytes,
      diskBytes: cv.reduce((n, c) => n + c.streams.reduce((m, s) => m + s.diskBytes, 0), 0),
      lines: cv.reduce((n, c) => n + c.lines, 0),
      events,
      templates: templates.size + templates.pruned.templates,
      prunedTemplates: templates.pruned.templates,
      firstTime,
      lastTime,
      overMaxLineBytes: cv.reduce((n, c) => n + c.streams.reduce((m, s) => m + s.overMaxLineBytes, 0), 0),
      overBufferBytes: cv.reduce((n, c) => n + c.streams.reduce((m, s) => m + s.overBufferBytes, 0), 0),
    },
    percentileMethod: PERCENTILE_METHOD,
    files,
    containers: cv,
    lineLength: { ...lineLengthOf(all), histogram: all.powerOfTwoBins() },
    templates: templateReports,
    otherTemplates: {
      templates: rest.length + templates.pruned.templates,
      bytes: rest.reduce((n, t) => n + t.bytes, 0) + templates.pruned.bytes,
      events: rest.reduce((n, t) => n + t.events, 0) + templates.pruned.events,
    },
    source: null,
    notices,
  };
  return { report, top };
}

/** `<namespace>/<pod>`, or the container outside Kubernetes */
function podKey(id: ContainerId): string {
  return id.pod ? `${id.namespace}/${id.pod}` : id.container;
}

/**
 * The `logvol logs` report: plain, documented, JSON-serialisable data. `--format json` prints it
 * as is; the text and HTML renderers only lay it out. Format version 1.
 *
 * Units: `bytes` are what the containers wrote — message bytes plus one line break per logical
 * line (partial chunks reassembled); `diskBytes` are what the log files take uncompressed, with the
 * CRI / json-file framing. Line lengths are message bytes without the line break. Rates use the
 * container's covered time span (first to last timestamp in any of its files and streams), so a
 * quiet stderr is not extrapolated from its own two lines.
 */
import type { LogFormat, Stream } from './readers.js';
import type { PowerOfTwoBin } from './histogram.js';

export const LOGS_REPORT_VERSION = 1;

export const PERCENTILE_METHOD =
  'nearest rank over a bounded histogram: exact below 16384 bytes; above, at most 0.2% high (log-linear buckets, 512 per power of two); max exact';

export interface LineLengthStats {
  p50: number;
  p99: number;
  max: number;
  /** false when p50 or p99 came from an approximate bucket */
  exact: boolean;
}

export interface StreamVolume {
  stream: Stream;
  bytes: number;
  lines: number;
  diskBytes: number;
  /** null without a time span (one timestamp, or plain files) */
  bytesPerSecond: number | null;
  bytesPerDay: number | null;
  lineLength: LineLengthStats;
  /** lines longer than --max-line-bytes */
  overMaxLineBytes: number;
  /** lines longer than --buffer-bytes (a shipper with Skip_Long_Lines drops them) */
  overBufferBytes: number;
  /** lines reassembled from more than one partial chunk */
  reassembledLines: number;
  /** lines whose final chunk never came (the file ended) */
  unterminatedLines: number;
}

export interface ContainerVolume {
  key: string;
  namespace: string;
  pod: string;
  container: string;
  bytes: number;
  lines: number;
  firstTime: string | null;
  lastTime: string | null;
  spanSeconds: number | null;
  streams: StreamVolume[];
}

export interface SourceCandidate {
  language: string;
  sink: string;
  /** relative to the --source directory, forward slashes */
  path: string;
  line: number;
  column: number;
  /** ids of `scan` findings at this call */
  rules: string[];
  /** how much literal text (and shape) matched; higher is better */
  score: number;
}

export interface TemplateReport {
  rank: number;
  template: string;
  example: string;
  bytes: number;
  /** of all bytes */
  share: number;
  events: number;
  lines: number;
  streams: Stream[];
  /** where it was written, most bytes first */
  containers: { key: string; namespace: string; pod: string; container: string; bytes: number; shareOfContainer: number }[];
  /** the pod (or container outside Kubernetes) it weighs most in */
  topPod: { namespace: string; pod: string; bytes: number; shareOfPod: number } | null;
  /** present with --source */
  sources?: SourceCandidate[];
  /** one-line summaries: "fmt.Printf at internal/handler/product.go:29 — context-print — writes ~87% of the bytes of pod …" */
  attribution?: string[];
}

export interface FileReport {
  path: string;
  format: LogFormat;
  container: string;
  compressed: boolean;
  diskSize: number;
  bytes: number;
  physicalLines: number;
  malformedLines: number;
  error?: string;
}

export interface LogsReport {
  version: number;
  tool: { name: 'logvol'; version: string };
  command: 'logs';
  options: { maxLineBytes: number; bufferBytes: number; top: number; source: string | null };
  totals: {
    files: number;
    containers: number;
    bytes: number;
    diskBytes: number;
    lines: number;
    events: number;
    templates: number;
    /** templates dropped from the bounded table (their counts are partial) */
    prunedTemplates: number;
    firstTime: string | null;
    lastTime: string | null;
    overMaxLineBytes: number;
    overBufferBytes: number;
  };
  percentileMethod: string;
  files: FileReport[];
  containers: ContainerVolume[];
  lineLength: LineLengthStats & { histogram: PowerOfTwoBin[] };
  templates: TemplateReport[];
  /** bytes and events of the templates below the top N */
  otherTemplates: { templates: number; bytes: number; events: number };
  source: { root: string; sites: number; languages: string[]; notices: string[] } | null;
  notices: string[];
}

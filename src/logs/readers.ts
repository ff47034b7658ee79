/**
 * Container log file readers: CRI (kubelet / containerd / CRI-O), Docker json-file and plain text,
 * optionally gzip-compressed. Physical lines become logical lines: the runtime splits a long write
 * into `P` (partial) chunks ending with one `F` (full) chunk per stream (Docker: `log` values without
 * a trailing `\n`), and we reassemble them because the reassembled length is what a shipper buffers.
 *
 * Memory is bounded per open stream: a logical line keeps at most MESSAGE_KEEP_BYTES of its text
 * (enough for templates and source matching); its length in bytes is always exact.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { LineSplitter, type PhysicalLine } from './lines.js';

export type LogFormat = 'cri' | 'docker' | 'plain';
export type Stream = 'stdout' | 'stderr' | 'unknown';

/** bytes of message text kept per logical line (templates and source matching use this prefix) */
export const MESSAGE_KEEP_BYTES = 8192;
/** bytes kept per physical line: a Docker json-file line must be parsed whole */
const PHYSICAL_KEEP_BYTES = 256 * 1024;

export interface LogLine {
  stream: Stream;
  /** exact length of the reassembled message in bytes, without the line break */
  length: number;
  /** the first MESSAGE_KEEP_BYTES of the message, decoded as UTF-8 */
  text: string;
  /** the message is longer than `text` */
  truncated: boolean;
  /** raw timestamp of the last chunk (RFC 3339), when the format has one */
  time?: string;
  /** physical lines (CRI/Docker chunks) it was reassembled from */
  chunks: number;
  /** bytes the chunks take in the (decompressed) file, prefixes and line breaks included */
  diskBytes: number;
  /** the file ended before the final chunk */
  unterminated?: boolean;
}

export interface ReadStats {
  format: LogFormat;
  /** gzip (detected by its magic bytes) */
  compressed: boolean;
  /** bytes read from disk (compressed size for .gz) */
  rawBytes: number;
  /** decompressed bytes */
  bytes: number;
  physicalLines: number;
  /** lines that did not parse in the file's format (counted as plain lines on stream `unknown`) */
  malformed: number;
  /** why reading stopped early, if it did (what was read before still counts) */
  error?: string;
}

export interface ReadOptions {
  /** called with the number of raw (on-disk) bytes read so far, for progress */
  onProgress?: (rawBytesDelta: number) => void;
}

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;
const CRI_HEAD = /^\d{4}-\d\d-\d\dT[\d:.]+(?:Z|[+-]\d\d:?\d\d) (?:stdout|stderr) [PF]/;

interface Pending {
  parts: Buffer[];
  kept: number;
  length: number;
  chunks: number;
  diskBytes: number;
  time?: string;
}

/** Reassembles partial chunks per stream; emits logical lines. */
class Reassembler {
  private readonly pending = new Map<Stream, Pending>();
  constructor(private readonly emit: (line: LogLine) => void) {}

  chunk(stream: Stream, msg: Buffer, msgLength: number, partial: boolean, diskBytes: number, time?: string): void {
    let p = this.pending.get(stream);
    if (!p && !partial) {
      // the common case: a whole line in one chunk
      const kept = msg.length > MESSAGE_KEEP_BYTES ? msg.subarray(0, MESSAGE_KEEP_BYTES) : msg;
      const line: LogLine = { stream, length: msgLength, text: kept.toString('utf8'), truncated: msgLength > kept.length, chunks: 1, diskBytes };
      if (time !== undefined) line.time = time;
      this.emit(line);
      return;
    }
    if (!p) {
      p = { parts: [], kept: 0, length: 0, chunks: 0, diskBytes: 0 };
      this.pending.set(stream, p);
    }
    const room = MESSAGE_KEEP_BYTES - p.kept;
    if (room > 0 && msg.length > 0) {
      const part = Buffer.from(msg.subarray(0, Math.min(room, msg.length)));
      p.parts.push(part);
      p.kept += part.length;
    }
    p.length += msgLength;
    p.chunks++;
    p.diskBytes += diskBytes;
    if (time !== undefined) p.time = time;
    if (!partial) this.flush(stream, p, false);
  }

  /** end of file: emit what is still open */
  end(): void {
    for (const [stream, p] of [...this.pending].sort((a, b) => (a[0] < b[0] ? -1 : 1))) this.flush(stream, p, true);
  }

  private flush(stream: Stream, p: Pending, unterminated: boolean): void {
    this.pending.delete(stream);
    const line: LogLine = { stream, length: p.length, text: decodeKept(p.parts), truncated: p.length > p.kept, chunks: p.chunks, diskBytes: p.diskBytes };
    if (p.time !== undefined) line.time = p.time;
    if (unterminated) line.unterminated = true;
    this.emit(line);
  }
}

/** UTF-8 decode; a multi-byte character cut by the keep limit becomes U+FFFD, which is harmless here */
function decodeKept(parts: Buffer[]): string {
  return (parts.length === 1 ? parts[0]! : Buffer.concat(parts)).toString('utf8');
}

export function detectFormat(firstLine: string): LogFormat {
  if (CRI_HEAD.test(firstLine)) return 'cri';
  if (/^\{\s*"log"\s*:/.test(firstLine)) return 'docker';
  return 'plain';
}

/** Parse one CRI line (`<time> <stream> <P|F>[:<more tags>] <message>`) without decoding the message. */
function parseCri(b: Buffer): { time: string; stream: Stream; partial: boolean; msgStart: number } | undefined {
  const s1 = b.indexOf(32);
  if (s1 < 20 || s1 > 40) return undefined;
  const s2 = b.indexOf(32, s1 + 1);
  if (s2 < 0) return undefined;
  const streamText = b.toString('latin1', s1 + 1, s2);
  if (streamText !== 'stdout' && streamText !== 'stderr') return undefined;
  let s3 = b.indexOf(32, s2 + 1);
  const tagEnd = s3 < 0 ? b.length : s3;
  const tag = b[s2 + 1];
  if ((tag !== 0x50 && tag !== 0x46) || (tagEnd !== s2 + 2 && b[s2 + 2] !== 0x3a)) return undefined;
  if (s3 < 0) s3 = b.length - 1; // `… F` with an empty message
  return { time: b.toString('latin1', 0, s1), stream: streamText, partial: tag === 0x50, msgStart: s3 + 1 };
}

interface DockerLine {
  log?: unknown;
  stream?: unknown;
  time?: unknown;
}

/**
 * Stream one file through its reader. Gzip is detected by its magic bytes, not by the name, so a
 * rotated file compressed under any name works.
 */
export async function readLogFile(path: string, onLine: (line: LogLine) => void, opts: ReadOptions = {}): Promise<ReadStats> {
  const stats: ReadStats = { format: 'plain', compressed: false, rawBytes: 0, bytes: 0, physicalLines: 0, malformed: 0 };
  const re = new Reassembler(onLine);
  let format: LogFormat | undefined;

  const handle = (l: PhysicalLine): void => {
    stats.physicalLines++;
    const disk = l.length + 1;
    if (format === undefined) {
      if (l.length === 0) {
        re.chunk('unknown', l.head, 0, false, disk);
        return;
      }
      format = detectFormat(l.head.toString('utf8', 0, Math.min(l.head.length, 64)));
      stats.format = format;
    }
    if (format === 'cri') {
      const c = parseCri(l.head);
      if (c) {
        re.chunk(c.stream, l.head.subarray(c.msgStart), Math.max(0, l.length - c.msgStart), c.partial, disk, c.time);
        return;
      }
    } else if (format === 'docker') {
      const d = parseDocker(l);
      if (d) {
        re.chunk(d.stream, d.msg, d.msgLength, d.partial, disk, d.time);
        return;
      }
    } else {
      re.chunk('unknown', l.head, l.length, false, disk);
      return;
    }
    stats.malformed++;
    re.chunk('unknown', l.head, l.length, false, disk);
  };

  const splitter = new LineSplitter(PHYSICAL_KEEP_BYTES, handle);
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  let source: AsyncIterable<Buffer> = raw;
  const first = await peekFirstBytes(path);
  if (first[0] === GZIP_MAGIC_0 && first[1] === GZIP_MAGIC_1) {
    stats.compressed = true;
    const gunzip = createGunzip({ chunkSize: 1 << 20 });
    raw.on('error', (e) => gunzip.destroy(e));
    raw.pipe(gunzip);
    source = gunzip;
  }
  raw.on('data', (b: Buffer | string) => {
    stats.rawBytes += b.length;
    opts.onProgress?.(b.length);
  });
  try {
    for await (const chunk of source) {
      stats.bytes += chunk.length;
      splitter.push(chunk);
    }
  } catch (e) {
    // a truncated .gz (rotation in progress) or a read error: keep what was read
    stats.error = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    raw.destroy();
  }
  splitter.end();
  re.end();
  return stats;
}

async function peekFirstBytes(path: string): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const b = Buffer.alloc(2);
    const { bytesRead } = await fh.read(b, 0, 2, 0);
    return b.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

function parseDocker(l: PhysicalLine): { stream: Stream; msg: Buffer; msgLength: number; partial: boolean; time?: string } | undefined {
  if (l.truncated) return parseTruncatedDocker(l);
  let d: DockerLine;
  try {
    d = JSON.parse(l.head.toString('utf8')) as DockerLine;
  } catch {
    return undefined;
  }
  if (!d || typeof d.log !== 'string') return undefined;
  const stream: Stream = d.stream === 'stdout' || d.stream === 'stderr' ? d.stream : 'unknown';
  const partial = !d.log.endsWith('\n');
  const text = partial ? d.log : d.log.slice(0, d.log.endsWith('\r\n') ? -2 : -1);
  const msg = Buffer.from(text, 'utf8');
  const out: { stream: Stream; msg: Buffer; msgLength: number; partial: boolean; time?: string } = { stream, msg, msgLength: msg.length, partial };
  if (typeof d.time === 'string') out.time = d.time;
  return out;
}

/**
 * A json-file line longer than the physical keep limit (Docker splits at 16 KiB of message, so only
 * hand-made files get here): the message length is estimated from the raw length minus the JSON
 * framing, and escapes are not undone. `stream` and `time` come from the kept tail.
 */
function parseTruncatedDocker(l: PhysicalLine): { stream: Stream; msg: Buffer; msgLength: number; partial: boolean; time?: string } | undefined {
  const head = l.head.toString('utf8');
  const m = /^\{\s*"log"\s*:\s*"/.exec(head);
  if (!m) return undefined;
  const tail = l.tail.toString('utf8');
  const end = /(\\n)?",\s*"stream"\s*:\s*"(stdout|stderr)"(?:[^]*?"time"\s*:\s*"([^"]+)")?[^]*$/.exec(tail);
  const framing = m[0].length + (end ? Buffer.byteLength(end[0]) : 0);
  const out: { stream: Stream; msg: Buffer; msgLength: number; partial: boolean; time?: string } = {
    stream: (end?.[2] as Stream | undefined) ?? 'unknown',
    msg: l.head.subarray(m[0].length),
    msgLength: Math.max(0, l.length - framing),
    partial: end ? end[1] === undefined : false,
  };
  if (end?.[3]) out.time = end[3];
  return out;
}

/**
 * Splits a byte stream into physical lines with bounded memory. `readline` keeps a whole physical
 * line in memory and counts UTF-16 units, but a single plain-text or json-file line can be gigabytes
 * long and we need exact byte counts, so we split the Buffers ourselves: a line longer than
 * `keepBytes` keeps only its first `keepBytes` bytes (`head`) and its last `TAIL_BYTES` (`tail`,
 * where Docker puts `stream` and `time`), while `length` stays exact.
 */

/** bytes kept from the end of an over-long physical line */
export const TAIL_BYTES = 256;

export interface PhysicalLine {
  /** the first bytes of the line (the whole line unless `truncated`), without `\n` / `\r\n` */
  head: Buffer;
  /** the last TAIL_BYTES bytes when `truncated`, else empty */
  tail: Buffer;
  /** exact length in bytes, without the line break */
  length: number;
  truncated: boolean;
}

export class LineSplitter {
  private parts: Buffer[] = [];
  private partsBytes = 0;
  private length = 0;
  private tail: Buffer = Buffer.alloc(0);
  private truncated = false;

  constructor(
    private readonly keepBytes: number,
    private readonly onLine: (line: PhysicalLine) => void,
  ) {}

  push(chunk: Buffer): void {
    let pos = 0;
    for (;;) {
      const nl = chunk.indexOf(10, pos);
      if (nl < 0) {
        if (pos < chunk.length) this.append(chunk.subarray(pos));
        return;
      }
      if (this.length === 0 && this.parts.length === 0) {
        // fast path: the whole line is inside this chunk
        const len = nl - pos;
        if (len <= this.keepBytes) {
          const end = len > 0 && chunk[nl - 1] === 13 ? nl - 1 : nl;
          this.onLine({ head: chunk.subarray(pos, end), tail: EMPTY, length: end - pos, truncated: false });
          pos = nl + 1;
          continue;
        }
      }
      this.append(chunk.subarray(pos, nl));
      this.emit();
      pos = nl + 1;
    }
  }

  /** the last line when the input does not end with a newline */
  end(): void {
    if (this.length > 0 || this.parts.length > 0) this.emit();
  }

  private append(b: Buffer): void {
    this.length += b.length;
    const room = this.keepBytes - this.partsBytes;
    if (room > 0) {
      const kept = b.length <= room ? b : b.subarray(0, room);
      // copy: the caller's chunk buffer may be reused by the stream
      this.parts.push(Buffer.from(kept));
      this.partsBytes += kept.length;
    }
    if (this.length > this.keepBytes) {
      this.truncated = true;
      this.tail = b.length >= TAIL_BYTES ? Buffer.from(b.subarray(b.length - TAIL_BYTES)) : Buffer.concat([this.tail, b]).subarray(-TAIL_BYTES);
    }
  }

  private emit(): void {
    let head = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts);
    let length = this.length;
    let tail = this.tail;
    if (this.truncated) {
      if (tail.length > 0 && tail[tail.length - 1] === 13) {
        tail = tail.subarray(0, tail.length - 1);
        length--;
      }
    } else if (head.length > 0 && head[head.length - 1] === 13) {
      head = head.subarray(0, head.length - 1);
      length--;
    }
    this.onLine({ head, tail, length, truncated: this.truncated });
    this.parts = [];
    this.partsBytes = 0;
    this.length = 0;
    this.tail = EMPTY;
    this.truncated = false;
  }
}

const EMPTY = Buffer.alloc(0);

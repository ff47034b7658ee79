/**
 * Groups multi-line stack traces into one event, per file and stream (a stack trace is written to
 * one stream, and CRI interleaves stdout and stderr). Recognised shapes:
 * - Go: `panic: …` / `fatal error: …`, `[signal …]`, `goroutine N [running]:` blocks with their
 *   function lines, tab-indented file lines and `created by …`, several goroutines in one dump;
 * - Java and JavaScript: `    at …` frames, `Caused by: …`, `Suppressed: …`, `... N more`;
 * - Python: `Traceback (most recent call last):`, indented frames, the closing exception line and
 *   chained tracebacks.
 * A block header (`goroutine …`, `Traceback …`) joins the line right before it when that line is a
 * single-line event (the message a logger printed above the stack, as `log.Printf("%v\n%s", r,
 * debug.Stack())` or `logging.exception` do); otherwise it starts a new event.
 */
import { MESSAGE_KEEP_BYTES } from './readers.js';

export interface LogEvent {
  /** lines joined with `\n`, at most about MESSAGE_KEEP_BYTES characters */
  text: string;
  /** `text` is a prefix of the event */
  truncated: boolean;
  /** sum of the bytes of its lines (line breaks included) */
  bytes: number;
  lines: number;
}

type Mode = 'plain' | 'go-panic' | 'go-stack' | 'python' | 'python-end' | 'frames';

const MAX_EVENT_LINES = 10_000;

const GOROUTINE = /^goroutine \d+ \[[^\]]*\]:$/;
const GO_PANIC = /^(?:panic: |fatal error: )/;
const GO_FUNC = /^(?:created by \S+|[\w.*/()[\]{}~-]+\(.*\))(?: in goroutine \d+)?$/;
const FRAME = /^\s+at\s|^\s*\.\.\. \d+ (?:more|common frames omitted)|^Caused by: |^\s+Suppressed: /;
const PY_TRACEBACK = 'Traceback (most recent call last):';
const PY_CHAIN = /^(?:During handling of the above exception, another exception occurred:|The above exception was the direct cause of the following exception:)$/;

export class EventGrouper {
  private parts: string[] = [];
  private kept = 0;
  private truncated = false;
  private bytes = 0;
  private lines = 0;
  private mode: Mode = 'plain';

  constructor(private readonly emit: (e: LogEvent) => void) {}

  /** one logical line; `complete` is false when `text` is only a prefix of the line */
  line(text: string, bytes: number, complete: boolean): void {
    if (this.lines > 0 && this.lines < MAX_EVENT_LINES) {
      const next = this.continues(text);
      if (next !== undefined) {
        this.mode = next;
        this.append(text, bytes, complete);
        return;
      }
    }
    this.flush();
    this.mode = startMode(text);
    this.append(text, bytes, complete);
  }

  end(): void {
    this.flush();
  }

  /** the mode after `text` when it continues the open event, else undefined */
  private continues(text: string): Mode | undefined {
    const c = text.charCodeAt(0);
    const indented = c === 32 || c === 9;
    if (indented && FRAME.test(text)) return this.mode === 'python' ? 'python' : 'frames';
    if (c === 0x43 /* C */ && text.startsWith('Caused by: ')) return 'frames';
    if (c === 0x2e /* . */ && FRAME.test(text)) return 'frames';
    if (c === 0x67 /* g */ && GOROUTINE.test(text)) return this.lines === 1 || this.mode.startsWith('go-') ? 'go-stack' : undefined;
    if (text === PY_TRACEBACK) return this.lines === 1 || this.mode === 'python-end' ? 'python' : undefined;
    switch (this.mode) {
      case 'go-panic':
        if (text === '' || text.startsWith('[signal ') || c === 9 || GO_PANIC.test(text)) return 'go-panic';
        return undefined;
      case 'go-stack':
        if (c === 9 || text === '' || GO_FUNC.test(text) || text === '...additional frames elided...') return 'go-stack';
        return undefined;
      case 'python':
        // indented frames and source lines, then the exception line closes the traceback
        return indented ? 'python' : 'python-end';
      case 'python-end':
        if (text === '' || PY_CHAIN.test(text)) return 'python-end';
        return undefined;
      default:
        return undefined;
    }
  }

  private append(text: string, bytes: number, complete: boolean): void {
    this.lines++;
    this.bytes += bytes;
    if (!complete) this.truncated = true;
    const room = MESSAGE_KEEP_BYTES - this.kept;
    if (room <= 0) {
      this.truncated = true;
      return;
    }
    const piece = this.parts.length > 0 ? `\n${text}` : text;
    if (piece.length > room) {
      this.parts.push(piece.slice(0, room));
      this.kept = MESSAGE_KEEP_BYTES;
      this.truncated = true;
    } else {
      this.parts.push(piece);
      this.kept += piece.length;
    }
  }

  private flush(): void {
    if (this.lines === 0) return;
    this.emit({ text: this.parts.length === 1 ? this.parts[0]! : this.parts.join(''), truncated: this.truncated, bytes: this.bytes, lines: this.lines });
    this.parts = [];
    this.kept = 0;
    this.truncated = false;
    this.bytes = 0;
    this.lines = 0;
    this.mode = 'plain';
  }
}

function startMode(text: string): Mode {
  if (GO_PANIC.test(text)) return 'go-panic';
  if (GOROUTINE.test(text)) return 'go-stack';
  if (text === PY_TRACEBACK) return 'python';
  return 'plain';
}

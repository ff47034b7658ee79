/**
 * A one-line progress bar on stderr, only when stderr is a terminal (never in CI logs or pipes).
 * Redrawn at most every 100 ms, cleared when done.
 */
import { formatBytes } from './render-text.js';

const WIDTH = 30;
const INTERVAL_MS = 100;

export class ProgressBar {
  private done = 0;
  private lastDraw = 0;
  private drawn = false;

  constructor(
    private readonly total: number,
    private readonly out: NodeJS.WriteStream = process.stderr,
  ) {}

  static forStderr(total: number, enabled: boolean): ProgressBar | undefined {
    return enabled && process.stderr.isTTY ? new ProgressBar(total) : undefined;
  }

  advance(delta: number): void {
    this.done += delta;
    const now = Date.now();
    if (now - this.lastDraw < INTERVAL_MS) return;
    this.lastDraw = now;
    const frac = this.total > 0 ? Math.min(1, this.done / this.total) : 0;
    const filled = Math.round(frac * WIDTH);
    this.out.write(`\r[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${(frac * 100).toFixed(0).padStart(3)}% ${formatBytes(this.done)} / ${formatBytes(this.total)}\x1b[K`);
    this.drawn = true;
  }

  finish(): void {
    if (this.drawn) this.out.write('\r\x1b[K');
  }
}

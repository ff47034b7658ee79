/**
 * A progress bar on stderr, only when stderr is a TTY (never in CI logs) and only for runs longer
 * than a second.
 */
export interface Progress {
  update(done: number, total: number): void;
  done(): void;
}

export function createProgress(unit: string, stream: NodeJS.WriteStream = process.stderr): Progress | undefined {
  if (!stream.isTTY || process.env.CI) return undefined;
  const start = Date.now();
  let shown = false;
  let last = 0;
  return {
    update(done, total) {
      const now = Date.now();
      if (now - start < 1000 || (now - last < 100 && done < total)) return;
      last = now;
      shown = true;
      const width = 30;
      const fill = total > 0 ? Math.round((done / total) * width) : width;
      stream.write(`\r[${'#'.repeat(fill)}${' '.repeat(width - fill)}] ${done}/${total} ${unit}`);
    },
    done() {
      if (shown) stream.write('\r\u001b[2K');
    },
  };
}

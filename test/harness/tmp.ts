/**
 * Temporary directories for tests, removed when the process (or worker thread) that made them
 * exits: a full run made ~100 of them and left them all in the system's temporary directory.
 * `LOGVOL_KEEP_TEST_DIRS=1` keeps them, to look at what a failed test left.
 */
import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];

/** A fresh directory under the system's temporary directory, named `prefix` + six random characters. */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  if (made.push(dir) === 1) process.on('exit', removeAll);
  return dir;
}

function removeAll(): void {
  if (process.env.LOGVOL_KEEP_TEST_DIRS) return;
  for (const dir of made) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // a test made a directory unreadable (chmod 000): open it up, then try again
      try {
        openUp(dir);
        rmSync(dir, { recursive: true, force: true });
      } catch {
        // left behind: never fail a test run over it
      }
    }
  }
}

function openUp(dir: string): void {
  chmodSync(dir, 0o700);
  for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isDirectory() && !e.isSymbolicLink()) openUp(join(dir, e.name));
}

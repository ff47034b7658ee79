import { accessSync, constants, mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { LogvolError } from '../errors.js';

const pending = new Set<string>();

/**
 * Write a report atomically: a temporary file in the same directory, then rename. A target that
 * exists and is not a regular file (`/dev/null`, `/dev/stdout`, a FIFO) is written in place:
 * renaming over it would replace the device node with a plain file.
 */
export function writeAtomic(file: string, content: string): void {
  if (isSpecialFile(file)) {
    try {
      writeFileSync(file, content);
      return;
    } catch (e) {
      throw new LogvolError(`cannot write report ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  const dir = dirname(file);
  let tmpDir: string;
  try {
    tmpDir = mkdtempSync(join(dir, `.${basename(file)}.tmp-`));
  } catch (e) {
    throw new LogvolError(`cannot write report ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, 'check that the directory exists and is writable');
  }
  pending.add(tmpDir);
  const tmp = join(tmpDir, 'report');
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, file);
  } catch (e) {
    throw new LogvolError(`cannot write report ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  } finally {
    rmSync(tmpDir, { recursive: true, force: true });
    pending.delete(tmpDir);
  }
}

function isSpecialFile(file: string): boolean {
  try {
    const st = statSync(file);
    return !st.isFile() && !st.isDirectory();
  } catch {
    return false;
  }
}

/**
 * Fail before the scan, not after it, when a report cannot be written: the directory must exist and
 * be writable and the target must not be a directory. Nothing is created. `what` names the output
 * in the message ("report", "baseline").
 */
export function assertWritable(file: string, what = 'report'): void {
  const fail = (why: string): never => {
    throw new LogvolError(`cannot write ${what} ${file}: ${why}`, 'check that the directory exists and is writable');
  };
  const dir = dirname(file);
  let st;
  try {
    st = statSync(dir);
  } catch (e) {
    return fail((e as NodeJS.ErrnoException).code === 'ENOTDIR' ? 'ENOTDIR (a parent is a file)' : `ENOENT (no directory ${dir})`);
  }
  if (!st.isDirectory()) fail('ENOTDIR (a parent is a file)');
  try {
    accessSync(dir, constants.W_OK);
  } catch (e) {
    fail(`${(e as NodeJS.ErrnoException).code ?? 'EACCES'} (directory not writable)`);
  }
  try {
    if (statSync(file).isDirectory()) fail('EISDIR (it is a directory)');
  } catch (e) {
    if (e instanceof LogvolError) throw e;
  }
}

/** Remove temporary files of writes interrupted by a signal. */
export function cleanupPendingWrites(): void {
  for (const d of pending) rmSync(d, { recursive: true, force: true });
  pending.clear();
}

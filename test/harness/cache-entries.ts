/** Cache entries on disk, for the cache tests (cache.test.ts, cache-entry.test.ts). */
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';

/** Per-file entries only, CACHE/xx/KEY.json: what a file's summary is read from. */
export function fileEntries(dir: string): string[] {
  const subs = readdirSync(dir).filter((s) => /^[0-9a-f]{2}$/.test(s));
  return subs.flatMap((s) => readdirSync(join(dir, s)).map((f) => join(dir, s, f))).sort();
}

/** A day ago, in whole seconds (so it is set and compared exactly). */
const LONG_AGO = Math.floor(Date.now() / 1000) - 86_400;

/** Date `files` LONG_AGO: a miss stores its entry again, so a run that did not read an entry gives it a new mtime. */
export function backdate(files: string[]): void {
  for (const f of files) utimesSync(f, LONG_AGO, LONG_AGO);
}

/** Those of `files` written (or removed) since backdate: none when every one was read as a hit. */
export function rewritten(files: string[]): string[] {
  return files.filter((f) => !existsSync(f) || statSync(f).mtimeMs !== LONG_AGO * 1000);
}

/**
 * What discovery found under a directory, kept between runs (`--cache`) with the state of every
 * directory it walked and every `.gitignore` file it read, as git's untracked cache does: a file
 * added, removed or renamed changes its directory's mtime, and so does a `.gitignore` or
 * `package.json` created or removed (both change what discovery keeps); a `.gitignore` edited in
 * place changes its own. When none of them changed, the walk would find the same files, and the
 * stored list is used: on the corpora the walk and the `.gitignore` matching were ~0.1 s of
 * a ~0.35 s pre-commit run (fast-glob's walk ~65 ms, matching ~35 ms), and checking ~1,800–2,800
 * directories takes a few milliseconds.
 *
 * Directories are compared by mtime and ctime in nanoseconds (ctime also moves on a chmod, which
 * can make a directory unreadable to the walk). A record is not written when anything it names
 * changed less than RACY_MS before the walk began: a change in the same clock tick as the walk's
 * read of that directory could not be told from none (git's "racily clean" entries).
 * One file per walked path and setting (what else decides which files are kept: the root, the
 * config's include/exclude, whether tests are included); written atomically; a missing, stale or
 * corrupt record only costs the walk.
 */
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { asciiJson, hashedCacheFile, pruneOldest, readCacheText, writeAtomicText } from './cache.js';
import { envCount } from './env.js';
import { VERSION } from './package-info.js';
import { statMany } from './stat-many.js';

/** Bump when what a record holds, or what discovery keeps of a walk, changes. */
const WALK_FORMAT = 2; // 2: a test/ or tests/ with a package.json of its own is test code
/** Records kept per cache directory, the least recently written removed first. */
const MAX_RECORDS = 64;
/**
 * Changes this close to the walk (or after its start) leave the walk unrecorded: the kernel stamps
 * files from a clock that ticks every few milliseconds. `LOGVOL_WALK_RACY_MS=<n>` sets it, for tests.
 */
const RACY_MS = 2000;

/** Recorded walks this process used instead of walking (for tests and measurements). */
export let walksUsed = 0;

/** `[path, mtime ns, ctime ns]` of a directory or file, as strings (nanoseconds exceed doubles). */
type Stamp = [string, string, string];

export interface WalkRecord<T> {
  stamps: Stamp[];
  files: T[];
}

/** Where the walk of `dir` with this setting is recorded. */
export function walkRecordFile(cacheDir: string, dir: string, setting: unknown): string {
  return hashedCacheFile(cacheDir, 'walks', [`${WALK_FORMAT}\u0000${VERSION}\u0000${dir}\u0000${JSON.stringify(setting)}`]);
}

/**
 * The path's stamp, through symbolic links (a .gitignore link's target is what is applied, and a
 * walked directory's path may pass through a link), or undefined when it is gone or cannot be read.
 */
function stamp(path: string): Stamp | undefined {
  try {
    const st = statSync(path, { bigint: true, throwIfNoEntry: false });
    return st ? [path, st.mtimeNs.toString(), st.ctimeNs.toString()] : undefined;
  } catch {
    return undefined; // EACCES, ENOTDIR …: not recorded, or the record does not hold
  }
}

/** The files of the recorded walk when nothing it depends on changed since; else undefined. */
export function readWalk<T>(file: string, valid: (f: unknown) => f is T): T[] | undefined {
  try {
    const rec = JSON.parse(readCacheText(file)) as WalkRecord<T>;
    // a record always stamps at least the walked directory; its files are what discover() stored
    if (!rec || !Array.isArray(rec.stamps) || rec.stamps.length === 0 || !Array.isArray(rec.files) || !rec.files.every(valid)) return undefined;
    if (!rec.stamps.every((s) => Array.isArray(s) && typeof s[0] === 'string')) return undefined;
    // one native call for every path where the native module is built (stat-many.ts)
    const stats = statMany(rec.stamps.map((s) => s[0]));
    for (let i = 0; i < rec.stamps.length; i++) {
      const s = rec.stamps[i]!;
      const now = stats ? (stats.ok(i) ? [s[0], stats.mtimeNs(i), stats.ctimeNs(i)] : undefined) : stamp(s[0]);
      if (!now || now[1] !== s[1] || now[2] !== s[2]) return undefined;
    }
    walksUsed++;
    return rec.files;
  } catch {
    return undefined;
  }
}

/**
 * Record a walk that began at `startedMs` (Date.now()): the files it kept, and the state of the
 * directories and files (`.gitignore`) it depends on, taken now. Not recorded when one of them is
 * gone or changed too recently to be told apart from the walk.
 */
export function writeWalk<T>(file: string, startedMs: number, paths: Iterable<string>, files: T[]): void {
  const stamps: Stamp[] = [];
  // read at each write: a test sets it after this module is loaded
  const racy = BigInt(startedMs - envCount('LOGVOL_WALK_RACY_MS', RACY_MS)) * 1_000_000n;
  for (const p of paths) {
    const s = stamp(p);
    if (!s || BigInt(s[1]) >= racy || BigInt(s[2]) >= racy) return;
    stamps.push(s);
  }
  writeAtomicText(file, asciiJson({ stamps, files }));
  pruneOldest(dirname(file), MAX_RECORDS, file);
}

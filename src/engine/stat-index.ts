/**
 * File content keys remembered by file metadata (`--cache`): a warm run stats each file instead
 * of reading and hashing it, as ESLint's default cache strategy does. A remembered key is used
 * only when size, mtime, ctime and inode all match what they were when the key was computed
 * (ctime changes on every write and cannot be set back by tools that preserve mtime), and a key is
 * remembered only for a file whose timestamps are at least two seconds old when it is hashed, so
 * an edit within the timestamp granularity of the last hash is never mistaken for no change (git's
 * "racily clean" guard). Keys are also checked against the settings that enter them (Go package,
 * size limit); the index file is per logvol version, cache format and project root, written atomically, and a
 * missing, stale or corrupt index only costs the reads it would have saved.
 */
import { statSync, type Stats } from 'node:fs';
import type { AnalyzeRequest } from './analyze-file.js';
import { CACHE_FORMAT, fileKey, hashedCacheFile, readCacheText, writeAtomicJson } from './cache.js';
import { VERSION } from './package-info.js';
import { statMany, type Stats as ManyStats } from './stat-many.js';

/** size, mtimeMs, ctimeMs, inode, settings, key */
type Stamp = [number, number, number, number, string, string];
/** size, mtimeMs, ctimeMs, inode */
type Meta = [number, number, number, number];

const RACY_MS = 2000;

export class StatIndex {
  private readonly file: string;
  private readonly stamps: Record<string, Stamp>;
  private changed = false;
  private readonly seen = new Set<string>();

  /** `format`: the cache format the remembered keys were computed for (cache.ts; a test varies it) */
  constructor(cacheDir: string, root: string, format: number = CACHE_FORMAT) {
    // the keys embed the cache format: an index from another format would replay its stale keys
    this.file = hashedCacheFile(cacheDir, 'stat', [`${VERSION}\u0000${format}\u0000${root}`]);
    this.stamps = load(this.file);
  }

  /** The files' content keys (keyOf), their metadata read in one call where the native module is built (stat-many.ts). */
  keysOf(reqs: readonly AnalyzeRequest[]): (string | undefined)[] {
    const stats = statMany(reqs.map((r) => r.abs));
    return reqs.map((r, i) => this.keyOf(r, stats && { stats, i }));
  }

  /** The file's content key: remembered when its metadata is unchanged, else read and hashed. `known`: its metadata, read already. */
  keyOf(req: AnalyzeRequest, known?: { stats: ManyStats; i: number }): string | undefined {
    const settings = `${req.pkgPath}\u0000${req.maxFileSize}`;
    this.seen.add(req.rel);
    let before: Meta;
    if (known) {
      const { stats, i } = known;
      if (!stats.ok(i)) return fileKey(req); // unreadable: the read reports it
      before = [stats.size(i), stats.mtimeMs(i), stats.ctimeMs(i), stats.ino(i)];
    } else {
      try {
        before = meta(statSync(req.abs));
      } catch {
        return fileKey(req);
      }
    }
    const old = Object.hasOwn(this.stamps, req.rel) ? this.stamps[req.rel] : undefined;
    if (old && same(old, before) && old[4] === settings) return old[5];
    const key = fileKey(req);
    if (key === undefined) return undefined;
    let after: Stats;
    try {
      after = statSync(req.abs);
    } catch {
      return key;
    }
    // remember only a file that did not change while it was read and is older than the racy window
    const stamp: Stamp = [after.size, after.mtimeMs, after.ctimeMs, after.ino, settings, key];
    if (same(stamp, before) && Math.max(after.mtimeMs, after.ctimeMs) < Date.now() - RACY_MS) {
      this.stamps[req.rel] = stamp;
      this.changed = true;
    } else if (old) {
      delete this.stamps[req.rel];
      this.changed = true;
    }
    return key;
  }

  /** Write the index when it changed; files gone from the tree are dropped once they outnumber the rest. */
  save(): void {
    const keys = Object.keys(this.stamps);
    if (keys.length > 2 * this.seen.size + 64) {
      for (const k of keys) if (!this.seen.has(k)) delete this.stamps[k];
      this.changed = true;
    }
    if (this.changed) writeAtomicJson(this.file, this.stamps);
    this.changed = false;
  }
}

function meta(st: Stats): Meta {
  return [st.size, st.mtimeMs, st.ctimeMs, st.ino];
}

function same(s: Stamp | Meta, m: Meta): boolean {
  return s[0] === m[0] && s[1] === m[1] && s[2] === m[2] && s[3] === m[3];
}

function load(file: string): Record<string, Stamp> {
  try {
    const data = JSON.parse(readCacheText(file)) as unknown;
    if (!data || typeof data !== 'object' || Array.isArray(data)) return Object.create(null) as Record<string, Stamp>;
    const out = Object.create(null) as Record<string, Stamp>;
    for (const [k, v] of Object.entries(data as Record<string, unknown>)) {
      if (Array.isArray(v) && v.length === 6 && v.slice(0, 4).every((x) => typeof x === 'number') && typeof v[4] === 'string' && typeof v[5] === 'string') out[k] = v as Stamp;
    }
    return out;
  } catch {
    return Object.create(null) as Record<string, Stamp>; // no index yet, or one being written: hash everything
  }
}

/**
 * The scan plan itself (partition.ts), kept between runs (`--cache`) for the same list of files:
 * its groups, anchored files, TS importers and skip reasons, with what each file contributed to
 * them. A pre-commit run plans the same module again and again with a few files edited; with the
 * plan index (plan-index.ts) it still parsed that index's JSON (every file's strings: 3.6 MB on
 * the Go corpus) and linked every file anew, ~45 ms of a ~0.35 s run.
 *
 * The plan is a function of the list of files (their paths and Go package paths, which make the
 * tables strings are linked through), of the run's setting (anchors, tsconfig `paths`) and of each
 * file's contribution: whether it is anchored, why it would be skipped, and the files its strings
 * link it to (in order, repeats included: a TS file that names another twice is its importer
 * twice). A stored plan is used when the list and the setting are the same and every file either
 * has the content key its contribution was read from or, read again now, contributes the same.
 * Otherwise the plan is made as before, and stored.
 *
 * One file per list of files and setting (their hash names it: a pre-commit run in another module
 * has its own), the least recently written removed past MAX_PLANS. Not stored when a file could not be read or
 * has no content key (nothing would tell its contribution is unchanged). Written atomically; a
 * missing, stale or corrupt file only costs the plan.
 */
import { dirname } from 'node:path';
import { asciiJson, hashedCacheFile, pruneOldest, readCacheText, writeAtomicText, type CachedRequest } from './cache.js';
import { VERSION } from './package-info.js';

/** Bump when what a stored plan holds, or how a file's contribution is read, changes. */
const STORE_FORMAT = 1;
/** Stored plans kept per cache directory. */
const MAX_PLANS = 16;
/** Files whose contribution was read again past which a used plan is stored again with their keys. */
const RESTORE_AFTER = 64;

/** The plan's output, as stored (partition.ts ScanPlan, every file read). */
export interface PlanOutput {
  groups: number[][];
  importers?: number[][];
  anchored?: boolean[];
  skips: (string | null)[];
}

/** What one file contributed to a plan: anchored (undefined without anchors), skip reason, linked files. */
export interface Contribution {
  anchored: boolean | undefined;
  skip: string | null;
  links: number[];
}

/** Stored plans this process used (for tests and measurements). */
export let plansUsed = 0;

interface Stored {
  format: number;
  tag: string;
  /** per file, the content key its contribution was read from */
  keys: string[];
  links: number[][];
  plan: PlanOutput;
}

export class PlanStore {
  /** the list of files, hashed once: each setting (tag) of it has a file of its own */
  private readonly list: string;

  constructor(
    private readonly cacheDir: string,
    root: string,
    requests: readonly CachedRequest[],
  ) {
    this.list = hashedCacheFile(cacheDir, 'plans', [`${STORE_FORMAT}\u0000${VERSION}\u0000${root}\u0000`, ...requests.map((r) => `${r.rel}\u0000${r.abs.endsWith('.go') ? r.pkgPath : ''}\u0000`)]);
  }

  /** The stored plan's file for this setting (runs with and without the prefilter alternate without overwriting each other's). */
  private fileFor(tag: string): string {
    return hashedCacheFile(this.cacheDir, 'plans', [this.list, '\u0000', tag]);
  }

  /**
   * The stored plan for this setting when every file still contributes what it did: a file whose
   * content key changed is asked again (`now`: undefined when it cannot be read, which no stored
   * plan stands for). Undefined when there is none, or it does not hold.
   */
  reuse(tag: string, anchored: boolean, requests: readonly CachedRequest[], now: (i: number) => { key: string; contribution: Contribution } | undefined): PlanOutput | undefined {
    const s = this.read(tag, anchored, requests.length);
    if (!s) return undefined;
    let changed = 0;
    for (let i = 0; i < requests.length; i++) {
      if (requests[i]!.key !== undefined && requests[i]!.key === s.keys[i]) continue;
      const c = now(i);
      if (!c || !same(c.contribution, { anchored: s.plan.anchored?.[i], skip: s.plan.skips[i]!, links: s.links[i]! })) return undefined;
      s.keys[i] = c.key;
      changed++;
    }
    // many files changed since it was stored, each read again at every run: stored with their keys now
    if (changed > RESTORE_AFTER) this.write(s);
    plansUsed++;
    return s.plan;
  }

  /** Store the plan just made, from each file's content key and contribution. */
  save(tag: string, keys: readonly (string | undefined)[], links: readonly number[][], plan: PlanOutput): void {
    if (!keys.every((k): k is string => k !== undefined)) return;
    this.write({ format: STORE_FORMAT, tag, keys: [...keys], links: [...links], plan });
  }

  private write(s: Stored): void {
    const file = this.fileFor(s.tag);
    writeAtomicText(file, asciiJson(s));
    pruneOldest(dirname(file), MAX_PLANS, file);
  }

  private read(tag: string, anchored: boolean, n: number): Stored | undefined {
    try {
      const s = JSON.parse(readCacheText(this.fileFor(tag))) as Stored;
      return s && s.format === STORE_FORMAT && s.tag === tag && valid(s, anchored, n) ? s : undefined;
    } catch {
      return undefined; // none yet, or being written
    }
  }
}

function same(a: Contribution, b: Contribution): boolean {
  return a.anchored === b.anchored && a.skip === b.skip && a.links.length === b.links.length && a.links.every((j, k) => j === b.links[k]);
}

const isIndexList = (x: unknown, n: number): boolean => Array.isArray(x) && x.every((j) => Number.isInteger(j) && j >= 0 && j < n);

/**
 * A stored plan of `n` files, whole: every file in exactly one group, one entry per file in each
 * table, and the prefilter's tables exactly when the run has anchors (the scan reads them then).
 */
function valid(s: Stored, anchored: boolean, n: number): boolean {
  const p = s.plan;
  if (!p || (p.anchored !== undefined) !== anchored || (p.importers !== undefined) !== anchored) return false;
  if (!Array.isArray(s.keys) || s.keys.length !== n || !s.keys.every((k) => typeof k === 'string')) return false;
  if (!Array.isArray(s.links) || s.links.length !== n || !s.links.every((l) => isIndexList(l, n))) return false;
  if (!Array.isArray(p.skips) || p.skips.length !== n || !p.skips.every((x) => x === null || typeof x === 'string')) return false;
  if (p.anchored !== undefined && (!Array.isArray(p.anchored) || p.anchored.length !== n || !p.anchored.every((x) => typeof x === 'boolean'))) return false;
  if (p.importers !== undefined && (!Array.isArray(p.importers) || p.importers.length !== n || !p.importers.every((l) => isIndexList(l, n)))) return false;
  if (!Array.isArray(p.groups) || !p.groups.every((g) => isIndexList(g, n) && g.length > 0)) return false;
  const seen = new Uint8Array(n);
  for (const g of p.groups) for (const i of g) if (seen[i]++) return false;
  return seen.every((x) => x === 1);
}

/**
 * What the scan plan (partition.ts) reads from each file, remembered by content key (`--cache`):
 * whether the file matches its language's anchor (prefilter.ts), the string literals and module
 * specifiers that can link it to other files, and why analysing it would skip it, if it would.
 * With it, a run whose result is not cached (a pre-commit run, a scan after an edit) reads only
 * the files that changed to plan, not every file of the tree: on the issue's Go corpus the plan
 * read 4,449 files, 210 ms of a 1.4 s pre-commit run.
 *
 * Facts are stored as the strings, never as the links they made: which files a string names
 * depends on the other files of the run (a pre-commit run sees its module, a full scan the tree),
 * so they are linked anew each run, from the same strings the text would give.
 *
 * The index is one file per logvol version and project root, valid for one setting of what the
 * facts depend on beyond the file's content (`tag`: what the anchors match, from the sinks and
 * logvol's tables; whether anchors were asked for); another setting starts it empty. A TS file's
 * facts also depend on the prefixes of the run's tsconfig `paths`: the plan stores them under a
 * key that holds a digest of those (partition.ts). A change to how the plan reads a text
 * (partition.ts, the anchors' code) bumps
 * PLAN_FORMAT. A file's facts are stored under the content key of the bytes they were read from,
 * and used only when the file's content key (stat-index.ts) is that one.
 * Written atomically; rewritten only when more than REWRITE_AFTER files were read, so a run that
 * reads a few edited files does not pay for writing the whole index (the next run reads those few
 * again). A missing, stale or corrupt index only costs the reads it would have saved.
 */
import { hashedCacheFile, readCacheText, writeAtomicJson } from './cache.js';
import { standalone } from './compact.js';
import { VERSION } from './package-info.js';

/** Bump when what the plan reads from a text changes. */
const PLAN_FORMAT = 3; // 3: a TS file's facts keyed by the `paths` prefixes too (nested configs)
/** Files read afresh past which the index is written back. */
export const REWRITE_AFTER = 64;

export interface FileFacts {
  /** the file's text matches its language's anchor (false when no anchors were asked for) */
  anchored: boolean;
  /** the strings the plan links the file through, each once, in the order of the text */
  strings: string[];
  /** why analysing the file would skip it (skipMessage, analyze-file.ts); undefined when it would not */
  skip?: string;
}

/** content key, anchored (0/1), strings, skip message ('' for none) */
type Stored = [string, number, string[], string];

export class PlanIndex {
  private readonly file: string;
  private tag = '';
  private facts: Record<string, Stored> = Object.create(null) as Record<string, Stored>;
  private read = 0;
  private readonly seen = new Set<string>();

  constructor(cacheDir: string, root: string) {
    this.file = hashedCacheFile(cacheDir, 'plan', [`${VERSION}\u0000${PLAN_FORMAT}\u0000${root}`]);
  }

  /** Load the facts stored under `tag`; under another tag, none. */
  open(tag: string): void {
    this.tag = tag;
    try {
      const data = JSON.parse(readCacheText(this.file)) as { tag?: unknown; facts?: unknown };
      if (data && data.tag === tag && data.facts && typeof data.facts === 'object' && !Array.isArray(data.facts)) {
        this.facts = Object.assign(Object.create(null) as Record<string, Stored>, data.facts);
      }
    } catch {
      // no index yet, or one being written: every file is read
    }
  }

  /** The facts of `rel` when they were read from the content with this key. */
  get(rel: string, key: string | undefined): FileFacts | undefined {
    this.seen.add(rel);
    if (key === undefined) return undefined;
    const s = this.facts[rel];
    if (!Array.isArray(s) || s[0] !== key || !Array.isArray(s[2]) || !s[2].every((x) => typeof x === 'string') || typeof s[3] !== 'string') return undefined;
    return { anchored: s[1] === 1, strings: s[2], ...(s[3] ? { skip: s[3] } : {}) };
  }

  /**
   * Remember the facts just read from the content with this key. The strings are cut from the
   * file's text, and each would keep the whole text alive: they are stored as strings of their own
   * (on the Go corpus, a first scan with an empty cache peaked 60 MiB higher without that).
   */
  set(rel: string, key: string, f: FileFacts): void {
    this.read++;
    this.facts[rel] = [key, f.anchored ? 1 : 0, f.strings.map(standalone), f.skip ?? ''];
  }

  /**
   * Write the index back when enough files were read. Files this run did not see (gone from the
   * tree, or outside a pre-commit run's modules) are dropped once they outnumber the rest.
   */
  save(): void {
    if (this.read <= REWRITE_AFTER) return;
    const rels = Object.keys(this.facts);
    if (rels.length > 2 * this.seen.size + 64) for (const rel of rels) if (!this.seen.has(rel)) delete this.facts[rel];
    writeAtomicJson(this.file, { tag: this.tag, facts: this.facts });
  }
}

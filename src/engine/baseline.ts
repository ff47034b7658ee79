/**
 * Baselines: accept today's findings, report only new ones.
 *
 *   --write-baseline <file>   records the reported findings by fingerprint
 *   --baseline <file>         hides findings whose fingerprint is recorded, and counts stale entries
 *
 * The file is JSON, sorted (path, rule, fingerprint) and versioned so it diffs well in review:
 *
 *   { "version": 1, "tool": "logvol",
 *     "entries": [ { "fingerprint": "…", "ruleId": "context-print", "path": "internal/h.go",
 *                    "function": "GetProduct", "message": "…" } ] }
 *
 * Only `fingerprint` is matched; the other fields are for humans. The fingerprint (findings.ts)
 * has no line number, so line moves and unrelated edits do not resurrect a baselined finding.
 *
 * Identical calls in one function. The fingerprint of the n-th identical call (same rule, file,
 * function and normalised call text) carries the index n, so a baseline holding k such calls
 * accepts *k of them*, whichever they are. Fixing one and adding another identical call in the same
 * function is indistinguishable from moving it, and is not reported; adding one more than the
 * baseline holds is reported (on the last of them in source order). A different call, a different
 * function or a different file always gets a new fingerprint and is reported.
 */
import { readFileSync } from 'node:fs';
import { UsageError } from '../errors.js';
import type { Finding } from './findings.js';

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  path: string;
  function: string;
  message: string;
}

export interface BaselineFile {
  version: number;
  tool: 'logvol';
  entries: BaselineEntry[];
}

export function buildBaseline(findings: readonly Finding[]): BaselineFile {
  const entries = findings
    .map((f) => ({ fingerprint: f.fingerprint, ruleId: f.ruleId, path: f.path, function: f.function, message: f.message }))
    .sort((a, b) => cmp(a.path, b.path) || cmp(a.ruleId, b.ruleId) || cmp(a.fingerprint, b.fingerprint));
  return { version: BASELINE_VERSION, tool: 'logvol', entries };
}

export function serializeBaseline(b: BaselineFile): string {
  return `${JSON.stringify(b, null, 2)}\n`;
}

export function readBaseline(file: string): BaselineFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read baseline ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, 'create one with --write-baseline <file>');
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`baseline ${file} is not valid JSON: ${(e as Error).message}`, 'recreate it with --write-baseline <file>');
  }
  const b = data as Partial<BaselineFile>;
  if (typeof b !== 'object' || b === null || !Array.isArray(b.entries)) {
    throw new UsageError(`baseline ${file}: expected an object with an "entries" array`, 'recreate it with --write-baseline <file>');
  }
  if (b.version !== BASELINE_VERSION) {
    throw new UsageError(`baseline ${file}: unsupported version ${JSON.stringify(b.version)} (this logvol reads version ${BASELINE_VERSION})`, 'recreate it with --write-baseline <file>');
  }
  b.entries.forEach((e, i) => {
    if (typeof e !== 'object' || e === null || typeof (e as BaselineEntry).fingerprint !== 'string') {
      throw new UsageError(`baseline ${file}: entries[${i}] has no "fingerprint" string`, 'recreate it with --write-baseline <file>');
    }
  });
  return b as BaselineFile;
}

export interface BaselineResult<T> {
  /** findings not in the baseline */
  fresh: T[];
  /** how many findings the baseline hid */
  hidden: number;
  /** baseline entries that matched no current finding (fixed, or their code is gone) */
  stale: BaselineEntry[];
}

/**
 * Split findings into new ones and baselined ones. `alsoPresent` are fingerprints that exist but are
 * not reported (suppressed in source, or outside a diff/file filter): they do not make an entry stale.
 */
export function applyBaseline<T extends { fingerprint: string }>(findings: readonly T[], baseline: BaselineFile, alsoPresent: Iterable<string> = []): BaselineResult<T> {
  const known = new Set(baseline.entries.map((e) => e.fingerprint));
  const seen = new Set<string>(alsoPresent);
  const fresh: T[] = [];
  let hidden = 0;
  for (const f of findings) {
    seen.add(f.fingerprint);
    if (known.has(f.fingerprint)) hidden++;
    else fresh.push(f);
  }
  return { fresh, hidden, stale: baseline.entries.filter((e) => !seen.has(e.fingerprint)) };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

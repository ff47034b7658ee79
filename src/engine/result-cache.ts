/**
 * Whole-scan result cache (`--cache`). Findings depend on the whole module (a helper is per
 * request because of a handler in another file), so the per-file summary cache cannot skip the
 * module model. This cache does, for the common case of an unchanged tree (a CI re-run, a second
 * pre-commit attempt, an editor saving twice): the key covers every input the result depends on
 *
 * - logvol's version and the cache format,
 * - the project root, the effective config (rules, options, sinks, include/exclude, limits) and
 *   the report-only file set,
 * - every analysed file's per-file cache key (path, Go package, size limit, content),
 * - the discovery notices (what was skipped and why), and whether the TS prefilter ran,
 * - the TypeScript `paths` (the root's tsconfig.json or tsconfig.base.json and the configs it
 *   extends), all the model reads of other files,
 *
 * and the value is the final ScanResult. `--type-aware` is never cached this way: the TypeScript
 * program reads files logvol does not hash (declarations, node_modules). A changed file, config or
 * version is a different key; stale entries are never read again.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Rule } from '../rule-api.js';
import type { ResolvedConfig } from '../config/load.js';
import type { Notice } from '../languages/types.js';
import type { ModuleAliases } from '../languages/ts/tsconfig-paths.js';
import { VERSION } from './package-info.js';
import { readCacheText, writeAtomicJson } from './cache.js';
import type { ScanResult } from './scan.js';

const RESULT_FORMAT = 1;

export interface ResultKeyInput {
  root: string;
  config: ResolvedConfig;
  reportOnly?: ReadonlySet<string>;
  /** per-file cache keys, in discovery order */
  fileKeys: string[];
  discoveryNotices: Notice[];
  /** the TS prefilter: without it, files that cannot matter are parsed too, and their syntax notices shown */
  prefilter: boolean;
  /** what the model reads of files it does not analyse: the tsconfig `paths` (readModuleAliases) */
  aliases: ModuleAliases;
}

export function resultKey(input: ResultKeyInput): string {
  const config = JSON.stringify(input.config, (_k, v: unknown) => (v instanceof Map ? [...v.entries()] : v));
  return createHash('sha256')
    .update(JSON.stringify([RESULT_FORMAT, VERSION, input.root, config, input.reportOnly ? [...input.reportOnly].sort() : null, input.aliases, input.discoveryNotices, input.prefilter]))
    .update(input.fileKeys.join('\n'))
    .digest('hex');
}

type StoredResult = Omit<ScanResult, 'rules'> & { ruleIds: string[] };

function entryPath(cacheDir: string, key: string): string {
  return join(cacheDir, 'results', `${key}.json`);
}

/** The stored result for `key`, with the rules that ran looked up by id; undefined on a miss. */
export function readResult(cacheDir: string, key: string, rules: readonly Rule[]): ScanResult | undefined {
  try {
    const stored = JSON.parse(readCacheText(entryPath(cacheDir, key))) as StoredResult;
    if (!stored || !Array.isArray(stored.findings) || !Array.isArray(stored.ruleIds)) return undefined;
    const byId = new Map(rules.map((r) => [r.meta.id, r]));
    const ran = stored.ruleIds.map((id) => byId.get(id));
    if (ran.some((r) => r === undefined)) return undefined;
    const { ruleIds: _ids, ...rest } = stored;
    return { ...rest, rules: ran as Rule[] };
  } catch {
    return undefined; // a miss, a partial or a foreign entry
  }
}

export function writeResult(cacheDir: string, key: string, result: ScanResult): void {
  const { rules, ...rest } = result;
  const stored: StoredResult = { ...rest, ruleIds: rules.map((r) => r.meta.id) };
  writeAtomicJson(entryPath(cacheDir, key), stored);
}

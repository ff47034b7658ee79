/**
 * Worker-thread entry: analyses a batch of files and returns plain-data results (never trees).
 * Each worker keeps its own parsers (module-level in languages/parsers.ts). Returning to the event
 * loop between batches lets N-API finalizers free the native trees, which keeps memory flat.
 */
import { analyzeCached, type CachedRequest } from './cache.js';
import type { AnalyzeResult } from './analyze-file.js';
import { isTsPath, warmUpTs } from './warm-up.js';

export default function run(batch: CachedRequest[]): AnalyzeResult[] {
  // a hit here is an entry another process stored since this run's own lookups (pool.ts). Read
  // whole: the result reaches the main thread as a copy, without the marks a read for the model
  // only leaves (cache.ts isModelOnly, fromCache), and scan.ts would take it for a parse's
  // summary (a large Go group's are compacted, which reads every part)
  // workers start only for long lists (pool.ts): each warms up its TS summariser once (warm-up.ts)
  if (batch.some((r) => isTsPath(r.abs))) warmUpTs();
  return batch.map((req) => analyzeCached(req.modelOnly ? { ...req, modelOnly: false } : req));
}

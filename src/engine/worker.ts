/**
 * Worker-thread entry: analyses a batch of files and returns plain-data results (never trees).
 * Each worker keeps its own parsers (module-level in languages/parsers.ts). Returning to the event
 * loop between batches lets N-API finalizers free the native trees, which keeps memory flat.
 */
import { analyzeCached, type CachedRequest } from './cache.js';
import type { AnalyzeResult } from './analyze-file.js';

export default function run(batch: CachedRequest[]): AnalyzeResult[] {
  return batch.map(analyzeCached);
}

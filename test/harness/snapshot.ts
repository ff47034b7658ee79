/** Scans for the stored-model tests (model-snapshot.test.ts, ts-model-snapshot.test.ts). */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scan, type ScanResult } from '../../src/engine/scan.js';
import { expandToModuleContext } from '../../src/engine/module-context.js';
import { snapshotsUsed } from '../../src/engine/model-snapshot.js';
import { loadConfig } from '../../src/config/load.js';
import { rules } from '../../rules/index.js';

/** A scan as the CLI runs it: explicit files with their module around them; every group keeps its model. */
export async function run(root: string, files: string[], cacheDir?: string, maxFileSize?: number, jobs?: number): Promise<{ result: ScanResult; used: number }> {
  const config = loadConfig({ cwd: root, rules });
  const ctx = expandToModuleContext(root, root, files);
  const before = snapshotsUsed;
  const result = await scan({
    cwd: root,
    root,
    paths: ctx.paths,
    ...(ctx.reportOnly ? { reportOnly: ctx.reportOnly } : {}),
    config,
    rules,
    snapshotMinFiles: 0,
    ...(cacheDir ? { cacheDir } : {}),
    ...(maxFileSize ? { maxFileSize } : {}),
    ...(jobs ? { jobs } : {}),
  });
  return { result, used: snapshotsUsed - before };
}

/** What the full model reports: no cache, so no stored model. */
export async function full(root: string, files: string[], maxFileSize?: number): Promise<ScanResult> {
  return (await run(root, files, undefined, maxFileSize)).result;
}

export const edit = (root: string, rel: string, change: (text: string) => string): void => writeFileSync(join(root, rel), change(readFileSync(join(root, rel), 'utf8')));

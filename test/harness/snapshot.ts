/** Scans for the stored-model tests (model-snapshot.test.ts, ts-model-snapshot.test.ts). */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { scan, type ScanResult } from '../../src/engine/scan.js';
import { expandToModuleContext } from '../../src/engine/module-context.js';
import { graphsSettled, snapshotsUsed } from '../../src/engine/model-snapshot.js';
import { loadConfig } from '../../src/config/load.js';
import { rules } from '../../rules/index.js';

/**
 * A scan as the CLI runs it: explicit files with their module around them; every group keeps its model.
 * `used`: stored models the scan counted as used; `settled`: of those, models whose reachability
 * was computed again after edits of edges (GoModel.settleEdits); `analysed`: files it analysed (summarised or read
 * from the cache), every round of every group. A stored model that answers leaves the group's
 * unchanged files unanalysed; one that is counted and then thrown away analyses them all.
 */
export async function run(root: string, files: string[], cacheDir?: string, maxFileSize?: number, jobs?: number): Promise<{ result: ScanResult; used: number; settled: number; analysed: number }> {
  const config = loadConfig({ cwd: root, rules });
  const ctx = expandToModuleContext(root, root, files);
  const before = snapshotsUsed;
  const settledBefore = graphsSettled;
  let analysed = 0;
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
    // the total grows with each list of files handed to analysis: its last value is all of them
    onProgress: (_done, total) => void (analysed = Math.max(analysed, total)),
  });
  return { result, used: snapshotsUsed - before, settled: graphsSettled - settledBefore, analysed };
}

/** What the full model reports: no cache, so no stored model. */
export async function full(root: string, files: string[], maxFileSize?: number): Promise<ScanResult> {
  return (await run(root, files, undefined, maxFileSize)).result;
}

export const edit = (root: string, rel: string, change: (text: string) => string): void => writeFileSync(join(root, rel), change(readFileSync(join(root, rel), 'utf8')));

/**
 * Plant a visible mark in the stored models: every JSON string `from` in a stored state (the second
 * line of each file under CACHE/models/; the first, the files and skips, is left alone) becomes `to`.
 * A name is not what a model decides anything by once built, so a run that uses the stored model
 * reports the planted name, and one that builds the model reports the real one. Returns how many
 * strings were replaced.
 */
export function plantInStoredModels(cacheDir: string, from: string, to: string): number {
  let planted = 0;
  const dir = join(cacheDir, 'models');
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    const text = readFileSync(file, 'utf8');
    const nl = text.indexOf('\n');
    const needle = JSON.stringify(from);
    const state = text.slice(nl + 1);
    const count = state.split(needle).length - 1;
    if (count === 0) continue;
    planted += count;
    writeFileSync(file, `${text.slice(0, nl + 1)}${state.split(needle).join(JSON.stringify(to))}`);
  }
  return planted;
}

/** A stored model file's state: its second line (the first is the files and skips, a third a Go model's call graph). */
export const stateLine = (text: string): string => text.split('\n')[1] ?? '';

/** Fixture projects under fixtures/ (`dirs`, relative to it), each file as a map for tempProject. */
export function fixtureProjects(dirs: string[]): { name: string; files: Record<string, string> }[] {
  const base = join(import.meta.dirname, '..', '..', '..', 'fixtures');
  return dirs.map((name) => {
    const files: Record<string, string> = {};
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir)) {
        const p = join(dir, e);
        if (statSync(p).isDirectory()) walk(p);
        else files[relative(join(base, name), p)] = readFileSync(p, 'utf8');
      }
    };
    walk(join(base, name));
    return { name, files };
  });
}

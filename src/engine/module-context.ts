/**
 * Explicit files, scanned with their module around them (pre-commit passes only the changed
 * files). Whether a call runs per request depends on other files — the handler that calls a helper
 * lives elsewhere — so when every path argument is a file, logvol analyses the module containing
 * each file and reports findings only in the files given:
 * - Go: the Go module, found by walking up from the file to the nearest `go.mod` (not above the
 *   project root; for a file outside it, a path of another project, as far as the go tool looks);
 *   without one, the file's package directory.
 * - TypeScript / JavaScript: the nearest directory with a `package.json` (not above the project
 *   root; for a file outside it, not above its own project's: its git top level); without one, the
 *   file alone. With it, the directories the tsconfig `paths` that apply there name outside it
 *   (a monorepo's shared package: a full scan links them as well).
 * A directory argument anywhere turns this off: directories are scanned and reported as given.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { contains, findProjectRoot, isDirectory, toPosix } from './discover.js';
import { pathTargetDirs } from '../languages/ts/tsconfig-paths.js';

export interface ModuleContext {
  /** what to discover and analyse */
  paths: string[];
  /** project-relative paths to report findings in; undefined = report everything */
  reportOnly?: Set<string>;
}

export function expandToModuleContext(cwd: string, root: string, args: readonly string[]): ModuleContext {
  if (args.length === 0) return { paths: [...args] };
  const abs = args.map((a) => resolve(cwd, a));
  if (!abs.every(isFile)) return { paths: [...args] };
  const dirs = new Set<string>();
  const reportOnly = new Set<string>();
  for (const file of abs) {
    const rel = toPosix(relative(root, file));
    reportOnly.add(rel.startsWith('../') ? toPosix(file) : rel);
    const ctx = moduleDirOf(file, root);
    if (ctx) dirs.add(ctx);
    // the directories its tsconfig `paths` name outside its package (a shared package in the
    // monorepo, `@orders/log` → ../../packages/log/src): a full scan links them too
    if (ctx && extname(file) !== '.go' && contains(root, ctx)) {
      for (const d of pathTargetDirs(root, toPosix(relative(root, ctx)) || '.')) {
        const abs = resolve(root, d);
        if (!contains(ctx, abs) && isDirectory(abs)) dirs.add(abs);
      }
    }
  }
  // files are passed too, so one that .gitignore or a default exclude would skip is still analysed
  return { paths: [...[...dirs].sort(), ...abs], reportOnly };
}

/** The directory to analyse around `file`, or undefined for the file alone. */
export function moduleDirOf(file: string, root: string): string | undefined {
  const go = extname(file) === '.go';
  const marker = go ? 'go.mod' : 'package.json';
  const top = contains(root, file) ? resolve(root) : go ? undefined : findProjectRoot(dirname(file));
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    if (existsSync(join(dir, marker))) return dir;
    if (dir === top || dirname(dir) === dir) break;
  }
  return go ? dirname(file) : undefined;
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

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
 *   file alone. A package of a workspace (npm/yarn `workspaces`, `pnpm-workspace.yaml`) is analysed
 *   with the whole workspace: its services import the other packages by name (tsconfig-paths.ts),
 *   and a pre-commit run must see the wrapper a package exports as a full scan sees it.
 * A directory argument anywhere turns this off: directories are scanned and reported as given.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { contains, findProjectRoot, toPosix } from './discover.js';

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
    if (existsSync(join(dir, marker))) return go ? dir : (workspaceRoot(dir, top) ?? dir);
    if (dir === top || dirname(dir) === dir) break;
  }
  return go ? dirname(file) : undefined;
}

/** The workspace above (or at) a package's directory, not above `top`; undefined for none. */
function workspaceRoot(pkgDir: string, top: string | undefined): string | undefined {
  for (let dir = pkgDir; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml')) || declaresWorkspaces(join(dir, 'package.json'))) return dir;
    if (dir === top || dirname(dir) === dir) return undefined;
  }
}

/** A manifest with a `workspaces` field (a list, or yarn's `{ packages: [...] }`), read as data. */
function declaresWorkspaces(manifest: string): boolean {
  try {
    const m = JSON.parse(readFileSync(manifest, 'utf8').replace(/^\uFEFF/, '')) as { workspaces?: unknown } | null;
    const w = m?.workspaces;
    return Array.isArray(w) || (typeof w === 'object' && w !== null && Array.isArray((w as { packages?: unknown }).packages));
  } catch {
    return false; // none here, or unreadable: not a workspace
  }
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

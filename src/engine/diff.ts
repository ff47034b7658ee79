/**
 * `--diff-base <ref>`: which lines a change adds, computed with the local git (no hosting API, so
 * no file cap). The base is `git merge-base <ref> HEAD`; the diff runs from there to the *working
 * tree*, so committed, staged and unstaged edits all count, and untracked (not ignored) files count
 * as wholly new. Renames are followed, so a moved file only reports what changed in it.
 *
 * The whole module is still analysed (a handler in an unchanged file still makes a changed helper
 * per-request); only the reported findings are filtered, here, after analysis.
 *
 * Safety: git runs with `--no-ext-diff --no-textconv` and without fsmonitor, so no diff driver or
 * hook configured for the scanned repository is executed.
 */
import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, relative, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { toPosix } from './discover.js';

/** Changed lines per file, relative to the git top level; `'all'` for a new (untracked or added) file. */
export interface ChangedLines {
  /** the merge-base commit the diff starts from */
  base: string;
  /** absolute git top level */
  top: string;
  files: Map<string, Set<number> | 'all'>;
}

const SAFE = ['-c', 'core.fsmonitor=false', '-c', 'core.quotePath=false'];

function git(cwd: string, args: string[]): string {
  // loaded here, not at start-up: most runs compare nothing (node:child_process brings net, dgram…)
  const { execFileSync } = createRequire(import.meta.url)('node:child_process') as typeof import('node:child_process');
  return execFileSync('git', [...SAFE, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
}

function gitError(e: unknown): string {
  const err = e as { stderr?: string; code?: string; message?: string };
  if (err.code === 'ENOENT') return 'git is not installed or not on PATH';
  return (err.stderr ?? err.message ?? String(e)).trim().split('\n')[0] ?? 'git failed';
}

/** Resolve the merge base of `ref` and HEAD and collect the lines added since then. */
export function changedLines(cwd: string, ref: string): ChangedLines {
  let top: string;
  try {
    top = git(cwd, ['rev-parse', '--show-toplevel']).trim();
  } catch (e) {
    throw new UsageError(`--diff-base needs a git repository: ${gitError(e)}`, 'run logvol inside the git checkout you want to compare');
  }
  let base: string;
  try {
    base = git(top, ['merge-base', ref, 'HEAD']).trim();
  } catch (e) {
    throw new UsageError(
      `--diff-base ${ref}: no merge base with HEAD (${gitError(e)})`,
      'fetch the base ref and enough history (in GitLab CI set GIT_DEPTH: "0" or fetch the target branch)',
    );
  }
  const files = new Map<string, Set<number> | 'all'>();
  let patch: string;
  try {
    patch = git(top, ['diff', '--no-color', '--no-ext-diff', '--no-textconv', '--find-renames', '--unified=0', base, '--']);
  } catch (e) {
    throw new UsageError(`--diff-base ${ref}: git diff failed: ${gitError(e)}`);
  }
  parseUnifiedDiff(patch, files);
  try {
    for (const f of git(top, ['ls-files', '--others', '--exclude-standard', '-z']).split('\0')) if (f) files.set(f, 'all');
  } catch (e) {
    throw new UsageError(`--diff-base ${ref}: git ls-files failed: ${gitError(e)}`);
  }
  return { base, top, files };
}

/** Parse `git diff --unified=0` output into added/changed line numbers of the new side. */
export function parseUnifiedDiff(patch: string, files: Map<string, Set<number> | 'all'> = new Map()): Map<string, Set<number> | 'all'> {
  let current: Set<number> | undefined;
  let fromDevNull = false;
  for (const line of patch.split('\n')) {
    if (line.startsWith('diff --git ')) {
      current = undefined;
      fromDevNull = false;
    } else if (line.startsWith('--- ')) {
      fromDevNull = line === '--- /dev/null';
    } else if (line.startsWith('+++ ')) {
      const name = line.slice(4);
      if (name === '/dev/null') {
        current = undefined;
        continue;
      }
      const path = stripPrefix(unquote(name));
      if (fromDevNull) {
        files.set(path, 'all');
        current = undefined;
      } else {
        current = new Set();
        files.set(path, current);
      }
    } else if (line.startsWith('@@') && current) {
      const m = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
      if (!m) continue;
      const start = Number(m[1]);
      const count = m[2] === undefined ? 1 : Number(m[2]);
      for (let i = 0; i < count; i++) current.add(start + i);
    }
  }
  return files;
}

function stripPrefix(p: string): string {
  return p.startsWith('b/') ? p.slice(2) : p;
}

/** git's C-style quoting of unusual path names ("a\tb", octal escapes of UTF-8 bytes). */
function unquote(s: string): string {
  if (!s.startsWith('"') || !s.endsWith('"')) return s;
  const bytes: number[] = [];
  const body = s.slice(1, -1);
  const simple: Record<string, number> = { n: 10, t: 9, r: 13, b: 8, f: 12, v: 11, a: 7, '"': 34, '\\': 92 };
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const n = body[i + 1] ?? '';
    if (/[0-7]/.test(n)) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(simple[n] ?? n.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/**
 * Keep the items whose line range touches an added or changed line. `root` is the project root the
 * items' paths are relative to (it may be below the git top level).
 */
export function filterToChanged<T extends { path: string; line: number; endLine: number }>(items: readonly T[], changed: ChangedLines, root: string): T[] {
  const keyOf = diffKey(changed, root);
  return items.filter((f) => {
    const lines = changed.files.get(keyOf(f.path));
    if (!lines) return false;
    if (lines === 'all') return true;
    for (let l = f.line; l <= Math.max(f.line, f.endLine); l++) if (lines.has(l)) return true;
    return false;
  });
}

/** The items in files the diff changes (any line): a notice about a file, which has no span of its own. */
export function inChangedFiles<T extends { path: string }>(items: readonly T[], changed: ChangedLines, root: string): T[] {
  const keyOf = diffKey(changed, root);
  return items.filter((f) => changed.files.has(keyOf(f.path)));
}

/**
 * How many items lie in files outside the repository the diff is of (another project's, scanned
 * beside this one): --diff-base never reports them, and says so.
 */
export function outsideDiff(items: readonly { path: string }[], changed: ChangedLines, root: string): number {
  const keyOf = diffKey(changed, root);
  return items.filter((f) => {
    const key = keyOf(f.path);
    return key === '..' || key.startsWith('../') || isAbsolute(key);
  }).length;
}

/** A finding's path (relative to `root`, or absolute outside it) as the diff names it: relative to the git top level. */
function diffKey(changed: ChangedLines, root: string): (path: string) => string {
  let realRoot = root;
  try {
    realRoot = realpathSync(root);
  } catch {
    // keep the given root
  }
  return (path) => toPosix(relative(changed.top, resolve(realRoot, path)));
}

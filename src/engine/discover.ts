/**
 * File discovery: fast-glob + .gitignore (the `ignore` package) + config include/exclude.
 * Default excludes: node_modules (but one a .gitignore re-includes), vendor, .git, dist, build. Test code (`languages/test-paths.ts`)
 * is skipped unless asked for. Symbolic links are not followed (a link loop or a link out of the tree cannot bite),
 * except a `.gitignore` that is one: its target is read, as git reads it.
 */
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import fg from 'fast-glob';
import ignoreModule from 'ignore';
import picomatch from 'picomatch';
import { ConfigError, UsageError } from '../errors.js';
import type { ResolvedConfig } from '../config/load.js';
import type { Notice } from '../languages/types.js';
import { SOURCE_EXTENSIONS } from '../languages/parsers.js';
import { isTestPath } from '../languages/test-paths.js';
import { readWalk, walkRecordFile, writeWalk } from './walk-cache.js';

type Ignore = ReturnType<typeof ignoreModule>;
const ignore = ignoreModule as unknown as () => Ignore;

export const DEFAULT_EXCLUDED_DIRS = ['node_modules', 'vendor', '.git', 'dist', 'build'];

export interface DiscoveredFile {
  abs: string;
  /** relative to the project root, forward slashes */
  rel: string;
}

export interface DiscoverOptions {
  cwd: string;
  root: string;
  paths: string[];
  config: ResolvedConfig;
  includeTests: boolean;
  /** also walk vendor/ directories (--include-vendor) */
  includeVendor?: boolean;
  /** `--cache`: the walk of a directory is recorded, and used while nothing it depends on changed (walk-cache.ts) */
  cacheDir?: string;
}

export function toPosix(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/');
}

/**
 * `relative(dir, abs)` in POSIX form; a path under the directory is sliced, not recomputed by
 * path.relative, which resolves both paths (a warm run's discovery is most of its time, and a Go
 * pre-commit run asks for the package path of ~900 directories).
 */
export function relativeUnder(dir: string, abs: string): string {
  const prefix = dir.endsWith(sep) ? dir : dir + sep;
  return abs.startsWith(prefix) && !abs.includes(`${sep}..${sep}`) && !abs.includes(`${sep}.${sep}`) ? toPosix(abs.slice(prefix.length)) : toPosix(relative(dir, abs));
}

/**
 * Test code (see `languages/test-paths.ts`), skipped unless tests are asked for: a `test/`,
 * `tests/` or `spec/` directory is a package's when the project root or a package.json holds it.
 */
function testFileCheck(root: string): (rel: string) => boolean {
  const packages = new Map<string, boolean>();
  const isPackageDir = (dir: string): boolean => {
    let known = packages.get(dir);
    if (known === undefined) packages.set(dir, (known = existsSync(join(root, dir, 'package.json'))));
    return known;
  };
  return (rel) => isTestPath(rel, isPackageDir);
}

/** A kept file as a walk record stores it: `[abs, rel]`. */
function isKept(f: unknown): f is [string, string] {
  return Array.isArray(f) && f.length === 2 && typeof f[0] === 'string' && typeof f[1] === 'string';
}

/** Find the project root: the nearest ancestor with a .git entry, else `cwd`. */
export function findProjectRoot(cwd: string): string {
  let dir = resolve(cwd);
  for (;;) {
    if (existsSync(join(dir, '.git'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve(cwd);
    dir = parent;
  }
}

/**
 * The root a scan of `paths` resolves everything from (.gitignore files, Go modules, package.json
 * files, reported paths): the project holding `cwd`, unless every path lies outside it and in one
 * other project (the nearest ancestor with a .git entry; without one, the directory given, or a
 * file's directory): then that project's. So `logvol scan ../svc` finds what `cd ../svc && logvol
 * scan` finds: a Go package outside the root had no module (its imports were not followed) and a
 * .gitignore outside it was not read. Paths in several projects keep the current one's root (a
 * common ancestor would change its reported paths and fingerprints, and could make a directory
 * above the projects, such as `test/`, a test directory).
 */
export function scanRootFor(cwd: string, paths: readonly string[]): string {
  const home = findProjectRoot(cwd);
  let other: string | undefined;
  for (const p of paths) {
    const abs = resolve(cwd, p);
    if (contains(home, abs)) return home;
    const root = findProjectRoot(isDirectory(abs) ? abs : dirname(abs));
    if (other !== undefined && other !== root) return home;
    other = root;
  }
  return other ?? home;
}

/** Whether `p` is a directory (not a link to one). */
export function isDirectory(p: string): boolean {
  try {
    // no exception for a missing entry: the walk asks this of every directory (node_modules)
    return lstatSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;
  } catch {
    return false;
  }
}

/** Whether `p` is `dir` or under it. */
export function contains(dir: string, p: string): boolean {
  const rel = relative(dir, p);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** The .gitignore files that apply in a directory, outermost first, each with its directory's path prefix. */
type IgnoreChain = readonly { ig: Ignore; base: string }[];
const NO_IGNORES: IgnoreChain = [];

class GitignoreStack {
  /** by directory (project-relative, posix, '' for the root): the .gitignore files from the root down */
  private readonly chains = new Map<string, IgnoreChain>();
  constructor(readonly root: string) {}

  private chain(dir: string): IgnoreChain {
    let c = this.chains.get(dir);
    if (c !== undefined) return c;
    const slash = dir.lastIndexOf('/');
    const outer = dir === '' ? NO_IGNORES : this.chain(slash < 0 ? '' : dir.slice(0, slash));
    const own = this.load(dir);
    c = own ? [...outer, { ig: own, base: dir === '' ? '' : `${dir}/` }] : outer;
    this.chains.set(dir, c);
    return c;
  }

  /** the .gitignore files read so far (a recorded walk depends on them: walk-cache.ts) */
  readonly read: string[] = [];

  private load(dir: string): Ignore | null {
    const file = join(this.root, dir, '.gitignore');
    try {
      if (!existsSync(file)) return null;
      const ig = ignore().add(readFileSync(file, 'utf8'));
      this.read.push(file);
      return ig;
    } catch {
      return null;
    }
  }

  /**
   * Whether the .gitignore files from the root down re-include the directory `rel` (posix, from the
   * root) with a negation (`node_modules` then `!packages/node_modules`): the last file with a
   * pattern that matches it decides, as in git.
   */
  reincludes(rel: string): boolean {
    if (rel.startsWith('..')) return false;
    const slash = rel.lastIndexOf('/');
    let unignored = false;
    for (const { ig, base } of this.chain(slash < 0 ? '' : rel.slice(0, slash))) {
      const r = ig.test(`${rel.slice(base.length)}/`);
      if (r.ignored) unignored = false;
      else if (r.unignored) unignored = true;
    }
    return unignored;
  }

  /**
   * Whether a .gitignore from the root down to the file's directory ignores the file, each matching
   * the path from its own directory. `rel`: the file's path from the root (posix), when the caller
   * has it. Chains are kept by directory, so a file costs its own tests, not a walk of its parents.
   */
  ignores(abs: string, rel = toPosix(relative(this.root, abs))): boolean {
    if (rel.startsWith('..')) return false;
    const slash = rel.lastIndexOf('/');
    for (const { ig, base } of this.chain(slash < 0 ? '' : rel.slice(0, slash))) if (ig.ignores(rel.slice(base.length))) return true;
    return false;
  }
}

/**
 * A config's include/exclude patterns are relative to the config file's directory. A config outside
 * the project (e.g. `--config ../shared/logvol.config.json`) may set rules, sinks and limits, but its
 * patterns could never match a project file, so they are an error instead of silently doing nothing.
 */
function checkConfigScope(config: ResolvedConfig, root: string, cwd: string): void {
  if (!config.file || (config.include.length === 0 && config.exclude.length === 0)) return;
  const related = (dir: string): boolean => contains(config.baseDir, dir) || contains(dir, config.baseDir);
  // the config found from the current directory while another project is scanned (scanRootFor):
  // its patterns apply under its own directory only, so they leave that project's files alone
  if (related(root) || related(findProjectRoot(cwd))) return;
  const key = config.include.length > 0 ? 'include' : 'exclude';
  throw new ConfigError(
    `${config.file}: ${key}: the config is outside the project root ${root}, so its patterns cannot match any file`,
    'keep include/exclude in a logvol.config.json inside the project, or run logvol from the project the config belongs to',
  );
}

export async function discover(opts: DiscoverOptions): Promise<{ files: DiscoveredFile[]; notices: Notice[] }> {
  const notices: Notice[] = [];
  checkConfigScope(opts.config, opts.root, opts.cwd);
  const gitignore = new GitignoreStack(opts.root);
  // a walk outside the root (a path of another project beside the current one: scanRootFor) applies
  // the .gitignore files of its own project: the git top level above it, else the walked directory
  const others = new Map<string, GitignoreStack>();
  const gitignoreFor = (walked: string): GitignoreStack => {
    if (contains(opts.root, walked)) return gitignore;
    const top = findProjectRoot(walked);
    let stack = others.get(top);
    if (!stack) others.set(top, (stack = new GitignoreStack(top)));
    return stack;
  };
  const include = opts.config.include.length > 0 ? picomatch(opts.config.include, { dot: true }) : undefined;
  const exclude = opts.config.exclude.length > 0 ? ignore().add(opts.config.exclude) : undefined;
  const out = new Map<string, DiscoveredFile>();
  const paths = opts.paths.length > 0 ? opts.paths : ['.'];
  const isTestFile = testFileCheck(opts.root);

  const under = relativeUnder;
  const accept = (abs: string, explicit: boolean, ignores = gitignore): DiscoveredFile | undefined => {
    if (!SOURCE_EXTENSIONS.includes(extname(abs))) {
      if (explicit) notices.push({ path: toPosix(relative(opts.cwd, abs)), kind: 'skip', message: 'not a supported source file (.go .ts .tsx .js .jsx .mjs .cjs)' });
      return undefined;
    }
    const rel = under(opts.root, abs);
    if (!opts.includeTests && isTestFile(rel)) return undefined;
    const relBase = opts.config.baseDir === opts.root ? rel : under(opts.config.baseDir, abs);
    const underBase = !relBase.startsWith('../') && relBase !== '..';
    if (underBase && include && !include(relBase)) return undefined;
    if (underBase && exclude && relBase && exclude.ignores(relBase)) return undefined;
    if (!explicit && (ignores === gitignore ? gitignore.ignores(abs, rel) : ignores.ignores(abs))) return undefined;
    const f = { abs, rel: rel.startsWith('../') || rel === '' ? toPosix(abs) : rel };
    out.set(abs, f);
    return f;
  };
  // what else decides which files a walk keeps (a recorded walk holds for this setting only)
  const excludedDirs = opts.includeVendor ? DEFAULT_EXCLUDED_DIRS.filter((d) => d !== 'vendor') : DEFAULT_EXCLUDED_DIRS;
  const setting = [opts.root, opts.includeTests, opts.config.baseDir, opts.config.include, opts.config.exclude, SOURCE_EXTENSIONS, excludedDirs];

  for (const p of paths) {
    const abs = resolve(opts.cwd, p);
    let st;
    try {
      st = lstatSync(abs);
    } catch {
      throw new UsageError(`path not found: ${p}`, 'pass files or directories that exist');
    }
    if (st.isSymbolicLink()) {
      notices.push({ path: p, kind: 'skip', message: 'symbolic link not followed' });
      continue;
    }
    if (st.isFile()) {
      accept(abs, true);
      continue;
    }
    if (!st.isDirectory()) {
      notices.push({ path: p, kind: 'skip', message: 'not a regular file or directory (a FIFO, socket or device is never read)' });
      continue;
    }
    // a walk outside the project root is not recorded: what decides whether its files are tests
    // (a package.json above them) is outside what a record stamps
    const fromRoot = under(opts.root, abs);
    const record = opts.cacheDir && !fromRoot.startsWith('../') && fromRoot !== '..' ? walkRecordFile(opts.cacheDir, abs, setting) : undefined;
    const known = record ? readWalk(record, isKept) : undefined;
    if (known) {
      for (const [fabs, rel] of known) out.set(fabs, { abs: fabs, rel });
      continue;
    }
    const started = Date.now();
    // synchronous: nothing else runs during discovery, and fast-glob's asynchronous walk goes
    // through libuv's thread pool for every directory (the TS corpus: 122–247 ms against 66–86 ms).
    // Every entry, directories too: a recorded walk depends on each directory it read
    const walk = (dir: string) =>
      fg.sync('**', {
        cwd: dir,
        absolute: true,
        onlyFiles: false,
        followSymbolicLinks: false,
        dot: false,
        objectMode: true,
        suppressErrors: true,
        ignore: excludedDirs.map((d) => `**/${d}/**`),
      });
    const dirs = [abs];
    const kept: [string, string][] = [];
    const ignores = gitignoreFor(abs);
    const take = (entries: ReturnType<typeof walk>): void => {
      for (const e of entries) {
        if (e.dirent.isDirectory()) {
          if (!excludedDirs.includes(e.name)) dirs.push(e.path);
          continue;
        }
        if (!e.dirent.isFile()) continue; // a symbolic link, a socket …
        const f = accept(e.path, false, ignores);
        if (f) kept.push([f.abs, f.rel]);
      }
    };
    take(walk(abs));
    // a `node_modules` that the project's .gitignore re-includes (`!packages/node_modules`) holds
    // the project's own packages, tracked by git (node-red's): walked as code. Every walked
    // directory is looked at (one lstat each: ~6 ms for the Go corpus, 1,873 directories),
    // whatever .gitignore files were read so far; one inside it is walked only when re-included too
    for (let k = 0; k < dirs.length; k++) {
      const nm = join(dirs[k]!, 'node_modules');
      if (!isDirectory(nm) || !ignores.reincludes(under(ignores.root, nm))) continue;
      dirs.push(nm);
      take(walk(nm));
    }
    if (record) {
      // the directories above the walked one, up to the root, hold .gitignore and package.json files that apply in it
      for (let d = dirname(abs); d.length >= opts.root.length && d.startsWith(opts.root) && d !== dirname(d); d = dirname(d)) dirs.push(d);
      writeWalk(record, started, [...dirs, ...gitignore.read], kept);
    }
  }
  const files = [...out.values()].sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  return { files, notices };
}

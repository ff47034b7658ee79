/**
 * How a non-relative module specifier names a project file, read as data (never executed): the
 * TS model resolves specifiers through it, and the scan plan (engine/partition.ts) links files
 * through the very same table, so a group never separates files the model could connect.
 * tsconfig/jsconfig `paths`: the root's config (with the configs it extends), and a nested
 * package's own (`packages/api/tsconfig.json`, `web/jsconfig.json`) for the files under it.
 * Workspace packages imported by name (`@acme/log`) are not resolved: measured and not kept
 * (bench/HISTORY.md, stop 40): linking a monorepo's packages by name made one group of most of it.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, posix, relative, resolve, sep } from 'node:path';

/** One `paths` entry: its key (`@lib/*`) and its targets, joined to `baseUrl` (`src/lib/*`). */
export interface PathAlias {
  prefix: string;
  targets: string[];
}

/** A config's `paths`, for the files under its directory (`.` for the root). */
export interface AliasScope {
  dir: string;
  aliases: PathAlias[];
}

/**
 * The table a run resolves specifiers through (JSON-ready: the caches' keys hold it).
 * `scopes`: deepest directory first; a file resolves through the first whose directory holds it.
 */
export interface ModuleAliases {
  scopes: AliasScope[];
}

export const NO_ALIASES: ModuleAliases = { scopes: [] };

/**
 * The table for a run over these files (root-relative posix paths): the root's config always
 * (a run over some files keeps the table of the whole tree's root), and the configs of the
 * directories between the root and each TS/JS file.
 */
export function readModuleAliases(root: string, rels: Iterable<string>): ModuleAliases {
  const dirs = new Set<string>(['.']);
  for (const rel of rels) {
    let d = posix.dirname(rel);
    while (d !== '.' && !dirs.has(d)) {
      dirs.add(d);
      d = posix.dirname(d);
    }
  }
  const scopes: AliasScope[] = [];
  for (const d of [...dirs].sort()) {
    const abs = d === '.' ? root : join(root, d);
    const aliases = d === '.' ? readTsconfigPaths(root) : configPaths(abs, root, ['tsconfig.json', 'jsconfig.json']);
    if (aliases && (d !== '.' || aliases.length > 0)) scopes.push({ dir: d, aliases });
  }
  // deepest first: a file's own package's config before the ones around it
  scopes.sort((a, b) => depth(b.dir) - depth(a.dir) || (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
  return { scopes };
}

function depth(dir: string): number {
  return dir === '.' ? 0 : dir.split('/').length;
}

/** The paths a specifier written in file `from` may name, in the order resolution tries them. */
export function moduleTargets(table: ModuleAliases, from: string, spec: string): string[] {
  const scope = scopeOf(table, from);
  return scope ? aliasTargets(scope.aliases, spec) : [];
}

/**
 * The part of the table a group of files (root-relative paths) can resolve through: the scopes
 * whose directory holds one of them. The group's model is the same with this part as with the
 * whole table: the setting a stored model is kept under, the same for a full scan and a
 * pre-commit run that sees fewer of the tree's configs.
 */
export function aliasesWithin(table: ModuleAliases, rels: readonly string[]): ModuleAliases {
  const holds = (s: AliasScope): boolean => s.dir === '.' || rels.some((r) => r.startsWith(`${s.dir}/`));
  return { scopes: table.scopes.filter(holds) };
}

/**
 * The directories (root-relative) the `paths` a file in `dir` resolves through can name: each
 * target's directory (`../../packages/log/src/*` → packages/log/src). A pre-commit run analyses
 * them with the file's package (engine/module-context.ts), as a full scan links them.
 */
export function pathTargetDirs(root: string, dir: string): string[] {
  const probe = dir === '.' || dir === '' ? 'x.ts' : `${dir}/x.ts`;
  const scope = scopeOf(readModuleAliases(root, [probe]), probe);
  const out = new Set<string>();
  for (const a of scope?.aliases ?? []) {
    for (const t of a.targets) {
      const star = t.indexOf('*');
      const base = star >= 0 ? t.slice(0, star) : t;
      const d = posix.normalize(base.endsWith('/') ? base.slice(0, -1) || '.' : posix.dirname(base));
      if (d !== '..' && !d.startsWith('../')) out.add(d);
    }
  }
  return [...out].sort();
}

/** The `paths` scope file `from` resolves through, if any. */
export function scopeOf(table: ModuleAliases, from: string): AliasScope | undefined {
  return table.scopes.find((s) => s.dir === '.' || from.startsWith(`${s.dir}/`));
}

/**
 * The string prefixes a specifier must start with to match any key of the table (`@lib/` of
 * `@lib/*`, `@db`): the plan keeps only the strings that can name a file.
 */
export function aliasPrefixes(table: ModuleAliases): string[] {
  const out = new Set<string>();
  for (const a of table.scopes.flatMap((s) => s.aliases)) {
    const star = a.prefix.indexOf('*');
    out.add(star < 0 ? a.prefix : a.prefix.slice(0, star));
  }
  return [...out].sort();
}

/**
 * The root's `paths`, in their order; none when no config is found or it is unreadable. The
 * root's tsconfig.json, or where it has none its tsconfig.base.json (Nx's workspaces keep their
 * `paths` there, and each project's config extends it) or its jsconfig.json, with the configs it
 * `extends` (a relative file, or a package's under node_modules: read as data), as TypeScript
 * merges them: a config's own `paths` and `baseUrl` override those it extends, the last of an
 * `extends` list wins, and each is relative to the config that sets it (`paths` without a
 * `baseUrl`, to its own).
 */
export function readTsconfigPaths(root: string): PathAlias[] {
  return configPaths(root, root, ['tsconfig.json', 'tsconfig.base.json', 'jsconfig.json']) ?? [];
}

/**
 * The `paths` of the first of these configs found in `dir` (targets relative to the root);
 * undefined when none is found or its chain sets no `paths` (or cannot be read: loadChain reads
 * nothing from it), [] when set empty.
 */
function configPaths(dir: string, root: string, names: readonly string[]): PathAlias[] | undefined {
  const file = names.map((f) => join(dir, f)).find((f) => existsSync(f));
  if (!file) return undefined;
  const aliases: PathAlias[] = [];
  try {
    const found = loadChain(file, root, 0, new Set());
    if (!found.paths) return undefined;
    const baseAbs = found.baseUrl !== undefined ? resolve(found.baseUrlDir!, found.baseUrl) : found.pathsDir!;
    const base = posix.normalize(relative(root, baseAbs).split(sep).join('/') || '.');
    for (const [k, v] of Object.entries(found.paths)) {
      if (!Array.isArray(v)) continue;
      aliases.push({ prefix: k, targets: v.filter((t) => typeof t === 'string').map((t) => posix.join(base, t)) });
    }
  } catch {
    // a tsconfig we cannot read is not an error for a linter: no aliases
    return [];
  }
  return aliases;
}

interface Found {
  paths?: Record<string, unknown>;
  /** the directory of the config that set `paths` */
  pathsDir?: string;
  baseUrl?: string;
  baseUrlDir?: string;
}

/** a chain longer than this is a cycle or not a project's */
const MAX_EXTENDS = 8;

function loadChain(file: string, root: string, depth: number, seen: Set<string>): Found {
  // each config read once (`extends: ["./a", "./a", …]` or a cycle: not again and again)
  if (seen.has(file)) return {};
  seen.add(file);
  let cfg: { extends?: unknown; compilerOptions?: { baseUrl?: unknown; paths?: unknown } } | null;
  try {
    cfg = parseJsonc(readFileSync(file, 'utf8').replace(/^\uFEFF/, '')) as typeof cfg;
  } catch {
    // a config we cannot read gives nothing; the configs around it still count
    return {};
  }
  const dir = dirname(file);
  let out: Found = {};
  const ext = cfg?.extends;
  const list = typeof ext === 'string' ? [ext] : Array.isArray(ext) ? ext.filter((e): e is string => typeof e === 'string') : [];
  if (depth < MAX_EXTENDS) {
    for (const spec of list) {
      const base = extendedFile(dir, spec, root);
      if (base) out = { ...out, ...loadChain(base, root, depth + 1, seen) };
    }
  }
  const co = cfg?.compilerOptions;
  if (co?.paths && typeof co.paths === 'object' && !Array.isArray(co.paths)) {
    out.paths = co.paths as Record<string, unknown>;
    out.pathsDir = dir;
  }
  if (typeof co?.baseUrl === 'string') {
    out.baseUrl = co.baseUrl;
    out.baseUrlDir = dir;
  }
  return out;
}

/** `dir` and the directories above it up to the root (where node_modules are looked for). */
function packageDirs(dir: string, root: string): string[] {
  const out = [dir];
  let d = dir;
  while (d !== root && relative(root, d) && !relative(root, d).startsWith('..')) {
    d = dirname(d);
    out.push(d);
  }
  return out;
}

/** The file an `extends` names: a path (`.json` added as TypeScript adds it) or a package's config (node_modules from its directory up). */
function extendedFile(dir: string, spec: string, root: string): string | undefined {
  const bases = spec.startsWith('.') || isAbsolute(spec) ? [resolve(dir, spec)] : packageDirs(dir, root).map((d) => join(d, 'node_modules', spec));
  for (const p of bases) {
    for (const c of [p, `${p}.json`, join(p, 'tsconfig.json')]) {
      try {
        if (statSync(c).isFile()) return c;
      } catch {
        // not this one
      }
    }
  }
  return undefined;
}

/**
 * The paths a non-relative specifier may name through the aliases, in the order resolution tries
 * them (every matching key, each of its targets, `*` replaced by what it matched).
 */
export function aliasTargets(aliases: readonly PathAlias[], spec: string): string[] {
  const out: string[] = [];
  for (const a of aliases) {
    const star = a.prefix.indexOf('*');
    const match = star < 0 ? spec === a.prefix : spec.startsWith(a.prefix.slice(0, star)) && spec.endsWith(a.prefix.slice(star + 1));
    if (!match) continue;
    const mid = star < 0 ? '' : spec.slice(star, spec.length - (a.prefix.length - star - 1));
    for (const t of a.targets) out.push(t.replace('*', mid));
  }
  return out;
}

/** JSON with comments and trailing commas (tsconfig.json), read as data. */
export function parseJsonc(text: string): unknown {
  let out = '';
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === '"') {
      let j = i + 1;
      while (j < n && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < n && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else {
      out += c;
      i++;
    }
  }
  return JSON.parse(out.replace(/,(\s*[}\]])/g, '$1'));
}

/**
 * tsconfig `paths` of the project root (with the configs its tsconfig.json extends), read as data (never executed): the TS model resolves
 * module specifiers through them, and the scan plan (engine/partition.ts) links files through the
 * very same table, so a group never separates files the model could connect.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, posix, relative, resolve, sep } from 'node:path';

/** One `paths` entry: its key (`@lib/*`) and its targets, joined to `baseUrl` (`src/lib/*`). */
export interface PathAlias {
  prefix: string;
  targets: string[];
}

/**
 * The project's `paths`, in their order; none when no config is found or it is unreadable. The
 * root's tsconfig.json, or where it has none its tsconfig.base.json (Nx's workspaces keep their
 * `paths` there, and each project's config extends it), with the configs it `extends` (a relative
 * file, or a package's under the root's node_modules: read as data), as TypeScript merges them:
 * a config's own `paths` and `baseUrl` override those it extends, the last of an `extends` list
 * wins, and each is relative to the config that sets it (`paths` without a `baseUrl`, to its own).
 */
export function readTsconfigPaths(root: string): PathAlias[] {
  const file = ['tsconfig.json', 'tsconfig.base.json'].map((f) => join(root, f)).find((f) => existsSync(f));
  if (!file) return [];
  const aliases: PathAlias[] = [];
  try {
    const found = loadChain(file, root, 0, new Set());
    if (!found.paths) return [];
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

/** The file an `extends` names: a path (`.json` added as TypeScript adds it) or a package's config. */
function extendedFile(dir: string, spec: string, root: string): string | undefined {
  const p = spec.startsWith('.') || isAbsolute(spec) ? resolve(dir, spec) : join(root, 'node_modules', spec);
  for (const c of [p, `${p}.json`, join(p, 'tsconfig.json')]) {
    try {
      if (statSync(c).isFile()) return c;
    } catch {
      // not this one
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

/**
 * tsconfig.json `paths` at the project root, read as data (never executed): the TS model resolves
 * module specifiers through them, and the scan plan (engine/partition.ts) links files through the
 * very same table, so a group never separates files the model could connect.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';

/** One `paths` entry: its key (`@lib/*`) and its targets, joined to `baseUrl` (`src/lib/*`). */
export interface PathAlias {
  prefix: string;
  targets: string[];
}

/** The root tsconfig.json's `paths`, in their order; none when it is absent or unreadable. */
export function readTsconfigPaths(root: string): PathAlias[] {
  const file = join(root, 'tsconfig.json');
  if (!existsSync(file)) return [];
  const aliases: PathAlias[] = [];
  try {
    const cfg = parseJsonc(readFileSync(file, 'utf8')) as { compilerOptions?: { baseUrl?: string; paths?: Record<string, string[]> } };
    const base = posix.normalize(cfg.compilerOptions?.baseUrl ?? '.');
    for (const [k, v] of Object.entries(cfg.compilerOptions?.paths ?? {})) {
      if (!Array.isArray(v)) continue;
      aliases.push({ prefix: k, targets: v.filter((t) => typeof t === 'string').map((t) => posix.join(base, t)) });
    }
  } catch {
    // a tsconfig we cannot read is not an error for a linter: no aliases
    return [];
  }
  return aliases;
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

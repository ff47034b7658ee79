/**
 * Independent parts of a scan: files that can never see each other through the module model are
 * analysed as separate groups, one after the other, so only one group's summaries are in memory
 * at a time (a monorepo of many services scans in the memory of its largest service), and a
 * pre-commit run analyses only the groups that hold the files it reports on.
 *
 * The grouping must never separate files the model could connect, so it over-approximates, from
 * the text alone, before anything is parsed:
 * - Go: files of one package (import path) are together; a file joins every scanned package whose
 *   import path appears in it as a string literal (every import does; a coincidence only merges).
 * - TypeScript/JavaScript: a file joins every scanned file that a string literal in it could name
 *   (`./x` → x.ts, x/index.js, x.js as x.ts …; through the root tsconfig.json `paths`, every
 *   target of every matching key), as the model's module resolution would.
 * Go and TS files never share a model. Groups come out in discovery order of their first file.
 */
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { keyOfRead, type CachedRequest } from './cache.js';
import { oversized, readWithinLimit, skipMessage } from './analyze-file.js';
import type { FileFacts, PlanIndex } from './plan-index.js';
import type { Contribution, PlanOutput, PlanStore } from './plan-store.js';
import type { Anchor } from './prefilter.js';
import { aliasPrefixes, moduleTargets, readModuleAliases, scopeOf, type ModuleAliases } from '../languages/ts/tsconfig-paths.js';

const GO_STRING = /"((?:[^"\\\n]|\\.)*)"|`([^`]*)`/g;
/**
 * Go import paths in a file's import section (before its first declaration), a line at a time:
 * `import "p"`, `import x "p"`, `import (` and the block's `"p"`, `x "p"`, `_ "p"`, `. "p"` lines.
 * GO_STRING pairs quotes from the start of the file, and an unpaired quote or backtick in a
 * comment above the imports would make it read them as string contents.
 */
const GO_IMPORT_PATH = /^[ \t]*(?:import[ \t]*\(?[ \t]*)?(?:[\w.]+[ \t]+)?"((?:[^"\\\n]|\\.)*)"/gm;
const GO_FIRST_DECL = /^(?:func|type|var|const)\b/m;
const TS_STRING = /'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`([^`$]*)`/g;
/**
 * Module specifiers after `from`, `import` and `require(`. TS_STRING pairs quotes from the start of
 * the file, and a backtick it cannot pair (a template with `${}`, a backtick in a comment or a
 * regex) shifts every template after it: a specifier between two such backticks is read as
 * template text. This pass finds specifiers whatever the pairing; it runs on files with a backtick.
 */
const TS_SPECIFIER = /\b(?:from|import|require)\s*\(?\s*(?:'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)")/g;
const JS_EXT = /\.(?:[mc]?[jt]sx?)$/;

class UnionFind {
  private readonly parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    let r = i;
    while (this.parent[r] !== r) r = this.parent[r]!;
    while (this.parent[i] !== r) {
      const next = this.parent[i]!;
      this.parent[i] = r;
      i = next;
    }
    return r;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    // the smaller index is the root: groups are named by their first file
    if (ra < rb) this.parent[rb] = ra;
    else if (rb < ra) this.parent[ra] = rb;
  }
}

/**
 * `posix.normalize(posix.join(dir, spec))` for a normalised relative `dir` (a file's directory
 * from the root, `.` at the root), in one pass over the segments: path.normalize walks the string
 * a character at a time, and a cold scan resolves every relative string literal of every file.
 * A specifier whose last segment is empty, `.` or `..` (normalize keeps a trailing slash) goes
 * to path.posix.
 */
export function joinRelative(dir: string, spec: string): string {
  const last = spec.slice(spec.lastIndexOf('/') + 1);
  if (last === '' || last === '.' || last === '..' || dir.startsWith('/')) return posix.normalize(posix.join(dir, spec));
  const out = dir === '.' || dir === '' ? [] : dir.split('/');
  for (const seg of spec.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg !== '..') out.push(seg);
    else if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push('..');
  }
  return out.join('/') || '.';
}

/** Files the plan has read in this process, for tests (the others' facts came from the index). */
export let planFileReads = 0;

/**
 * The strings a file can be linked through, each once, in the order of the text: Go string
 * literals and import paths (any of them may be a scanned package's import path); TS/JS string
 * literals and module specifiers that are relative, or start like a key of the run's tsconfig
 * `paths` (`prefixes`).
 */
function linkStrings(text: string, go: boolean, prefixes: readonly string[]): string[] {
  const out = new Set<string>();
  const add = (s: string): void => {
    if (go || s.startsWith('.') || prefixes.some((p) => s.startsWith(p))) out.add(s);
  };
  for (const m of text.matchAll(go ? GO_STRING : TS_STRING)) add(m[1] ?? m[2] ?? m[3] ?? '');
  if (go) {
    const decl = text.search(GO_FIRST_DECL);
    for (const m of (decl < 0 ? text : text.slice(0, decl)).matchAll(GO_IMPORT_PATH)) add(m[1] ?? '');
  } else if (text.includes('`')) for (const m of text.matchAll(TS_SPECIFIER)) add(m[1] ?? m[2] ?? '');
  return [...out];
}

/** The alias table of a run over these requests (its TS/JS files' directories, and the root's). */
export function moduleAliasesOf(requests: readonly CachedRequest[], root: string): ModuleAliases {
  return readModuleAliases(root, requests.filter((r) => !r.abs.endsWith('.go')).map((r) => r.rel));
}

/** Groups of request indices, in discovery order of their first file. */
export function partition(requests: readonly CachedRequest[], root: string): number[][] {
  return plan(requests, root).groups;
}

export interface ScanPlan {
  /** groups of request indices, in discovery order of their first file */
  groups: number[][];
  /** Only when anchors were given: per request, the TS files that may import it (a string literal in them names it) */
  importers?: number[][];
  /** Only when anchors were given: whether each file's text matches its language's anchor (or could not be read: analysis reports why) */
  anchored?: boolean[];
  /**
   * per request, why analysing it would skip it (skipMessage), null when it would not, undefined
   * when the plan could not read it: a file that is not analysed gets its skip notice from here
   */
  skips: (string | null | undefined)[];
}

/**
 * The groups, and for the prefilter (prefilter.ts) the TS import graph (relative and through
 * tsconfig `paths`) and the anchored files, all from the one text pass that grouping makes anyway.
 */
export function plan(
  requests: readonly CachedRequest[],
  root: string,
  anchors?: { ts: Anchor<[rel?: string]>; go: Anchor<[]> },
  /** what earlier runs read from unchanged files (`--cache`); each request's `key` is its content key */
  index?: PlanIndex,
  /** the plan earlier runs made of the same files (`--cache`) */
  store?: PlanStore,
  /** the table read already (readModuleAliases over these requests) */
  table?: ModuleAliases,
): ScanPlan {
  const uf = new UnionFind(requests.length);
  const goByPkg = new Map<string, number>();
  const tsByStem = new Map<string, number[]>();
  const tsFiles: number[] = [];
  requests.forEach((r, i) => {
    if (r.abs.endsWith('.go')) {
      const first = goByPkg.get(r.pkgPath);
      if (first === undefined) goByPkg.set(r.pkgPath, i);
      else uf.union(first, i);
    } else {
      tsFiles.push(i);
      const stem = r.rel.replace(JS_EXT, '');
      const list = tsByStem.get(stem) ?? [];
      list.push(i);
      tsByStem.set(stem, list);
    }
  });
  const importers = anchors ? requests.map((): number[] => []) : undefined;
  // the files a path could name (x.ts, x/index.js, x.js as x.ts …), as the model probes it
  const filesAt = (base: string): number[] => [base, base.replace(JS_EXT, ''), `${base}/index`].flatMap((stem) => tsByStem.get(stem) ?? []);
  // files of one directory share most of their specifiers, and resolving them was a fifth of the plan
  const namedFrom = new Map<string, number[]>();
  const named = (dir: string, spec: string): number[] => {
    const key = `${dir}\0${spec}`;
    let out = namedFrom.get(key);
    if (!out) {
      out = filesAt(joinRelative(dir, spec));
      namedFrom.set(key, out);
    }
    return out;
  };
  // a non-relative specifier through tsconfig `paths`: every target of every matching key (the
  // model takes the first that exists; any of them may be the one). The root's config is read
  // even without TS files: the stored plan's tag names the table, and a Go-only run (a pre-commit
  // run in a Go module) would otherwise miss the plan of a tree with TS too
  const aliases = table ?? moduleAliasesOf(requests, root);
  const aliased = new Map<string, number[]>();
  const throughAliases = (from: string, spec: string): number[] => {
    const scope = scopeOf(aliases, from);
    const key = `${scope?.dir ?? ''}\0${spec}`;
    let out = aliased.get(key);
    if (!out) {
      out = moduleTargets(aliases, from, spec).flatMap((t) => filesAt(posix.normalize(t)));
      aliased.set(key, out);
    }
    return out;
  };
  const prefixes = aliasPrefixes(aliases);
  // a TS file's facts depend on the table's prefixes too (which strings it keeps), a Go file's do
  // not: the prefixes are in a TS file's key in the index, so that a run whose table differs (a
  // Go-only run sees no nested config) keeps the index's Go facts. The links the facts make
  // depend on the whole table: the stored plan's tag holds it
  const anchorKeys = anchors ? [anchors.ts.key, anchors.go.key] : null;
  const factsTag = JSON.stringify(anchorKeys);
  // (a digest: the prefixes' JSON on every TS file's key grew a monorepo's index twentyfold)
  const prefixKey = prefixes.length ? `\0${createHash('sha256').update(JSON.stringify(prefixes)).digest('hex').slice(0, 16)}` : '';
  const indexKey = (r: CachedRequest, key: string | undefined): string | undefined => (key === undefined || r.abs.endsWith('.go') ? key : key + prefixKey);
  const tag = JSON.stringify([anchorKeys, aliases]);
  /** The files the strings of file `i` link it to, in order, repeats included. */
  const linksOf = (i: number, facts: FileFacts): number[] => {
    const r = requests[i]!;
    const out: number[] = [];
    if (r.abs.endsWith('.go')) {
      for (const s of facts.strings) {
        const pkg = goByPkg.get(s);
        if (pkg !== undefined) out.push(pkg);
      }
      return out;
    }
    const dir = posix.dirname(r.rel);
    for (const s of facts.strings) out.push(...(s.startsWith('.') ? named(dir, s) : throughAliases(r.rel, s)));
    return out;
  };
  /** What file `i` contributes to the plan: the one definition the stored plan is checked and made by. */
  const contributionOf = (i: number, facts: FileFacts): Contribution => ({ anchored: anchors ? facts.anchored : undefined, skip: facts.skip ?? null, links: linksOf(i, facts) });
  // the plan stored for this very list of files, when every file still contributes what it did (plan-store.ts)
  const reused = store?.reuse(tag, anchors !== undefined, requests, (i) => {
    const read = readFacts(requests[i]!, anchors, prefixes, true);
    return read && { key: read.key, contribution: contributionOf(i, read.facts) };
  });
  if (reused) return reused;
  const anchored = anchors ? requests.map(() => false) : undefined;
  const skips: (string | null | undefined)[] = requests.map(() => undefined);
  const keys: (string | undefined)[] = requests.map(() => undefined);
  const links: number[][] = requests.map(() => []);
  index?.open(factsTag);
  requests.forEach((r, i) => {
    let facts = index?.get(r.rel, indexKey(r, r.key));
    keys[i] = facts && r.key;
    if (!facts) {
      const read = readFacts(r, anchors, prefixes, index !== undefined || store !== undefined);
      if (!read) {
        if (anchored) anchored[i] = true;
        return; // unreadable: analysis reports it, and it has no summary to connect
      }
      facts = read.facts;
      keys[i] = read.key;
      // under the key of the bytes read now: the file may have changed since its key was computed
      if (index) index.set(r.rel, indexKey(r, read.key)!, facts);
    }
    const c = contributionOf(i, facts);
    if (anchored) anchored[i] = c.anchored!;
    skips[i] = c.skip;
    links[i] = c.links;
    const go = r.abs.endsWith('.go');
    for (const j of links[i]!) {
      uf.union(i, j);
      if (importers && !go && j !== i) importers[j]!.push(i);
    }
  });
  index?.save();
  const groups = new Map<number, number[]>();
  requests.forEach((_, i) => {
    const g = uf.find(i);
    const list = groups.get(g) ?? [];
    list.push(i);
    groups.set(g, list);
  });
  const out = { groups: [...groups.values()].sort((a, b) => a[0]! - b[0]!), ...(importers ? { importers } : {}), ...(anchored ? { anchored } : {}), skips };
  // a file that could not be read has no contribution to tell unchanged by
  if (store && skips.every((x): x is string | null => x !== undefined)) store.save(tag, keys, links, out as PlanOutput);
  return out;
}

/**
 * A file's facts, read from its text now, and with the cache (`keyed`) the content key of the bytes
 * read ('' without: hashing every file would cost a scan without the cache ~0.1 s); undefined when it
 * cannot be read.
 */
function readFacts(r: CachedRequest, anchors: { ts: Anchor<[rel?: string]>; go: Anchor<[]> } | undefined, prefixes: readonly string[], keyed: boolean): { facts: FileFacts; key: string } | undefined {
  let got: Buffer | number;
  planFileReads++;
  try {
    got = readWithinLimit(r);
  } catch {
    return undefined;
  }
  const key = keyed ? keyOfRead(r, got) : '';
  // oversized: skipped by its size, so nothing in it can anchor or link
  if (typeof got === 'number') return { facts: { anchored: false, strings: [], skip: oversized(got, r.maxFileSize) }, key };
  const buf = got;
  const go = r.abs.endsWith('.go');
  // the decoder of readFileSync(…, 'utf8'), after a plain read: 100 -> 81 ms for the Go corpus's 50 MB
  const text = buf.toString('utf8');
  const skip = skipMessage(r, buf, text);
  return { facts: { anchored: anchors ? (go ? anchors.go(text) : anchors.ts(text, r.rel)) : false, strings: linkStrings(text, go, prefixes), ...(skip ? { skip } : {}) }, key };
}


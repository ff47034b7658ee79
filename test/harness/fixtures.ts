import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import fg from 'fast-glob';
import { scan, type ScanResult } from '../../src/engine/scan.js';
import { loadConfig } from '../../src/config/load.js';
import { rules } from '../../rules/index.js';
import { annotationsOf, type Expectation } from './annotations.js';
import { scratchDir } from './tmp.js';

/** the repository root (dist/test/harness → ../../..) */
export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const FIXTURES = join(REPO, 'fixtures');

/** Fixture trees: fixtures/demo, every child of fixtures/go and fixtures/ts, and fixtures/issue-*. */
export function fixtureTrees(): string[] {
  const trees: string[] = [];
  if (existsSync(join(FIXTURES, 'demo'))) trees.push(join(FIXTURES, 'demo'));
  for (const lang of ['go', 'ts']) {
    const dir = join(FIXTURES, lang);
    if (!existsSync(dir)) continue;
    for (const d of readdirSync(dir).sort()) if (statSync(join(dir, d)).isDirectory()) trees.push(join(dir, d));
  }
  for (const d of existsSync(FIXTURES) ? readdirSync(FIXTURES).sort() : []) {
    if (d.startsWith('issue-') && statSync(join(FIXTURES, d)).isDirectory()) trees.push(join(FIXTURES, d));
  }
  return trees;
}

/** Scan a tree as its own project root, with its own config if it has one. */
export async function scanTree(tree: string, extra: { includeTests?: boolean } = {}): Promise<ScanResult> {
  const config = loadConfig({ cwd: tree, rules, ...(existsSync(join(tree, 'logvol.config.json')) ? { configPath: join(tree, 'logvol.config.json') } : { configPath: undefined }) });
  return scan({ cwd: tree, root: tree, paths: ['.'], config, rules, ...extra });
}

export function treeExpectations(tree: string): Expectation[] {
  const files = fg.sync(['**/*.{go,ts,tsx,js,jsx,mjs,cjs}'], { cwd: tree, ignore: ['**/node_modules/**'], dot: false });
  return files.sort().flatMap((f) => annotationsOf(join(tree, f), f));
}

export function sourceLineOf(tree: string) {
  return (path: string, line: number): string => {
    try {
      return readFileSync(join(tree, path), 'utf8').split(/\r\n|\n|\r/)[line - 1] ?? '';
    } catch {
      return '';
    }
  };
}

export function rel(p: string): string {
  return relative(REPO, p);
}

/** Run `body` on a copy of the fixtures as a project, with an empty cache directory beside it; both removed after. */
export async function inFixtureCopy(prefix: string, body: (root: string, cacheDir: string) => Promise<void>): Promise<void> {
  const work = scratchDir(prefix);
  try {
    cpSync(FIXTURES, join(work, 'project'), { recursive: true });
    await body(join(work, 'project'), join(work, 'cache'));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

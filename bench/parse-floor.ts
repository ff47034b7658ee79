/**
 * `node dist/bench/parse-floor.js <dir> [--jobs N]`: discovers files exactly as `logvol scan` does
 * and parses every one with the same parsers and the same pool size, doing nothing else. This is
 * the floor a tree-sitter linter that parses every file cannot go below.
 */
import { Piscina } from 'piscina';
import { resolve } from 'node:path';
import { discover, findProjectRoot } from '../src/engine/discover.js';
import { loadConfig } from '../src/config/load.js';
import { defaultJobs } from '../src/engine/pool.js';
import { rules } from '../rules/index.js';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const jobsAt = args.indexOf('--jobs');
  const jobs = jobsAt >= 0 ? Number(args[jobsAt + 1]) : defaultJobs();
  const dir = resolve(args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--jobs') ?? '.');
  const cwd = process.cwd();
  const config = loadConfig({ cwd, rules });
  const { files } = await discover({ cwd, root: findProjectRoot(cwd), paths: [dir], config, includeTests: false });
  const paths = files.map((f) => f.abs);
  const pool = new Piscina({ filename: new URL('./parse-worker.js', import.meta.url).href, minThreads: jobs, maxThreads: jobs });
  const batches: Promise<number>[] = [];
  for (let i = 0; i < paths.length; i += 16) batches.push(pool.run(paths.slice(i, i + 16)) as Promise<number>);
  await Promise.all(batches);
  await pool.destroy();
  process.stdout.write(`${paths.length} files parsed\n`);
}

void main();

/**
 * `node dist/bench/parse-floor.js <dir> [--jobs N]`: discovers files exactly as `logvol scan` does
 * and parses every one the way the scan does, doing nothing else. This is the floor a tree-sitter
 * linter that parses every file cannot go below.
 * - With the native flattener (the default build): every file parsed and copied on libuv's thread
 *   pool, as many in flight as keeps every core busy — the scan's own parse path, so the floor is
 *   as fast as this machine parses, not the speed of one thread.
 * - Without it: `--jobs` worker threads parsing with the binding.
 */
import { Piscina } from 'piscina';
import { isAscii } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { extname, resolve } from 'node:path';
import { nativeFlattener, parseNativeAsync } from '../src/languages/flat-tree.js';
import { EXTENSIONS, loadGrammar } from '../src/languages/parsers.js';
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
  if (nativeFlattener()) {
    const inFlight = availableParallelism() * 8;
    const started: Promise<unknown>[] = [];
    const start = (abs: string): Promise<unknown> => {
      const ext = EXTENSIONS[extname(abs)];
      if (!ext) return Promise.resolve();
      // decoded, and an ASCII file parsed from its bytes, as the scan parses most files (it also
      // drops a BOM and makes lone CRs line feeds first, and skips minified files: not done here)
      const buf = readFileSync(abs);
      return parseNativeAsync(loadGrammar(ext.grammar) as { language?: unknown }, buf.toString('utf8'), isAscii(buf) ? buf : undefined) || Promise.resolve();
    };
    for (let i = 0; i < paths.length; i++) {
      for (let j = started.length; j < Math.min(paths.length, i + inFlight); j++) started.push(start(paths[j]!));
      await started[i];
      delete started[i];
    }
    process.stdout.write(`${paths.length} files parsed (native, thread pool)\n`);
    return;
  }
  const pool = new Piscina({ filename: new URL('./parse-worker.js', import.meta.url).href, minThreads: jobs, maxThreads: jobs });
  const batches: Promise<number>[] = [];
  for (let i = 0; i < paths.length; i += 16) batches.push(pool.run(paths.slice(i, i + 16)) as Promise<number>);
  await Promise.all(batches);
  await pool.destroy();
  process.stdout.write(`${paths.length} files parsed\n`);
}

void main();

/**
 * `npm run build` step after tsc: bundle the CLI (and its worker-thread entry) into dist/cli, and
 * record V8's code cache for the CLI bundle.
 *
 * Why: a cold `logvol --version` spent ~170 ms loading 80 of our ES modules and ~100 CommonJS
 * files of its dependencies, one by one; in a pre-commit run that touches ten files that was half
 * the wall time (issue 6). One bundle loads in ~30 ms. What stays outside, loaded only when used:
 * the native grammars and the tree-sitter binding (native addons), ts-morph (`--type-aware`),
 * ajv (config validation), piscina (`--jobs` > 1) and eslint.
 *
 * The CLI bundle is CommonJS (`main.cjs`) so that bin/logvol.js can compile it with V8's code
 * cache (`vm.Script` `cachedData`; Node 20 has no code cache for ES modules): the bytecode of the
 * functions a scan runs, recorded here by scanning the fixtures once, instead of compiling them in
 * every run (~40–90 ms of a warm or pre-commit run on the project's 2-core machine). The worker
 * entry stays an ES module (piscina loads it by URL).
 *
 * The library entry points (`logvol`, `logvol/eslint-plugin`) and the tests keep using dist/src.
 */
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { devNull } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outdir = join(root, 'dist', 'cli');
rmSync(outdir, { recursive: true, force: true });

const common: BuildOptions = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  external: ['tree-sitter', 'tree-sitter-go', 'tree-sitter-typescript', 'tree-sitter-javascript', 'ts-morph', 'typescript', 'ajv', 'piscina', 'eslint'],
  legalComments: 'eof',
  logLevel: 'warning',
};

/**
 * commander's `node:child_process` loaded when first used, not at start-up: commander requires it
 * for executable subcommands, which logvol has none of, and loading it (with dgram and more) took
 * ~16 ms of every run's start-up. (logvol's own use, git for `--diff-base`, requires it when run.)
 */
const lazyChildProcess: Plugin = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.includes(`node_modules${sep}commander${sep}`) ? { path: 'child_process', namespace: 'lazy-child-process' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-child-process' }, () => ({
      contents: "let m; const load = () => (m ??= require('node:child_process')); module.exports = new Proxy({}, { get: (_, k) => load()[k], has: (_, k) => k in load() });",
      loader: 'js',
    }));
  },
};

await build({
  ...common,
  plugins: [lazyChildProcess],
  entryPoints: ['dist/src/cli/main.js'],
  outfile: join(outdir, 'main.cjs'),
  format: 'cjs',
  // the modules' own URL (package root lookup, the worker's URL) is the bundle's: same directory
  define: { 'import.meta.url': '__logvol_bundle_url' },
  banner: { js: 'const __logvol_bundle_url = require("node:url").pathToFileURL(__filename).href;' },
});

await build({
  ...common,
  entryPoints: ['dist/src/engine/worker.js'],
  outfile: join(outdir, 'worker.js'),
  format: 'esm',
  // CommonJS dependencies inside an ES module bundle still call require() for Node built-ins
  banner: { js: "import { createRequire as __logvolRequire } from 'node:module';\nconst require = __logvolRequire(import.meta.url);" },
});

// Record the code cache: one scan of the fixtures (Go and TS/JS, every rule) through the real
// entry point, with the same V8 flags every run sets. Without it logvol still runs, compiling as
// it goes.
const cache = join(outdir, 'main.v8cache');
const run = spawnSync(process.execPath, [join(root, 'bin', 'logvol.js'), 'scan', 'fixtures', '-f', 'json', '-o', devNull], {
  cwd: root,
  env: { ...process.env, LOGVOL_WRITE_CODE_CACHE: '1' },
  encoding: 'utf8',
});
if (!existsSync(cache)) {
  process.stderr.write(`logvol build: no code cache recorded (the fixture scan exited ${run.status}: ${(run.stderr ?? '').trim().split('\n').pop() ?? ''}); the CLI works without it\n`);
}

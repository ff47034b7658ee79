/**
 * `npm run build` step after tsc: bundle the CLI (and its worker-thread entry) into dist/cli.
 *
 * Why: a cold `logvol --version` spent ~170 ms loading 80 of our ES modules and ~100 CommonJS
 * files of its dependencies, one by one; in a pre-commit run that touches ten files that was half
 * the wall time (issue 6). One bundle loads in ~30 ms. What stays outside, loaded only when used:
 * the native grammars and the tree-sitter binding (native addons), ts-morph (`--type-aware`),
 * ajv (config validation), piscina (`--jobs` > 1) and eslint.
 *
 * The library entry points (`logvol`, `logvol/eslint-plugin`) and the tests keep using dist/src.
 */
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outdir = join(root, 'dist', 'cli');
rmSync(outdir, { recursive: true, force: true });

await build({
  absWorkingDir: root,
  entryPoints: { main: 'dist/src/cli/main.js', worker: 'dist/src/engine/worker.js' },
  outdir,
  bundle: true,
  // dynamic imports (the type-aware oracle, the logs command's HTML renderer…) stay separate chunks
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['tree-sitter', 'tree-sitter-go', 'tree-sitter-typescript', 'tree-sitter-javascript', 'ts-morph', 'typescript', 'ajv', 'piscina', 'eslint'],
  // CommonJS dependencies inside an ES module bundle still call require() for Node built-ins
  banner: { js: "import { createRequire as __logvolRequire } from 'node:module';\nconst require = __logvolRequire(import.meta.url);" },
  legalComments: 'eof',
  logLevel: 'warning',
});

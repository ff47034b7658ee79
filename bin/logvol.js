#!/usr/bin/env node
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';

// A scan is a short process whose hot code is large (the summarizers): V8's optimizing compiler,
// running on background threads, spent more CPU than the parse threads it competes with on a small
// machine (issue 6: 1.4–2.2 CPU-s of a 2–3 s scan). A smaller inlining budget makes each compile
// cheaper and a larger interrupt budget optimizes only code that stays hot: 12–17% less wall time
// and 20–30% less CPU on the benchmark corpora, same reports. Both are heuristics' thresholds; they
// are set before the CLI is compiled and run (below). LOGVOL_V8_TUNING=0 keeps V8's
// defaults.
if (process.env.LOGVOL_V8_TUNING !== '0') {
  setFlagsFromString('--max-inlined-bytecode-size-cumulative=200');
  setFlagsFromString('--interrupt-budget=300000');
}

// The bundled CLI (scripts/bundle.ts): one CommonJS file instead of ~180 modules, compiled with
// the code cache the build recorded next to it, when it was recorded for this very file (its size
// and modification time) and V8 accepts it (same V8 version and flags; otherwise V8 compiles as
// usual). LOGVOL_CODE_CACHE=0 ignores the cache; =report says on stderr whether it was used.
const file = fileURLToPath(new URL('../dist/cli/main.cjs', import.meta.url));
const cacheFile = fileURLToPath(new URL('../dist/cli/main.v8cache', import.meta.url));
let main;
let script;
let stamp = '';
try {
  const source = readFileSync(file, 'utf8');
  const st = statSync(file);
  stamp = `logvol-code-cache ${st.size} ${st.mtimeMs}\n`;
  const cachedData = process.env.LOGVOL_CODE_CACHE === '0' ? undefined : readCache(cacheFile, stamp);
  // the CommonJS module wrapper, as Node's own loader writes it
  script = new Script(`(function (exports, require, module, __filename, __dirname) { ${source}\n})`, { filename: file, ...(cachedData ? { cachedData } : {}) });
  if (process.env.LOGVOL_CODE_CACHE === 'report') {
    process.stderr.write(`logvol: code cache ${cachedData === undefined ? 'absent' : script.cachedDataRejected ? 'rejected' : 'used'}\n`);
  }
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, createRequire(file), mod, file, dirname(file));
  ({ main } = mod.exports);
} catch (err) {
  process.stderr.write(`logvol: cannot load the CLI (${err && err.message ? err.message.split('\n')[0] : String(err)}); in a checkout, run 'npm run build'\n`);
  process.exit(2);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    if (process.env.LOGVOL_WRITE_CODE_CACHE === '1') writeCache();
  },
  (err) => {
    process.stderr.write(`logvol: internal error: ${err && err.message ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);

/** The cache's bytes after its stamp line, or undefined when it is missing or for another file. */
function readCache(path, expected) {
  let buf;
  try {
    buf = readFileSync(path);
  } catch {
    return undefined;
  }
  const nl = buf.indexOf(10);
  return nl > 0 && buf.toString('latin1', 0, nl + 1) === expected ? buf.subarray(nl + 1) : undefined;
}

/** Only the build does this (scripts/bundle.ts), after a scan ran the functions worth keeping. */
function writeCache() {
  const tmp = `${cacheFile}.${process.pid}.tmp`;
  writeFileSync(tmp, Buffer.concat([Buffer.from(stamp, 'latin1'), script.createCachedData()]));
  renameSync(tmp, cacheFile);
}

#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';

// A scan is a short process whose hot code is large (the summarizers): V8's optimizing compiler,
// running on background threads, spent more CPU than the parse threads it competes with on a small
// machine (issue 6: 1.4–2.2 CPU-s of a 2–3 s scan). A smaller inlining budget makes each compile
// cheaper and a larger interrupt budget optimizes only code that stays hot: 12–17% less wall time
// and 20–30% less CPU on the benchmark corpora, same reports. Both are heuristics' thresholds; they
// are set before the CLI is loaded (hence the dynamic import below). LOGVOL_V8_TUNING=0 keeps V8's
// defaults.
if (process.env.LOGVOL_V8_TUNING !== '0') {
  setFlagsFromString('--max-inlined-bytecode-size-cumulative=200');
  setFlagsFromString('--interrupt-budget=300000');
}
// the bundled CLI (scripts/bundle.ts): one file to load instead of ~180 modules
let main;
try {
  ({ main } = await import('../dist/cli/main.js'));
} catch (err) {
  process.stderr.write(`logvol: cannot load the CLI (${err && err.message ? err.message.split('\n')[0] : String(err)}); in a checkout, run 'npm run build'\n`);
  process.exit(2);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`logvol: internal error: ${err && err.message ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);

#!/usr/bin/env node
/*
 * `npm install` step: build the native flattener (binding.gyp → build/Release/logvol_flat.node).
 * Optional: without a C toolchain logvol still works through the portable path (slower), so a
 * failed build prints one line and the install goes on. LOGVOL_NATIVE=0 skips the build.
 */
'use strict';
const { spawnSync } = require('node:child_process');

if (process.env.LOGVOL_NATIVE === '0') {
  console.log('logvol: LOGVOL_NATIVE=0: native flattener not built');
  process.exit(0);
}
// npm passes its bundled node-gyp to install scripts; elsewhere try the one on PATH
const gyp = process.env.npm_config_node_gyp;
const [cmd, args] = gyp ? [process.execPath, [gyp, 'rebuild']] : ['node-gyp', ['rebuild']];
const r = spawnSync(cmd, args, { cwd: __dirname + '/..', stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', shell: !gyp && process.platform === 'win32' });
if (r.status !== 0) {
  const why = r.error ? r.error.message : (r.stderr || '').split('\n').find((l) => /error/i.test(l)) || `node-gyp exited ${r.status}`;
  console.warn(`logvol: native flattener not built (${why.trim()}); scans use the portable path, about 1.5-1.7x slower`);
}
process.exit(0);

/**
 * `--type-aware` on a project where names mislead: a `req` that is a cache entry, and a request
 * taken from a generic store under another name. Default mode goes by names and annotations;
 * type-aware mode asks the checker and must be strictly more precise. Without a tsconfig.json it
 * falls back to default mode with a notice, not an error.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { scan } from '../src/engine/scan.js';
import { loadConfig } from '../src/config/load.js';
import { rules } from '../rules/index.js';
import { scratchDir } from './harness/tmp.js';

const FILES: Record<string, string> = {
  'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, target: 'ES2022', module: 'commonjs', skipLibCheck: true, types: [] }, include: ['src', 'types'] }),
  // the service vendors a small declaration for express (as a stand-in for @types/express)
  'types/express.d.ts': `declare module 'express' {
  export interface Request { body: unknown; headers: Record<string, string>; url: string }
  export interface Response { send(body: unknown): void }
  export interface App { get(path: string, handler: (req: Request, res: Response) => void): void }
  function express(): App;
  export default express;
}
declare const console: { log(...args: unknown[]): void };
`,
  'src/store.ts': `import type { Request } from 'express';

class Store<T> {
  private value?: T;
  get(): T { return this.value as T; }
  run(value: T, fn: () => void): void { this.value = value; fn(); }
}

export const requestStore = new Store<Request>();
`,
  'src/cache.ts': `export interface CacheEntry { key: string; value: string }

export function getCacheEntry(key: string): CacheEntry {
  return { key, value: '' };
}
`,
  'src/app.ts': `import express from 'express';
import { requestStore } from './store';
import { getCacheEntry } from './cache';

const app = express();

app.get('/entries', (incoming, res) => {
  const req = getCacheEntry(incoming.url);
  console.log('cache entry', req);
  const current = requestStore.get();
  console.log('current request', current);
  res.send('ok');
});
`,
};

function project(withTsconfig: boolean): string {
  const dir = scratchDir('logvol-type-aware-');
  for (const [rel, text] of Object.entries(FILES)) {
    if (rel === 'tsconfig.json' && !withTsconfig) continue;
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

async function dumps(dir: string, typeAware: boolean): Promise<{ lines: number[]; notices: string[] }> {
  const config = loadConfig({ cwd: dir, rules, configPath: undefined });
  const r = await scan({ cwd: dir, root: dir, paths: ['.'], config, rules, typeAware });
  return {
    lines: r.findings.filter((f) => f.ruleId === 'request-dump' && f.path === 'src/app.ts').map((f) => f.line).sort(),
    notices: r.notices.map((n) => n.message),
  };
}

test('type-aware mode is more precise where names mislead', async () => {
  const dir = project(true);
  try {
    const byName = await dumps(dir, false);
    const typed = await dumps(dir, true);
    // default mode: `req` is taken for a request (a false positive) and `current` is missed
    assert.deepEqual(byName.lines, [9]);
    // type-aware: the checker says `req` is a CacheEntry and `current` an express Request
    assert.deepEqual(typed.lines, [11]);
    assert.deepEqual(typed.notices, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('type-aware mode without a tsconfig.json falls back with a notice', async () => {
  const dir = project(false);
  try {
    const byName = await dumps(dir, false);
    const typed = await dumps(dir, true);
    assert.deepEqual(typed.lines, byName.lines);
    assert.ok(typed.notices.some((n) => n.includes('no tsconfig.json')), typed.notices.join('\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

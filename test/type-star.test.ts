/**
 * TypeScript 5.0's `export type * from` (typeorm's barrels): tree-sitter-typescript 0.23.2 has no
 * rule for it, so logvol blanks the keyword before parsing (parsers.ts grammarText). A valid file
 * gets no syntax-error notice, and types still resolve through the barrel.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { grammarText, parseFlat } from '../src/languages/parsers.js';
import { logvol } from './harness/cli.js';
import { put, tempDir } from './harness/hostile.js';

test('grammarText blanks `type` in line-leading `export type *` only, keeping every offset', () => {
  const src = [
    "export type * from './a';",
    "  export type * as ns from './b'",
    "export type { A } from './c';",
    "/* export type * from './d' */ export const x = 1;",
    'const s = `export type * from`;',
  ].join('\n');
  const out = grammarText('typescript', src);
  assert.equal(out.length, src.length);
  assert.deepEqual(out.split('\n'), [
    "export      * from './a';",
    "  export      * as ns from './b'",
    "export type { A } from './c';",
    "/* export type * from './d' */ export const x = 1;",
    'const s = `export type * from`;',
  ]);
  assert.equal(grammarText('tsx', src).split('\n')[0], "export      * from './a';");
  assert.equal(grammarText('javascript', src), src, 'JavaScript has no type exports');
  assert.equal(parseFlat('typescript', src).rootNode.hasError, true, 'the grammar rejects the original text');
  assert.equal(parseFlat('typescript', out).rootNode.hasError, false, 'and accepts the blanked one');
});

test('a barrel with `export type *` gets no syntax-error notice, and types resolve through it', () => {
  const root = tempDir();
  put(root, 'package.json', JSON.stringify({ name: 'tstar', dependencies: { express: '4', pino: '8' } }));
  put(root, 'src/lib/types.ts', "import type { Logger } from 'pino';\nexport type AppLogger = Logger;\n");
  put(root, 'src/lib/logger.ts', "import pino from 'pino';\nexport const logger = pino();\n");
  put(root, 'src/lib/index.ts', "export type * from './types';\nexport type * as T from './types';\nexport * from './logger';\n");
  put(root, 'src/view.tsx', "export type * from './lib';\nexport const View = () => <div />;\n");
  put(root, 'src/audit.ts', "import type { AppLogger } from './lib';\nexport function audit(log: AppLogger, what: unknown): void {\n  log.info(what);\n}\n");
  put(
    root,
    'src/server.ts',
    "import express from 'express';\nimport { logger } from './lib';\nimport { audit } from './audit';\nconst app = express();\n" +
      "app.get('/orders', (req, res) => {\n  audit(logger, req);\n  res.send('ok');\n});\napp.listen(8080);\n",
  );
  const r = logvol(['scan', '.', '--format', 'json', '--no-prefilter'], root);
  assert.equal(r.code, 1, r.stderr);
  const j = JSON.parse(r.stdout) as { findings: { path: string; line: number; ruleId: string }[]; notices: unknown[] };
  assert.deepEqual(j.notices, []);
  assert.deepEqual(
    j.findings.map((f) => `${f.path}:${f.line}:${f.ruleId}`),
    ['src/audit.ts:3:request-dump', 'src/server.ts:6:request-dump'],
  );
});

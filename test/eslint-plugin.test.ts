/**
 * The ESLint plugin: generated from the registry, flat config, and each rule reports what logvol's
 * own TS/JS detector finds — checked with ESLint's RuleTester (messageId, line, 0-based column).
 */
import { describe, it, test } from 'node:test';
import assert from 'node:assert/strict';
import { Linter, RuleTester } from 'eslint';
import plugin from '../src/eslint-plugin/index.js';
import { rules as registry } from '../rules/index.js';

type TesterRule = Parameters<RuleTester['run']>[1];
const asRule = (id: string): TesterRule => plugin.rules[id] as unknown as TesterRule;

// RuleTester uses describe/it hooks; give it node:test's
Object.assign(RuleTester as unknown as Record<string, unknown>, { describe, it, itOnly: it.only });

const tester = new RuleTester({ languageOptions: { ecmaVersion: 2022, sourceType: 'module' } });

const expressApp = `import express from 'express';
import pino from 'pino';
const app = express();
const logger = pino();
`;

tester.run('logvol/request-dump', asRule('request-dump'), {
  valid: [
    { code: `${expressApp}app.get('/o/:id', (req, res) => {\n  logger.info({ id: req.params.id, url: req.url }, 'get');\n  res.end();\n});\n`, filename: 'src/app.js' },
    // logvol's own suppression comments are honoured in the editor too
    { code: `${expressApp}app.post('/o', (req, res) => {\n  logger.info(req.body); // logvol-ignore request-dump -- sampled elsewhere\n  res.end();\n});\n`, filename: 'src/app.js' },
  ],
  invalid: [
    {
      code: `${expressApp}app.post('/o', (req, res) => {\n  logger.info({ body: req.body }, 'create');\n  res.end();\n});\n`,
      filename: 'src/app.js',
      errors: [{ messageId: 'wholeBody', line: 6, column: 3, endLine: 6, endColumn: 44 }],
    },
    {
      code: `${expressApp}app.use((req, res, next) => {\n  console.log('in', req);\n  next();\n});\n`,
      filename: 'src/app.js',
      errors: [{ messageId: 'wholeRequest', line: 6, column: 3 }],
    },
  ],
});

tester.run('logvol/context-print', asRule('context-print'), {
  valid: [{ code: `import { trace } from '@opentelemetry/api';\nexport function f() {\n  const span = trace.getActiveSpan();\n  console.log(span.spanContext().traceId);\n}\n`, filename: 'src/t.js' }],
  invalid: [
    {
      code: `import Koa from 'koa';\nconst app = new Koa();\napp.use(async (ctx) => {\n  console.log(\`ctx: \${JSON.stringify(ctx)}\`);\n});\n`,
      filename: 'src/koa.mjs',
      errors: [{ messageId: 'wholeRequestContext', line: 4, column: 3 }],
    },
  ],
});

tester.run('logvol/stack-trace-log', asRule('stack-trace-log'), {
  valid: [
    { code: `console.trace('debugging');\n`, filename: 'src/__tests__/a.test.js' },
    // start-up code and crash handlers run once: their stacks are not volume
    { code: `export function where() {\n  console.trace('here');\n}\nprocess.on('uncaughtException', (err) => console.trace(err));\n`, filename: 'src/where.js' },
  ],
  invalid: [{ code: `export function where(items) {\n  for (const i of items) {\n    console.trace(i);\n  }\n}\n`, filename: 'src/where.js', errors: [{ messageId: 'consoleTrace', line: 3, column: 5 }] }],
});

tester.run('logvol/tz-load-per-request', asRule('tz-load-per-request'), {
  valid: [{ code: `const fmt = new Intl.DateTimeFormat('en', { timeZone: 'UTC' });\nexport const f = (d) => fmt.format(d);\n`, filename: 'src/fmt.js' }],
  invalid: [
    {
      code: `${expressApp}app.get('/t', (req, res) => {\n  res.send(new Date().toLocaleString('en', { timeZone: req.query.tz }));\n});\n`,
      filename: 'src/app.js',
      errors: [{ messageId: 'zonePerRequest', line: 6, column: 12 }],
    },
  ],
});

tester.run('logvol/log-in-loop', asRule('log-in-loop'), {
  valid: [{ code: `import pino from 'pino';\nconst logger = pino();\nfor (const r of ['a']) logger.info(r);\n`, filename: 'src/boot.js' }],
  invalid: [
    {
      code: `${expressApp}app.post('/i', (req, res) => {\n  req.body.rows.forEach((row) => logger.info({ id: row.id }));\n  res.end();\n});\n`,
      filename: 'src/app.js',
      errors: [{ messageId: 'perItem', line: 6, column: 34 }],
    },
  ],
});

test('the plugin exposes exactly the registry, with a recommended flat config', () => {
  assert.deepEqual(Object.keys(plugin.rules).sort(), registry.map((r) => r.meta.id).sort());
  for (const r of registry) {
    const m = plugin.rules[r.meta.id]!.meta;
    assert.equal(m.docs.description, r.meta.summary);
    assert.deepEqual(m.messages, r.meta.messages);
    const level = plugin.configs.recommended.rules[`logvol/${r.meta.id}`];
    assert.equal(level, r.meta.recommended ? (r.meta.severity === 'error' ? 'error' : 'warn') : undefined);
  }
  assert.equal(plugin.configs.recommended.plugins.logvol, plugin);
});

test('a flat config with the recommended preset reports through Linter', () => {
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(`${expressApp}app.post('/o', (req, res) => {\n  console.log(req.headers);\n  res.end();\n});\n`, [{ ...plugin.configs.recommended, languageOptions: { sourceType: 'module' } } as unknown as Linter.Config], 'src/app.js');
  assert.deepEqual(messages.map((m) => `${m.ruleId}:${m.line}:${m.column}`), ['logvol/request-dump:6:3']);
});

test('settings.logvol.logLevel drops findings on lines below it, as the config\'s logLevel does', () => {
  const linter = new Linter({ configType: 'flat' });
  const code = `${expressApp}app.post('/o', (req, res) => {\n  logger.debug(req.headers);\n  logger.info(req.headers);\n  res.end();\n});\n`;
  const base = { ...plugin.configs.recommended, languageOptions: { sourceType: 'module' } } as unknown as Linter.Config;
  const lines = (settings?: Record<string, unknown>): number[] => linter.verify(code, [settings ? { ...base, settings } : base], 'src/app.js').map((m) => m.line);
  assert.deepEqual(lines(), [6, 7]);
  assert.deepEqual(lines({ logvol: { logLevel: 'info' } }), [7]);
  assert.deepEqual(lines({ logvol: { logLevel: 'warn' } }), []);
});

test('a "use client" file: its effects and event handlers report nothing in the editor, as `logvol scan`; its render body does', () => {
  const linter = new Linter({ configType: 'flat' });
  const config = [{ ...plugin.configs.recommended, languageOptions: { sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } } } as unknown as Linter.Config];
  const label = "new Intl.DateTimeFormat('en', { timeZone: tz }).format(new Date())";
  const effect = `useEffect(() => {\n    setLabels(zones.map((tz) => ${label}));\n  }, [zones]);`;
  const click = `<button onClick={() => setLabels(zones.map((tz) => ${label}))}>go</button>`;
  const component = (head: string, body: string): string => `${head}import { useEffect, useState } from 'react';\nexport function Zones({ zones }) {\n  const [labels, setLabels] = useState([]);\n  ${body}\n  return <div>{labels.join(', ')}</div>;\n}\n`;
  const rules = (code: string): string[] => linter.verify(code, config, 'src/zones.jsx').map((m) => `${m.ruleId}:${m.line}`);
  // browser-only: an effect's callback, a JSX event handler
  assert.deepEqual(rules(component("'use client';\n", effect)), []);
  assert.deepEqual(rules(component('"use strict";\n"use client";\n', `const b = ${click};`)), []);
  // the render body runs on the server too (SSR), and without the directive everything is read as server code
  assert.deepEqual(rules(component("'use client';\n", `const now = zones.map((tz) => ${label});`)), ['logvol/tz-load-per-request:5']);
  assert.deepEqual(rules(component('', effect)), ['logvol/tz-load-per-request:5']);
  assert.deepEqual(rules(component("export const v = 1;\n'use client';\n", effect)), ['logvol/tz-load-per-request:7']);
});

test('minified text reports nothing in the editor, as `logvol scan` skips it; the same code formatted does', () => {
  const linter = new Linter({ configType: 'flat' });
  const config = [{ ...plugin.configs.recommended, languageOptions: { sourceType: 'module' } } as unknown as Linter.Config];
  const code = `${expressApp}app.post('/o', (req, res) => {\n  console.log(req.headers);\n  res.end();\n});\n`;
  const filler = 'var a=1;'.repeat(600);
  const formatted = linter.verify(`${code}${filler.replace(/;/g, ';\n')}`, config, 'src/app.js');
  assert.deepEqual(formatted.map((m) => m.ruleId), ['logvol/request-dump']);
  // the same code on one line, with a long tail: lines average over 300 characters
  const minified = linter.verify(`${code.replace(/\n\s*/g, '')}${filler}\n${filler}`, config, 'src/app.min.js');
  assert.deepEqual(minified, []);
});

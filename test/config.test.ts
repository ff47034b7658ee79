import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GO_MOD, HANDLER_WITH_CTX_PRINT, logvol, tempProject } from './harness/cli.js';

function firstLine(s: string): string {
  return s.split('\n')[0]!;
}

test('config errors name the file and the key, exit 2, no stack trace', () => {
  const cases: [string, RegExp][] = [
    ['{ "rules": { ', /logvol\.config\.json: invalid JSON/],
    ['{ "rules": { "context-prin": "error" } }', /logvol\.config\.json: rules\.context-prin: unknown rule id \(did you mean "context-print"\?\)/],
    ['{ "rulez": {} }', /logvol\.config\.json: rulez: unknown key \(did you mean "rules"\?\)/],
    ['{ "rules": { "context-print": "loud" } }', /logvol\.config\.json: rules\.context-print: must be "off", "note", "warning" or "error"/],
    ['{ "include": "src" }', /logvol\.config\.json: include: must be array/],
    ['{ "maxFileSize": -1 }', /logvol\.config\.json: maxFileSize: must be >= 1/],
    ['{ "logLevel": "loud" }', /logvol\.config\.json: logLevel: must be equal to one of the allowed values/],
    ['[1, 2]', /logvol\.config\.json: the config must be a JSON object/],
  ];
  for (const [content, re] of cases) {
    const dir = tempProject({ 'go.mod': GO_MOD, 'logvol.config.json': content, 'h.go': HANDLER_WITH_CTX_PRINT });
    const r = logvol(['scan', '.'], dir);
    assert.equal(r.code, 2, content);
    assert.match(firstLine(r.stderr), re, content);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  }
});

test('--config pointing at a missing file is a usage error', () => {
  const dir = tempProject({ 'go.mod': GO_MOD });
  const r = logvol(['scan', '.', '--config', 'nope.json'], dir);
  assert.equal(r.code, 2);
  assert.match(firstLine(r.stderr), /config file not found: nope\.json/);
});

test('config is discovered upwards; "off" disables a rule; severities change the exit code', () => {
  const dir = tempProject({ 'go.mod': GO_MOD, 'svc/h.go': HANDLER_WITH_CTX_PRINT, 'logvol.config.json': '{ "rules": { "context-print": "off" } }' });
  assert.equal(logvol(['scan', '.'], `${dir}/svc`).code, 0);
  const dir2 = tempProject({ 'go.mod': GO_MOD, 'h.go': HANDLER_WITH_CTX_PRINT, 'logvol.config.json': '{ "rules": { "context-print": ["note"] } }' });
  const r = logvol(['scan', '.'], dir2);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /9:2\s+note/);
});

test('a "logvol" key in package.json is a config', () => {
  const dir = tempProject({ 'go.mod': GO_MOD, 'h.go': HANDLER_WITH_CTX_PRINT, 'package.json': '{ "name": "x", "logvol": { "rules": { "context-print": "warning" } } }' });
  const r = logvol(['scan', '.'], dir);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /warning/);
  const bad = tempProject({ 'go.mod': GO_MOD, 'package.json': '{ "name": "x", "logvol": { "rulez": 1 } }' });
  const rb = logvol(['scan', '.'], bad);
  assert.equal(rb.code, 2);
  assert.match(firstLine(rb.stderr), /package\.json \(key "logvol"\): rulez: unknown key/);
});

test('include/exclude and extra sinks from config', () => {
  const logx = `package logx\n\nfunc Infof(format string, args ...interface{}) {}\n`;
  const handler = `package h

import (
	"context"

	"example.com/svc/logx"
)

func Handle(ctx context.Context) {
	logx.Infof("ctx=%v", ctx)
}
`;
  const dir = tempProject({
    'go.mod': GO_MOD,
    'logx/logx.go': logx,
    'h/h.go': handler,
    'legacy/h.go': HANDLER_WITH_CTX_PRINT,
    'logvol.config.json': JSON.stringify({ exclude: ['legacy/'], sinks: { go: ['example.com/svc/logx.Infof'] } }),
  });
  const j = JSON.parse(logvol(['scan', '.', '-f', 'json'], dir).stdout) as { findings: { path: string; line: number }[] };
  assert.deepEqual(j.findings.map((f) => `${f.path}:${f.line}`), ['h/h.go:10']);
  const dir2 = tempProject({ 'go.mod': GO_MOD, 'a/h.go': HANDLER_WITH_CTX_PRINT, 'b/h.go': HANDLER_WITH_CTX_PRINT, 'logvol.config.json': '{ "include": ["b/**"] }' });
  const j2 = JSON.parse(logvol(['scan', '.', '-f', 'json'], dir2).stdout) as { findings: { path: string }[] };
  assert.deepEqual(j2.findings.map((f) => f.path), ['b/h.go']);
});

test('logLevel: findings on lines below the production level are not reported; --log-level overrides the config', () => {
  const handler = `package h

import (
	"log/slog"
	"net/http"

	"github.com/rs/zerolog/log"
)

func Handle(w http.ResponseWriter, r *http.Request) {
	slog.Debug("request", "r", r)
	log.Debug().Interface("r", r).Msg("request")
	slog.Info("request", "r", r)
}

func Mount() { http.HandleFunc("/h", Handle) }
`;
  const lines = (args: string[], config?: string): number[] => {
    const dir = tempProject({ 'go.mod': GO_MOD, 'h.go': handler, ...(config ? { 'logvol.config.json': config } : {}) });
    const r = logvol(['scan', '.', '-f', 'json', ...args], dir);
    assert.notEqual(r.code, 2, r.stderr);
    return (JSON.parse(r.stdout) as { findings: { line: number }[] }).findings.map((f) => f.line).sort((a, b) => a - b);
  };
  assert.deepEqual(lines([]), [11, 12, 13]);
  assert.deepEqual(lines([], '{ "logLevel": "info" }'), [13]);
  assert.deepEqual(lines(['--log-level', 'debug'], '{ "logLevel": "info" }'), [11, 12, 13]);
  assert.deepEqual(lines(['--log-level', 'warn']), []);
  // a finding below the level is still there: its suppression is used, its baseline entry not stale
  const suppressedAt = handler.replace('slog.Debug("request", "r", r)', 'slog.Debug("request", "r", r) // logvol-ignore request-dump -- local debugging only');
  const dir = tempProject({ 'go.mod': GO_MOD, 'h.go': suppressedAt, 'logvol.config.json': '{ "logLevel": "info" }' });
  const used = logvol(['scan', '.', '-f', 'json', '--report-unused-suppressions'], dir);
  assert.deepEqual((JSON.parse(used.stdout) as { findings: { line: number; ruleId: string }[] }).findings.map((f) => `${f.ruleId}:${f.line}`), ['request-dump:13']);
  assert.doesNotMatch(used.stderr, /suppresses nothing/);
  const b = tempProject({ 'go.mod': GO_MOD, 'h.go': handler });
  assert.equal(logvol(['scan', '.', '--write-baseline', 'base.json'], b).code, 0);
  const withLevel = logvol(['scan', '.', '-f', 'json', '--baseline', 'base.json', '--log-level', 'info'], b);
  assert.equal(withLevel.code, 0, withLevel.stderr);
  assert.doesNotMatch(withLevel.stderr, /stale/);
  assert.match(withLevel.stderr, /1 baselined finding hidden/);
});

test('a TS wrapper named for no level writes at the highest level of its sink calls: --log-level drops it below that, a chain of wrappers too', () => {
  const files = {
    'package.json': '{ "name": "w", "dependencies": { "express": "^4", "debug": "^4", "winston": "^3" } }',
    'lib.js': `const debug = require('debug')('members');
const winston = require('winston');
const logger = winston.createLogger();
async function addMember(id) { debug('adding', id); return id; }
async function addInvite(email) { logger.debug('inviting', email); return email; }
async function addOwner(id) { logger.debug('owner', id); logger.warn('owner added', id); return id; }
async function addGuest(id) { logger.debug('guest', id); console.log('guest', id); return id; }
async function addAll(id) { return addMember(id); }
module.exports = { addMember, addInvite, addOwner, addGuest, addAll };
`,
    'app.js': `const express = require('express');
const { addMember, addInvite, addOwner, addGuest, addAll } = require('./lib');
const app = express();
app.post('/m', async (req, res) => {
  for (const m of req.body.members) {
    await addMember(m.id);
    await addInvite(m.email);
    await addOwner(m.id);
    await addGuest(m.id);
    await addAll(m.id);
  }
  res.end();
});
`,
  };
  const lines = (args: string[]): number[] => {
    const dir = tempProject(files);
    const r = logvol(['scan', '.', '-f', 'json', ...args], dir);
    assert.notEqual(r.code, 2, r.stderr);
    return (JSON.parse(r.stdout) as { findings: { path: string; line: number }[] }).findings.filter((f) => f.path === 'app.js').map((f) => f.line).sort((a, b) => a - b);
  };
  assert.deepEqual(lines([]), [6, 7, 8, 9, 10]);
  // debug-level wrappers go at info; one that also warns stays until warn; one that writes to the console always
  assert.deepEqual(lines(['--log-level', 'info']), [8, 9]);
  assert.deepEqual(lines(['--log-level', 'error']), [9]);
});

/**
 * The TS/JS adapter on its own: hostile input does not overflow the stack, imports resolve through
 * tsconfig `paths` and index files, wrappers are found, names alone do not make a sink or a request.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFlat } from '../src/languages/parsers.js';
import { summarizeTs, type TsFileSummary } from '../src/languages/ts/summarize.js';
import { TsModel } from '../src/languages/ts/model.js';
import { scratchDir } from './harness/tmp.js';

function summary(path: string, text: string): TsFileSummary {
  const grammar = path.endsWith('.tsx') ? 'tsx' : path.endsWith('.ts') ? 'typescript' : 'javascript';
  return summarizeTs(parseFlat(grammar, text), text, path, grammar);
}

test('10,000 nested parentheses and blocks do not overflow the stack', () => {
  const deep = `export function f(req) { console.log(${'('.repeat(10_000)}req${')'.repeat(10_000)}); }\n`;
  const s = summary('deep.js', deep);
  assert.equal(s.functions.length, 1);
  const blocks = `function g() { ${'{'.repeat(5_000)} console.log(1); ${'}'.repeat(5_000)} }\n`;
  assert.doesNotThrow(() => summary('blocks.ts', blocks));
  const arrows = `const h = ${'() => '.repeat(3_000)} console.log(1);\n`;
  assert.doesNotThrow(() => new TsModel([summary('arrows.ts', arrows)]).view(summary('arrows.ts', arrows)));
});

test('imports resolve through tsconfig paths, index files and .js specifiers of .ts files', () => {
  const root = scratchDir('logvol-ts-');
  writeFileSync(join(root, 'tsconfig.json'), '{ // comment\n "compilerOptions": { "baseUrl": ".", "paths": { "@log/*": ["src/log/*"] }, }, }');
  const files = [
    summary('src/log/index.ts', `import pino from 'pino';\nexport const logger = pino();\n`),
    summary('src/log/wrap.ts', `import { logger } from './index.js';\nexport function say(...args: unknown[]) { logger.info(...args); }\n`),
    summary('src/app.ts', `import express from 'express';\nimport { say } from '@log/wrap';\nimport { logger } from './log';\nconst app = express();\napp.post('/x', (req, res) => { say('body', req.body); logger.info(req.headers); res.end(); });\n`),
  ];
  const model = new TsModel(files, [], { root });
  const view = model.view(files[2]!);
  const sinks = view.sinkCalls.map((c) => c.sink).sort();
  assert.deepEqual(sinks, ['pino.info', 'say']);
  const printed = view.sinkCalls.flatMap((c) => c.args.filter((a) => a.role === 'printed').map((a) => `${a.text}:${a.type}`)).sort();
  assert.deepEqual(printed, ['req.body:req.body', 'req.headers:req.headers']);
  assert.equal(view.requestPath(view.sinkCalls[0]!.func)?.entry, 'POST /x');
});

test('a name alone does not make a logger a sink unless it is a logger name with a level method', () => {
  const s = summary('svc.ts', `export function run(store: { info(x: unknown): void }, logger: any, req: unknown) {\n  store.info(req);\n  logger.info(req);\n  logger.format(req);\n}\n`);
  const view = new TsModel([s]).view(s);
  assert.deepEqual(view.sinkCalls.map((c) => c.text), ['logger.info(req)']);
  // `req` outside any request path is not guessed to be a request
  assert.equal(view.sinkCalls[0]!.args[0]!.type, '');
});

test('iteration callbacks count as loops, route handlers registered in a loop do not', () => {
  const s = summary('routes.js', `const express = require('express');\nconst app = express();\nconst log = require('pino')();\n['/a', '/b'].forEach((p) => {\n  app.get(p + '/x', (req, res) => { log.info('hit'); res.end(); });\n});\napp.get('/items', (req, res) => { req.body.items.forEach((i) => log.info({ i })); res.end(); });\n`);
  const view = new TsModel([s]).view(s);
  const depth = Object.fromEntries(view.sinkCalls.map((c) => [c.text, c.loopDepth]));
  assert.equal(depth["log.info('hit')"], 0);
  assert.equal(depth['log.info({ i })'], 1);
});

test('annotated and decorated parameters resolve to framework types', () => {
  const s = summary('src/handlers.ts', `import Koa from 'koa';
import * as grpc from '@grpc/grpc-js';
import type { Context, SQSEvent } from 'aws-lambda';
import { Controller, Get, Req } from '@nestjs/common';
import type { Request } from 'express';
import { inspect } from 'node:util';

export async function koaMw(ctx: Koa.Context) { console.log(ctx); }
export function unary(call: grpc.ServerUnaryCall<{ id: string }, { ok: boolean }>) { console.log(call.metadata, call.request.id); }
export async function onQueue(event: SQSEvent, context: Context) { console.log(event, context.awsRequestId); }
@Controller('x')
export class X {
  @Get()
  get(@Req() req) { console.log(inspect(req, { depth: null })); }
  list(req: Request) { console.log(req.params.id); }
}
`);
  const view = new TsModel([s]).view(s);
  const printed = view.sinkCalls.flatMap((c) => c.args.filter((a) => a.role === 'printed').map((a) => `${a.text}=${a.type}${a.tags.includes('deep') ? ' deep' : ''}`));
  assert.deepEqual(printed, [
    'ctx=koa.Context',
    'call.metadata=grpc.Metadata',
    'call.request.id=',
    'event=lambda.Event',
    'context.awsRequestId=',
    'req=express.Request deep',
    'req.params.id=',
  ]);
  // every one of them runs per request: the parameter types alone make them entry points
  assert.ok(view.sinkCalls.every((c) => view.requestPath(c.func) !== undefined));
});

test('an argument whose part is the argument itself shares its value, except where one level deeper meets the depth limit', () => {
  // a member chain 63 deep: the argument's value reaches level 63, its part's level 64 (the limit);
  // 64 deep: the argument's reaches 64 and its part's would be 65, past the limit, so it has none
  const call = (depth: number): TsFileSummary['calls'][number] => {
    const s = summary('deep.ts', `function f(req: any) {\n  console.log(req${'.a'.repeat(depth)});\n}\n`);
    return s.calls.find((c) => c.calleeText === 'console.log')!;
  };
  const shallow = call(63).args[0]!;
  assert.equal(shallow.value?.path.length, 63);
  assert.equal(shallow.parts.length, 1);
  assert.deepEqual(shallow.parts[0]!.value, shallow.value);
  const deep = call(64).args[0]!;
  assert.equal(deep.value?.path.length, 64);
  assert.equal(deep.parts.length, 1);
  assert.equal(deep.parts[0]!.value, undefined);
  assert.equal(deep.parts[0]!.text, deep.text);
  assert.deepEqual(deep.parts[0]!.span, deep.span);
});

test('class members: accessors are not methods, static and instance methods of one name are kept apart', () => {
  const s = summary('members.ts', `class A {\n  get app() { return 1; }\n  set app(v) {}\n  static app() {}\n  list() {}\n  static list() { return this.sorted(); }\n  static sorted() {}\n  static make = () => this.list();\n  handle = () => this.list();\n  get() {}\n}\n`);
  const cls = s.classes.find((c) => c.name === 'A')!;
  // each member by the line of its function
  const lines = (table: Record<string, number> | undefined) => Object.fromEntries(Object.entries(table ?? {}).map(([k, v]) => [k, s.functions[v]!.span.line]));
  assert.deepEqual(lines(cls.methods), { list: 5, get: 10, handle: 9 });
  assert.deepEqual(lines(cls.statics), { app: 4, list: 6, sorted: 7, make: 8 });
  // `this` in a static method or static field initializer is the class, elsewhere an instance
  const thisCalls = s.calls.filter((c) => c.calleeText.startsWith('this.')).map((c) => `${c.span.line} ${c.calleeText} ${c.callee?.root.kind}`);
  assert.deepEqual(thisCalls, ['6 this.sorted class', '8 this.list class', '9 this.list this']);
});

test('`this` in a plain function is its caller\'s, unless the function is a class field or bound to the enclosing `this`', () => {
  const s = summary('plain.js', `class A {
  run(items, client) {
    client.hook = function () { this.a(); };
    const bound = function () { this.b(); }.bind(this);
    (function () { this.c(); }).call(this);
    items.forEach(function () { this.d(); }, this);
    items.forEach(function () { this.e(); });
    function inner() { this.f(); }
    const arrow = () => this.g();
  }
  field = function () { this.h(); };
}
`);
  const roots = s.calls.filter((c) => /^this\.\w$/.test(c.calleeText)).map((c) => `${c.calleeText.slice(5)}:${c.callee?.root.kind}`).sort();
  assert.deepEqual(roots, ['a:unknown', 'b:this', 'c:this', 'd:this', 'e:unknown', 'f:unknown', 'g:this', 'h:this']);
});

/**
 * Small TypeScript and JavaScript services that touches most branches of the summariser (classes with bases,
 * decorators, fields, getters and static members; GraphQL resolver maps; loops of every kind;
 * try/catch; environment tests; exports of every kind; logger and console calls).
 *
 * engine/warm-up.ts summarises it before a large scan's first file, so that V8 has seen every
 * branch of the summariser's walk when it compiles it: code compiled before a branch was first
 * taken is thrown away when it is ("insufficient type feedback"), and the TS walk was compiled
 * 6–10 times a scan (issue 6). Nothing of it reaches a report: its summary is dropped.
 */
export const WARM_UP_TS = String.raw`import { Injectable, Controller, Get } from '@nestjs/common';
import * as express from 'express';
import pino from 'pino';
import type { Request, Response } from 'express';
import { helper, other as renamed } from './helpers';
export { util } from './util';
export * from './types';

const logger = pino();
const log = console;
const isDev = process.env.NODE_ENV === 'development';
let counter = 0, total: number | undefined;
const { a, b: [c, ...rest], ...others } = { a: 1, b: [2, 3], d: 4 };

interface Options { name: string; level?: 'info' | 'debug'; nested: Array<Map<string, number>> }
type Handler = (req: Request, res: Response) => Promise<void>;
enum Mode { Fast = 1, Slow }

export const Query: QueryResolvers = {
  user: async (_parent, args, ctx) => { logger.info({ args }, 'user'); return ctx.users.get(args.id); },
  items(parent, { first }) { return parent.items.slice(0, first); },
};
export const Mutation = { save: (_: unknown, input: Options) => input.name };
const resolvers = { Query, Mutation, Subscription: { tick: { subscribe: () => null } } };

function* ids(): Generator<number> { let i = 0; while (true) yield i++; }
export default function handler(req: Request, res: Response): void {
  console.log('request', req.method, req.url, JSON.stringify(req.headers));
  res.send(String(counter++));
}

abstract class Base<T> implements Iterable<T> {
  protected readonly items: T[] = [];
  static instances = 0;
  static create = () => new (this as any)();
  private handler = (x: T) => this.items.push(x);
  abstract kind(): string;
  [Symbol.iterator](): Iterator<T> { return this.items[Symbol.iterator](); }
}

@Injectable()
export class UserService extends Base<string> {
  private readonly log = new Logger(UserService.name);
  #secret = 'x';
  cache: Map<string, Options> = new Map();
  constructor(private readonly repo: Repo, public opts?: Options) { super(); }
  get size(): number { return this.items.length; }
  set size(v: number) { total = v; }
  static of(repo: Repo): UserService { return new UserService(repo); }
  kind() { return 'user'; }
  async find(id: string, ...more: string[]): Promise<Options | undefined> {
    try {
      const found = await this.repo.find(id);
      if (!found) throw new Error('missing ' + id);
      for (const m of more) this.log.debug(m);
      for (const k in found) { if (k === 'name') continue; }
      for (let i = 0; i < 3; i++) { counter += i; }
      let n = 0;
      do { n++; } while (n < 2);
      while (n > 0) { n--; if (n === 1) break; }
      return isDev ? found : { ...found, name: found.name ?? 'anon' };
    } catch (err: unknown) {
      this.log.error(err instanceof Error ? err.stack : String(err));
      console.error(new Error('find').stack);
      return undefined;
    } finally {
      counter--;
    }
  }
}

@Controller('users')
export class UserController {
  constructor(private readonly users: UserService) {}
  @Get(':id')
  async get(req: Request): Promise<unknown> {
    const tz = Intl.DateTimeFormat('en-US', { timeZone: req.query.tz as string });
    const user = await this.users.find(req.params.id);
    logger.info({ req, user }, 'got user');
    log.warn(` + '`user ${req.params.id} ${tz.format(new Date())}`' + String.raw`);
    return user;
  }
}

const klass = class Named extends UserController {};
const anonymous = class extends Base<number> { kind() { return 'n'; } };
const app = express();
app.use(express.json());
app.get('/health', (req, res) => { res.status(200).json({ ok: true }); });
app.post('/users/:id', async function save(req: Request, res: Response) {
  switch (req.body?.mode) {
    case 'a': logger.debug(req.body); break;
    default: logger.info('saved %o', req);
  }
  const list = [1, 2, 3].map((x) => x * 2).filter(Boolean);
  list.forEach((x) => { if (x > 2) logger.info(x); else log.log(x); });
  setInterval(() => { counter = 0; }, 1000);
  await Promise.all(list.map(async (x) => helper(x))).catch((e) => logger.error(e));
  res.end(renamed(typeof others === 'object' ? 'o' : 'n', a, c, rest.length, ids().next().value));
});
if (process.env.NODE_ENV !== 'production') { app.get('/debug', (req, res) => res.json(req)); }
if (isDev) console.debug('dev');
process.on('uncaughtException', (e) => { console.error(e); process.exit(1); });
export { app as server, resolvers, klass, anonymous, Mode, type Handler };
module.exports = { handler };
`;

/** The JavaScript grammar's own shapes: class fields are `property`, a base class has no `extends_clause`. */
export const WARM_UP_JS = String.raw`'use strict';
const express = require('express');
const { format } = require('util');
const debug = require('debug')('app');
const logger = require('./logger');

class Store extends Map {
  count = 0;
  static shared = new Store();
  #hidden;
  constructor(name) { super(); this.name = name; }
  get label() { return this.name; }
  put(key, value) {
    this.count++;
    for (const [k, v] of Object.entries(value)) debug('%s=%o', k, v);
    return super.set(key, value);
  }
}
const Plain = class extends Store {};

function Legacy(opts) { this.opts = opts || {}; }
Legacy.prototype.run = function run(req, cb) {
  var self = this;
  process.nextTick(function () { logger.info(format('run %j', req.body)); cb(null, self.opts); });
};

const router = express.Router();
router.get('/items/:id', async (req, res, next) => {
  try {
    const item = await Store.shared.get(req.params.id);
    if (!item) return res.sendStatus(404);
    console.log('item', item, req);
    res.json(item);
  } catch (err) {
    console.error(err.stack);
    next(err);
  }
});
exports.router = router;
module.exports.Plain = Plain;
module.exports = { Store, Legacy, router };
`;

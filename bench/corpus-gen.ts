/**
 * A deterministic synthetic corpus of Go and TS services, shaped like real ones: handlers that call
 * helpers in other packages through a wrapper logger, plus a majority of plain code (models, codecs,
 * utilities) with no log calls — about a quarter of real Go files and a tenth of TS files mention a
 * word a rule could match. The handlers use the plain code (they import it and call it), and the
 * server imports every route, as in a real service: a prefilter cannot drop it wholesale.
 * Same seed and size, same bytes. Bump GENERATOR_VERSION when the output changes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { prng as mulberry32 } from './prng.js';

/** Part of the corpus directory name, so a changed generator never mixes with an old corpus. */
export const GENERATOR_VERSION = 2;

export interface CorpusStats {
  files: number;
  lines: number;
  bytes: number;
}

export function generateCorpus(dir: string, opts: { seed: number; lines: number }): CorpusStats {
  const rnd = mulberry32(opts.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const stats: CorpusStats = { files: 0, lines: 0, bytes: 0 };
  const write = (p: string, text: string): void => {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
    stats.files++;
    stats.lines += text.split('\n').length;
    stats.bytes += Buffer.byteLength(text);
  };
  const nouns = ['order', 'cart', 'price', 'user', 'stock', 'invoice', 'ship', 'review', 'coupon', 'payment'];
  let svc = 0;
  while (stats.lines < opts.lines) {
    svc++;
    const name = `svc${svc}`;
    if (svc % 2 === 1) goService(name);
    else tsService(name);
  }
  return stats;

  function goService(name: string): void {
    const mod = `example.com/${name}`;
    write(`${name}/go.mod`, `module ${mod}\n\ngo 1.22\n`);
    write(
      `${name}/internal/logx/logx.go`,
      `package logx\n\nimport "log"\n\nfunc Infof(format string, args ...interface{}) {\n\tlog.Printf(format, args...)\n}\n`,
    );
    const plain = 8 + Math.floor(rnd() * 8);
    for (let i = 0; i < plain; i++) write(`${name}/internal/model/m${i}.go`, goPlain(i));
    const handlers = 2 + Math.floor(rnd() * 3);
    for (let h = 0; h < handlers; h++) {
      const noun = pick(nouns);
      write(`${name}/internal/api/${noun}_${h}.go`, goHandler(mod, noun, h, h % plain));
    }
    write(`${name}/cmd/server/main.go`, `package main\n\nimport (\n\t"log"\n\t"net/http"\n\n\t"${mod}/internal/api"\n)\n\nfunc main() {\n\thttp.HandleFunc("/", api.Handle0)\n\tlog.Fatal(http.ListenAndServe(":8080", nil))\n}\n`);
  }

  function goPlain(i: number): string {
    let out = `package model\n\nimport (\n\t"errors"\n\t"strings"\n)\n\n`;
    const types = 3 + Math.floor(rnd() * 4);
    for (let t = 0; t < types; t++) {
      const T = `Entity${i}x${t}`;
      out += `// ${T} is a plain record.\ntype ${T} struct {\n\tID    string\n\tName  string\n\tCount int\n\tTags  []string\n}\n\n`;
      out += `func (e *${T}) Validate() error {\n\tif e.ID == "" {\n\t\treturn errors.New("missing id")\n\t}\n\tfor _, t := range e.Tags {\n\t\tif strings.TrimSpace(t) == "" {\n\t\t\treturn errors.New("empty tag")\n\t\t}\n\t}\n\treturn nil\n}\n\n`;
      out += `func (e *${T}) Key() string {\n\tvar b strings.Builder\n\tb.WriteString(e.ID)\n\tfor i := 0; i < e.Count; i++ {\n\t\tb.WriteByte(':')\n\t}\n\treturn b.String()\n}\n\n`;
    }
    return out;
  }

  function goHandler(mod: string, noun: string, h: number, m: number): string {
    const bad = rnd() < 0.5;
    return `package api

import (
	"fmt"
	"log"
	"net/http"
	"time"

	"${mod}/internal/logx"
	"${mod}/internal/model"
)

func Handle${h}(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	e := &model.Entity${m}x0{ID: r.URL.Query().Get("id")}
	if err := e.Validate(); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	${bad ? 'fmt.Printf("Context => %v", ctx)' : 'log.Printf("handle %s", r.URL.Path)'}
	logx.Infof("${noun} %s", r.URL.Path)
	items := r.URL.Query()["id"]
	for _, id := range items {
		${bad ? 'log.Printf("item %s", id)' : '_ = id'}
	}
	loc, err := time.LoadLocation(r.URL.Query().Get("tz"))
	if err != nil {
		loc = time.UTC
	}
	fmt.Fprintf(w, "%s %s", time.Now().In(loc), e.Key())
}
`;
  }

  function tsService(name: string): void {
    write(`${name}/package.json`, `{ "name": "${name}", "private": true }\n`);
    const plain = 10 + Math.floor(rnd() * 10);
    for (let i = 0; i < plain; i++) write(`${name}/src/lib/util${i}.ts`, tsPlain(i));
    // a barrel, as most TS services have: the routes import the helpers through it
    write(`${name}/src/lib/index.ts`, Array.from({ length: plain }, (_, i) => `export * from './util${i}';\n`).join(''));
    const routes = 2 + Math.floor(rnd() * 3);
    const files: string[] = [];
    for (let r = 0; r < routes; r++) {
      const file = `${pick(nouns)}${r}`;
      files.push(file);
      write(`${name}/src/routes/${file}.ts`, tsRoute(r, r % plain));
    }
    const imports = files.map((f, r) => `import { register${r} } from './routes/${f}';\n`).join('');
    const calls = files.map((_, r) => `register${r}(app);\n`).join('');
    write(`${name}/src/server.ts`, `import express from 'express';\n${imports}\nconst app = express();\n${calls}app.listen(8080);\n`);
  }

  function tsPlain(i: number): string {
    let out = `export interface Record${i} {\n  id: string;\n  name: string;\n  tags: string[];\n}\n\n`;
    const fns = 4 + Math.floor(rnd() * 6);
    for (let f = 0; f < fns; f++) {
      out += `export function normalize${i}x${f}(r: Record${i}): Record${i} {\n  const tags = r.tags.map((t) => t.trim()).filter((t) => t.length > 0);\n  return { ...r, name: r.name.toLowerCase(), tags };\n}\n\n`;
    }
    return out;
  }

  function tsRoute(r: number, u: number): string {
    const bad = rnd() < 0.5;
    return `import type { Express, Request, Response } from 'express';
import { normalize${u}x0 } from '../lib';

export function register${r}(app: Express): void {
  app.get('/items/:id', (req: Request, res: Response) => {
    const item = normalize${u}x0({ id: String(req.params.id), name: 'item', tags: [] });
    ${bad ? 'console.log(req);' : "console.log('get item', req.params.id);"}
    const fmt = new Intl.DateTimeFormat('en-US', { timeZone: String(req.query.tz ?? 'UTC') });
    for (const tag of String(req.query.tags ?? '').split(',')) {
      ${bad ? "console.log('tag', tag);" : 'void tag;'}
    }
    res.json({ at: fmt.format(new Date()), item });
  });
}
`;
  }
}

/**
 * Builders for the hostile-input tests (issue 7): healthy handlers whose findings must survive next
 * to odd files, pathological nesting, and small file-system helpers (links, FIFOs, many files).
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BIN, type Run } from './cli.js';
import { scratchDir } from './tmp.js';

export { GO_MOD, HANDLER_WITH_CTX_PRINT as GO_HANDLER } from './cli.js';

/** The Go handler's one finding (context-print). */
export const GO_FINDING = { line: 9, column: 2, endLine: 9, endColumn: 34, ruleId: 'context-print' };

/** An Express handler that logs the whole body: one request-dump finding at 8:3. */
export const TS_HANDLER = `import express from 'express';
import pino from 'pino';

const app = express();
const logger = pino();

app.post('/orders', (req, res) => {
  logger.info({ body: req.body }, 'create order');
  res.sendStatus(201);
});
`;
export const TS_FINDING = { line: 8, column: 3, ruleId: 'request-dump' };

export const crlf = (s: string): string => s.replace(/\n/g, '\r\n');
export const loneCr = (s: string): string => s.replace(/\n/g, '\r');

/** `n` levels of parentheses around a literal, in a function body. */
export function goParens(n: number): string {
  return `package deep\n\nfunc Parens() int {\n\treturn ${'('.repeat(n)}1${')'.repeat(n)}\n}\n`;
}

/** A log call in a loop under an `if` of `n` terms joined by `&&` (a walker that recurses per term overflows). */
export function goAndChain(n: number): string {
  const terms = Array.from({ length: n }, (_, i) => `xs[${i % 10}] > 0`).join(' &&\n\t\t\t');
  return `\nfunc AndChain(xs []int) {\n\twarned := false\n\tfor _, x := range xs {\n\t\tif !warned &&\n\t\t\t${terms} {\n\t\t\tfmt.Println(x)\n\t\t\twarned = true\n\t\t}\n\t}\n}\n`;
}

/** `n` nested func literals, each calling the next. */
export function goClosures(n: number): string {
  let s = 'package deep\n\nvar Nested = ';
  s += 'func() interface{} { return '.repeat(n);
  s += '1';
  s += ' }()'.repeat(n);
  return `${s}\n`;
}

// TS/JS nesting breaks its lines: on one line, a file this deep would be skipped as minified
// (analyze-file.ts), and the walkers' depth would go untested
export function tsParens(n: number): string {
  return `export const parens = ${'(\n'.repeat(n)}1${')'.repeat(n)};\n`;
}

export function tsClosures(n: number): string {
  return `export const nested = ${'() => {\n return '.repeat(n)}1${' }'.repeat(n)};\n`;
}

export function tsAndChain(n: number): string {
  const terms = Array.from({ length: n }, (_, i) => `xs[${i % 10}] > 0`).join(' &&\n      ');
  return `\nexport function andChain(xs: number[]): void {\n  let warned = false;\n  for (const x of xs) {\n    if (!warned &&\n      ${terms}) {\n      console.log(x);\n      warned = true;\n    }\n  }\n}\n`;
}

export function jsFunctions(n: number): string {
  return `const nested = ${'function () {\n return '.repeat(n)}1${' }'.repeat(n)};\nmodule.exports = nested;\n`;
}

/** A fresh temporary directory (world-readable, so a test may run the CLI as another user). */
export function tempDir(prefix = 'logvol-hostile-'): string {
  const dir = scratchDir(prefix);
  chmodSync(dir, 0o755);
  return dir;
}

export function put(root: string, rel: string, content: string | Buffer): string {
  const abs = join(root, rel);
  mkdirSync(dirname(abs), { recursive: true });
  writeFileSync(abs, content);
  return abs;
}

export function link(root: string, rel: string, target: string): void {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  symlinkSync(target, join(root, rel));
}

/** Make a named pipe with mkfifo(1); false when that is not possible here. */
export function fifo(root: string, rel: string): boolean {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  const r = spawnSync('mkfifo', [join(root, rel)]);
  return r.status === 0;
}

/** `total` small Go files spread over directories of 1,000 (the content is one package clause). */
export function manyFiles(root: string, total: number): void {
  const perDir = 1000;
  for (let d = 0; d * perDir < total; d++) {
    const dir = join(root, `pkg${d}`);
    mkdirSync(dir, { recursive: true });
    const content = `package pkg${d}\n`;
    for (let i = 0; i < perDir && d * perDir + i < total; i++) writeFileSync(join(dir, `f${i}.go`), content);
  }
}

/** Every entry under `dir` whose name marks a temporary file of an atomic write. */
export function tempLeftovers(dir: string): string[] {
  const out: string[] = [];
  const stack = [dir];
  while (stack.length > 0) {
    const d = stack.pop()!;
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (/\.tmp-|\.tmp$/.test(e.name)) out.push(join(d, e.name));
      if (e.isDirectory() && e.name !== 'node_modules' && !/^pkg\d+$/.test(e.name)) stack.push(join(d, e.name));
    }
  }
  return out;
}

/** Run the CLI asynchronously, send `signal` after `afterMs`, resolve with how it ended. */
export function runAndSignal(
  args: string[],
  cwd: string,
  signal: NodeJS.Signals,
  afterMs: number,
): Promise<Run & { exitedBeforeSignal: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', CI_PROJECT_DIR: '' } });
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      sent = true;
      child.kill(signal);
    }, afterMs);
    // a generous hang cap: a process that ignores the signal is killed and the test fails on its code
    const hang = setTimeout(() => child.kill('SIGKILL'), afterMs + 60_000);
    child.on('error', reject);
    child.on('exit', (code, sig) => {
      clearTimeout(timer);
      clearTimeout(hang);
      resolve({ code: code ?? (sig === 'SIGKILL' ? 137 : null), stdout, stderr, exitedBeforeSignal: !sent });
    });
  });
}

export function sizeOf(p: string): number {
  return statSync(p).size;
}

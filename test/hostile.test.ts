/**
 * Hostile input (issue 7): logvol never crashes, never loses findings, never runs the code it scans.
 * Every test builds its tree in a temporary directory and runs the real CLI.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, truncateSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BIN, logvol, type Run } from './harness/cli.js';
import { REPO } from './harness/fixtures.js';
import {
  GO_FINDING, GO_HANDLER, GO_MOD, TS_FINDING, TS_HANDLER, crlf, fifo, goAndChain, goClosures, goParens, jsFunctions, link, loneCr,
  manyFiles, put, runAndSignal, tempDir, tempLeftovers, tsAndChain, tsClosures, tsParens,
} from './harness/hostile.js';
import { analyzeFile } from '../src/engine/analyze-file.js';
import { discover } from '../src/engine/discover.js';
import { loadConfig } from '../src/config/load.js';
import { rules } from '../rules/index.js';

interface JsonReport {
  summary: { files: number };
  findings: { path: string; line: number; column: number; endLine: number; endColumn: number; ruleId: string }[];
  notices: { path: string; kind: string; message: string }[];
}

const NO_STACK = /\n\s+at /;
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;

const goIn = (pkg: string, src = GO_HANDLER): string => src.replace('package handler', `package ${pkg}`);
const DEEP = 10_000;

/** The hostile corpus: healthy handlers in odd places and odd files beside them. */
function buildCorpus(): { root: string; outside: string; expected: string[] } {
  const root = tempDir();
  const outside = tempDir('logvol-outside-');
  put(outside, 'escaped.go', goIn('escaped'));
  mkdirSync(join(root, '.git'));
  put(root, 'go.mod', GO_MOD);
  const expected: string[] = [];
  const goAt = (rel: string, content: string | Buffer, column = GO_FINDING.column): void => {
    put(root, rel, content);
    expected.push(`${rel}:${GO_FINDING.line}:${column}:${GO_FINDING.ruleId}`);
  };
  const tsAt = (rel: string, content: string): void => {
    put(root, rel, content);
    expected.push(`${rel}:${TS_FINDING.line}:${TS_FINDING.column}:${TS_FINDING.ruleId}`);
  };
  // healthy files in odd places and with odd encodings
  goAt('healthy/h.go', goIn('healthy'));
  goAt('bom/h.go', `\uFEFF${goIn('bom')}`);
  goAt('crlf/h.go', crlf(goIn('crlf')));
  goAt('cr/h.go', loneCr(goIn('cr')));
  goAt('wide/h.go', goIn('wide').replace('\tfmt.Printf', '\t/* 日本😀 */ fmt.Printf'), 13);
  goAt('badutf/h.go', Buffer.from(goIn('badutf').replace('\tfmt.Printf', '\t/* \xff\xfe */ fmt.Printf'), 'latin1'), 11);
  goAt('dir with space/h.go', goIn('space'));
  goAt('ünï/日本.go', goIn('unicode'));
  goAt('-dash/-weird.go', goIn('dash'));
  goAt('esc/evil\u001b[2J.go', goIn('esc').replace('fmt.Printf("Context => %v", ctx)', 'fmt.Printf("%v", m["\u001b[31m\u001b]0;pwned\u0007"])').replace('ctx context.Context)', 'ctx context.Context, m map[string]context.Context)'));
  tsAt('web/app.ts', TS_HANDLER);
  tsAt('web-crlf/app.ts', crlf(TS_HANDLER));
  tsAt('web-cr/app.ts', loneCr(TS_HANDLER));
  tsAt('web-bom/app.ts', `\uFEFF${TS_HANDLER}`);
  // syntax errors: the readable part still reports
  goAt('broken/h.go', `${goIn('broken')}\nfunc Broken( {\n\tfmt.Println("x"\n}\n`);
  tsAt('web-broken/app.ts', `${TS_HANDLER}\nfunction broken( {\n  const = ;\n`);
  // deep nesting next to a finding in the same file
  goAt('deep/parens.go', goIn('deep') + goParens(DEEP).replace('package deep\n', ''));
  goAt('deep2/closures.go', goIn('deep2') + goClosures(DEEP).replace('package deep\n', ''));
  goAt('deep3/concat.go', `${goIn('deep3')}\nvar Long = ${Array(DEEP).fill('"a"').join(' + ')}\n`);
  goAt('deep4/and.go', goIn('deep4') + goAndChain(DEEP));
  tsAt('deep/parens.ts', TS_HANDLER + tsParens(DEEP));
  tsAt('deep/and.ts', TS_HANDLER + tsAndChain(DEEP));
  tsAt('deep/closures.ts', TS_HANDLER + tsClosures(DEEP));
  tsAt('deep/functions.js', TS_HANDLER + jsFunctions(DEEP));
  // odd files: each a notice or nothing
  put(root, 'binary/bin.go', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 3, 0, 0xff]));
  put(root, 'binary/bin.ts', Buffer.concat([Buffer.from('export const x = 1;\n'), Buffer.alloc(64)]));
  put(root, 'empty/e.go', '');
  put(root, 'empty/e.ts', '');
  put(root, 'big/generated.go', `package big\n\nvar Table = []string{\n${'\t"0123456789abcdef0123456789abcdef",\n'.repeat(560_000)}}\n`);
  put(root, 'big/bundle.min.js', `!function(){${'var a=1;console.log(a);'.repeat(130_000)}}();`);
  // links: a loop, a link out of the tree, a link to a healthy file — none followed
  link(root, 'loop', '.');
  link(root, 'links/outside', outside);
  link(root, 'links/twin.go', join(root, 'healthy', 'h.go'));
  fifo(root, 'pipe/p.go');
  return { root, outside, expected };
}

function asKeys(j: JsonReport): string[] {
  return j.findings.map((f) => `${f.path}:${f.line}:${f.column}:${f.ruleId}`).sort();
}

test('hostile corpus: no crash, a notice per odd file, every healthy finding still reported', () => {
  const { root, expected } = buildCorpus();
  const r = logvol(['scan', '.', '--report', 'json:report.json'], root);
  assert.equal(r.code, 1, r.stderr);
  assert.doesNotMatch(r.stderr, NO_STACK, 'no stack trace');
  const j = JSON.parse(readFileSync(join(root, 'report.json'), 'utf8')) as JsonReport;
  assert.deepEqual(asKeys(j), expected.sort(), 'exactly the healthy findings (missing ones were lost, extra ones came from odd files)');

  // CRLF, lone CR and BOM files give the same spans as the plain file
  const span = (p: string): string => {
    const f = j.findings.find((x) => x.path === p)!;
    return `${f.line}:${f.column}-${f.endLine}:${f.endColumn}`;
  };
  for (const p of ['bom/h.go', 'crlf/h.go', 'cr/h.go', 'deep/parens.go']) assert.equal(span(p), span('healthy/h.go'), p);
  for (const p of ['web-crlf/app.ts', 'web-cr/app.ts', 'web-bom/app.ts']) assert.equal(span(p), span('web/app.ts'), p);
  assert.equal(span('wide/h.go'), `9:13-9:${GO_FINDING.endColumn + 11}`, 'columns count UTF-16 code units');

  const notice = (path: string, kind: string, re: RegExp): void => {
    assert.ok(
      j.notices.some((n) => n.path === path && n.kind === kind && re.test(n.message)),
      `expected a ${kind} notice for ${path} matching ${re}; got ${JSON.stringify(j.notices.filter((n) => n.path === path))}`,
    );
  };
  notice('binary/bin.go', 'skip', /binary content/);
  notice('binary/bin.ts', 'skip', /binary content/);
  notice('big/generated.go', 'skip', /over the 2000000-byte limit \(--max-file-size\)/);
  notice('big/bundle.min.js', 'skip', /over the 2000000-byte limit/);
  notice('broken/h.go', 'parse', /partially parsed/);
  notice('web-broken/app.ts', 'parse', /partially parsed/);
  const crashes = j.notices.filter((n) => n.kind === 'error');
  assert.deepEqual(crashes, [], 'no internal errors (a stack overflow in a walker shows up here)');
  const noticed = new Set(j.notices.map((n) => n.path));
  for (const quiet of ['cr/h.go', 'web-cr/app.ts', 'empty/e.go', 'empty/e.ts', 'deep/parens.ts', 'deep2/closures.go']) {
    assert.ok(!noticed.has(quiet), `${quiet}: no notice expected, got ${JSON.stringify(j.notices.filter((n) => n.path === quiet))}`);
  }

  // paths never leave the scanned root: links are not followed
  for (const p of [...j.findings.map((f) => f.path), ...j.notices.map((n) => n.path)]) {
    assert.ok(!p.startsWith('/') && !p.startsWith('../') && !p.includes('/../'), `path escapes the root: ${p}`);
    assert.ok(!p.startsWith('loop/') && !p.startsWith('links/'), `a symbolic link was followed: ${p}`);
  }

  // the terminal never sees raw control characters from file names or source text
  assert.doesNotMatch(r.stdout, RAW_CONTROL, 'stdout has a raw control character');
  assert.doesNotMatch(r.stderr, RAW_CONTROL, 'stderr has a raw control character');
  assert.match(r.stdout, /esc\/evil\\x1b\[2J\.go/);
  assert.match(r.stdout, /`m\["\\x1b\[31m\\x1b\]0;pwned\\x07"\]`/);
  // each notice is one stderr line naming the file
  assert.match(r.stderr, /^logvol: notice: big\/generated\.go: skipped: \d+ bytes is over/m);
  assert.match(r.stderr, /^logvol: notice: broken\/h\.go:\d+: syntax error/m);
});

test('GitHub annotations carry no raw ANSI escapes from scanned code', () => {
  const root = tempDir();
  put(root, 'go.mod', GO_MOD);
  put(root, 'esc/h.go', goIn('esc').replace('fmt.Printf("Context => %v", ctx)', 'fmt.Printf("%v", m["\u001b[31m"])').replace('ctx context.Context)', 'ctx context.Context, m map[string]context.Context)'));
  const r = logvol(['scan', '.', '-f', 'github'], root);
  assert.equal(r.code, 1, r.stderr);
  assert.doesNotMatch(r.stdout, RAW_CONTROL);
});

test('paths with spaces, unicode and a leading dash; `--` ends the options', () => {
  const root = tempDir();
  put(root, 'go.mod', GO_MOD);
  put(root, '-weird.go', goIn('main'));
  put(root, 'dir with space/ünï 日本.go', goIn('space'));
  const dash = logvol(['scan', '--no-module-context', '-f', 'json', '--', '-weird.go'], root);
  assert.equal(dash.code, 1, dash.stderr);
  assert.deepEqual(asKeys(JSON.parse(dash.stdout) as JsonReport), ['-weird.go:9:2:context-print']);
  const withoutSeparator = logvol(['scan', '-weird.go'], root);
  assert.equal(withoutSeparator.code, 2, 'without -- the name is an (unknown) option');
  assert.match(withoutSeparator.stderr.split('\n')[0]!, /unknown option/);
  const spaced = logvol(['scan', '-f', 'json', 'dir with space/ünï 日本.go'], root);
  assert.equal(spaced.code, 1, spaced.stderr);
  assert.deepEqual(asKeys(JSON.parse(spaced.stdout) as JsonReport), ['dir with space/ünï 日本.go:9:2:context-print']);
});

test('symbolic links given on the command line, a FIFO, and a link loop: notices, no hang', () => {
  const root = tempDir();
  put(root, 'go.mod', GO_MOD);
  put(root, 'h/h.go', goIn('h'));
  link(root, 'h/twin.go', join(root, 'h', 'h.go'));
  link(root, 'h/loop', '..');
  const madeFifo = fifo(root, 'pipe.go');
  const r = logvol(['scan', '--no-module-context', 'h/twin.go', 'h/loop', ...(madeFifo ? ['pipe.go'] : []), 'h'], root);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /h\/twin\.go: symbolic link not followed/);
  assert.match(r.stderr, /h\/loop: symbolic link not followed/);
  if (madeFifo) assert.match(r.stderr, /pipe\.go: not a regular file or directory/);
  assert.match(r.stdout, /1 problem/);
});

test('--max-file-size and config maxFileSize skip a large bundle with a notice', () => {
  const root = tempDir();
  mkdirSync(join(root, '.git'));
  const handler = TS_HANDLER.replace(/\n\s*/g, '');
  put(root, 'public/bundle.min.js', `${handler}\n${'var a=1;\n'.repeat(40_000)}`);
  const keys = (r: Run): string[] => asKeys(JSON.parse(r.stdout) as JsonReport);
  const scanned = logvol(['scan', '.', '-f', 'json'], root);
  assert.equal(scanned.code, 1, scanned.stderr);
  assert.deepEqual(keys(scanned), [`public/bundle.min.js:1:${handler.indexOf('logger.info') + 1}:request-dump`]);
  const flag = logvol(['scan', '.', '-f', 'json', '--max-file-size', '100000'], root);
  assert.equal(flag.code, 0, flag.stderr);
  assert.deepEqual(keys(flag), []);
  assert.match(flag.stderr, /^logvol: notice: public\/bundle\.min\.js: skipped: \d+ bytes is over the 100000-byte limit \(--max-file-size\)$/m);
  put(root, 'logvol.config.json', '{ "maxFileSize": 100000 }');
  const config = logvol(['scan', '.', '-f', 'json'], root);
  assert.equal(config.code, 0, config.stderr);
  assert.match(config.stderr, /over the 100000-byte limit/);
  const override = logvol(['scan', '.', '-f', 'json', '--max-file-size', '1000000'], root);
  assert.equal(override.code, 1, 'the flag wins over the config');
});

test('a file over the size limit is never read: a 1.1 GB file beside a handler, with and without the cache', () => {
  // sparse: no disk space. Before, the plan read every file whole, and this one (too long to be a
  // string) failed the scan with an internal error
  const root = tempDir();
  mkdirSync(join(root, '.git'));
  put(root, 'src/handler.ts', TS_HANDLER);
  put(root, 'src/huge.js', '');
  truncateSync(join(root, 'src/huge.js'), 1_100 * 1024 * 1024);
  for (const args of [[], ['--cache'], ['--cache'], ['--no-prefilter']]) {
    const r = logvol(['scan', '.', '-f', 'json', ...args], root);
    assert.equal(r.code, 1, `${args.join(' ')}: ${r.stderr}`);
    assert.equal((JSON.parse(r.stdout) as JsonReport).findings.length, 1, args.join(' '));
    assert.match(r.stderr, /^logvol: notice: src\/huge\.js: skipped: 1153433600 bytes is over the 2000000-byte limit \(--max-file-size\)$/m, args.join(' '));
  }
});

test('minified JS/TS (lines averaging over 300 characters, 4096 characters or more) is skipped with a notice; Go never is', () => {
  const root = tempDir();
  mkdirSync(join(root, '.git'));
  put(root, 'go.mod', GO_MOD);
  const oneLine = TS_HANDLER.replace(/\n\s*/g, '');
  const filler = 'var a=1;'.repeat(600); // 4,800 characters
  put(root, 'public/app.min.js', `${oneLine}${filler}\n${filler}`);
  // the same code a line per statement: source, however long the file
  put(root, 'src/app.ts', `${TS_HANDLER}\n${filler.replace(/;/g, ';\n')}`);
  // a short one-line file is not worth calling minified
  put(root, 'public/tiny.js', oneLine);
  // a Go file with a 10,000-character line (a long literal): gofmt'd Go is source
  put(root, 'h/h.go', GO_HANDLER.replace('package handler\n', `package handler\n\nconst blob = "${'x'.repeat(10_000)}"\n`));
  const r = logvol(['scan', '.', '-f', 'json'], root);
  assert.equal(r.code, 1, r.stderr);
  const j = JSON.parse(r.stdout) as JsonReport;
  const goLine = GO_FINDING.line + 2;
  assert.deepEqual(asKeys(j), [
    `h/h.go:${goLine}:${GO_FINDING.column}:context-print`,
    `public/tiny.js:1:${oneLine.indexOf('logger.info') + 1}:request-dump`,
    `src/app.ts:${TS_FINDING.line}:${TS_FINDING.column}:request-dump`,
  ]);
  const avg = Math.round((oneLine.length + 2 * filler.length + 1) / 2);
  assert.deepEqual(j.notices, [{ path: 'public/app.min.js', kind: 'skip', message: `skipped: minified or generated (lines average ${avg} characters, over 300)` }]);
  assert.match(r.stderr, /^logvol: notice: public\/app\.min\.js: skipped: minified or generated/m);
});

test('a file deleted between discovery and reading is a notice', async () => {
  const root = tempDir();
  put(root, 'a.go', goIn('a'));
  const gone = put(root, 'gone.go', goIn('a'));
  const config = loadConfig({ cwd: root, rules });
  const { files } = await discover({ cwd: root, root, paths: ['.'], config, includeTests: false });
  assert.deepEqual(files.map((f) => f.rel), ['a.go', 'gone.go']);
  unlinkSync(gone);
  const r = analyzeFile({ abs: gone, rel: 'gone.go', pkgPath: 'x', maxFileSize: 2_000_000 });
  assert.equal(r.summary, undefined);
  assert.deepEqual(r.notices.map((n) => `${n.kind}: ${n.message}`), ['error: cannot read: file disappeared before it could be read']);
});

test('an unreadable file is a notice and the other findings stay', (t) => {
  const root = tempDir();
  put(root, 'go.mod', GO_MOD);
  put(root, 'ok/h.go', goIn('ok'));
  const secret = put(root, 'secret/s.go', goIn('secret'));
  chmodSync(secret, 0o000);
  const isRoot = process.getuid?.() === 0;
  let r: Run;
  if (!isRoot) {
    r = logvol(['scan', '.', '-f', 'json'], root);
  } else {
    // root reads through chmod 000: run the CLI as `nobody` instead, if this system lets us. Probe
    // first: the checkout itself may not be readable by uid 65534 (a clone under a 0700 directory)
    const asNobody = { cwd: root, uid: 65534, gid: 65534, encoding: 'utf8' as const, env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 };
    const probe = spawnSync(process.execPath, [BIN, '--version'], asNobody);
    if (probe.error || probe.status !== 0) {
      t.skip(`running as root, and uid 65534 cannot run logvol from this checkout (${probe.error?.message ?? probe.stderr.split('\n')[0]}): chmod 000 does not deny reads to root`);
      return;
    }
    const s = spawnSync(process.execPath, [BIN, 'scan', '.', '-f', 'json'], asNobody);
    r = { code: s.status, stdout: s.stdout, stderr: s.stderr };
  }
  assert.equal(r.code, 1, r.stderr);
  const j = JSON.parse(r.stdout) as JsonReport;
  assert.deepEqual(asKeys(j), ['ok/h.go:9:2:context-print']);
  assert.ok(j.notices.some((n) => n.path === 'secret/s.go' && /cannot read: permission denied/.test(n.message)), JSON.stringify(j.notices));
});

test('config and flag errors: one line naming the culprit, exit 2, no stack, nothing written', () => {
  const outside = tempDir('logvol-shared-');
  put(outside, 'shared.json', '{ "include": ["src/**"] }');
  put(outside, 'rules-only.json', '{ "rules": { "context-print": "warning" } }');
  const cases: { args: string[]; config?: string; re: RegExp }[] = [
    { args: ['scan', '.', '--config'], re: /option '-c, --config <file>' argument missing/ },
    { args: ['scan', '.', '-o'], re: /option '-o, --output <file>' argument missing/ },
    { args: ['scan', '.', '--max-file-size', '2MB'], re: /--max-file-size expects a whole number, got "2MB"/ },
    { args: ['scan', '.', '--report', 'sarif'], re: /--report expects <format>:<file>, got "sarif"/ },
    { args: ['scan'], config: '{ "includeTests": "yes" }', re: /logvol\.config\.json: includeTests: must be boolean/ },
    { args: ['scan'], config: '{ "maxFileSize": "2MB" }', re: /logvol\.config\.json: maxFileSize: must be integer/ },
    { args: ['scan'], config: '{ "sinks": { "go": [1] } }', re: /logvol\.config\.json: sinks\.go\.0: / },
    { args: ['scan'], config: '{ "rules": { "no-such-rule": "off" } }', re: /logvol\.config\.json: rules\.no-such-rule: unknown rule id/ },
    { args: ['scan'], config: '{ "include": ["../other/**"] }', re: /logvol\.config\.json: include\[0\]: "\.\.\/other\/\*\*" points outside the config's directory/ },
    { args: ['scan'], config: '{ "exclude": ["src/ok", "/etc"] }', re: /logvol\.config\.json: exclude\[1\]: "\/etc" points outside/ },
    { args: ['scan'], config: '{ "include": ["src/../../x"] }', re: /include\[0\]: .* points outside/ },
    { args: ['scan', '.', '--config', join(outside, 'shared.json')], re: /shared\.json: include: the config is outside the project root/ },
    { args: ['scan', '.', '-o', 'h.go/report.json'], re: /cannot write report .*h\.go\/report\.json: ENOTDIR/ },
    { args: ['scan', '.', '-o', 'src'], re: /cannot write report .*src: EISDIR/ },
    { args: ['scan', '.', '--report', 'sarif:ok.sarif', '-o', 'missing/dir/out.json'], re: /cannot write report .*missing\/dir\/out\.json: ENOENT/ },
    { args: ['scan', '.', '--write-baseline', 'nope/b.json'], re: /cannot write baseline .*nope\/b\.json/ },
  ];
  for (const c of cases) {
    const root = tempDir();
    mkdirSync(join(root, '.git'));
    put(root, 'go.mod', GO_MOD);
    put(root, 'h.go', GO_HANDLER);
    put(root, 'src/s.go', goIn('s'));
    if (c.config) put(root, 'logvol.config.json', c.config);
    const before = readdirSync(root).sort();
    const r = logvol(c.args, root);
    const label = `${c.args.join(' ')} ${c.config ?? ''}`;
    assert.equal(r.code, 2, `${label}: ${r.stderr}`);
    const lines = r.stderr.trimEnd().split('\n');
    assert.match(lines[0]!, /^logvol: /, label);
    assert.match(lines[0]!, c.re, label);
    assert.ok(lines.slice(1).every((l) => l.startsWith('  hint: ')), `${label}: one error line (plus a hint): ${r.stderr}`);
    assert.doesNotMatch(r.stderr, NO_STACK, label);
    assert.equal(r.stdout, '', `${label}: no report on stdout`);
    assert.deepEqual(readdirSync(root).sort(), before, `${label}: nothing written (no partial report, no temporary file)`);
  }
  // documented behaviour: a config outside the project may set rules, just not select files
  const root = tempDir();
  mkdirSync(join(root, '.git'));
  put(root, 'h.go', GO_HANDLER);
  const shared = logvol(['scan', '.', '--config', join(outside, 'rules-only.json')], root);
  assert.equal(shared.code, 0, shared.stderr);
  assert.match(shared.stdout, /9:2\s+warning/);
});

test('nothing from the scanned tree is executed or required', () => {
  const root = tempDir();
  const markers = tempDir('logvol-markers-');
  const payload = (name: string): string => `require('node:fs').writeFileSync(${JSON.stringify(join(markers, name))}, 'ran');\n`;
  const esm = (name: string): string => `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(join(markers, name))}, 'ran');\nexport default {};\n`;
  mkdirSync(join(root, '.git'));
  put(root, 'go.mod', GO_MOD);
  put(root, 'h.go', GO_HANDLER);
  put(root, 'logvol.config.js', payload('logvol.config.js'));
  put(root, 'logvol.config.cjs', payload('logvol.config.cjs'));
  put(root, 'logvol.config.mjs', esm('logvol.config.mjs'));
  put(root, '.logvolrc.js', payload('logvolrc'));
  put(root, 'eslint.config.js', esm('eslint.config.js'));
  put(root, 'evil-plugin.js', payload('ts-plugin'));
  put(root, 'tsconfig.json', JSON.stringify({ compilerOptions: { plugins: [{ name: './evil-plugin.js' }], strict: true }, include: ['**/*.ts'] }));
  const script = `node -e "require('fs').writeFileSync('${join(markers, 'npm-script')}', 'ran')"`;
  put(root, 'package.json', JSON.stringify({ name: 'evil', type: 'module', main: 'index.js', scripts: { preinstall: script, postinstall: script, prepare: script, test: script, logvol: script }, logvol: { rules: { 'request-dump': 'error' } } }));
  put(root, 'index.js', esm('index.js'));
  put(root, 'src/app.ts', `${esm('app.ts')}${TS_HANDLER.replace(/^import.*\n/gm, '')}`.replace("import { writeFileSync } from 'node:fs';", "import { writeFileSync } from 'node:fs';\nimport express from 'express';\nimport pino from 'pino';"));
  put(root, 'src/app.test.ts', esm('app.test.ts'));
  for (const args of [['scan', '.'], ['scan', '.', '--include-tests', '-f', 'sarif'], ['scan', 'src/app.ts'], ['scan', '.', '--type-aware'], ['rules']]) {
    const r = logvol(args, root);
    assert.ok(r.code === 0 || r.code === 1, `${args.join(' ')}: exit ${r.code}: ${r.stderr}`);
  }
  assert.deepEqual(readdirSync(markers), [], 'a file from the scanned tree was executed');
});

test('determinism: byte-identical JSON and SARIF across runs, --jobs values and file creation order', () => {
  const args = ['scan', 'fixtures/go', 'fixtures/ts', 'fixtures/demo'];
  const hasJobs = /--jobs/.test(logvol(['scan', '--help'], REPO).stdout);
  for (const format of ['json', 'sarif']) {
    const first = logvol([...args, '-f', format], REPO);
    assert.equal(first.code, 1, first.stderr);
    const runs = [logvol([...args, '-f', format], REPO)];
    if (hasJobs) runs.push(logvol([...args, '-f', format, '--jobs', '1'], REPO), logvol([...args, '-f', format, '--jobs', '2'], REPO));
    for (const r of runs) assert.ok(r.stdout === first.stdout, `${format}: output differs between runs`);
  }
  // the same tree written in opposite orders (directory order differs) reports the same bytes
  const files: [string, string][] = [['go.mod', GO_MOD], ...['a', 'b', 'c', 'd', 'e'].map((p): [string, string] => [`${p}/h.go`, goIn(p)]), ['web/app.ts', TS_HANDLER], ['web/z.ts', TS_HANDLER]];
  const outputs = [files, [...files].reverse()].map((list) => {
    const root = tempDir();
    mkdirSync(join(root, '.git'));
    for (const [p, c] of list) put(root, p, c);
    const r = logvol(['scan', '.', '-f', 'sarif'], root);
    assert.equal(r.code, 1, r.stderr);
    // SARIF names the checkout (originalUriBaseIds): the two temporary roots differ, nothing else may
    return r.stdout.split(pathToFileURL(root).href).join('file:///ROOT').split(root).join('/ROOT');
  });
  assert.equal(outputs[0], outputs[1], 'output depends on file creation order');
});

test('100,000 files: the scan completes and counts them; SIGINT/SIGTERM stop it mid-run with 130/143 and no files left', { timeout: 600_000 }, async (t) => {
  const root = tempDir();
  mkdirSync(join(root, '.git'));
  put(root, 'go.mod', GO_MOD);
  manyFiles(root, 100_000 - 1);
  put(root, 'zz/h.go', goIn('zz'));
  // the signals are sent at 40% of the complete scan's own time (at least 400 ms, after start-up):
  // a fixed 1.5 s outlived the whole scan once skip notices stopped re-reading every file
  let whole = 0;
  await t.test('complete scan', () => {
    const start = Date.now();
    const r = logvol(['scan', '.', '-f', 'json'], root, {});
    whole = Date.now() - start;
    assert.equal(r.code, 1, r.stderr);
    const j = JSON.parse(r.stdout) as JsonReport;
    assert.equal(j.summary.files, 100_000);
    assert.deepEqual(asKeys(j), ['zz/h.go:9:2:context-print']);
  });
  for (const [signal, code] of [['SIGTERM', 143], ['SIGINT', 130]] as const) {
    await t.test(`${signal} mid-run`, async () => {
      const after = Math.max(400, Math.round(whole * 0.4));
      t.diagnostic(`${signal} at ${after} ms; the whole scan took ${whole} ms`);
      const r = await runAndSignal(['scan', '.', '-o', 'out.json', '--report', 'sarif:out.sarif'], root, signal, after);
      assert.equal(r.exitedBeforeSignal, false, `the scan finished before ${signal} was sent at ${after} ms (the whole scan took ${whole} ms)`);
      assert.equal(r.code, code, r.stderr);
      assert.match(r.stderr, new RegExp(`interrupted \\(${signal}\\)`));
      assert.equal(existsSync(join(root, 'out.json')), false, 'no report after an interrupt');
      assert.equal(existsSync(join(root, 'out.sarif')), false, 'no extra report after an interrupt');
      assert.deepEqual(tempLeftovers(root), [], 'no temporary files');
    });
  }
  rmSync(root, { recursive: true, force: true });
});

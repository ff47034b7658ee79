/**
 * `npm run bench [-- --corpus DIR ... --lines N --seed S --runs R --json --no-ast-grep]`
 *
 * Measures, per corpus, medians of R runs (the independent ones interleaved round by round): the parse-only floor, logvol cold (default jobs) and
 * cold with --no-prefilter (every TS file parsed),
 * logvol --jobs 1 and --jobs <cores>, logvol warm (cache filled), a pre-commit run on 10 files edited since the cache was filled
 * (comments appended; again with a call statement repeated in each file, which changes the module
 * model's input; and again with a call of one of the file's functions copied into another, which
 * adds call-graph edges), and
 * ast-grep with rules equivalent to logvol's simplest patterns (bench/ast-grep), and `node -e 0`
 * (Node's own start-up); with NODE_EXTRA_CA_CERTS set, also start-up, warm and pre-commit without
 * it (PLAIN_ENV). Reports wall, CPU
 * (user+sys) and peak RSS via /usr/bin/time, lines/s, and the ratios the performance targets use.
 * Without --corpus it generates the seeded synthetic corpus in the temp directory;
 * pass real repositories (brought with the fetch tool, never committed) with --corpus.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GENERATOR_VERSION, generateCorpus } from './corpus-gen.js';
import { discover, findProjectRoot } from '../src/engine/discover.js';
import { loadConfig } from '../src/config/load.js';
import { defaultJobs } from '../src/engine/pool.js';
import { rules } from '../rules/index.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(REPO, 'bin', 'logvol.js');
const SG = join(REPO, 'node_modules', '.bin', 'ast-grep');
const HAS_TIME = existsSync('/usr/bin/time');

interface Sample {
  wall: number;
  cpu: number;
  rssMiB: number;
}

/**
 * The environment without NODE_EXTRA_CA_CERTS. Node 20 reads and parses that file at every start,
 * before any of logvol's code runs (measured here: `node -e 0` 0.18 s with it, 0.05 s without);
 * logvol makes no TLS connection, so the variable changes nothing but start-up. Runs dominated by
 * start-up (warm, pre-commit) are measured both ways when it is set.
 */
const PLAIN_ENV = ((): NodeJS.ProcessEnv => {
  const env = { ...process.env };
  delete env.NODE_EXTRA_CA_CERTS;
  return env;
})();

function measure(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Sample {
  const timeFile = join(tmpdir(), `logvol-bench-${process.pid}.time`);
  const full = HAS_TIME ? ['/usr/bin/time', ['-o', timeFile, '-f', '%e %U %S %M', cmd, ...args]] as const : [cmd, args] as const;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(full[0], full[1] as string[], { cwd, encoding: 'utf8', maxBuffer: 1 << 30, env: { ...env, NO_COLOR: '1', CI: '1' } });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 400)}`);
  if (!HAS_TIME) return { wall, cpu: NaN, rssMiB: NaN };
  const [, user, sys, rss] = readFileSync(timeFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
  rmSync(timeFile, { force: true });
  return { wall, cpu: user! + sys!, rssMiB: rss! / 1024 };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function summarise(all: Sample[]): Sample {
  return { wall: median(all.map((s) => s.wall)), cpu: median(all.map((s) => s.cpu)), rssMiB: Math.max(...all.map((s) => s.rssMiB)) };
}

function runs(n: number, f: () => Sample): Sample {
  return summarise(Array.from({ length: n }, f));
}

/**
 * Independent measurements interleaved, round by round: on a shared machine the load drifts
 * within minutes, and measuring one configuration after the other turned drift into ratios.
 */
function interleaved<K extends string>(n: number, fs: Record<K, () => Sample>): Record<K, Sample> {
  const keys = Object.keys(fs) as K[];
  const all = new Map<K, Sample[]>(keys.map((k) => [k, []]));
  for (let i = 0; i < n; i++) for (const k of keys) all.get(k)!.push(fs[k]());
  return Object.fromEntries(keys.map((k) => [k, summarise(all.get(k)!)])) as Record<K, Sample>;
}

async function corpusFiles(dir: string): Promise<{ files: string[]; lines: number }> {
  const config = loadConfig({ cwd: REPO, rules });
  const { files } = await discover({ cwd: REPO, root: findProjectRoot(dir), paths: [dir], config, includeTests: false });
  let lines = 0;
  for (const f of files) lines += readFileSync(f.abs, 'utf8').split('\n').length;
  return { files: files.map((f) => f.abs), lines };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const opt = (name: string, d: string): string => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1]! : d;
  };
  const corpora = argv.flatMap((a, i) => (a === '--corpus' ? [resolve(argv[i + 1]!)] : []));
  const n = Number(opt('--runs', '3'));
  const json = argv.includes('--json');
  const withSg = !argv.includes('--no-ast-grep') && existsSync(SG);
  if (corpora.length === 0) {
    // outside the repository: logvol honours .gitignore, and a corpus must never be committed
    const dir = join(tmpdir(), 'logvol-bench-corpus', `v${GENERATOR_VERSION}-seed-${opt('--seed', '42')}-lines-${opt('--lines', '200000')}`);
    rmSync(dir, { recursive: true, force: true });
    const st = generateCorpus(dir, { seed: Number(opt('--seed', '42')), lines: Number(opt('--lines', '200000')) });
    if (!json) process.stdout.write(`synthetic corpus: ${st.files} files, ${st.lines} lines, ${(st.bytes / 1e6).toFixed(1)} MB (seed ${opt('--seed', '42')})\n`);
    corpora.push(dir);
  }
  const jobs = defaultJobs();
  const cores = availableParallelism();
  const results: Record<string, unknown>[] = [];
  for (const dir of corpora) {
    const { files, lines } = await corpusFiles(dir);
    const cache = mkdtempSync(join(tmpdir(), 'logvol-bench-cache-'));
    // from inside the corpus, as a user or CI runs it: from elsewhere the project root is not the
    // corpus's, Go packages get no module path, and groups (and what the prefilter skips) differ
    const scan = (extra: string[]): Sample => measure(process.execPath, [BIN, 'scan', '.', '-f', 'json', '-o', '/dev/null', ...extra], dir);
    const sgRun = (): Sample => measure(SG, ['scan', '-c', join(REPO, 'bench', 'ast-grep', 'sgconfig.yml'), dir, '--json=compact'], REPO);
    const m = interleaved(n, {
      floor: () => measure(process.execPath, [join(REPO, 'dist', 'bench', 'parse-floor.js'), dir, '--jobs', String(jobs)], REPO),
      cold: () => scan([]),
      everyFile: () => scan(['--no-prefilter']),
      one: () => scan(['--jobs', '1']),
      all: () => scan(['--jobs', String(cores)]),
      ...(withSg ? { sg: sgRun } : {}),
    } as Record<'floor' | 'cold' | 'everyFile' | 'one' | 'all' | 'sg', () => Sample>);
    const { floor, cold, everyFile, one, all } = m;
    const sg = withSg ? m.sg : undefined;
    const extraCa = process.env.NODE_EXTRA_CA_CERTS !== undefined;
    // a run as the environment is, and interleaved with it the same without NODE_EXTRA_CA_CERTS when it is set
    const bothEnvs = (run: (env?: NodeJS.ProcessEnv) => Sample): Record<'asIs' | 'plain', Sample> =>
      interleaved(n, { asIs: () => run(), ...(extraCa ? { plain: () => run(PLAIN_ENV) } : {}) } as Record<'asIs' | 'plain', () => Sample>);
    const start = bothEnvs((env) => measure(process.execPath, ['-e', '0'], dir, env));
    scan(['--cache', '--cache-location', cache]);
    const warms = bothEnvs((env) => measure(process.execPath, [BIN, 'scan', '.', '-f', 'json', '-o', '/dev/null', '--cache', '--cache-location', cache], dir, env));
    const warm = warms.asIs;
    // pre-commit: 10 files really changed since the cache was filled. On a copy of the corpus (the
    // corpus itself is never written): each run appends a comment to the ten files first, so their
    // summaries and the module's whole result are cache misses, as after an edit
    const copy = mkdtempSync(join(tmpdir(), 'logvol-bench-copy-'));
    cpSync(dir, copy, { recursive: true });
    const ten = files.filter((_, i) => i % Math.max(1, Math.floor(files.length / 10)) === 0).slice(0, 10).map((f) => join(copy, relative(dir, f)));
    const copyCache = mkdtempSync(join(tmpdir(), 'logvol-bench-cache-'));
    // run inside the copy, as a pre-commit hook runs inside its repository: the project root and
    // the module context around the edited files are the copy's (run from elsewhere, files outside
    // the project root get no module context and the run looked far cheaper than a real one)
    measure(process.execPath, [BIN, 'scan', '.', '--cache', '--cache-location', copyCache, '-f', 'json', '-o', '/dev/null'], copy);
    let edit = 0;
    const precommitRun = (env?: NodeJS.ProcessEnv): Sample =>
      measure(process.execPath, [BIN, 'scan', '--cache', '--cache-location', copyCache, '-f', 'json', '-o', '/dev/null', ...ten.map((f) => relative(copy, f))], copy, env);
    const precommits = bothEnvs((env) => {
      edit++;
      for (const f of ten) appendFileSync(f, `\n// logvol bench edit ${edit}\n`);
      return precommitRun(env);
    });
    const precommit = precommits.asIs;
    // the same, with edits that change what the module model reads (each file gets a call
    // statement of its own repeated): a group that keeps its model (model-snapshot.ts) keeps it
    // when no pass of the model reads the call (neutralEdit), else builds the full model
    const precommitCalls = interleaved(n, {
      calls: () => {
        for (const f of ten) repeatCall(f);
        return precommitRun();
      },
    }).calls;
    // the same, with edits that add call-graph edges (each file gets a call of one of its own
    // functions copied into another): a group that keeps its model computes reachability again
    // from the stored call graph (settleEdits), where until stop 25 it built the full model
    const precommitEdges = interleaved(n, {
      edges: () => {
        for (const f of ten) copyCall(f);
        return precommitRun();
      },
    }).edges;
    rmSync(copy, { recursive: true, force: true });
    rmSync(copyCache, { recursive: true, force: true });
    rmSync(cache, { recursive: true, force: true });
    const row = {
      corpus: dir,
      files: files.length,
      lines,
      jobs,
      floor,
      cold,
      coldNoPrefilter: everyFile,
      jobs1: one,
      jobsAllCores: all,
      cores,
      warm,
      precommit10: precommit,
      precommit10Calls: precommitCalls,
      precommit10Edges: precommitEdges,
      nodeStart: start.asIs,
      // the same without NODE_EXTRA_CA_CERTS, when it is set (see PLAIN_ENV)
      withoutExtraCaCerts: extraCa ? { nodeStart: start.plain, warm: warms.plain, precommit10: precommits.plain, warmVsCold: warms.plain.wall / cold.wall } : null,
      astGrep: sg ?? null,
      ratios: {
        coldVsAstGrep: sg ? cold.wall / sg.wall : null,
        coldVsFloor: cold.wall / floor.wall,
        prefilterSpeedup: everyFile.wall / cold.wall,
        parallelSpeedup: one.wall / all.wall,
        warmVsCold: warm.wall / cold.wall,
      },
      linesPerSecond: Math.round(lines / cold.wall),
    };
    results.push(row);
  }
  if (json) {
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    return;
  }
  const f = (s: Sample | null | undefined): string => (s ? `${s.wall.toFixed(2)}s wall ${s.cpu.toFixed(2)}s cpu ${s.rssMiB.toFixed(0)} MiB` : 'n/a');
  for (const r of results) {
    const ratios = r.ratios as Record<string, number | null>;
    process.stdout.write(
      [
        `\n${r.corpus}: ${r.files} files, ${r.lines} lines, default ${r.jobs} job(s) of ${r.cores} cores, ${r.linesPerSecond} lines/s`,
        `  parse-only floor   ${f(r.floor as Sample)}`,
        `  logvol cold        ${f(r.cold as Sample)}`,
        `  --no-prefilter     ${f(r.coldNoPrefilter as Sample)}`,
        `  logvol --jobs 1    ${f(r.jobs1 as Sample)}`,
        `  logvol --jobs ${r.cores}    ${f(r.jobsAllCores as Sample)}`,
        `  logvol warm cache  ${f(r.warm as Sample)}`,
        `  pre-commit 10      ${f(r.precommit10 as Sample)}`,
        `    edits add calls  ${f(r.precommit10Calls as Sample)}`,
        `    edits add edges  ${f(r.precommit10Edges as Sample)}`,
        `  node -e 0          ${f(r.nodeStart as Sample)}`,
        ...(r.withoutExtraCaCerts
          ? [
              '  without NODE_EXTRA_CA_CERTS (Node loads that file at every start; logvol makes no TLS connection):',
              ...(['nodeStart', 'warm', 'precommit10'] as const).map((k) => `    ${{ nodeStart: 'node -e 0        ', warm: 'logvol warm cache', precommit10: 'pre-commit 10    ' }[k]}  ${f((r.withoutExtraCaCerts as Record<string, Sample>)[k])}`),
            ]
          : []),
        `  ast-grep           ${f(r.astGrep as Sample | null)}`,
        `  cold / ast-grep ${ratios.coldVsAstGrep?.toFixed(2) ?? 'n/a'}   cold / floor ${ratios.coldVsFloor?.toFixed(2)}   jobs1 / jobs${r.cores} ${ratios.parallelSpeedup?.toFixed(2)}   warm / cold ${ratios.warmVsCold?.toFixed(2)}   prefilter gain ${ratios.prefilterSpeedup?.toFixed(2)}×`,
      ].join('\n') + '\n',
    );
  }
}

/**
 * Repeat the file's first call statement on the next line (`foo(x);`, `\tlog.Printf("…", v)`); a
 * file with none gets a comment. Deterministic: the same file gets the same edit.
 */
function repeatCall(file: string): void {
  const lines = readFileSync(file, 'utf8').split('\n');
  const at = lines.findIndex((l) => /^\s+[\w$.]+\([^()]*\);?\s*$/.test(l) && !/^\s*(return|if|for|while|switch|go|defer)\b/.test(l));
  if (at < 0) lines.push('// logvol bench edit');
  else lines.splice(at + 1, 0, lines[at]!);
  writeFileSync(file, lines.join('\n'));
}

/** A function's first line (Go `func …{`, TS `function …{`, `… => {`, a method `name(…) {`). */
const FUNCTION_HEAD = /^func .*\{$|(\bfunction\b.*|=>\s*)\{$|^\s+(async\s+)?(?!(if|for|while|switch|catch)\b)[\w$]+\(.*\)(\s*:\s*[^{;]+)?\s*\{$/;

/**
 * Copy the file's first call statement of a function the file declares into the start of its last
 * other function: a new call-graph edge, as when a handler first calls a helper. A file with no
 * such call gets a comment. Deterministic: the same file gets the same edit.
 */
function copyCall(file: string): void {
  const lines = readFileSync(file, 'utf8').split('\n');
  const text = lines.join('\n');
  const declared = new Set([...text.matchAll(/^func (?:\([^)]*\) )?(\w+)\(|\bfunction\s+([\w$]+)\s*\(|^\s+(?:async\s+)?([\w$]+)\(.*\)\s*(?::\s*[^{;]+)?\{$/gm)].map((m) => m[1] ?? m[2] ?? m[3]));
  const at = lines.findIndex((l) => {
    const callee = /^\s+(?:await\s+)?(?:[\w$]+\.)*([\w$]+)\([^;{}]*\);?\s*$/.exec(l)?.[1];
    return callee !== undefined && declared.has(callee) && !/^\s*(return|if|for|while|switch|go|defer)\b/.test(l);
  });
  const heads = lines.flatMap((l, i) => (FUNCTION_HEAD.test(l) ? [i] : []));
  const owner = heads.filter((i) => i < at).pop();
  const other = heads.filter((i) => i !== owner).pop();
  if (at < 0 || other === undefined) lines.push('// logvol bench edit');
  else lines.splice(other + 1, 0, `${/^\s*/.exec(lines[other + 1] ?? '')?.[0] || '\t'}${lines[at]!.trim()}`);
  writeFileSync(file, lines.join('\n'));
}

void main();

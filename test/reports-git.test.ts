/**
 * --diff-base on temporary git repositories, and the GitLab CI template: its keys, and its script
 * run for real (as a merge request and on the default branch) with the CLI built here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { BIN, GO_MOD, HANDLER_WITH_CTX_PRINT, logvol, tempProject } from './harness/cli.js';
import { REPO } from './harness/fixtures.js';
import { commitAll, git, gitInit, GIT_ENV, hasCommand } from './harness/git.js';
import { parseUnifiedDiff } from '../src/engine/diff.js';
import { scratchDir } from './harness/tmp.js';

const NO_GIT = 'git is not installed; --diff-base tests need it';
const HAVE_GIT = hasCommand('git');

const HELPER_OLD = `package helper

import (
	"context"
	"log"
)

// Old has printed the context since before the merge request.
func Old(ctx context.Context) {
	log.Println("old", ctx)
}
`;

interface JsonOut {
  findings: { path: string; line: number; ruleId: string }[];
}

/** A repository on main with one old finding, and a branch `mr` that adds findings. */
function mrRepo(): { dir: string; base: string } {
  const dir = tempProject({ 'go.mod': GO_MOD, 'helper/helper.go': HELPER_OLD });
  const base = gitInit(dir);
  git(dir, 'checkout', '-q', '-b', 'mr');
  // committed on the branch: a new function in the old file
  writeFileSync(join(dir, 'helper/helper.go'), `${HELPER_OLD}\nfunc New(ctx context.Context) {\n\tlog.Printf("new %v", ctx)\n}\n`);
  commitAll(dir, 'add New');
  return { dir, base };
}

function found(dir: string, args: string[], env: Record<string, string> = {}): { code: number | null; keys: string[]; stderr: string } {
  const r = logvol(['scan', '-f', 'json', ...args], dir, env);
  if (r.code !== 0 && r.code !== 1) return { code: r.code, keys: [], stderr: r.stderr };
  return { code: r.code, keys: (JSON.parse(r.stdout) as JsonOut).findings.map((f) => `${f.path}:${f.line}`), stderr: r.stderr };
}

test('--diff-base reports only findings on lines the branch adds (committed, uncommitted and untracked)', (t) => {
  if (!HAVE_GIT) return t.skip(NO_GIT);
  const { dir } = mrRepo();
  assert.deepEqual(found(dir, ['.']).keys, ['helper/helper.go:10', 'helper/helper.go:14'], 'without the flag both are reported');
  assert.deepEqual(found(dir, ['.', '--diff-base', 'main']).keys, ['helper/helper.go:14']);
  // uncommitted edit of a tracked file, and an untracked file: both count as new
  writeFileSync(join(dir, 'helper/helper.go'), readFileSync(join(dir, 'helper/helper.go'), 'utf8').replace('log.Println("old", ctx)', 'log.Println("old!", ctx)'));
  mkdirSync(join(dir, 'h'));
  writeFileSync(join(dir, 'h/h.go'), HANDLER_WITH_CTX_PRINT);
  const r = found(dir, ['.', '--diff-base', 'main']);
  assert.equal(r.code, 1);
  assert.deepEqual(r.keys, ['h/h.go:9', 'helper/helper.go:10', 'helper/helper.go:14']);
  // a clean branch point: nothing is new
  git(dir, 'stash', '-u', '-q');
  git(dir, 'checkout', '-q', 'main');
  const clean = found(dir, ['.', '--diff-base', 'main']);
  assert.equal(clean.code, 0);
  assert.deepEqual(clean.keys, []);
});

test("--diff-base of a repository scanned from outside it is that repository's diff", (t) => {
  if (!HAVE_GIT) return t.skip(NO_GIT);
  const { dir } = mrRepo();
  const elsewhere = tempProject({ 'README.md': 'another project\n' });
  gitInit(elsewhere);
  const r = found(elsewhere, [dir, '--diff-base', 'main']);
  assert.equal(r.code, 1, r.stderr);
  assert.deepEqual(r.keys, ['helper/helper.go:14'], 'as from inside it: the line the branch adds');
  // paths in two projects: the current one's diff, and a notice for the other project's findings
  const other = tempProject({ 'go.mod': GO_MOD, 'h.go': HANDLER_WITH_CTX_PRINT });
  const both = found(dir, ['.', other, '--diff-base', 'main']);
  assert.deepEqual(both.keys, ['helper/helper.go:14']);
  assert.match(both.stderr, /logvol: notice: --diff-base compares the repository at .*: 1 finding in files outside it not reported/);
  assert.doesNotMatch(found(dir, ['.', '--diff-base', 'main']).stderr, /outside it not reported/);
});

test('--diff-base takes the merge base, so commits on the target branch after the fork do not count', (t) => {
  if (!HAVE_GIT) return t.skip(NO_GIT);
  const { dir } = mrRepo();
  git(dir, 'checkout', '-q', 'main');
  writeFileSync(join(dir, 'main_only.go'), HANDLER_WITH_CTX_PRINT.replace('package handler', 'package svc'));
  commitAll(dir, 'main moves on');
  git(dir, 'checkout', '-q', 'mr');
  assert.deepEqual(found(dir, ['.', '--diff-base', 'main']).keys, ['helper/helper.go:14']);
});

test('--diff-base without a ref uses CI_MERGE_REQUEST_DIFF_BASE_SHA, and fails clearly without either', (t) => {
  if (!HAVE_GIT) return t.skip(NO_GIT);
  const { dir, base } = mrRepo();
  assert.deepEqual(found(dir, ['.', '--diff-base'], { CI_MERGE_REQUEST_DIFF_BASE_SHA: base }).keys, ['helper/helper.go:14']);
  const none = logvol(['scan', '.', '--diff-base'], dir, { CI_MERGE_REQUEST_DIFF_BASE_SHA: '' });
  assert.equal(none.code, 2);
  assert.match(none.stderr, /--diff-base needs a ref, and CI_MERGE_REQUEST_DIFF_BASE_SHA is not set/);
  const bad = logvol(['scan', '.', '--diff-base', 'no-such-branch'], dir);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--diff-base no-such-branch: no merge base with HEAD/);
  assert.match(bad.stderr, /hint: .*GIT_DEPTH/);
});

test('--diff-base filters by line while the whole module is analysed', (t) => {
  if (!HAVE_GIT) return t.skip(NO_GIT);
  const { dir } = mrRepo();
  const r = logvol(['scan', '-f', 'json', '.', '--diff-base', 'main'], dir);
  assert.equal((JSON.parse(r.stdout) as { summary: { files: number } }).summary.files, 1, 'every file is analysed, not only changed ones');
  const sarif = JSON.parse(logvol(['scan', '-f', 'sarif', '.', '--diff-base', 'main'], dir).stdout) as { runs: { results: unknown[] }[] };
  assert.equal(sarif.runs[0]!.results.length, 1);
});

test('unified diff parsing: hunks, pure deletions, new files and quoted names', () => {
  const patch = [
    'diff --git a/a.go b/a.go',
    '--- a/a.go',
    '+++ b/a.go',
    '@@ -3 +3 @@ x',
    '@@ -10,2 +10,3 @@',
    '@@ -20,4 +21,0 @@',
    'diff --git a/n.go b/n.go',
    'new file mode 100644',
    '--- /dev/null',
    '+++ b/n.go',
    '@@ -0,0 +1,5 @@',
    'diff --git "a/odd\\tname \\303\\251.go" "b/odd\\tname \\303\\251.go"',
    '--- "a/odd\\tname \\303\\251.go"',
    '+++ "b/odd\\tname \\303\\251.go"',
    '@@ -1 +1,2 @@',
    'diff --git a/gone.go b/gone.go',
    '--- a/gone.go',
    '+++ /dev/null',
    '@@ -1,3 +0,0 @@',
  ].join('\n');
  const m = parseUnifiedDiff(patch);
  assert.deepEqual([...(m.get('a.go') as Set<number>)].sort((x, y) => x - y), [3, 10, 11, 12]);
  assert.equal(m.get('n.go'), 'all');
  assert.deepEqual([...(m.get('odd\tname é.go') as Set<number>)], [1, 2]);
  assert.equal(m.has('gone.go'), false);
});

// ---------------------------------------------------------------- GitLab CI template

type Job = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const TEMPLATE = join(REPO, 'ci', 'gitlab', 'logvol.gitlab-ci.yml');

function template(): { raw: Record<string, Job>; job: Job } {
  const raw = parse(readFileSync(TEMPLATE, 'utf8')) as Record<string, Job>;
  const job = raw.logvol!;
  // resolve `extends` the way GitLab does for these keys (a shallow merge is enough here)
  const parent = job.extends ? raw[job.extends as string]! : {};
  return { raw, job: { ...parent, ...job, variables: { ...parent.variables, ...job.variables } } };
}

test('the GitLab CI template runs on merge requests and the default branch, and uploads both reports', () => {
  const { job } = template();
  const ifs = (job.rules as Job[]).map((r) => r.if as string);
  assert.ok(ifs.some((i) => /\$CI_PIPELINE_SOURCE == "merge_request_event"/.test(i)), ifs.join(' | '));
  assert.ok(ifs.some((i) => /\$CI_COMMIT_BRANCH == \$CI_DEFAULT_BRANCH/.test(i)), ifs.join(' | '));
  const script = (job.script as string[]).join('\n');
  assert.match(script, /--diff-base "\$CI_MERGE_REQUEST_DIFF_BASE_SHA"/);
  assert.match(script, /--report gitlab:gl-code-quality-report\.json/);
  assert.match(script, /--report sarif:gl-sast-logvol\.sarif/);
  assert.equal(job.artifacts.reports.codequality, 'gl-code-quality-report.json');
  assert.ok((job.artifacts.paths as string[]).includes('gl-sast-logvol.sarif'));
  assert.equal(job.artifacts.when, 'always', 'reports are uploaded when the job fails on a finding');
  assert.equal(job.variables.GIT_DEPTH, '0', 'git merge-base needs history');
  const mainRule = (job.rules as Job[]).find((r) => /CI_DEFAULT_BRANCH/.test(r.if as string))!;
  assert.equal(mainRule.allow_failure, true, 'old findings on the default branch do not block it');
  assert.equal((job.rules as Job[]).find((r) => /merge_request_event/.test(r.if as string))!.allow_failure, undefined, 'a new error fails the MR job');
});

test('the GitLab CI template script, run for real: an MR fails on its new finding only; the default branch reports all', (t) => {
  if (!HAVE_GIT) return t.skip(NO_GIT);
  if (!hasCommand('sh', ['-c', 'true'])) return t.skip('no POSIX sh');
  const { job } = template();
  const { dir, base } = mrRepo();
  // `logvol` on PATH is this checkout's CLI (the template installs it from npm in before_script)
  const bin = scratchDir('logvol-bin-');
  writeFileSync(join(bin, 'logvol'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(join(bin, 'logvol'), 0o755);
  const run = (env: Record<string, string>) =>
    spawnSync('sh', ['-e', '-c', (job.script as string[]).join('\n')], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, ...GIT_ENV, ...job.variables, NO_COLOR: '1', PATH: `${bin}:${process.env.PATH}`, CI_JOB_NAME: 'logvol', CI_PROJECT_DIR: dir, ...env },
    });
  const mr = run({ CI_PIPELINE_SOURCE: 'merge_request_event', CI_MERGE_REQUEST_DIFF_BASE_SHA: base });
  assert.equal(mr.status, 1, `${mr.stdout}\n${mr.stderr}`);
  const cq = JSON.parse(readFileSync(join(dir, 'gl-code-quality-report.json'), 'utf8')) as { location: { path: string; lines: { begin: number } } }[];
  assert.deepEqual(cq.map((i) => `${i.location.path}:${i.location.lines.begin}`), ['helper/helper.go:14']);
  const sarif = JSON.parse(readFileSync(join(dir, 'gl-sast-logvol.sarif'), 'utf8')) as { runs: { automationDetails: { id: string }; results: unknown[] }[] };
  assert.equal(sarif.runs[0]!.automationDetails.id, 'logvol/logvol/');
  assert.equal(sarif.runs[0]!.results.length, 1);

  const main = run({ CI_PIPELINE_SOURCE: 'push', CI_COMMIT_BRANCH: 'main', CI_DEFAULT_BRANCH: 'main', CI_MERGE_REQUEST_DIFF_BASE_SHA: '' });
  assert.equal(main.status, 1);
  const all = JSON.parse(readFileSync(join(dir, 'gl-code-quality-report.json'), 'utf8')) as unknown[];
  assert.equal(all.length, 2, 'the default-branch report holds every finding, for the widget to compare against');

  // an MR that adds nothing new passes
  git(dir, 'checkout', '-q', 'main');
  git(dir, 'checkout', '-q', '-b', 'clean');
  writeFileSync(join(dir, 'helper/clean.go'), 'package helper\n\nimport "log"\n\nfunc Clean(id string) {\n\tlog.Printf("id %s", id)\n}\n');
  commitAll(dir, 'clean change');
  const clean = run({ CI_PIPELINE_SOURCE: 'merge_request_event', CI_MERGE_REQUEST_DIFF_BASE_SHA: git(dir, 'rev-parse', 'main') });
  assert.equal(clean.status, 0, `${clean.stdout}\n${clean.stderr}`);
  assert.deepEqual(JSON.parse(readFileSync(join(dir, 'gl-code-quality-report.json'), 'utf8')), []);
});

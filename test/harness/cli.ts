import { spawnSync } from 'node:child_process';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { REPO } from './fixtures.js';
import { scratchDir } from './tmp.js';

export const BIN = join(REPO, 'bin', 'logvol.js');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run the real CLI in `cwd` (no TTY, colour off unless asked). */
export function logvol(args: string[], cwd: string, env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', CI_PROJECT_DIR: '', ...env },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Scan every fixture (tests included) as it is and again with `env` set (and `extraArgs`), and
 * assert that both print the same bytes on stdout and stderr: for switches that must change
 * speed, never reports.
 */
export function assertFixtureScanUnchangedBy(env: Record<string, string>, extraArgs: string[] = []): void {
  const args = ['scan', 'fixtures', '-f', 'json', '--include-tests'];
  const normal = logvol(args, REPO);
  const other = logvol([...args, ...extraArgs], REPO, env);
  assert.equal(normal.code, 1, normal.stderr);
  assert.ok((JSON.parse(normal.stdout) as { findings: unknown[] }).findings.length > 20);
  assert.equal(other.stdout, normal.stdout);
  assert.equal(other.stderr, normal.stderr);
}

/** A temporary project made of `files` (path → content). */
export function tempProject(files: Record<string, string | Buffer>): string {
  const dir = scratchDir('logvol-test-');
  for (const [p, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), content);
  }
  return dir;
}

export const GO_MOD = 'module example.com/svc\n\ngo 1.22\n';

export const HANDLER_WITH_CTX_PRINT = `package handler

import (
	"context"
	"fmt"
)

func Handle(ctx context.Context) {
	fmt.Printf("Context => %v", ctx)
}
`;

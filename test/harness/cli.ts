import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { REPO } from './fixtures.js';

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

/** A temporary project made of `files` (path → content). */
export function tempProject(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'logvol-test-'));
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

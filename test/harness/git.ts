import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scratchDir } from './tmp.js';

/** an empty global config (not /dev/null: a tool that renames a file over /dev/null would break git) */
const EMPTY_CONFIG = join(scratchDir('logvol-git-'), 'gitconfig');
writeFileSync(EMPTY_CONFIG, '');

/** A fixed identity and no user or system config, so tests behave the same on every machine. */
export const GIT_ENV: Record<string, string> = {
  GIT_AUTHOR_NAME: 'logvol test',
  GIT_AUTHOR_EMAIL: 'test@logvol.invalid',
  GIT_COMMITTER_NAME: 'logvol test',
  GIT_COMMITTER_EMAIL: 'test@logvol.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: EMPTY_CONFIG,
};

export function hasCommand(cmd: string, args: string[] = ['--version']): boolean {
  try {
    execFileSync(cmd, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function git(cwd: string, ...args: string[]): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...GIT_ENV }, stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch (e) {
    throw new Error(`git ${args.join(' ')} failed in ${cwd}: ${String((e as { stderr?: string }).stderr ?? e).trim()}`);
  }
}

/** `git init` on branch main, add everything, commit. */
export function gitInit(dir: string, message = 'initial'): string {
  git(dir, 'init', '-q', '-b', 'main');
  return commitAll(dir, message);
}

export function commitAll(dir: string, message: string): string {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '--no-verify', '-m', message);
  return git(dir, 'rev-parse', 'HEAD');
}

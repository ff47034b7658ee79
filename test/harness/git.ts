import { execFileSync } from 'node:child_process';

/** A fixed identity and no user or system config, so tests behave the same on every machine. */
export const GIT_ENV: Record<string, string> = {
  GIT_AUTHOR_NAME: 'logvol test',
  GIT_AUTHOR_EMAIL: 'test@logvol.invalid',
  GIT_COMMITTER_NAME: 'logvol test',
  GIT_COMMITTER_EMAIL: 'test@logvol.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
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
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...GIT_ENV }, stdio: ['ignore', 'pipe', 'pipe'] }).trim();
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

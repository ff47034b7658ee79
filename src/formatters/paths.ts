import { join, relative } from 'node:path';
import { toPosix } from '../engine/discover.js';
import type { ReportInput } from './types.js';

/**
 * A finding's path relative to the repository root the CI system resolves paths against
 * (`repositoryRoot`, from CI_PROJECT_DIR / GITHUB_WORKSPACE), else relative to the project root:
 * forward slashes, never `./`, never absolute. A path outside that root keeps its project-relative form.
 */
export function repositoryPath(input: Pick<ReportInput, 'root' | 'repositoryRoot'>, path: string): string {
  if (!input.repositoryRoot) return path;
  const rel = toPosix(relative(input.repositoryRoot, join(input.root, path)));
  return rel === '' || rel.startsWith('../') || rel === '..' ? path : rel.replace(/^\.\//, '');
}

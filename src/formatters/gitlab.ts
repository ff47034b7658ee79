/**
 * GitLab Code Quality (the Code Climate subset GitLab reads), validated in tests against
 * shared/schemas/gitlab-codequality.schema.json.
 * - `description` starts with `<rule-id>: ` because the MR widget shows only the description.
 * - `check_name` is `logvol/<rule-id>`.
 * - `location.path` is relative to the repository root (CI_PROJECT_DIR when set), forward slashes,
 *   no `./`; GitLab drops findings whose path it cannot match to the diff.
 * - `fingerprint` must be unique in a report (GitLab collapses equal ones): our recipe includes an
 *   occurrence index.
 */
import { join, relative } from 'node:path';
import { SEVERITY_TABLE } from '../engine/findings.js';
import { toPosix } from '../engine/discover.js';
import type { Formatter } from './types.js';

export const gitlab: Formatter = (input) => {
  const base = input.repositoryRoot ?? input.root;
  const issues = input.findings.map((f) => {
    let path = toPosix(relative(base, join(input.root, f.path)));
    if (path.startsWith('../') || path === '') path = f.path;
    return {
      type: 'issue',
      description: `${f.ruleId}: ${f.message}`,
      check_name: `logvol/${f.ruleId}`,
      fingerprint: f.fingerprint,
      severity: SEVERITY_TABLE[f.severity].gitlab,
      location: { path: path.replace(/^\.\//, ''), lines: { begin: f.line, end: f.endLine } },
    };
  });
  return `${JSON.stringify(issues, null, 2)}\n`;
};

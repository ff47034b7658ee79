/**
 * GitLab Code Quality (the Code Climate subset GitLab reads), validated in tests against
 * shared/schemas/gitlab-codequality.schema.json.
 * - `description` starts with `<rule-id>: ` because the MR widget shows only the description.
 * - `check_name` is `logvol/<rule-id>` (engine checks such as `logvol/unused-suppression` keep their id).
 * - Suppressed findings are never included: the widget has no notion of suppression.
 * - `location.path` is relative to the repository root (CI_PROJECT_DIR when set), forward slashes,
 *   no `./`; GitLab drops findings whose path it cannot match to the diff.
 * - `fingerprint` must be unique in a report (GitLab collapses equal ones): our recipe includes an
 *   occurrence index.
 */
import { SEVERITY_TABLE, checkName } from '../engine/findings.js';
import { repositoryPath } from './paths.js';
import type { Formatter } from './types.js';

export const gitlab: Formatter = (input) => {
  const issues = input.findings.map((f) => ({
    type: 'issue',
    description: `${f.ruleId}: ${f.message}`,
    check_name: checkName(f.ruleId),
    fingerprint: f.fingerprint,
    severity: SEVERITY_TABLE[f.severity].gitlab,
    location: { path: repositoryPath(input, f.path), lines: { begin: f.line, end: Math.max(f.endLine, f.line) } },
  }));
  return `${JSON.stringify(issues, null, 2)}\n`;
};

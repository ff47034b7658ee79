import type { Finding } from '../engine/findings.js';
import type { Notice } from '../languages/types.js';
import type { Rule } from '../rule-api.js';
import type { UnusedSuppression } from '../engine/scan.js';
import type { EngineRule } from '../engine/governance.js';

/** What every formatter receives. Formatters are pure: no I/O, no clock. */
export interface ReportInput {
  findings: Finding[];
  /** suppressed findings, given only when the user asked for them (--report-suppressed) */
  suppressed: Finding[];
  unusedSuppressions: UnusedSuppression[];
  notices: Notice[];
  /** enabled rules, in id order */
  rules: Rule[];
  /** engine-level checks that are on (suppression governance); listed after `rules` */
  engineRules?: EngineRule[];
  filesScanned: number;
  /** absolute project root (paths in findings are relative to it) */
  root: string;
  /** absolute current directory (the text format shows paths relative to it) */
  cwd: string;
  color: boolean;
  /** SARIF runAutomationDetails.id */
  automationId?: string;
  /** GitLab / GitHub: the repository root paths are made relative to (CI_PROJECT_DIR, GITHUB_WORKSPACE) */
  repositoryRoot?: string;
}

export type Formatter = (input: ReportInput) => string;

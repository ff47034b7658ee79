/**
 * Suppression governance (staticcheck's and Biome's discipline, ESLint's unused disable directives,
 * Ruff's RUF100): `--require-reason` turns a directive without `-- reason` into a finding, and
 * `--report-unused-suppressions` turns a directive that silenced nothing into a finding.
 *
 * The five rule ids are fixed and name patterns in the scanned code, so these are *engine-level*
 * findings with ids in the `logvol/` namespace (`logvol/suppression-reason`,
 * `logvol/unused-suppression`). They are ordinary `Finding`s with a fingerprint, so every formatter,
 * the baseline and the diff filter handle them; SARIF lists them in `tool.driver.rules` after the
 * real rules whenever the flag that produces them is on. They are warnings by default: they fail a
 * run only through `--max-warnings`.
 */
import type { Severity } from '../rule-api.js';
import { assignFingerprints, type Finding } from './findings.js';
import type { DirectiveRecord } from './scan.js';

export interface EngineRule {
  id: string;
  summary: string;
  /** longer text for SARIF fullDescription / help */
  help: string;
  severity: Severity;
}

export const SUPPRESSION_REASON: EngineRule = {
  id: 'logvol/suppression-reason',
  summary: 'A logvol suppression comment gives no `-- reason`',
  help:
    'With --require-reason every logvol-ignore, logvol-ignore-next-line or nolint:logvol directive must say why the finding is acceptable, after `--` (for example `// logvol-ignore-next-line context-print -- startup only, runs once`). The suppression still applies; this finding asks for the reason.',
  severity: 'warning',
};

export const UNUSED_SUPPRESSION: EngineRule = {
  id: 'logvol/unused-suppression',
  summary: 'A logvol suppression comment silences nothing',
  help:
    'With --report-unused-suppressions a directive that matched no finding is reported, so stale suppressions are removed when the code they excused is fixed or moved. Remove the comment, or move it to the line it was meant for.',
  severity: 'warning',
};

export interface GovernanceOptions {
  requireReason?: boolean;
  reportUnused?: boolean;
}

/** The engine rules the given flags enable, in a fixed order. */
export function engineRulesFor(opts: GovernanceOptions): EngineRule[] {
  return [...(opts.requireReason ? [SUPPRESSION_REASON] : []), ...(opts.reportUnused ? [UNUSED_SUPPRESSION] : [])];
}

/** Findings for directives without a reason and directives that matched nothing, fingerprinted. */
export function governanceFindings(directives: readonly DirectiveRecord[], opts: GovernanceOptions): Finding[] {
  const out: Finding[] = [];
  for (const d of directives) {
    // a bare `//nolint` is golangci-lint's as much as logvol's: its nolintlint judges it
    if (d.shared) continue;
    if (opts.requireReason && d.reason === '') {
      out.push(directiveFinding(d, SUPPRESSION_REASON, 'missingReason', `\`${d.text}\` gives no reason: add \`-- <why this is acceptable>\``));
    }
    if (opts.reportUnused && !d.used) {
      out.push(directiveFinding(d, UNUSED_SUPPRESSION, 'unused', `\`${d.text}\` suppresses nothing: no finding on the line it applies to`));
    }
  }
  assignFingerprints(out);
  return out;
}

function directiveFinding(d: DirectiveRecord, rule: EngineRule, messageId: string, message: string): Finding {
  return {
    ruleId: rule.id,
    severity: rule.severity,
    messageId,
    message,
    data: { directive: d.text },
    path: d.path,
    line: d.line,
    column: d.column,
    endLine: d.endLine,
    endColumn: d.endColumn,
    fingerprint: '',
    function: '',
    related: [],
    callText: d.text,
  };
}

/**
 * Without the flags, the same checks are notices on stderr (ESLint reports unused disable
 * directives, staticcheck a directive that "didn't match anything"). Only logvol's own directives:
 * a bare `//nolint` usually belongs to golangci-lint.
 */
export function governanceNotices(directives: readonly DirectiveRecord[], opts: GovernanceOptions): { path: string; line: number; message: string }[] {
  const out: { path: string; line: number; message: string }[] = [];
  for (const d of directives) {
    if (!d.text.startsWith('logvol-')) continue;
    if (!opts.reportUnused && !d.used) out.push({ path: d.path, line: d.line, message: `\`${d.text}\` suppresses nothing (remove it, or see --report-unused-suppressions)` });
    if (!opts.requireReason && d.reason === '') out.push({ path: d.path, line: d.line, message: `\`${d.text}\` gives no reason: add \`-- <why this is acceptable>\`` });
  }
  return out;
}

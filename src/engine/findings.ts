/**
 * The Finding type, the one sort comparator, the severity table and the fingerprint recipe.
 */
import { createHash } from 'node:crypto';
import type { Span } from './positions.js';
import type { Severity } from '../rule-api.js';

export interface RelatedLocation {
  path: string;
  span: Span;
  message: string;
}

export interface Finding extends Span {
  ruleId: string;
  severity: Severity;
  messageId: string;
  message: string;
  data: Record<string, string>;
  /** relative to the project root, forward slashes */
  path: string;
  fingerprint: string;
  /** name of the enclosing function ('' at top level) */
  function: string;
  related: RelatedLocation[];
  /** set when an in-source directive silences it */
  suppression?: { kind: 'inSource'; justification: string };
  /** internal: normalised call text (fingerprint input) */
  callText: string;
}

/** One table for every output: logvol → SARIF level, GitLab severity, ESLint severity. */
export const SEVERITY_TABLE: Record<Severity, { sarif: 'error' | 'warning' | 'note'; gitlab: 'major' | 'minor' | 'info'; eslint: 1 | 2; rank: number }> = {
  error: { sarif: 'error', gitlab: 'major', eslint: 2, rank: 0 },
  warning: { sarif: 'warning', gitlab: 'minor', eslint: 1, rank: 1 },
  note: { sarif: 'note', gitlab: 'info', eslint: 1, rank: 2 },
};

/** `logvol/<rule-id>` for GitLab `check_name`, GitHub annotation titles and JUnit suites; engine ids already carry it. */
export function checkName(ruleId: string): string {
  return ruleId.startsWith('logvol/') ? ruleId : `logvol/${ruleId}`;
}

function cmp(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** path, line, column, rule id, message: the only order findings are ever emitted in. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    cmp(a.path, b.path) ||
    cmp(a.line, b.line) ||
    cmp(a.column, b.column) ||
    cmp(a.ruleId, b.ruleId) ||
    cmp(a.message, b.message)
  );
}

/**
 * Fingerprint: hash of rule id + path + enclosing function + normalised call text + occurrence
 * index among identical keys (in position order). No line numbers, so line moves and unrelated
 * edits keep it; identical calls stay distinct.
 */
export function assignFingerprints(findings: Finding[]): void {
  const sorted = [...findings].sort(compareFindings);
  const seen = new Map<string, number>();
  for (const f of sorted) {
    const key = `${f.ruleId}\u0000${f.path}\u0000${f.function}\u0000${f.callText}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    f.fingerprint = createHash('sha256').update(`${key}\u0000${n}`).digest('hex').slice(0, 32);
  }
}

/**
 * `--format json`: a documented, versioned object (see README "JSON output"). Findings are sorted;
 * every path is relative to the project root with forward slashes.
 *
 *   { version: 1, tool: { name, version }, summary: { files, errors, warnings, notes, suppressed },
 *     findings: [ { ruleId, severity, message, messageId, data, path, line, column, endLine,
 *                   endColumn, function, fingerprint, related: [ { path, line, column, message } ],
 *                   suppression? } ],
 *     notices: [ { path, kind, message, line? } ] }
 */
import { VERSION } from '../engine/package-info.js';
import { compareFindings, type Finding } from '../engine/findings.js';
import type { Formatter } from './types.js';

export const JSON_FORMAT_VERSION = 1;

function findingJson(f: Finding): Record<string, unknown> {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    messageId: f.messageId,
    data: f.data,
    path: f.path,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    function: f.function,
    fingerprint: f.fingerprint,
    related: f.related.map((r) => ({ path: r.path, line: r.span.line, column: r.span.column, message: r.message })),
    ...(f.suppression ? { suppression: f.suppression } : {}),
  };
}

export const json: Formatter = (input) => {
  const n = { error: 0, warning: 0, note: 0 };
  for (const f of input.findings) n[f.severity]++;
  const all = [...input.findings, ...input.suppressed].sort(compareFindings);
  return `${JSON.stringify(
    {
      version: JSON_FORMAT_VERSION,
      tool: { name: 'logvol', version: VERSION },
      summary: { files: input.filesScanned, errors: n.error, warnings: n.warning, notes: n.note, suppressed: input.suppressed.length },
      findings: all.map(findingJson),
      notices: input.notices.map((x) => ({ path: x.path, kind: x.kind, message: x.message, ...(x.line ? { line: x.line } : {}) })),
    },
    null,
    2,
  )}\n`;
};

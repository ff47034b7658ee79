/**
 * SARIF 2.1.0 (OASIS), one run, validated in tests against shared/schemas/sarif-2.1.0.json.
 * Consumer notes we rely on:
 * - GitHub code scanning keys alerts on `partialFingerprints.primaryLocationLineHash` when given;
 *   ours is logvol's own fingerprint (no line numbers), so alerts survive line moves. GitHub
 *   ignores `suppressions`, so suppressed results are omitted unless --report-suppressed.
 * - GitHub and the VS Code SARIF viewer resolve `uriBaseId: "%SRCROOT%"` against the checkout or
 *   `originalUriBaseIds`; the root URI must end with a slash.
 * - `tool.driver.rules` lists every enabled rule (not only those that fired) so `ruleIndex` is
 *   stable; `help.markdown` is shown in GitHub's alert view, `help.text` in plain viewers.
 * - Columns are 1-based UTF-16 code units (`columnKind: utf16CodeUnits`), as ESLint's are.
 * - Notices (unparsable or skipped files) become `toolExecutionNotifications`.
 * - Engine checks (`logvol/suppression-reason`, `logvol/unused-suppression`) are listed after the
 *   rules when their flag is on, so the rules' indices do not move.
 * - `automationDetails.id` (--automation-id) tells GitHub apart several uploads for one commit.
 */
import { pathToFileURL } from 'node:url';
import { INFORMATION_URI, VERSION, readmeSection, ruleReadme } from '../engine/package-info.js';
import { SEVERITY_TABLE, compareFindings, type Finding } from '../engine/findings.js';
import type { EngineRule } from '../engine/governance.js';
import { ruleDocsUrl } from '../rule-api.js';
import type { Formatter } from './types.js';

const SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

function markdownToText(md: string): string {
  return md
    .replace(/^```\w*\s*$/gm, '')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .trim();
}

export const sarif: Formatter = (input) => {
  const ruleIndex = new Map<string, number>();
  const rules = input.rules.map((r, i) => {
    ruleIndex.set(r.meta.id, i);
    const readme = ruleReadme(r.meta.id);
    const body = readme.replace(/^# .*\n+/, '');
    const why = readmeSection(readme, 'Why it hurts');
    return {
      id: r.meta.id,
      name: r.meta.id
        .split('-')
        .map((w) => w[0]!.toUpperCase() + w.slice(1))
        .join(''),
      shortDescription: { text: r.meta.summary },
      fullDescription: { text: markdownToText(readmeSection(readme, 'What it finds') || r.meta.summary) },
      help: { text: markdownToText(why || body), markdown: body },
      helpUri: ruleDocsUrl(r.meta.id),
      defaultConfiguration: { level: SEVERITY_TABLE[r.meta.severity].sarif },
      properties: { tags: r.meta.tags, precision: r.meta.precision, 'problem.severity': problemSeverity(r.meta.severity) },
    };
  });
  for (const e of input.engineRules ?? []) {
    ruleIndex.set(e.id, rules.length);
    rules.push(engineRuleDescriptor(e));
  }
  const result = (f: Finding): Record<string, unknown> => ({
    ruleId: f.ruleId,
    ruleIndex: ruleIndex.get(f.ruleId) ?? -1,
    level: SEVERITY_TABLE[f.severity].sarif,
    message: { text: f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodeUri(f.path), uriBaseId: '%SRCROOT%' },
          region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
        },
      },
    ],
    ...(f.related.length > 0
      ? {
          relatedLocations: f.related.map((r, i) => ({
            id: i + 1,
            message: { text: r.message },
            physicalLocation: {
              artifactLocation: { uri: encodeUri(r.path), uriBaseId: '%SRCROOT%' },
              region: { startLine: r.span.line, startColumn: r.span.column, endLine: r.span.endLine, endColumn: r.span.endColumn },
            },
          })),
        }
      : {}),
    partialFingerprints: { primaryLocationLineHash: f.fingerprint },
    ...(f.suppression ? { suppressions: [{ kind: 'inSource', justification: f.suppression.justification || 'suppressed in source' }] } : {}),
  });
  const all = [...input.findings, ...input.suppressed].sort(compareFindings);
  const notifications = input.notices.map((n) => ({
    level: n.kind === 'error' ? 'error' : n.kind === 'parse' ? 'warning' : 'note',
    message: { text: `${n.path}: ${n.message}` },
    descriptor: { id: `logvol/${n.kind}` },
    locations: [{ physicalLocation: { artifactLocation: { uri: encodeUri(n.path), uriBaseId: '%SRCROOT%' }, ...(n.line ? { region: { startLine: n.line } } : {}) } }],
  }));
  const rootUri = pathToFileURL(input.root).href.replace(/\/?$/, '/');
  const log = {
    $schema: SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'logvol',
            version: VERSION,
            semanticVersion: VERSION,
            informationUri: INFORMATION_URI,
            rules,
          },
        },
        ...(input.automationId ? { automationDetails: { id: input.automationId } } : {}),
        invocations: [
          {
            executionSuccessful: !input.notices.some((n) => n.internal),
            toolExecutionNotifications: notifications,
          },
        ],
        originalUriBaseIds: { '%SRCROOT%': { uri: rootUri } },
        columnKind: 'utf16CodeUnits',
        results: all.map(result),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};

function problemSeverity(s: Finding['severity']): string {
  return s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'recommendation';
}

function engineRuleDescriptor(e: EngineRule) {
  return {
    id: e.id,
    name: e.id
      .replace(/^logvol\//, '')
      .split('-')
      .map((w) => w[0]!.toUpperCase() + w.slice(1))
      .join(''),
    shortDescription: { text: e.summary },
    fullDescription: { text: e.help },
    help: { text: e.help, markdown: e.help },
    helpUri: `${INFORMATION_URI}#suppressions`,
    defaultConfiguration: { level: SEVERITY_TABLE[e.severity].sarif },
    properties: { tags: ['maintainability', 'suppression'], precision: 'very-high' as const, 'problem.severity': problemSeverity(e.severity) },
  };
}

function encodeUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

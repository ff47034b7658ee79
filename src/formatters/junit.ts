/**
 * JUnit XML (`--format junit`) for GitLab's unit test reports (`artifacts:reports:junit`) and any CI
 * that reads the Ant/Surefire dialect.
 * - One `<testsuite>` per enabled rule (`logvol/<rule-id>`), in rule order, then engine checks.
 * - One failing `<testcase>` per finding: `name` is `path:line:column`, `classname` is
 *   `logvol.<rule-id>`, `file` and `line` point at it (GitLab shows `file`), `<failure type=severity>`.
 * - A rule that found nothing gets one passing testcase, so a clean run reads "N tests, 0 failures"
 *   instead of an empty report.
 * - Suppressed findings (only with --report-suppressed) are `<skipped>` testcases with the reason.
 * - No timestamps or durations other than `time="0"`: the output is deterministic.
 * - Text is XML-escaped; characters XML 1.0 forbids (most C0 controls, lone surrogates) become U+FFFD,
 *   so source text in messages can never make the document ill-formed.
 */
import { compareFindings, checkName, type Finding } from '../engine/findings.js';
import { repositoryPath } from './paths.js';
import type { Formatter } from './types.js';

const INVALID_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeXml(s: string, attribute = false): string {
  let out = s
    .replace(INVALID_XML, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
  if (attribute) out = out.replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
  return out;
}

function attrs(a: Record<string, string | number>): string {
  return Object.entries(a)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v), true)}"`)
    .join('');
}

export const junit: Formatter = (input) => {
  const ids = [...input.rules.map((r) => r.meta.id), ...(input.engineRules ?? []).map((e) => e.id)];
  const all = [...input.findings, ...input.suppressed].sort(compareFindings);
  for (const f of all) if (!ids.includes(f.ruleId)) ids.push(f.ruleId);
  const byRule = new Map<string, Finding[]>(ids.map((id) => [id, []]));
  for (const f of all) byRule.get(f.ruleId)!.push(f);

  let tests = 0;
  let failures = 0;
  let skipped = 0;
  const suites: string[] = [];
  for (const [id, list] of byRule) {
    const name = checkName(id);
    const classname = name.replace('/', '.');
    const fail = list.filter((f) => !f.suppression).length;
    const skip = list.length - fail;
    const count = Math.max(list.length, 1);
    tests += count;
    failures += fail;
    skipped += skip;
    let body = '';
    if (list.length === 0) body += `    <testcase${attrs({ name: `${id}: no findings`, classname, time: 0 })}/>\n`;
    for (const f of list) {
      const path = repositoryPath(input, f.path);
      const where = `${path}:${f.line}:${f.column}`;
      body += `    <testcase${attrs({ name: where, classname, file: path, line: f.line, time: 0 })}>\n`;
      if (f.suppression) {
        body += `      <skipped${attrs({ message: `suppressed: ${f.suppression.justification || 'no reason given'}` })}/>\n`;
      } else {
        const detail = [`${where}: ${f.severity}: ${f.message} (${name})`, ...f.related.map((r) => `  ${r.path}:${r.span.line}:${r.span.column}: ${r.message}`)].join('\n');
        body += `      <failure${attrs({ message: f.message, type: f.severity })}>${escapeXml(detail)}</failure>\n`;
      }
      body += '    </testcase>\n';
    }
    suites.push(`  <testsuite${attrs({ name, tests: count, failures: fail, errors: 0, skipped: skip, time: 0 })}>\n${body}  </testsuite>\n`);
  }
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites${attrs({ name: 'logvol', tests, failures, errors: 0, skipped, time: 0 })}>\n${suites.join('')}</testsuites>\n`
  );
};

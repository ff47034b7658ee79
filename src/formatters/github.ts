/**
 * GitHub Actions workflow commands (`--format github`): one annotation per finding, shown on the
 * pull request's diff and the run summary.
 *
 *   ::error file=<path>,line=<l>,col=<c>,endLine=<l>,endColumn=<c>,title=logvol/<rule>::<message>
 *
 * Follows GitHub's "Workflow commands for GitHub Actions" and the escaping of @actions/core
 * (`command.ts`): data escapes `%`, `\r`, `\n`; property values also escape `:` and `,`.
 * - `file` must be relative to the repository root (GITHUB_WORKSPACE when set) or GitHub cannot place
 *   the annotation on the diff.
 * - Levels: error → `error`, warning → `warning`, note → `notice`.
 * - Suppressed findings are not annotated (they are not problems); notices about files that could not
 *   be parsed become `warning`, skipped files `notice`, without a line.
 * - GitHub shows at most 10 annotations of each level per step and 50 per job; that is its limit, not ours.
 */
import { sanitizeForTerminal } from '../engine/text.js';
import { checkName } from '../engine/findings.js';
import { repositoryPath } from './paths.js';
import type { Formatter } from './types.js';

const LEVEL = { error: 'error', warning: 'warning', note: 'notice' } as const;

export function escapeData(s: string): string {
  // control characters other than CR/LF (ANSI escapes in scanned code) are made visible first
  return sanitizeForTerminal(s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(level: string, props: [string, string | number][], message: string): string {
  const p = props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',');
  return `::${level}${p ? ` ${p}` : ''}::${escapeData(message)}\n`;
}

export const github: Formatter = (input) => {
  let out = '';
  for (const f of input.findings) {
    out += command(
      LEVEL[f.severity],
      [
        ['file', repositoryPath(input, f.path)],
        ['line', f.line],
        ['col', f.column],
        ['endLine', f.endLine],
        ['endColumn', f.endColumn],
        ['title', checkName(f.ruleId)],
      ],
      f.message,
    );
  }
  for (const n of input.notices) {
    const level = n.kind === 'parse' || n.kind === 'error' ? 'warning' : 'notice';
    out += command(level, [['file', repositoryPath(input, n.path)], ...(n.line ? [['line', n.line] as [string, number]] : []), ['title', `logvol/${n.kind}`]], n.message);
  }
  return out;
};

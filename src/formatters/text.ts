/**
 * Human output, in the spirit of ESLint's "stylish": grouped by file (relative to the current
 * directory), `line:col  severity  message  rule-id`, then a summary line. Colour only when asked
 * (the CLI enables it on a TTY without NO_COLOR). Source text in messages is sanitised so ANSI
 * escapes inside scanned code never reach the terminal raw.
 */
import { join, relative } from 'node:path';
import pc from 'picocolors';
import { sanitizeForTerminal } from '../engine/text.js';
import { toPosix } from '../engine/discover.js';
import { compareFindings } from '../engine/findings.js';
import type { Formatter } from './types.js';

export const text: Formatter = (input) => {
  const c = pc.createColors(input.color);
  const all = [...input.findings, ...input.suppressed].sort(compareFindings);
  if (all.length === 0) return `${c.green('✔')} No problems found (${input.filesScanned} ${input.filesScanned === 1 ? 'file' : 'files'} scanned)\n`;
  const byFile = new Map<string, typeof all>();
  for (const f of all) {
    const list = byFile.get(f.path) ?? [];
    list.push(f);
    byFile.set(f.path, list);
  }
  const sevColor = { error: c.red, warning: c.yellow, note: c.cyan } as const;
  let out = '';
  for (const [path, list] of byFile) {
    const shown = toPosix(relative(input.cwd, join(input.root, path))) || path;
    out += `${c.underline(sanitizeForTerminal(shown))}\n`;
    const rows = list.map((f) => [
      `${f.line}:${f.column}`,
      f.suppression ? 'suppressed' : f.severity,
      sanitizeForTerminal(f.message),
      f.ruleId,
    ]);
    const w0 = Math.max(...rows.map((r) => r[0]!.length));
    const w1 = Math.max(...rows.map((r) => r[1]!.length));
    rows.forEach((r, i) => {
      const f = list[i]!;
      const sev = f.suppression ? c.dim(r[1]!.padEnd(w1)) : sevColor[f.severity](r[1]!.padEnd(w1));
      out += `  ${c.dim(r[0]!.padEnd(w0))}  ${sev}  ${r[2]}  ${c.dim(r[3]!)}\n`;
    });
    out += '\n';
  }
  const n = { error: 0, warning: 0, note: 0 };
  for (const f of input.findings) n[f.severity]++;
  const total = input.findings.length;
  const plural = (k: number, w: string): string => `${k} ${w}${k === 1 ? '' : 's'}`;
  const line = `✖ ${plural(total, 'problem')} (${plural(n.error, 'error')}, ${plural(n.warning, 'warning')}, ${plural(n.note, 'note')})`;
  out += `${n.error > 0 ? c.red(c.bold(line)) : c.yellow(c.bold(line))}\n`;
  if (input.suppressed.length > 0) out += c.dim(`  ${plural(input.suppressed.length, 'suppressed finding')} shown\n`);
  return out;
};

import { rules } from '../../rules/index.js';
import { ruleReadme } from '../engine/package-info.js';
import { UsageError } from '../errors.js';

export function runRules(format: string): number {
  const sorted = [...rules].sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1));
  if (format === 'json') {
    process.stdout.write(
      `${JSON.stringify(
        sorted.map((r) => ({ id: r.meta.id, severity: r.meta.severity, languages: r.meta.languages, summary: r.meta.summary, recommended: r.meta.recommended })),
        null,
        2,
      )}\n`,
    );
    return 0;
  }
  const w = Math.max(...sorted.map((r) => r.meta.id.length));
  for (const r of sorted) {
    process.stdout.write(`${r.meta.id.padEnd(w)}  ${r.meta.severity.padEnd(7)}  ${r.meta.languages.join(',').padEnd(5)}  ${r.meta.summary}\n`);
  }
  return 0;
}

export function runExplain(id: string): number {
  const rule = rules.find((r) => r.meta.id === id);
  if (!rule) throw new UsageError(`unknown rule "${id}"`, `run 'logvol rules' to list them`);
  process.stdout.write(ruleReadme(id));
  return 0;
}

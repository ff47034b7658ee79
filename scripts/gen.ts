/**
 * Generates the README rules table (between `<!-- rules:start -->` and `<!-- rules:end -->`) and
 * src/config/schema.json from the rule registry. `--check` exits 1 when either is out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rules } from '../rules/index.js';
import { buildConfigSchema } from '../src/config/schema.js';
import { PACKAGE_ROOT } from '../src/engine/package-info.js';

export function rulesTable(): string {
  const rows = [...rules]
    .sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1))
    .map((r) => `| [\`${r.meta.id}\`](rules/${r.meta.id}/README.md) | ${r.meta.severity} | ${r.meta.languages.map((l) => (l === 'go' ? 'Go' : 'TS/JS')).join(', ')} | ${r.meta.recommended ? 'yes' : ''} | ${r.meta.summary} |`);
  return ['| Rule | Default | Languages | Recommended | What it finds |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

export function renderReadme(readme: string): string {
  const start = '<!-- rules:start -->';
  const end = '<!-- rules:end -->';
  const i = readme.indexOf(start);
  const j = readme.indexOf(end);
  if (i < 0 || j < i) throw new Error('README.md lacks the rules:start / rules:end markers');
  return `${readme.slice(0, i + start.length)}\n${rulesTable()}\n${readme.slice(j)}`;
}

export function renderSchema(): string {
  return `${JSON.stringify(buildConfigSchema(rules), null, 2)}\n`;
}

function main(): void {
  const check = process.argv.includes('--check');
  const targets = [
    { file: join(PACKAGE_ROOT, 'README.md'), render: (old: string) => renderReadme(old) },
    { file: join(PACKAGE_ROOT, 'src', 'config', 'schema.json'), render: () => renderSchema() },
  ];
  let stale = 0;
  for (const t of targets) {
    let old = '';
    try {
      old = readFileSync(t.file, 'utf8');
    } catch {
      old = '';
    }
    const fresh = t.render(old);
    if (fresh === old) continue;
    if (check) {
      process.stderr.write(`out of date: ${t.file} (run npm run gen)\n`);
      stale++;
    } else writeFileSync(t.file, fresh);
  }
  process.exitCode = stale ? 1 : 0;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop()!)) main();

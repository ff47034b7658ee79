/** Where logvol itself is installed: its version and the rule READMEs shipped with it. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'logvol') return dir;
      } catch {
        // keep walking
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('logvol package root not found');
    dir = parent;
  }
}

export const PACKAGE_ROOT = findPackageRoot();
export const VERSION = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
export const INFORMATION_URI = 'https://github.com/logvol/logvol';

const readmeCache = new Map<string, string>();

/** The rule's README.md (the single source of its long documentation). */
export function ruleReadme(id: string): string {
  let text = readmeCache.get(id);
  if (text === undefined) {
    try {
      text = readFileSync(join(PACKAGE_ROOT, 'rules', id, 'README.md'), 'utf8');
    } catch {
      text = `# ${id}\n`;
    }
    readmeCache.set(id, text);
  }
  return text;
}

/** A README section's body by H2 heading, or ''. */
export function readmeSection(markdown: string, heading: string): string {
  const re = new RegExp(`^## ${heading}\\s*$`, 'm');
  const m = re.exec(markdown);
  if (!m) return '';
  const rest = markdown.slice(m.index + m[0].length);
  const next = rest.search(/^## /m);
  return (next >= 0 ? rest.slice(0, next) : rest).trim();
}

/**
 * `npm run new-rule -- <id> [--root DIR]`: scaffolds `rules/<id>/` (rule.ts, go.ts, ts.ts,
 * README.md with the required sections) and adds the registry import to rules/index.ts, sorted.
 * Next steps are printed: write fixtures with `// want:` and `// ok:` first, then the detectors,
 * then the README examples (they are executed by the tests), then `npm run gen`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PACKAGE_ROOT } from '../src/engine/package-info.js';

const ID = /^[a-z]+(-[a-z]+)+$/;

function camel(id: string): string {
  return id.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

export function scaffold(root: string, id: string): string[] {
  if (!ID.test(id)) throw new Error(`rule id "${id}" must be kebab-case words naming the flagged pattern (e.g. "metric-label-per-request")`);
  const dir = join(root, 'rules', id);
  if (existsSync(dir)) throw new Error(`rules/${id} already exists`);
  const index = join(root, 'rules', 'index.ts');
  const registry = readFileSync(index, 'utf8');
  mkdirSync(dir, { recursive: true });
  const files: Record<string, string> = {
    'rule.ts': `import { defineRule } from '../../src/rule-api.js';
import { go } from './go.js';
import { ts } from './ts.js';

export type MessageIds = 'found';
export type Options = Record<string, never>;

export default defineRule<MessageIds, Options>({
  meta: {
    id: '${id}',
    summary: 'TODO: what the rule finds, present tense, one line',
    severity: 'warning',
    languages: ['go', 'ts'],
    tags: ['log-volume'],
    precision: 'medium',
    recommended: false,
    messages: {
      found: '\`{{expr}}\` TODO: what is written and why it is expensive{{via}}',
    },
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  detectors: { go, ts },
});
`,
    'go.ts': `import type { Detector } from '../../src/rule-api.js';
import type { MessageIds, Options } from './rule.js';

export const go: Detector<MessageIds, Options> = ({ file }) => {
  // cheap checks first: no sink calls, nothing to do
  if (file.sinkCalls.length === 0) return;
};
`,
    'ts.ts': `import type { Detector } from '../../src/rule-api.js';
import type { MessageIds, Options } from './rule.js';

export const ts: Detector<MessageIds, Options> = ({ file }) => {
  if (file.sinkCalls.length === 0) return;
};
`,
    'README.md': `# ${id}

TODO: what the rule finds, present tense, one line

## What it finds

TODO

## Why it hurts

TODO: the concrete cost (bytes per request, what the CRI log pipeline does with it).

## Example

\`\`\`go
package api
\`\`\`

## Fix

\`\`\`go
package api
\`\`\`
`,
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  // registry: one import per rule, sorted by id; the array in the same order
  const imports = [...registry.matchAll(/^import (\w+) from '\.\/([a-z-]+)\/rule\.js';$/gm)].map((m) => ({ name: m[1]!, id: m[2]! }));
  imports.push({ name: camel(id), id });
  imports.sort((a, b) => (a.id < b.id ? -1 : 1));
  const head = registry.slice(0, registry.search(/^import /m));
  const typeImport = "import type { Rule } from '../src/rule-api.js';\n";
  const body = `${typeImport}${imports.map((i) => `import ${i.name} from './${i.id}/rule.js';`).join('\n')}\n\nexport const rules: readonly Rule[] = [${imports.map((i) => i.name).join(', ')}] as unknown as Rule[];\n`;
  writeFileSync(index, `${head}${body}`);
  return Object.keys(files).map((f) => `rules/${id}/${f}`);
}

function main(): void {
  const args = process.argv.slice(2);
  const at = args.indexOf('--root');
  const root = resolve(at >= 0 ? args[at + 1]! : PACKAGE_ROOT);
  const id = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--root');
  if (!id) {
    process.stderr.write('usage: npm run new-rule -- <rule-id>\n');
    process.exitCode = 2;
    return;
  }
  try {
    const created = scaffold(root, id);
    process.stdout.write(
      [
        ...created.map((f) => `created ${f}`),
        `registered ${id} in rules/index.ts`,
        'next: fixtures first (// want: and // ok: lines in fixtures/go and fixtures/ts), then the detectors,',
        '      then the README examples (executed by the tests), then `npm run gen` for the README table',
      ].join('\n') + '\n',
    );
  } catch (e) {
    process.stderr.write(`new-rule: ${(e as Error).message}\n`);
    process.exitCode = 2;
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop()!)) main();

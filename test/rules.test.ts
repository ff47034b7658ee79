/**
 * Per rule: metadata, registry ↔ folders, README structure, README examples executed (Example blocks
 * give exactly one finding of the rule, Fix blocks none), generated files up to date, and the
 * boundary: rules import only src/rule-api.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rules } from '../rules/index.js';
import { loadConfig } from '../src/config/load.js';
import { scan } from '../src/engine/scan.js';
import { readmeSection } from '../src/engine/package-info.js';
import { renderReadme, renderSchema } from '../scripts/gen.js';
import { REPO } from './harness/fixtures.js';
import { scratchDir } from './harness/tmp.js';

const RULES_DIR = join(REPO, 'rules');
const REQUIRED = ['What it finds', 'Why it hurts', 'Example', 'Fix'];
const OPTIONAL = ['Options', 'Known limits'];

function ruleFolders(): string[] {
  return readdirSync(RULES_DIR)
    .filter((d) => statSync(join(RULES_DIR, d)).isDirectory())
    .sort();
}

test('the registry lists exactly the rule folders, sorted, each id equal to its folder', () => {
  assert.deepEqual(rules.map((r) => r.meta.id), ruleFolders());
});

function codeBlocks(section: string): { lang: string; code: string; ignore: boolean }[] {
  const out: { lang: string; code: string; ignore: boolean }[] = [];
  for (const m of section.matchAll(/^```(\w+)([^\n]*)\n([\s\S]*?)^```\s*$/gm)) {
    out.push({ lang: m[1]!, code: m[3]!, ignore: /\bignore\b/.test(m[2]!) });
  }
  return out;
}

const EXT: Record<string, string> = { go: '.go', ts: '.ts', js: '.js', tsx: '.tsx', typescript: '.ts', javascript: '.js' };

async function findingsFor(lang: string, code: string, ruleId: string): Promise<string[]> {
  const dir = scratchDir('logvol-example-');
  try {
    if (lang === 'go') writeFileSync(join(dir, 'go.mod'), 'module example.com/example\n\ngo 1.22\n');
    writeFileSync(join(dir, `example${EXT[lang]}`), code);
    const config = loadConfig({ cwd: dir, rules, configPath: undefined });
    const r = await scan({ cwd: dir, root: dir, paths: ['.'], config, rules });
    return r.findings.filter((f) => f.ruleId === ruleId).map((f) => `${f.line}: ${f.message}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const rule of rules) {
  const { id } = rule.meta;
  test(`${id}: metadata is complete`, () => {
    assert.match(id, /^[a-z]+(-[a-z]+)*$/);
    assert.ok(rule.meta.summary.length > 10 && rule.meta.summary.length <= 90, 'summary: one line, ≤ 90 characters');
    assert.ok(!rule.meta.summary.endsWith('.'), 'summary ends without a period');
    assert.ok(rule.meta.languages.length > 0);
    for (const lang of rule.meta.languages) assert.equal(typeof rule.detectors[lang], 'function', `detector for ${lang}`);
    for (const [mid, text] of Object.entries(rule.meta.messages as Record<string, string>)) {
      assert.match(mid, /^[a-z][a-zA-Z]+$/, `message id ${mid} is camelCase`);
      assert.ok(!text.trim().endsWith('.'), `message ${mid} ends without a period`);
    }
    const props = (rule.meta.schema as { properties?: Record<string, { description?: string }> }).properties ?? {};
    const readme = readFileSync(join(RULES_DIR, id, 'README.md'), 'utf8');
    for (const [name, p] of Object.entries(props)) {
      assert.ok(p.description, `option ${name} has a description`);
      assert.ok(readmeSection(readme, 'Options').includes(name), `option ${name} is documented under ## Options`);
    }
  });

  test(`${id}: README has the title, summary and sections in order`, () => {
    const readme = readFileSync(join(RULES_DIR, id, 'README.md'), 'utf8');
    const lines = readme.split('\n');
    assert.equal(lines[0], `# ${id}`);
    assert.equal(lines.slice(1).find((l) => l.trim() !== ''), rule.meta.summary);
    const h2 = [...readme.matchAll(/^## (.+)$/gm)].map((m) => m[1]!.trim());
    for (const h of h2) assert.ok([...REQUIRED, ...OPTIONAL].includes(h), `unknown section "## ${h}"`);
    const order = [...REQUIRED, ...OPTIONAL].filter((h) => h2.includes(h));
    assert.deepEqual(h2, order, 'sections in the agreed order');
    for (const h of REQUIRED) assert.ok(h2.includes(h), `missing ## ${h}`);
  });

  test(`${id}: README examples run (Example: exactly one finding; Fix: none)`, async () => {
    const readme = readFileSync(join(RULES_DIR, id, 'README.md'), 'utf8');
    const examples = codeBlocks(readmeSection(readme, 'Example')).filter((b) => !b.ignore && EXT[b.lang]);
    const fixes = codeBlocks(readmeSection(readme, 'Fix')).filter((b) => !b.ignore && EXT[b.lang]);
    assert.ok(examples.length > 0, 'at least one runnable example');
    for (const b of examples) {
      const found = await findingsFor(b.lang, b.code, id);
      assert.equal(found.length, 1, `example (${b.lang}) gives exactly one ${id} finding, got: ${JSON.stringify(found)}\n${b.code}`);
    }
    for (const b of fixes) {
      const found = await findingsFor(b.lang, b.code, id);
      assert.deepEqual(found, [], `fix (${b.lang}) gives no ${id} finding\n${b.code}`);
    }
    for (const lang of rule.meta.languages) {
      const has = examples.some((b) => (lang === 'go' ? b.lang === 'go' : b.lang !== 'go'));
      assert.ok(has, `an example in ${lang}`);
    }
  });
}

test('rules import nothing from the engine but src/rule-api.ts', () => {
  const bad: string[] = [];
  for (const d of ruleFolders()) {
    for (const f of readdirSync(join(RULES_DIR, d)).filter((f) => f.endsWith('.ts'))) {
      const src = readFileSync(join(RULES_DIR, d, f), 'utf8');
      for (const m of src.matchAll(/from\s+['"]([^'"]+)['"]/g)) {
        const spec = m[1]!;
        if (spec.startsWith('./')) continue;
        if (spec === '../../src/rule-api.js') continue;
        bad.push(`${d}/${f}: ${spec}`);
      }
    }
  }
  assert.deepEqual(bad, []);
});

test('generated files are up to date (npm run gen)', () => {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  assert.equal(renderReadme(readme), readme, 'README rules table is stale: run npm run gen');
  assert.equal(readFileSync(join(REPO, 'src', 'config', 'schema.json'), 'utf8'), renderSchema(), 'src/config/schema.json is stale: run npm run gen');
});

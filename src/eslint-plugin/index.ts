/**
 * The logvol ESLint plugin (flat config), generated from the rule registry: every rule becomes
 * `logvol/<id>` and runs logvol's own TS/JS detector on the file (see to-eslint-rule.ts).
 *
 *   // eslint.config.js
 *   import logvol from 'logvol/eslint-plugin';
 *   export default [logvol.configs.recommended];
 */
import { rules as registry } from '../../rules/index.js';
import { VERSION } from '../engine/package-info.js';
import { SEVERITY_TABLE } from '../engine/findings.js';
import { toEslintRule, type EslintRuleModule } from './to-eslint-rule.js';

export interface LogvolEslintPlugin {
  meta: { name: string; version: string; namespace: string };
  rules: Record<string, EslintRuleModule>;
  configs: { recommended: { name: string; files: string[]; plugins: Record<string, LogvolEslintPlugin>; rules: Record<string, 'error' | 'warn'> } };
}

const rules: Record<string, EslintRuleModule> = {};
for (const r of registry) rules[r.meta.id] = toEslintRule(r, registry);

const plugin: LogvolEslintPlugin = {
  meta: { name: 'logvol', version: VERSION, namespace: 'logvol' },
  rules,
  configs: { recommended: { name: 'logvol/recommended', files: ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'], plugins: {}, rules: {} } },
};
plugin.configs.recommended.plugins.logvol = plugin;
for (const r of registry) {
  if (!r.meta.recommended || !r.meta.languages.includes('ts')) continue;
  plugin.configs.recommended.rules[`logvol/${r.meta.id}`] = SEVERITY_TABLE[r.meta.severity].eslint === 2 ? 'error' : 'warn';
}

export default plugin;
export const configs = plugin.configs;
export { rules };

/**
 * Config discovery and validation. JSON only: nothing from the scanned repository is executed.
 * Discovery walks up from the current directory: logvol.config.json, else a "logvol" key in
 * package.json. Every error names the file and the offending key.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import type { Ajv as AjvType } from 'ajv';
import type { Rule, Severity, SeverityOrOff } from '../rule-api.js';
import { ConfigError } from '../errors.js';
import { buildConfigSchema } from './schema.js';
import type { GoSinkConfig } from '../languages/go/model.js';
import type { LogLevel } from '../engine/levels.js';

export type SinkEntry = string | { name: string; shape?: 'printf' | 'print'; format?: number };

export interface RawConfig {
  rules?: Record<string, SeverityOrOff | [SeverityOrOff, Record<string, unknown>?]>;
  include?: string[];
  exclude?: string[];
  sinks?: { go?: SinkEntry[]; ts?: SinkEntry[] };
  maxFileSize?: number;
  includeTests?: boolean;
  includeVendor?: boolean;
  logLevel?: LogLevel;
}

export interface ResolvedConfig {
  /** the file it came from, or undefined for defaults */
  file?: string;
  /** the directory include/exclude are relative to */
  baseDir: string;
  rules: Map<string, { severity: Severity; options: Record<string, unknown> }>;
  include: string[];
  exclude: string[];
  goSinks: GoSinkConfig[];
  tsSinks: SinkEntry[];
  maxFileSize: number;
  includeTests: boolean;
  includeVendor: boolean;
  /** the level the services log at in production: findings on lines below it are not reported (levels.ts) */
  logLevel?: LogLevel;
}

export const DEFAULT_MAX_FILE_SIZE = 2_000_000;


export function findConfigFile(startDir: string): { file: string; key?: 'logvol' } | undefined {
  let dir = resolve(startDir);
  for (;;) {
    const cfg = join(dir, 'logvol.config.json');
    if (existsSync(cfg)) return { file: cfg };
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        const parsed = JSON.parse(readFileSync(pkg, 'utf8')) as Record<string, unknown>;
        if (parsed && typeof parsed === 'object' && 'logvol' in parsed) return { file: pkg, key: 'logvol' };
      } catch {
        // a broken package.json that is not ours to judge: keep looking
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function closest(name: string, options: string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const o of options) {
    const d = levenshtein(name, o);
    if (d < bestD) {
      bestD = d;
      best = o;
    }
  }
  return bestD <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

function levenshtein(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0]!;
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j]!;
      dp[j] = Math.min(dp[j]! + 1, dp[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length]!;
}

export function loadConfig(opts: { cwd: string; configPath?: string; rules: readonly Rule[] }): ResolvedConfig {
  let found: { file: string; key?: 'logvol' } | undefined;
  if (opts.configPath) {
    const file = resolve(opts.cwd, opts.configPath);
    if (!existsSync(file)) throw new ConfigError(`config file not found: ${opts.configPath}`, 'check the --config path');
    if (statSync(file).isDirectory()) throw new ConfigError(`config path is a directory: ${opts.configPath}`);
    found = { file };
  } else {
    found = findConfigFile(opts.cwd);
  }
  if (!found) return resolveConfig({}, opts.rules, undefined, opts.cwd);
  let parsed: unknown;
  const text = readFileSync(found.file, 'utf8');
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ConfigError(`${found.file}: invalid JSON: ${(e as Error).message.split('\n')[0]}`, 'logvol config is plain JSON (no comments, no trailing commas)');
  }
  const raw = found.key ? (parsed as Record<string, unknown>)[found.key] : parsed;
  const label = found.key ? `${found.file} (key "logvol")` : found.file;
  validateConfig(raw, opts.rules, label);
  return resolveConfig(raw as RawConfig, opts.rules, found.file, dirname(found.file));
}

export function validateConfig(raw: unknown, rules: readonly Rule[], label: string): void {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError(`${label}: the config must be a JSON object`);
  }
  const ids = rules.map((r) => r.meta.id);
  const r = (raw as RawConfig).rules;
  if (r && typeof r === 'object' && !Array.isArray(r)) {
    for (const key of Object.keys(r)) {
      if (!ids.includes(key)) {
        const guess = closest(key, ids);
        throw new ConfigError(`${label}: rules.${key}: unknown rule id${guess ? ` (did you mean "${guess}"?)` : ''}`, `known rules: ${ids.join(', ')}`);
      }
    }
  }
  const known = ['$schema', 'rules', 'include', 'exclude', 'sinks', 'maxFileSize', 'includeTests', 'includeVendor', 'logLevel'];
  for (const key of Object.keys(raw)) {
    if (!known.includes(key)) {
      const guess = closest(key, known);
      throw new ConfigError(`${label}: ${key}: unknown key${guess ? ` (did you mean "${guess}"?)` : ''}`, `known keys: ${known.join(', ')}`);
    }
  }
  // loaded only when there is a config to validate: ajv costs ~50 ms of start-up
  const { Ajv } = createRequire(import.meta.url)('ajv') as { Ajv: typeof AjvType };
  const ajv = new Ajv({ allErrors: false, strict: false });
  const validate = ajv.compile(buildConfigSchema(rules));
  if (!validate(raw)) {
    const err = validate.errors?.[0];
    const path = (err?.instancePath ?? '').split('/').filter(Boolean).join('.') || '(root)';
    let msg = err?.message ?? 'invalid';
    if (err?.keyword === 'additionalProperties') msg = `unknown key "${(err.params as { additionalProperty: string }).additionalProperty}"`;
    if (/^rules\.[^.]+$/.test(path)) msg = 'must be "off", "note", "warning" or "error", or [severity, options]';
    throw new ConfigError(`${label}: ${path}: ${msg}`);
  }
  checkPatterns(raw as RawConfig, label);
}

/**
 * include/exclude are relative to the config file's directory and may not leave it: an absolute
 * pattern or a `..` segment would select files outside the project (issue 7). A config outside the
 * project root is checked when files are discovered (discover.ts).
 */
function checkPatterns(raw: RawConfig, label: string): void {
  for (const key of ['include', 'exclude'] as const) {
    (raw[key] ?? []).forEach((pattern, i) => {
      const body = key === 'exclude' ? pattern.replace(/^!/, '') : pattern;
      if (/^([/\\]|[A-Za-z]:)/.test(body) || /(^|[/\\])\.\.([/\\]|$)/.test(body)) {
        throw new ConfigError(
          `${label}: ${key}[${i}]: "${pattern}" points outside the config's directory`,
          `${key} patterns are relative to the directory of the config file and cannot use ".." or absolute paths`,
        );
      }
    });
  }
}

function resolveConfig(raw: RawConfig, rules: readonly Rule[], file: string | undefined, baseDir: string): ResolvedConfig {
  const resolved = new Map<string, { severity: Severity; options: Record<string, unknown> }>();
  for (const rule of rules) {
    const entry = raw.rules?.[rule.meta.id];
    let severity: SeverityOrOff = rule.meta.severity;
    let options: Record<string, unknown> = { ...(rule.meta.defaultOptions as Record<string, unknown>) };
    if (typeof entry === 'string') severity = entry;
    else if (Array.isArray(entry)) {
      severity = entry[0];
      options = { ...options, ...(entry[1] ?? {}) };
    }
    if (severity !== 'off') resolved.set(rule.meta.id, { severity, options });
  }
  const goSinks: GoSinkConfig[] = (raw.sinks?.go ?? []).map((s) => (typeof s === 'string' ? { name: s } : s));
  return {
    ...(file ? { file } : {}),
    baseDir,
    rules: resolved,
    include: raw.include ?? [],
    exclude: raw.exclude ?? [],
    goSinks,
    tsSinks: raw.sinks?.ts ?? [],
    maxFileSize: raw.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    includeTests: raw.includeTests ?? false,
    includeVendor: raw.includeVendor ?? false,
    ...(raw.logLevel ? { logLevel: raw.logLevel } : {}),
  };
}

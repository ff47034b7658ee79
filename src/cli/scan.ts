import { resolve } from 'node:path';
import { rules } from '../../rules/index.js';
import { loadConfig } from '../config/load.js';
import { findProjectRoot } from '../engine/discover.js';
import { scan } from '../engine/scan.js';
import { sanitizeForTerminal } from '../engine/text.js';
import { FORMATTERS } from '../formatters/index.js';
import { writeAtomic } from './write.js';

export interface ScanCliOptions {
  format: string;
  output?: string;
  config?: string;
  maxWarnings?: number;
  maxFileSize?: number;
  includeTests?: boolean;
  reportSuppressed?: boolean;
  color?: boolean;
  debug?: boolean;
}

function wantColor(opts: ScanCliOptions, toFile: boolean): boolean {
  if (process.argv.includes('--color')) return true;
  if (opts.color === false || toFile) return false;
  if ('NO_COLOR' in process.env && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return Boolean(process.stdout.isTTY);
}

export async function runScan(paths: string[], opts: ScanCliOptions): Promise<number> {
  const cwd = process.cwd();
  const config = loadConfig({ cwd, ...(opts.config ? { configPath: opts.config } : {}), rules });
  const root = findProjectRoot(cwd);
  const result = await scan({
    cwd,
    root,
    paths,
    config,
    rules,
    ...(opts.includeTests ? { includeTests: true } : {}),
    ...(opts.maxFileSize !== undefined ? { maxFileSize: opts.maxFileSize } : {}),
  });
  for (const n of result.notices) {
    process.stderr.write(`logvol: ${n.kind === 'error' ? 'error' : 'notice'}: ${sanitizeForTerminal(n.path)}${n.line ? `:${n.line}` : ''}: ${sanitizeForTerminal(n.message)}\n`);
  }
  const formatter = FORMATTERS[opts.format]!;
  const report = formatter({
    findings: result.findings,
    suppressed: opts.reportSuppressed ? result.suppressed : [],
    unusedSuppressions: result.unusedSuppressions,
    notices: result.notices,
    rules: result.rules,
    filesScanned: result.filesScanned,
    root,
    cwd,
    color: wantColor(opts, Boolean(opts.output)),
    ...(process.env.CI_PROJECT_DIR ? { repositoryRoot: resolve(process.env.CI_PROJECT_DIR) } : {}),
  });
  if (opts.output) writeAtomic(resolve(cwd, opts.output), report);
  else process.stdout.write(report);
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  const warnings = result.findings.filter((f) => f.severity === 'warning').length;
  if (errors > 0) return 1;
  if (opts.maxWarnings !== undefined && warnings > opts.maxWarnings) return 1;
  return 0;
}

import { resolve } from 'node:path';
import { rules } from '../../rules/index.js';
import { UsageError } from '../errors.js';
import { applyBaseline, buildBaseline, readBaseline, serializeBaseline } from '../engine/baseline.js';
import { changedLines, filterToChanged, inChangedFiles, outsideDiff } from '../engine/diff.js';
import { compareFindings } from '../engine/findings.js';
import { engineRulesFor, governanceFindings, governanceNotices } from '../engine/governance.js';
import { expandToModuleContext } from '../engine/module-context.js';
import { FORMAT_NAMES } from '../formatters/index.js';
import { loadConfig } from '../config/load.js';
import { findProjectRoot, scanRootFor } from '../engine/discover.js';
import { scan } from '../engine/scan.js';
import { sanitizeForTerminal } from '../engine/text.js';
import { FORMATTERS } from '../formatters/index.js';
import { assertWritable, writeAtomic } from './write.js';
import { createProgress } from './progress.js';
import { defaultJobs } from '../engine/pool.js';
import type { Finding } from '../engine/findings.js';
import type { Notice } from '../languages/types.js';
import type { LogLevel } from '../engine/levels.js';

export interface ScanCliOptions {
  format: string;
  output?: string;
  config?: string;
  maxWarnings?: number;
  maxFileSize?: number;
  includeTests?: boolean;
  includeVendor?: boolean;
  logLevel?: LogLevel;
  typeAware?: boolean;
  reportSuppressed?: boolean;
  report?: ReportSpec[];
  automationId?: string;
  diffBase?: string | true;
  baseline?: string;
  writeBaseline?: string;
  requireReason?: boolean;
  reportUnusedSuppressions?: boolean;
  moduleContext?: boolean;
  jobs?: number;
  cache?: boolean;
  cacheLocation?: string;
  prefilter?: boolean;
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

/** `--report <format>:<file>` */
export interface ReportSpec {
  format: string;
  file: string;
}

export function parseReportSpec(value: string): ReportSpec {
  const i = value.indexOf(':');
  const format = i > 0 ? value.slice(0, i) : '';
  const file = i > 0 ? value.slice(i + 1) : '';
  if (!format || !file) throw new UsageError(`--report expects <format>:<file>, got "${value}"`, 'for example --report sarif:logvol.sarif');
  if (!FORMAT_NAMES.includes(format)) throw new UsageError(`--report: unknown format "${format}"`, `use one of: ${FORMAT_NAMES.join(', ')}`);
  return { format, file };
}

/** The ref --diff-base compares with: the flag's value, else CI_MERGE_REQUEST_DIFF_BASE_SHA. */
function diffBaseRef(opt: string | true): string {
  if (typeof opt === 'string' && opt !== '') return opt;
  const env = process.env.CI_MERGE_REQUEST_DIFF_BASE_SHA;
  if (env) return env;
  throw new UsageError('--diff-base needs a ref, and CI_MERGE_REQUEST_DIFF_BASE_SHA is not set', 'pass one, e.g. --diff-base origin/main');
}

export async function runScan(paths: string[], opts: ScanCliOptions): Promise<number> {
  const cwd = process.cwd();
  // an unwritable output is a usage error before the scan, not after it (issue 7)
  for (const r of opts.report ?? []) assertWritable(resolve(cwd, r.file));
  if (opts.output) assertWritable(resolve(cwd, opts.output));
  if (opts.writeBaseline) assertWritable(resolve(cwd, opts.writeBaseline), 'baseline');
  const loaded = loadConfig({ cwd, ...(opts.config ? { configPath: opts.config } : {}), rules });
  const config = opts.logLevel ? { ...loaded, logLevel: opts.logLevel } : loaded;
  const home = findProjectRoot(cwd);
  const root = scanRootFor(cwd, paths);
  const context = opts.moduleContext === false ? { paths } : expandToModuleContext(cwd, root, paths);
  const baseline = opts.baseline ? readBaseline(resolve(cwd, opts.baseline)) : undefined;
  // the diff of the repository scanned: another project's, when the paths are in it (scanRootFor)
  const changed = opts.diffBase !== undefined ? changedLines(root === home ? cwd : root, diffBaseRef(opts.diffBase)) : undefined;
  const progress = createProgress('files');
  const result = await scan({
    cwd,
    root,
    paths: context.paths,
    config,
    rules,
    ...(context.reportOnly ? { reportOnly: context.reportOnly } : {}),
    ...(opts.includeTests ? { includeTests: true } : {}),
    ...(opts.includeVendor ? { includeVendor: true } : {}),
    ...(opts.typeAware ? { typeAware: true } : {}),
    ...(opts.maxFileSize !== undefined ? { maxFileSize: opts.maxFileSize } : {}),
    jobs: opts.jobs ?? defaultJobs(),
    ...(opts.prefilter === false ? { prefilter: false } : {}),
    ...(opts.cache || opts.cacheLocation ? { cacheDir: resolve(cwd, opts.cacheLocation ?? resolve(home, 'node_modules', '.cache', 'logvol')) } : {}),
    ...(progress ? { onProgress: progress.update } : {}),
  });
  progress?.done();
  const governance = { requireReason: opts.requireReason, reportUnused: opts.reportUnusedSuppressions };
  let findings = [...result.findings, ...governanceFindings(result.directives, governance)].sort(compareFindings);
  let suppressed = result.suppressed;
  // findings → baseline → diff filter (design: "suppressions, baseline, diff filter → sort → formatters")
  if (opts.writeBaseline) {
    const b = buildBaseline(findings);
    writeAtomic(resolve(cwd, opts.writeBaseline), serializeBaseline(b));
    process.stderr.write(`logvol: wrote ${b.entries.length} ${b.entries.length === 1 ? 'entry' : 'entries'} to baseline ${opts.writeBaseline}\n`);
  } else if (baseline) {
    // a finding below the production level (config logLevel) is there, only not reported: its entry is not stale
    const applied = applyBaseline(findings, baseline, [...suppressed, ...(result.belowLevel ?? [])].map((f) => f.fingerprint));
    findings = applied.fresh;
    const stale = context.reportOnly ? applied.stale.filter((e) => context.reportOnly!.has(e.path)) : applied.stale;
    if (applied.hidden > 0) process.stderr.write(`logvol: ${applied.hidden} baselined ${applied.hidden === 1 ? 'finding' : 'findings'} hidden (${opts.baseline})\n`);
    if (stale.length > 0) {
      process.stderr.write(`logvol: ${stale.length} baseline ${stale.length === 1 ? 'entry is' : 'entries are'} stale (fixed or gone); refresh with --write-baseline ${opts.baseline}\n`);
    }
  }
  if (changed) {
    const outside = outsideDiff(findings, changed, root);
    if (outside > 0) process.stderr.write(`logvol: notice: --diff-base compares the repository at ${changed.top}: ${outside} ${outside === 1 ? 'finding' : 'findings'} in files outside it not reported\n`);
    findings = filterToChanged(findings, changed, root);
    suppressed = filterToChanged(suppressed, changed, root);
  }
  const scope = context.reportOnly;
  const directiveNotices = governanceNotices(result.directives, governance).filter((n) => !scope || scope.has(n.path));
  for (const n of [...result.notices, ...directiveNotices.map((n) => ({ ...n, kind: 'suppression' as const }))]) {
    process.stderr.write(`logvol: ${n.kind === 'error' ? 'error' : 'notice'}: ${sanitizeForTerminal(n.path)}${n.line ? `:${n.line}` : ''}: ${sanitizeForTerminal(n.message)}\n`);
    if (opts.debug && "stack" in n && n.stack) process.stderr.write(`${n.stack}\n`);
  }
  const repositoryRoot = process.env.CI_PROJECT_DIR || process.env.GITHUB_WORKSPACE;
  const input = {
    findings,
    suppressed: opts.reportSuppressed ? suppressed : [],
    unusedSuppressions: result.unusedSuppressions,
    notices: result.notices,
    rules: result.rules,
    engineRules: engineRulesFor(governance),
    filesScanned: result.filesScanned,
    root,
    cwd,
    ...(opts.automationId ? { automationId: opts.automationId } : {}),
    ...(repositoryRoot ? { repositoryRoot: resolve(repositoryRoot) } : {}),
  };
  const report = FORMATTERS[opts.format]!({ ...input, color: wantColor(opts, Boolean(opts.output)) });
  // a SIGINT/SIGTERM that arrived during the (synchronous) analysis is handled here, before any
  // report is written: an interrupted scan leaves no report behind
  await new Promise<void>((r) => setImmediate(r));
  // every extra report is rendered before anything is written, then each file is written atomically
  const extra = (opts.report ?? []).map((r) => ({ file: resolve(cwd, r.file), text: FORMATTERS[r.format]!({ ...input, color: false }) }));
  for (const r of extra) writeAtomic(r.file, r.text);
  if (opts.output) writeAtomic(resolve(cwd, opts.output), report);
  else process.stdout.write(report);
  // with --diff-base, only a failure in a changed file can lose a finding of the report
  const failures = result.notices.filter((n) => n.internal);
  const scoped = changed ? inChangedFiles(failures, changed, root) : failures;
  const failed = new Set(scoped.map((n) => n.path)).size;
  if (failed > 0) {
    process.stderr.write(`logvol: internal error: ${failed} ${failed === 1 ? 'file was' : 'files were'} not fully checked (above); the report holds everything else\n`);
    if (!opts.debug) process.stderr.write('  hint: run again with --debug for stack traces, and report it\n');
  }
  return scanExitCode(findings, scoped, opts);
}

/**
 * 2 when logvol failed on a file (a rule or the analysis threw, Notice.internal): every other
 * finding is in the report, but the run is incomplete, and that is no pass, whatever else it
 * found; then 0 for `--write-baseline`; 1 for a finding at `error` or more warnings than
 * `--max-warnings`; else 0.
 */
export function scanExitCode(findings: readonly Finding[], notices: readonly Notice[], opts: Pick<ScanCliOptions, 'writeBaseline' | 'maxWarnings'>): number {
  if (notices.some((n) => n.internal)) return 2;
  if (opts.writeBaseline) return 0;
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  if (errors > 0) return 1;
  if (opts.maxWarnings !== undefined && warnings > opts.maxWarnings) return 1;
  return 0;
}

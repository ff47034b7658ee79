/**
 * `logvol logs <files or directories>`: the command's options and its run. main.ts only calls
 * `registerLogsCommand`, so this command's flags live next to its code.
 */
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { UsageError } from '../errors.js';
import { writeAtomic } from '../cli/write.js';
import { analyzeLogs, DEFAULT_BUFFER_BYTES, DEFAULT_MAX_LINE_BYTES, DEFAULT_TOP } from './analyze.js';
import { attachSources, displayRoot, indexSource } from './attribute.js';
import { collectInputs } from './inputs.js';
import { ProgressBar } from './progress.js';
import { renderHtml } from './render-html.js';
import { renderText } from './render-text.js';
import type { LogsReport } from './report.js';

export const LOGS_FORMATS = ['text', 'json', 'html'] as const;

export interface LogsCliOptions {
  format: (typeof LOGS_FORMATS)[number];
  output?: string;
  top: number;
  source?: string;
  maxLineBytes: number;
  bufferBytes: number;
  progress: boolean;
}

function positiveInt(flag: string) {
  return (v: string): number => {
    if (!/^\d+$/.test(v) || Number(v) < 1 || !Number.isSafeInteger(Number(v))) throw new UsageError(`${flag} expects a whole number of at least 1, got "${v}"`);
    return Number(v);
  };
}

export function registerLogsCommand(program: Command, out: { code: number }): void {
  program
    .command('logs')
    .description('measure container log files (CRI, Docker json-file, plain, .gz) and trace the bytes back to the source')
    .argument('<paths...>', 'log files or directories (e.g. /var/log/pods)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(LOGS_FORMATS).default('text'))
    .option('-o, --output <file>', 'write the report to a file (atomically) instead of stdout')
    .option('--top <n>', 'rows in the top-N tables', positiveInt('--top'), DEFAULT_TOP)
    .option('--source <dir>', 'scan this source tree and match templates to the sink calls that write them')
    .option('--max-line-bytes <n>', 'count lines longer than this (the runtime splits lines at 16 KiB)', positiveInt('--max-line-bytes'), DEFAULT_MAX_LINE_BYTES)
    .option('--buffer-bytes <n>', "count lines longer than a shipper's buffer (fluent-bit Buffer_Max_Size)", positiveInt('--buffer-bytes'), DEFAULT_BUFFER_BYTES)
    .option('--no-progress', 'no progress bar (it is only drawn when stderr is a terminal)')
    .option('--debug', 'show stack traces for internal errors')
    .action(async (paths: string[], opts: LogsCliOptions) => {
      out.code = await runLogs(paths, opts);
    });
}

/** Analyse, attribute and render; returns the report text (for tests and the CLI). */
export async function buildLogsReport(paths: string[], opts: Omit<LogsCliOptions, 'output' | 'progress' | 'format'> & { progress?: boolean }, cwd = process.cwd()): Promise<LogsReport> {
  const inputs = collectInputs(paths, cwd);
  // index the source first: a wrong --source fails before minutes of reading
  const index = opts.source !== undefined ? await indexSource(opts.source, cwd) : undefined;
  const bar = ProgressBar.forStderr(
    inputs.reduce((n, i) => n + i.size, 0),
    opts.progress ?? false,
  );
  const { report } = await analyzeLogs(inputs, {
    maxLineBytes: opts.maxLineBytes,
    bufferBytes: opts.bufferBytes,
    top: opts.top,
    ...(bar ? { onProgress: (d: number) => bar.advance(d) } : {}),
  });
  bar?.finish();
  if (index) {
    attachSources(report.templates, index);
    const root = displayRoot(index.root, cwd);
    report.options.source = root;
    report.source = {
      root,
      sites: index.sites.length,
      languages: index.languages,
      notices: index.notices.filter((n) => n.kind !== 'suppression').map((n) => `${n.path}${n.line ? `:${n.line}` : ''}: ${n.message}`),
    };
  }
  return report;
}

export function renderLogsReport(report: LogsReport, format: LogsCliOptions['format']): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  if (format === 'html') return renderHtml(report);
  return renderText(report);
}

export async function runLogs(paths: string[], opts: LogsCliOptions): Promise<number> {
  const cwd = process.cwd();
  const report = await buildLogsReport(paths, opts, cwd);
  const text = renderLogsReport(report, opts.format);
  if (opts.output) writeAtomic(resolve(cwd, opts.output), text);
  else process.stdout.write(text);
  return 0;
}

/**
 * argv → command. `scan` is the default command. Every failure is one line on stderr with exit 2;
 * a stack trace only with --debug. Exit codes: 0 clean, 1 failing findings, 2 usage/config/internal.
 */
import { Command, CommanderError, Option } from 'commander';
import { LogvolError } from '../errors.js';
import { VERSION } from '../engine/package-info.js';
import { FORMAT_NAMES } from '../formatters/index.js';
import { parseReportSpec, runScan, type ReportSpec, type ScanCliOptions } from './scan.js';
import { runRules, runExplain } from './rules.js';
import { cleanupPendingWrites } from './write.js';
import { stopWorkers } from '../engine/pool.js';
import { LOG_LEVELS } from '../engine/levels.js';
import { registerLogsCommand } from '../logs/cli.js';

function parseNonNegativeInt(flag: string) {
  return (v: string): number => {
    if (!/^\d+$/.test(v)) throw new LogvolError(`${flag} expects a whole number, got "${v}"`);
    return Number(v);
  };
}

function collectReport(value: string, previous: ReportSpec[]): ReportSpec[] {
  return [...previous, parseReportSpec(value)];
}

function parsePositiveInt(flag: string) {
  return (v: string): number => {
    if (!/^\d+$/.test(v) || Number(v) < 1) throw new LogvolError(`${flag} expects a whole number of at least 1, got "${v}"`);
    return Number(v);
  };
}

/** set by the SIGINT/SIGTERM handler: the exit code the run must end with */
let interruptedWith: number | undefined;

export async function main(argv: string[]): Promise<number> {
  // a reader that stops early (`logvol scan -f json | head`) closes the pipe: what is left of the
  // report has nowhere to go, and the run ends with its own exit code, not a stack trace
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
  });
  const debug = argv.includes('--debug');
  const out = { code: 0 };
  const program = new Command('logvol')
    .description('Find the log writes that flood the container log pipeline (Go, TypeScript, JavaScript).')
    .version(VERSION, '-v, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => process.stdout.write(s),
      writeErr: () => undefined,
    })
    .showSuggestionAfterError(true);

  program
    .command('scan', { isDefault: true })
    .description('scan files and directories for high-volume log writes (default command)')
    .argument('[paths...]', 'files or directories to scan', [])
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMAT_NAMES).default('text'))
    .option('-o, --output <file>', 'write the report to a file (atomically) instead of stdout')
    .option('-c, --config <file>', 'use this config file instead of discovering one')
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this', parseNonNegativeInt('--max-warnings'))
    .option('--max-file-size <bytes>', 'skip files larger than this (default 2000000)', parseNonNegativeInt('--max-file-size'))
    .option('--include-tests', 'also scan test code (_test.go, testdata/; *.test.*, *.spec.*, TS/JS under __tests__/, __mocks__/, and a package\'s test/, tests/, spec/)')
    .option('--include-vendor', 'also scan vendor/ directories (Go vendored dependencies, as the packages they are imported as)')
    .addOption(new Option('--log-level <level>', 'the level the services log at in production: findings on lines below it (Debug, Trace, V(2) …) are not reported (overrides the config\'s logLevel)').choices([...LOG_LEVELS]))
    .option('--type-aware', "TS/JS: resolve printed expressions' types with the project's tsconfig.json (slower, more precise)")
    .option('--report-suppressed', 'keep suppressed findings in the report (marked as suppressed)')
    .option('--report <format:file>', `also write a report in another format to a file, atomically (repeatable; formats: ${FORMAT_NAMES.join(', ')})`, collectReport, [])
    .option('--automation-id <id>', 'SARIF runAutomationDetails.id, to tell apart several uploads for one commit')
    .option('--diff-base [ref]', 'report only findings on lines added or changed since the merge base with <ref> (default: $CI_MERGE_REQUEST_DIFF_BASE_SHA)')
    .option('--baseline <file>', 'report only findings whose fingerprint is not in this baseline file')
    .option('--write-baseline <file>', 'record the reported findings in a baseline file and exit 0 (2 on an internal error)')
    .option('--require-reason', 'report suppression comments without a `-- reason` (logvol/suppression-reason)')
    .option('--report-unused-suppressions', 'report suppression comments that silence nothing (logvol/unused-suppression)')
    .option('--no-module-context', 'when only files are given, do not analyse the module around them')
    .option('-j, --jobs <n>', '1: one thread summarises while native parsing runs ahead; more: worker threads (default: cores - 1, 1 to 8)', parsePositiveInt('--jobs'))
    .option('--no-prefilter', 'parse every file, also TS/JS files and Go groups that cannot hold a finding (same findings; syntax errors shown everywhere)')
    .option('--cache', 'cache per-file results (keyed by content, logvol version and settings)')
    .option('--cache-location <dir>', 'cache directory (default: node_modules/.cache/logvol under the project root)')
    .option('--color', 'force colour')
    .option('--no-color', 'disable colour')
    .option('--debug', 'show stack traces for internal errors')
    .action(async (paths: string[], opts: ScanCliOptions) => {
      out.code = await runScan(paths, opts);
    });

  program
    .command('rules')
    .description('list the rules')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action((opts: { format: string }) => {
      out.code = runRules(opts.format);
    });

  program
    .command('explain')
    .description("print a rule's documentation")
    .argument('<rule>', 'rule id, e.g. context-print')
    .action((id: string) => {
      out.code = runExplain(id);
    });

  registerLogsCommand(program, out);

  const onSignal = (sig: NodeJS.Signals, code: number) => () => {
    interruptedWith = code;
    process.exitCode = code;
    process.stderr.write(`logvol: interrupted (${sig})\n`);
    // let worker threads finish the file they are in (a thread killed inside native parser code
    // aborts the process), drop queued work, remove temporary files, then exit 130/143
    const exit = (): never => {
      cleanupPendingWrites();
      process.exit(code);
    };
    setTimeout(exit, 5000).unref();
    void stopWorkers().then(exit, exit);
  };
  process.once('SIGINT', onSignal('SIGINT', 130));
  process.once('SIGTERM', onSignal('SIGTERM', 143));

  try {
    await program.parseAsync(argv, { from: 'user' });
    return interruptedWith ?? out.code;
  } catch (e) {
    // work aborted by SIGINT/SIGTERM: the signal handler owns the exit code and the message
    if (interruptedWith !== undefined) return interruptedWith;
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      process.stderr.write(`logvol: ${e.message.replace(/^error: /, '').split('\n')[0]}\n`);
      process.stderr.write(`  hint: run 'logvol --help' for usage\n`);
      return 2;
    }
    if (e instanceof LogvolError) {
      process.stderr.write(`logvol: ${e.message}\n`);
      if (e.hint) process.stderr.write(`  hint: ${e.hint}\n`);
      if (debug && e.stack) process.stderr.write(`${e.stack}\n`);
      return e.exitCode;
    }
    process.stderr.write(`logvol: internal error: ${(e as Error).message ?? String(e)}\n`);
    if (debug && (e as Error).stack) process.stderr.write(`${(e as Error).stack}\n`);
    else process.stderr.write('  hint: run again with --debug for a stack trace, and report it\n');
    return 2;
  }
}

/**
 * Log levels of sink calls, for `logLevel` (config) / `--log-level` (CLI): the level the services
 * log at in production. A line below it writes nothing unless an operator lowers the level, so a
 * finding on such a line is not reported (the audits of miniflux and flipt: most of their findings
 * were `Debug` lines, silent at their default `info`). Without the setting every line counts, as
 * an operator may turn debug on in production, and then every such line floods.
 *
 * The level is read from the call only, never from the logger's configuration:
 * - the sink's own name: `Debug`, `Debugf`, `Debugw`, `DebugContext`, `debug`, `verbose`, `silly`,
 *   `Trace`, `Info`, `Warn`, `Error`, … (a module wrapper named so counts as its name says);
 * - a receiver named as its level in capitals (jwalterweatherman's `jww.DEBUG.Printf`);
 * - a chain that picks the level before the write (zerolog's `log.Debug().Str(…).Msg(…)`), or a
 *   verbosity (`klog.V(2).Info`, logr's `log.V(1).Info`: any V above 0 is off by default, as debug);
 * - a level passed as an argument to a generic call (`slog.Log(ctx, slog.LevelDebug, …)`,
 *   `logger.Log(logrus.DebugLevel, …)`, winston's `logger.log('debug', …)`).
 * - a TS wrapper named otherwise: the highest level its function's sink calls write at
 *   (`addUserWithRole`, which does its work and writes one `debug(…)` line: opencollective's).
 * A call with no level (`fmt.Printf`, `log.Printf`, any `console` method: Node writes
 * `console.debug` and `console.trace` whatever happens, a wrapper with a call that always writes)
 * always writes, and is always reported.
 */
import type { SinkCallView } from '../rule-api.js';

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A level's name as loggers spell it → its level (case-insensitive; npmlog's and winston's `verbose` and `silly` are below `info`). */
const NAMES: Record<string, LogLevel> = {
  trace: 'trace',
  silly: 'trace',
  debug: 'debug',
  verbose: 'debug',
  info: 'info',
  notice: 'info',
  http: 'info',
  warn: 'warn',
  warning: 'warn',
  error: 'error',
  err: 'error',
  crit: 'error',
  critical: 'error',
  alert: 'error',
  emerg: 'error',
  fatal: 'error',
  panic: 'error',
  dpanic: 'error',
};

/** The name of a level-named method: `Debugf`, `Debugw`, `DebugContext`, `Debugln`, `DebugCtx`, `debug`. */
const LEVEL_METHOD = /^([A-Za-z]+?)(?:f|w|ln|Context|Ctx|S)?$/;

/** Calls whose level is an argument: `Log`, `Logf`, `LogAttrs`, `log`. */
const GENERIC = /^(?:Log|Logf|LogAttrs|log)$/;

/** A level written as an argument: `slog.LevelDebug`, `logrus.DebugLevel`, `zapcore.DebugLevel`, `'debug'`. */
const LEVEL_ARG = /^(?:[\w.]*\.)?Level([A-Z][a-z]+)$|^(?:[\w.]*\.)?([A-Z][a-z]+)Level$|^['"`]([a-z]+)['"`]$/;

/** go-pkgz/lgr's level, the prefix of its format: `"[WARN] …"` */
const LGR_PREFIX = /^["`]\[?(TRACE|DEBUG|INFO|WARN|ERROR|PANIC|FATAL)\b/;

/** A level picked in the chain before the write: `.Debug()` (zerolog), or a verbosity `.V(2)`. */
const CHAIN_LEVEL = /\.(Trace|Debug|Info|Warn|Error|Fatal|Panic)\(\s*\)/;
const VERBOSITY = /(?:^|[.\s])V\(\s*(\d+)\s*\)/;
/** A receiver named as its level in capitals, the last step before the write: `jww.DEBUG.`. */
const LEVEL_FIELD = /(?:^|\.)\s*(TRACE|DEBUG|INFO|WARN|ERROR|CRITICAL|FATAL)\.\s*$/;

/** A sink's last segment: `Debugf` of `log/slog.Logger.Debugf`, `debug` of `winston.debug`. */
function lastSegment(sink: string): string {
  return sink.slice(Math.max(sink.lastIndexOf('.'), sink.lastIndexOf('#'), sink.lastIndexOf('/')) + 1);
}

/** The level a sink's name says (its last segment), without its call: what a TS wrapper's inner calls write at. */
export function levelOfSink(sink: string): LogLevel | undefined {
  if (sink.startsWith('console.') || sink.startsWith('process.')) return undefined;
  return byName(lastSegment(sink));
}

/** The level of a sink call, when the call says it; undefined when it always writes. */
export function sinkLevel(call: Pick<SinkCallView, 'sink' | 'text' | 'args' | 'level'>): LogLevel | undefined {
  // Node's console has no level: console.debug and console.trace always write (trace a stack too)
  if (call.sink.startsWith('console.')) return undefined;
  const name = lastSegment(call.sink);
  // the receiver's chain, before the call's own arguments: `klog.V(2).`, `log.Debug().Str("k", v).`
  const at = call.text.lastIndexOf(`${name}(`);
  const chain = at > 0 ? call.text.slice(0, at) : '';
  const v = VERBOSITY.exec(chain);
  if (v && Number(v[1]) > 0) return 'debug';
  const own = byName(name);
  if (own) return own;
  // go-pkgz/lgr writes the level as the format's prefix: `log.Printf("[DEBUG] …")`
  if (/(^|[./])lgr\./.test(call.sink)) {
    const m = LGR_PREFIX.exec(call.args[0]?.text ?? '');
    // lgr writes a line without a level as INFO
    return m ? NAMES[m[1]!.toLowerCase()] : 'info';
  }
  // jwalterweatherman's level loggers, a `*log.Logger` named as its level: `jww.DEBUG.Printf`,
  // `notepad.TRACE.Println`
  const field = LEVEL_FIELD.exec(chain);
  if (field) return NAMES[field[1]!.toLowerCase()];
  if (GENERIC.test(name)) {
    for (const a of call.args.slice(0, 3)) {
      const m = LEVEL_ARG.exec(a.text.trim());
      const lv = m ? NAMES[(m[1] ?? m[2] ?? m[3] ?? '').toLowerCase()] : undefined;
      if (lv) return lv;
    }
  }
  const picked = CHAIN_LEVEL.exec(chain);
  return picked ? NAMES[picked[1]!.toLowerCase()] : call.level;
}

function byName(name: string): LogLevel | undefined {
  const exact = NAMES[name.toLowerCase()];
  if (exact) return exact;
  const m = LEVEL_METHOD.exec(name);
  // a level-named method starts with a capital (Go) or is all lower case (JS): `Errorf`, not `errorHandler`
  return m && name !== m[1] ? NAMES[m[1]!.toLowerCase()] : undefined;
}

/**
 * Whether a finding reported at `at` is below the production level `min`: `at` is a sink call
 * whose level is lower, so the line writes nothing there. No level set, or a place that is not a
 * sink call (a time-zone load), is never below it.
 */
export function belowLevel(at: object, min: LogLevel | undefined): boolean {
  if (!min || !('sink' in at)) return false;
  const lv = sinkLevel(at as Pick<SinkCallView, 'sink' | 'text' | 'args' | 'level'>);
  return lv !== undefined && LOG_LEVELS.indexOf(lv) < LOG_LEVELS.indexOf(min);
}

/**
 * The only module rules import. A rule is metadata + messages + options + one detector per language,
 * in the way an ESLint rule is `meta` + `create`. Detectors see a per-file view built by the engine
 * (sink calls with classified arguments, calls with resolved types, request paths) and report ids
 * and data; the engine owns positions, suppressions, fingerprints and sorting.
 */
import type { LogLevel } from './engine/levels.js';
import type { Span } from './engine/positions.js';
import type { ArgRole, FunctionInfo, Language, TypeRef } from './languages/types.js';

export type { Span, Language, TypeRef, ArgRole, FunctionInfo };
export type Severity = 'error' | 'warning' | 'note';
export type SeverityOrOff = Severity | 'off';
export type Precision = 'very-high' | 'high' | 'medium' | 'low';

export interface JsonSchema {
  [key: string]: unknown;
}

export interface RuleMeta<M extends string, O extends object> {
  id: string;
  /** one line, present tense, ~80 characters */
  summary: string;
  severity: Severity;
  languages: Language[];
  tags: string[];
  precision: Precision;
  recommended: boolean;
  /** messageId → template with `{{name}}` placeholders */
  messages: Record<M, string>;
  /** JSON Schema of the options object (properties need descriptions) */
  schema: JsonSchema;
  defaultOptions: O;
}

/** A resolved argument of a sink call. */
export interface ArgView {
  text: string;
  /** resolved type (`''` when unknown) */
  type: TypeRef;
  role: ArgRole;
  verb?: string;
  /** facts about the expression: `stack`, `body`, `dump`, `sprint` … */
  tags: string[];
  span: Span;
}

/** Where a call is: shared by sink calls and plain calls. */
export interface CallSite {
  span: Span;
  /** normalised call text (fingerprint input) */
  text: string;
  /** index of the enclosing function in `FileView.functions`, -1 at top level */
  func: number;
  /** enclosing loops (data loops: not small literal bounds or per-message read loops) */
  loopDepth: number;
  /** on a panic path: inside a `recover()` block, or (Go) on the way out of the process (`…; os.Exit(1)`) */
  inRecover: boolean;
}

/** A call that writes to stdout or a log, or builds a string to be written. */
export interface SinkCallView extends CallSite {
  sink: string;
  family: 'stdout' | 'log' | 'string';
  /** Sprint*: the built string reaches a sink or is returned */
  stringReachesSink: boolean;
  /**
   * false for calls that only build a field or a child logger (`zap.Any`, `logrus.WithField`,
   * `slog.With`): they are sinks for what they print, but write no line themselves
   */
  writes?: boolean;
  args: ArgView[];
  /** facts about where the call runs (TS): `error-middleware`, `timer`, `timer-rearm`, `iteration-callback`, `test-file`, `catch`, `exits` (a `process.exit()` follows it) */
  tags?: string[];
  /** TS: a wrapper's call, the highest level its function's sink calls write at (none when one always writes): levels.ts */
  level?: LogLevel;
}

/** Any call, with its resolved callee key (`time.LoadLocation`, `net/http.Request.Context`). */
export interface CallView extends CallSite {
  callee: string;
  args: { text: string; type: TypeRef; span: Span }[];
  /** facts (TS): `memoized` (result kept at module level), `option:<key>` (object-literal argument keys), plus the sink-call tags */
  tags?: string[];
}

/** How a function comes to run per request. */
export interface RequestPath {
  /** the entry point's display name (a handler, a gRPC method, a consumer callback) */
  entry: string;
  entryPath: string;
  entrySpan: Span;
  /** display names from the entry point to the function, both included */
  chain: string[];
}

export interface FileView {
  path: string;
  language: Language;
  functions: FunctionInfo[];
  sinkCalls: SinkCallView[];
  calls: CallView[];
  /** imports as `{ path, name }` */
  imports: { path: string; name: string }[];
  /** the function's per-request path, or undefined when it is not known to run per request */
  requestPath(func: number): RequestPath | undefined;
  /** start-up code: package level, `init`, `main`, `sync.Once` callbacks, and what only they reach */
  isStartupOnly(func: number): boolean;
  /** the function only runs on a panic path (it, or every caller, is inside a `recover()` block) */
  isPanicPath(func: number): boolean;
  /** is this type a whole context / request-scoped context object? */
  isContextLike(type: TypeRef): boolean;
  /** the display name of a type for messages (`context.Context`, `*http.Request`) */
  typeName(type: TypeRef): string;
  /** what a whole value of this type dumps (`request`, `response`, `body`, `headers`, `metadata`, `message`, `event`), if anything (TS) */
  dumpKind?(type: TypeRef): string | undefined;
}

export interface ReportDescriptor<M extends string> {
  /** where: a sink call, a call or an argument span; the fingerprint uses `text` */
  at: { span: Span; text: string; func: number };
  messageId: M;
  data?: Record<string, string>;
  related?: { span: Span; path: string; message: string }[];
}

export interface RuleContext<M extends string, O extends object> {
  file: FileView;
  options: O;
  report(descriptor: ReportDescriptor<M>): void;
}

export type Detector<M extends string, O extends object> = (context: RuleContext<M, O>) => void;

export interface Rule<M extends string = string, O extends object = object> {
  meta: RuleMeta<M, O>;
  detectors: Partial<Record<Language, Detector<M, O>>>;
}

/** Identity with generics, so a mistyped message id fails to compile (typescript-eslint's createRule). */
export function defineRule<M extends string, O extends object>(rule: Rule<M, O>): Rule<M, O> {
  return rule;
}

/** `{{name}}` interpolation, the same syntax ESLint uses. */
export function interpolate(template: string, data: Record<string, string> | undefined): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (m, k: string) => (data && k in data ? data[k]! : m));
}

export function ruleDocsUrl(id: string): string {
  return `https://github.com/logvol/logvol/blob/main/rules/${id}/README.md`;
}

/** "via A → B" suffix for messages, or '' */
export function viaChain(path: RequestPath | undefined): string {
  if (!path) return '';
  return ` on every request via ${path.chain.join(' → ')}`;
}

/** A sink key as messages show it: a module's default export is the module (`winston.Module.warn` → `winston.warn`). */
export function sinkLabel(sink: string): string {
  return sink.replace(/\.Module(?=\.)/g, '');
}

/** A sink key for messages: `log.Logger.Printf` → `Logger.Printf`, `go.uber.org/zap.Any` → `zap.Any`. */
export function sinkName(sink: string): string {
  const parts = sinkLabel(sink).split('.');
  const tail = parts.slice(-2).join('.');
  return tail.includes('/') ? tail.slice(tail.lastIndexOf('/') + 1) : tail;
}

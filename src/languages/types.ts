/**
 * Plain, serialisable data that summarizers produce per file (in workers) and that the module
 * model and the rule detectors consume (on the main thread). No syntax trees cross this boundary.
 */
import type { Span } from '../engine/positions.js';

export type Language = 'go' | 'ts';

/**
 * A type as far as the source tells. Resolved types are canonical strings: a qualified name with
 * the import path (`context.Context`, `*net/http.Request`, `example.com/svc/internal/x.Server`),
 * a builtin (`string`, `error`, `[]byte`), or `''` when unknown. Unresolved references that only
 * the module model can answer start with `?`:
 *   `?call:<callee key>#<result index>`  result of a module function or method
 *   `?pkgvar:<package dir>.<name>`       a package-level variable declared in another file
 *   `?field:<type>#<field>`              a field of a module struct
 */
export type TypeRef = string;

/** How an argument reaches the sink. */
export type ArgRole =
  /** printed as a whole by a format verb (`%v`), a Print operand or a structured value */
  | 'printed'
  /** passed to the sink but not printed as a whole (`%p`, `%T`, `%d` of a number) */
  | 'not-printed'
  /** the context parameter of a context-aware logger (`slog.InfoContext(ctx, …)`) */
  | 'context-param'
  /** the format string or message */
  | 'format'
  /** the destination writer of `fmt.Fprint*` */
  | 'writer'
  /** a structured-field key */
  | 'key';

export interface SinkArg {
  /** source text of the argument (truncated to 200 characters) */
  text: string;
  type: TypeRef;
  role: ArgRole;
  /** the format verb that prints it, when known (`%v`) */
  verb?: string;
  /**
   * What the expression is, beyond its type: `ctx-field` for `ctx.Err()` / `ctx.Value(k)`,
   * `stack` for `debug.Stack()`, `body` for `io.ReadAll(r.Body)` results, and so on.
   * Summarizers fill what rules need; rules treat unknown tags as absent.
   */
  tags?: string[];
  span: Span;
}

export interface SinkCall {
  /** canonical sink id, e.g. `fmt.Printf`, `log.(*Logger).Printf`, `console.log` */
  sink: string;
  /** the family of output it writes to */
  family: 'stdout' | 'log' | 'string';
  /** for `string` family (Sprint*): where the built string goes, as far as the summarizer knows */
  stringUse?: 'sink' | 'returned' | 'other';
  args: SinkArg[];
  span: Span;
  /** normalised call text (whitespace folded, comments stripped), for fingerprints */
  text: string;
  /** index into FileSummary.functions of the enclosing function, -1 at package/module level */
  func: number;
  /** number of enclosing loops inside the enclosing function */
  loopDepth: number;
  /** inside a `recover()` block / catch-of-panic region */
  inRecover: boolean;
}

export interface FunctionInfo {
  /** display name: `GetProduct`, `(*Server).GetProduct`, `GetProduct.func1` for literals */
  name: string;
  /** key used by the call graph: `<package dir>.<Name>` or `<package dir>.<Recv>.<Name>` */
  key: string;
  span: Span;
  /** enclosing function for closures, -1 otherwise */
  parent: number;
  params: { name: string; type: TypeRef }[];
  results: TypeRef[];
  /** reads and writes the same package-level variable, or looks up and stores into a field of its receiver (a memo cache) */
  memoizes?: boolean;
  /** a cache in a receiver's field: the line of its first lookup (what the function does before it is not behind the cache) */
  memoFrom?: number;
  /** Go: a background loop, an endless `for` that waits on a ticker or timer (`select { case <-t.C: … }`) */
  worker?: true;
  /** Go: a function literal started as a goroutine where it is written (`go func() { … }()`) */
  spawned?: true;
  /** Go: a function literal its function returns (`return func(w, r) { … }`, also converted: `return http.HandlerFunc(func…)`) */
  returned?: true;
  /** Go: a function literal called where it is written (`if err := func() error { … }(); …`, `defer func() { … }()`): part of its function's run */
  inPlace?: true;
  /** Go: a function literal a command-line library's command runs once per invocation (`&cobra.Command{RunE: func…}`) */
  action?: true;
}

export interface Directive {
  kind: 'ignore-next-line' | 'ignore' | 'nolint';
  /** empty = all rules */
  rules: string[];
  reason: string;
  /** line of the comment */
  line: number;
  /** the line it applies to */
  target: number;
  span: Span;
  /** a bare `//nolint` or `//nolint:all`: every linter's, golangci-lint's first (not judged as unused or reasonless) */
  shared?: true;
}

export interface Notice {
  path: string;
  /** `parse` partial parse, `skip` not analysed, `error` read or internal failure, `suppression` */
  kind: 'parse' | 'skip' | 'error' | 'suppression';
  message: string;
  line?: number;
  /**
   * an `error` that is logvol's own failure (a rule or the analysis threw), not the input's: the
   * file's findings are incomplete, so the run exits 2 once its report is out. `stack` is the
   * thrown error's, printed with `--debug`; neither is in any report format
   */
  internal?: true;
  stack?: string;
}

export interface FileSummary {
  path: string;
  language: Language;
  /** Go: package name; TS: '' */
  packageName: string;
  /** Go: import path → local name; TS: module specifier → local names */
  imports: { path: string; name: string }[];
  functions: FunctionInfo[];
  sinkCalls: SinkCall[];
  directives: Directive[];
  /** true when tree-sitter had to recover from syntax errors */
  partial: boolean;
  /** first error position when partial */
  errorLine?: number;
  lineCount: number;
}

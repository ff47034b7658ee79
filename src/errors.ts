/**
 * User-facing failures: a one-line message naming the culprit, an optional hint, an exit code.
 * Stack traces are shown only with --debug.
 */
export class LogvolError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

export class UsageError extends LogvolError {
  override readonly name = 'UsageError';
}

export class ConfigError extends LogvolError {
  override readonly name = 'ConfigError';
}

/**
 * The config JSON Schema, composed from the rules' own option schemas (ESLint needs them in
 * `meta.schema` anyway). `npm run gen` writes it to src/config/schema.json for editors; a test
 * checks that the shipped file equals what this builds.
 */
import type { JsonSchema, Rule } from '../rule-api.js';
import { LOG_LEVELS } from '../engine/levels.js';

const SEVERITY = { enum: ['off', 'note', 'warning', 'error'], description: 'Severity, or "off" to disable the rule.' };

export function buildConfigSchema(rules: readonly Rule[]): JsonSchema {
  const ruleProps: Record<string, JsonSchema> = {};
  for (const r of rules) {
    ruleProps[r.meta.id] = {
      description: r.meta.summary,
      oneOf: [
        SEVERITY,
        { type: 'array', items: [SEVERITY, r.meta.schema], minItems: 1, maxItems: 2, additionalItems: false },
      ],
    };
  }
  const sinkItem = (nameDescription: string): JsonSchema => ({
    oneOf: [
      { type: 'string', description: nameDescription },
      {
        type: 'object',
        additionalProperties: false,
        required: ['name'],
        properties: {
          name: { type: 'string', description: nameDescription },
          shape: { enum: ['printf', 'print'], description: 'printf: a format string then operands; print: every argument is printed. Default: printf when the name ends in "f".' },
          format: { type: 'integer', minimum: 0, description: 'Index of the format argument for printf-style sinks (default 0).' },
        },
      },
    ],
  });
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/logvol/logvol/blob/main/src/config/schema.json',
    title: 'logvol configuration (logvol.config.json, or the "logvol" key of package.json)',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string', description: 'Path or URL of this schema, for editors.' },
      rules: {
        type: 'object',
        description: 'Severity (and options) per rule id.',
        additionalProperties: false,
        properties: ruleProps,
      },
      include: { type: 'array', items: { type: 'string' }, description: 'Globs (relative to the config file) of files to scan. Default: every supported source file.' },
      exclude: { type: 'array', items: { type: 'string' }, description: 'Patterns in .gitignore syntax (relative to the config file) of files to skip, on top of the defaults.' },
      sinks: {
        type: 'object',
        additionalProperties: false,
        description: 'Extra logger functions to treat as sinks.',
        properties: {
          go: { type: 'array', items: sinkItem('Go function as <import path>.<Func> or <import path>.<Type>.<Method>, e.g. "example.com/acme/logx.Infof".') },
          ts: { type: 'array', items: sinkItem('JS/TS call path, e.g. "logger.info" or "log.write".') },
        },
      },
      maxFileSize: { type: 'integer', minimum: 1, description: 'Files larger than this many bytes are skipped with a notice (default 2000000).' },
      includeTests: { type: 'boolean', description: 'Also scan test code (_test.go, testdata/; *.test.*, *.spec.*, TS/JS under __tests__/, __mocks__/, and a package\'s test/, tests/, spec/). Default false.' },
      includeVendor: { type: 'boolean', description: 'Also scan vendor/ directories (Go vendored dependencies: a package under the module\'s vendor/ has the import path below it). Default false.' },
      logLevel: {
        enum: [...LOG_LEVELS],
        description: 'The level the services log at in production: a finding on a log line below it (a Debug or Trace call, zerolog\'s .Debug() chain, klog\'s V(2), slog.Log with slog.LevelDebug, winston\'s log(\'debug\', …)) is not reported, as the line writes nothing there. Default: every line is reported.',
      },
    },
  };
}

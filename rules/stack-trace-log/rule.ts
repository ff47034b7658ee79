import { defineRule } from '../../src/rule-api.js';
import { go } from './go.js';
import { ts } from './ts.js';

export type MessageIds = 'consoleTrace' | 'errorStack' | 'stackValue' | 'printStack' | 'zapStack' | 'addStacktrace' | 'pkgErrorsStack';
export type Options = Record<string, never>;

export default defineRule<MessageIds, Options>({
  meta: {
    id: 'stack-trace-log',
    summary: 'A stack trace is written to the log on a path that is not a panic',
    severity: 'warning',
    languages: ['go', 'ts'],
    tags: ['log-volume', 'stack-trace', 'performance'],
    precision: 'high',
    recommended: true,
    messages: {
      consoleTrace: '`console.trace` writes a full stack trace to stderr{{where}}',
      errorStack: '`{{expr}}` (a full stack trace) is written by `{{sink}}`{{where}}',
      stackValue: '`{{expr}}` (a full goroutine stack trace) is written by `{{sink}}`{{via}}',
      printStack: '`debug.PrintStack()` writes a full stack trace to stderr{{via}}',
      zapStack: '`{{call}}` attaches a full stack trace to the log entry{{via}}',
      addStacktrace: '`zap.AddStacktrace({{level}})` attaches a stack trace to every entry at {{level}} and above, not only errors',
      pkgErrorsStack: '`%+v` of `{{expr}}` prints the `github.com/pkg/errors` stack trace with `{{sink}}`{{via}}',
    },
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  detectors: { go, ts },
});

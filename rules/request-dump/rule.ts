import { defineRule } from '../../src/rule-api.js';
import { go } from './go.js';
import { ts } from './ts.js';

export type MessageIds = 'wholeRequest' | 'wholeBody' | 'requestDump';
export type Options = Record<string, never>;

export default defineRule<MessageIds, Options>({
  meta: {
    id: 'request-dump',
    summary: 'A whole request, response, body, headers or metadata is written to a log',
    severity: 'error',
    languages: ['go', 'ts'],
    tags: ['log-volume', 'request', 'privacy', 'performance'],
    precision: 'high',
    recommended: true,
    messages: {
      wholeRequest: '`{{expr}}` ({{what}}) is written by `{{sink}}`{{via}}: {{cost}}',
      wholeBody: '`{{expr}}` (a whole request or response body) is written by `{{sink}}`{{via}}: the log grows with the payload size',
      requestDump: '`{{expr}}` (an `httputil` dump of a whole request or response) is written by `{{sink}}`{{via}}',
    },
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  detectors: { go, ts },
});

import { defineRule } from '../../src/rule-api.js';
import { go } from './go.js';
import { ts } from './ts.js';

export type MessageIds = 'wholeContext' | 'viaSprint' | 'wholeRequestContext';
export type Options = Record<string, never>;

export default defineRule<MessageIds, Options>({
  meta: {
    id: 'context-print',
    summary: 'A whole request context is printed to stdout or a log',
    severity: 'error',
    languages: ['go', 'ts'],
    tags: ['log-volume', 'context', 'performance'],
    precision: 'very-high',
    recommended: true,
    messages: {
      wholeRequestContext:
        '`{{expr}}` (a whole `{{type}}`) is printed by `{{sink}}`{{how}}{{via}}: the line serialises the request, response, app and state objects behind it',
      wholeContext:
        '`{{expr}}` (a whole `{{type}}`) is printed by `{{sink}}`{{via}}: the line carries every value, span and parent in the context chain',
      viaSprint:
        '`{{expr}}` (a whole `{{type}}`) is formatted by `{{sink}}` into a string that is written{{via}}: it carries every value, span and parent in the context chain',
    },
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  detectors: { go, ts },
});

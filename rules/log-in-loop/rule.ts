import { defineRule } from '../../src/rule-api.js';
import { go } from './go.js';
import { ts } from './ts.js';

export type MessageIds = 'perItem';
export type Options = Record<string, never>;

export default defineRule<MessageIds, Options>({
  meta: {
    id: 'log-in-loop',
    summary: 'A log line is written once per item of a loop on a request path',
    severity: 'warning',
    languages: ['go', 'ts'],
    tags: ['log-volume', 'loop', 'performance'],
    precision: 'high',
    recommended: true,
    messages: {
      perItem: '`{{sink}}` writes one line per loop iteration on every request via {{chain}}: log a summary after the loop',
    },
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  detectors: { go, ts },
});

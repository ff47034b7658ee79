import { defineRule } from '../../src/rule-api.js';
import { go } from './go.js';
import { ts } from './ts.js';

export type MessageIds = 'perRequest' | 'inLoop' | 'zonePerRequest' | 'zoneInLoop';
export type Options = Record<string, never>;

export default defineRule<MessageIds, Options>({
  meta: {
    id: 'tz-load-per-request',
    summary: 'A time zone is loaded from the zone database per request or per loop iteration',
    severity: 'warning',
    languages: ['go', 'ts'],
    tags: ['performance', 'time-zone'],
    precision: 'high',
    recommended: true,
    messages: {
      zonePerRequest: '`{{call}}` loads and compiles time-zone data on every request via {{chain}}: do it once at module level, or memoize the result per zone',
      zoneInLoop: '`{{call}}` loads and compiles time-zone data on every loop iteration: do it once before the loop',
      perRequest: '`{{call}}` reads and parses the time-zone database on every request via {{chain}}: load it once at start-up and reuse the `*time.Location`',
      inLoop: '`{{call}}` reads and parses the time-zone database on every loop iteration: load it once before the loop',
    },
    schema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
  },
  detectors: { go, ts },
});

import type { Detector } from '../../src/rule-api.js';
import { sinkLabel } from '../../src/rule-api.js';
import type { MessageIds, Options } from './rule.js';

export const ts: Detector<MessageIds, Options> = ({ file, report }) => {
  for (const call of file.sinkCalls) {
    if (call.loopDepth === 0 || call.func < 0) continue;
    // a catch block logs the exceptional item, not every item; tests are not production volume
    if (call.tags?.includes('catch') || call.tags?.includes('test-file')) continue;
    const path = file.requestPath(call.func);
    if (!path) continue;
    report({ at: call, messageId: 'perItem', data: { sink: sinkLabel(call.sink), chain: path.chain.join(' → ') } });
  }
};

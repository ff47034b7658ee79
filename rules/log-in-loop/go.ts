import type { Detector } from '../../src/rule-api.js';
import { sinkName } from '../../src/rule-api.js';
import type { MessageIds, Options } from './rule.js';

export const go: Detector<MessageIds, Options> = ({ file, report }) => {
  for (const call of file.sinkCalls) {
    if (call.loopDepth === 0 || call.writes === false || call.family === 'string') continue;
    const path = file.requestPath(call.func);
    if (!path || file.isStartupOnly(call.func)) continue;
    report({ at: call, messageId: 'perItem', data: { sink: sinkName(call.sink), chain: path.chain.join(' → ') } });
  }
};

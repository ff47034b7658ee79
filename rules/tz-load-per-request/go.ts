import type { Detector } from '../../src/rule-api.js';
import type { MessageIds, Options } from './rule.js';

const LOADERS = new Set(['time.LoadLocation', 'time.LoadLocationFromTZData']);

export const go: Detector<MessageIds, Options> = ({ file, report }) => {
  for (const call of file.calls) {
    if (!LOADERS.has(call.callee)) continue;
    // package level, init, main, sync.Once callbacks and what only they reach: loaded once
    if (call.func < 0 || file.isStartupOnly(call.func)) continue;
    const fn = file.functions[call.func]!;
    if (fn.memoizes && !(fn.memoFrom !== undefined && call.span.line < fn.memoFrom)) continue;
    const name = `time.${call.callee.slice(5)}`;
    const path = file.requestPath(call.func);
    if (path) report({ at: call, messageId: 'perRequest', data: { call: name, chain: path.chain.join(' → ') } });
    else if (call.loopDepth > 0) report({ at: call, messageId: 'inLoop', data: { call: name } });
  }
};

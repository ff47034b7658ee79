import type { CallView, Detector } from '../../src/rule-api.js';
import type { MessageIds, Options } from './rule.js';

const LOCALE_METHODS = /\.(toLocaleString|toLocaleDateString|toLocaleTimeString)$/;

export const ts: Detector<MessageIds, Options> = ({ file, report }) => {
  for (const call of file.calls) {
    const what = zoneWork(call);
    if (!what) continue;
    // module level and memoized formatters (module-level Map / object / variable) are built once
    if (call.func < 0 || call.tags?.includes('memoized') || call.tags?.includes('test-file')) continue;
    const path = file.requestPath(call.func);
    if (path) report({ at: call, messageId: 'zonePerRequest', data: { call: what, chain: path.chain.join(' → ') } });
    else if (call.loopDepth > 0 || call.tags?.includes('iteration-callback')) report({ at: call, messageId: 'zoneInLoop', data: { call: what } });
  }
};

/** A call that loads or compiles time-zone data, described for the message; undefined otherwise. */
function zoneWork(call: CallView): string | undefined {
  const tz = call.tags?.includes('option:timeZone') ?? false;
  if ((call.callee === 'intl.DateTimeFormatClass.new' || call.callee === 'intl.DateTimeFormatClass.()') && tz) return 'new Intl.DateTimeFormat(…, { timeZone })';
  if (LOCALE_METHODS.test(call.callee) && tz) return `${call.callee.slice(call.callee.lastIndexOf('.') + 1)}(…, { timeZone })`;
  if (call.callee === 'moment.Tz.load' || call.callee === 'moment.Tz.add') return `moment.tz.${call.callee.slice(10)}`;
  return undefined;
}

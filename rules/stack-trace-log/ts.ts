import type { Detector, SinkCallView } from '../../src/rule-api.js';
import type { MessageIds, Options } from './rule.js';

export const ts: Detector<MessageIds, Options> = ({ file, report }) => {
  if (file.sinkCalls.length === 0) return;
  for (const call of file.sinkCalls) {
    const tags = call.tags ?? [];
    if (tags.includes('test-file')) continue;
    if (call.sink === 'console.trace') {
      report({ at: call, messageId: 'consoleTrace', data: {} });
      continue;
    }
    const stack = call.args.find((a) => a.role === 'printed' && a.tags.includes('stack'));
    if (!stack) continue;
    const where = repeatedWhere(call, file.requestPath(call.func)?.chain);
    if (!where) continue;
    report({ at: call, messageId: 'errorStack', data: { expr: stack.text, sink: call.sink, where } });
  }
};

/** Where the write repeats: on a request path, in error middleware, in a timer or loop callback. */
function repeatedWhere(call: SinkCallView, chain: string[] | undefined): string | undefined {
  const tags = call.tags ?? [];
  if (tags.includes('error-middleware')) return ' in error-handling middleware, on every failed request';
  if (chain) return ` on every failing request via ${chain.join(' → ')}`;
  if (tags.includes('timer')) return ' in a `setInterval` callback, on every tick that fails';
  if (call.loopDepth > 0 || tags.includes('iteration-callback')) return ' inside a loop, once per failing item';
  return undefined;
}

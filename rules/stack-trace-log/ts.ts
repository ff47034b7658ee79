import type { Detector, SinkCallView } from '../../src/rule-api.js';
import { sinkLabel } from '../../src/rule-api.js';
import type { MessageIds, Options } from './rule.js';

export const ts: Detector<MessageIds, Options> = ({ file, report }) => {
  if (file.sinkCalls.length === 0) return;
  for (const call of file.sinkCalls) {
    const tags = call.tags ?? [];
    // written on the way out of the process (a `process.exit()` follows): once per process
    if (tags.includes('test-file') || tags.includes('exits')) continue;
    // console.trace writes a stack on every call: reported where a stack written as `err.stack`
    // would be (it repeats), not in start-up code or a process crash handler
    const trace = call.sink === 'console.trace';
    const stack = trace ? undefined : call.args.find((a) => a.role === 'printed' && a.tags.includes('stack'));
    if (!trace && !stack) continue;
    const where = repeatedWhere(call, file.requestPath(call.func)?.chain, !trace || tags.includes('catch'));
    if (!where) continue;
    if (trace) report({ at: call, messageId: 'consoleTrace', data: { where } });
    else report({ at: call, messageId: 'errorStack', data: { expr: stack!.text, sink: sinkLabel(call.sink), where } });
  }
};

/**
 * Where the write repeats: on a request path, in error middleware, in a timer or loop callback.
 * `failing`: the write happens on an error (a printed `err.stack`, or any write in a catch block).
 */
function repeatedWhere(call: SinkCallView, chain: string[] | undefined, failing: boolean): string | undefined {
  const tags = call.tags ?? [];
  const f = failing ? 'failing ' : '';
  if (tags.includes('error-middleware')) return ' in error-handling middleware, on every failed request';
  if (chain) return ` on every ${f}request via ${chain.join(' → ')}`;
  if (tags.includes('timer')) return ` in a \`setInterval\` callback, on every tick${failing ? ' that fails' : ''}`;
  if (tags.includes('timer-rearm')) return ` in a \`setTimeout\` callback that schedules itself again, on every run${failing ? ' that fails' : ''}`;
  // an iteration callback is a loop (loopDepth counts it) until a `throw` leaves it
  if (call.loopDepth > 0) return ` inside a loop, once per ${f}item`;
  return undefined;
}

import type { CallView, Detector, FileView, SinkCallView } from '../../src/rule-api.js';
import { sinkName, viaChain } from '../../src/rule-api.js';
import type { MessageIds, Options } from './rule.js';

const LOW_LEVELS = /\b(Debug|Info|Warn)Level\b/;

export const go: Detector<MessageIds, Options> = ({ file, report }) => {
  // a panic is rare and its stack is worth keeping: recover() blocks and their helpers stay silent;
  const onPanicPath = (c: { func: number; inRecover: boolean }): boolean => c.inRecover || file.isPanicPath(c.func);
  // as on the way out of the process, a stack written by `main` or `init` themselves, outside any
  // loop, is written once per run. Not what they reach: a goroutine they start, a timer or cron
  // callback, a worker ranging over jobs all repeat (a review of the first version, which took
  // everything only start-up code reaches for once). Not `zap.AddStacktrace` either: configured at
  // start-up, it adds a stack to every line after
  const once = (c: { func: number; inRecover: boolean; loopDepth: number }): boolean => {
    if (onPanicPath(c)) return true;
    const fn = c.func >= 0 ? file.functions[c.func]! : undefined;
    return fn !== undefined && fn.parent < 0 && (fn.name === 'main' || fn.name === 'init') && c.loopDepth === 0 && file.isStartupOnly(c.func);
  };
  const via = (func: number): string => viaChain(file.requestPath(func));

  for (const call of file.sinkCalls) {
    if (once(call) || (call.family === 'string' && !call.stringReachesSink)) continue;
    const stack = call.args.find((a) => a.role === 'printed' && a.tags.includes('stack'));
    if (stack) {
      report({ at: call, messageId: 'stackValue', data: { expr: stack.text, sink: sinkName(call.sink), via: via(call.func) } });
      continue;
    }
    // `%+v` prints a stack only for errors built by github.com/pkg/errors (directly or returned by a
    // module function that builds one); a library's or fmt.Errorf's error prints its message
    const wrapped = call.args.find((a) => a.role === 'printed' && a.verb === '%+v' && a.tags.includes('stack-error'));
    if (wrapped) report({ at: call, messageId: 'pkgErrorsStack', data: { expr: wrapped.text, sink: sinkName(call.sink), via: via(call.func) } });
  }

  for (const call of file.calls) {
    if (onPanicPath(call)) continue;
    if (call.callee !== 'go.uber.org/zap.AddStacktrace' && once(call)) continue;
    switch (call.callee) {
      case 'runtime/debug.PrintStack':
        report({ at: call, messageId: 'printStack', data: { via: via(call.func) } });
        break;
      case 'go.uber.org/zap.Stack':
      case 'go.uber.org/zap.StackSkip':
        report({ at: call, messageId: 'zapStack', data: { call: `zap.${call.callee.slice(call.callee.lastIndexOf('.') + 1)}`, via: via(call.func) } });
        break;
      case 'go.uber.org/zap.AddStacktrace': {
        const level = call.args[0]?.text ?? '';
        if (LOW_LEVELS.test(level)) report({ at: call, messageId: 'addStacktrace', data: { level } });
        break;
      }
      case 'runtime.Stack': {
        const sink = printedBuffer(call, file);
        if (sink) report({ at: sink, messageId: 'stackValue', data: { expr: call.args[0]?.text ?? 'buf', sink: sinkName(sink.sink), via: via(call.func) } });
        break;
      }
      default:
        break;
    }
  }
};

/**
 * `runtime.Stack(buf, …)` fills `buf`; the sink call in the same function that prints it. Not a
 * string that is never written (`panic(fmt.Sprintf("…%q", buf))`: x/net's goroutine-id parser), as
 * for every sink call above.
 */
function printedBuffer(stackCall: CallView, file: FileView): SinkCallView | undefined {
  const buf = stackCall.args[0]?.text;
  if (!buf || !/^\w+$/.test(buf)) return undefined;
  const uses = new RegExp(`^(string\\()?${buf}(\\[|\\)|$)`);
  return file.sinkCalls.find(
    (s) =>
      s.func === stackCall.func &&
      s.span.line >= stackCall.span.line &&
      !(s.family === 'string' && !s.stringReachesSink) &&
      s.args.some((a) => a.role === 'printed' && uses.test(a.text)),
  );
}

import type { ArgView, Detector, FileView, SinkCallView } from '../../src/rule-api.js';
import { sinkName, viaChain } from '../../src/rule-api.js';
import type { MessageIds, Options } from './rule.js';

export const go: Detector<MessageIds, Options> = ({ file, report }) => {
  if (file.sinkCalls.length === 0) return;
  for (const call of file.sinkCalls) {
    if (call.family === 'string' && !call.stringReachesSink) continue;
    const arg = printedContext(call, file);
    if (!arg) continue;
    report({
      at: call,
      messageId: call.family === 'string' ? 'viaSprint' : 'wholeContext',
      data: {
        expr: arg.text,
        type: file.typeName(arg.type),
        sink: sinkName(call.sink),
        via: viaChain(file.requestPath(call.func)),
      },
    });
  }
};

function printedContext(call: SinkCallView, file: FileView): ArgView | undefined {
  return call.args.find((a) => a.role === 'printed' && file.isContextLike(a.type));
}


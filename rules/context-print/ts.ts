import type { ArgView, Detector, FileView, SinkCallView } from '../../src/rule-api.js';
import { sinkLabel, viaChain } from '../../src/rule-api.js';
import type { MessageIds, Options } from './rule.js';

/** OpenTelemetry spans and contexts carry a chain; framework contexts drag request, response and app along. */
const OTEL = new Set(['otel.Span', 'otel.Context']);

export const ts: Detector<MessageIds, Options> = ({ file, report }) => {
  if (file.sinkCalls.length === 0) return;
  for (const call of file.sinkCalls) {
    const arg = printedContext(call, file);
    if (!arg) continue;
    report({
      at: call,
      messageId: OTEL.has(arg.type) ? 'wholeContext' : 'wholeRequestContext',
      data: {
        expr: arg.text,
        type: file.typeName(arg.type),
        sink: sinkLabel(call.sink),
        how: howPrinted(arg),
        via: viaChain(file.requestPath(call.func)),
      },
    });
  }
};

function printedContext(call: SinkCallView, file: FileView): ArgView | undefined {
  return call.args.find((a) => a.role === 'printed' && file.isContextLike(a.type) && !a.tags.includes('name-guess'));
}

function howPrinted(arg: ArgView): string {
  if (arg.tags.includes('stringify')) return ' through `JSON.stringify`';
  if (arg.tags.includes('inspect')) return ' through `util.inspect`';
  if (arg.tags.includes('template')) return ' in a template literal';
  return '';
}

import type { ArgView, Detector, FileView, SinkCallView } from '../../src/rule-api.js';
import { sinkLabel, viaChain } from '../../src/rule-api.js';
import type { MessageIds, Options } from './rule.js';

export const ts: Detector<MessageIds, Options> = ({ file, report }) => {
  if (file.sinkCalls.length === 0 || !file.dumpKind) return;
  for (const call of file.sinkCalls) {
    const hit = dumped(call, file);
    if (!hit) continue;
    const { arg, kind } = hit;
    const via = viaChain(file.requestPath(call.func));
    if (kind === 'body' || kind === 'message') {
      report({ at: call, messageId: 'wholeBody', data: { expr: arg.text, sink: sinkLabel(call.sink), via } });
    } else {
      report({ at: call, messageId: 'wholeRequest', data: { expr: arg.text, what: `${kind === 'headers' ? 'all request headers' : `a whole \`${file.typeName(arg.type)}\``}${howPrinted(arg)}`, sink: sinkLabel(call.sink), via, cost: kind === 'headers' ? 'every header and cookie goes to the log' : 'every field, header and cookie goes to the log' } });
    }
  }
};

function dumped(call: SinkCallView, file: FileView): { arg: ArgView; kind: string } | undefined {
  for (const a of call.args) {
    if (a.role !== 'printed') continue;
    const kind = file.dumpKind?.(a.type);
    if (kind) return { arg: a, kind };
  }
  return undefined;
}

function howPrinted(arg: ArgView): string {
  if (arg.tags.includes('deep')) return ', inspected at unlimited depth';
  if (arg.tags.includes('stringify')) return ', through `JSON.stringify`';
  return '';
}

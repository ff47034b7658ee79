import type { ArgView, Detector, FileView } from '../../src/rule-api.js';
import { sinkName, viaChain } from '../../src/rule-api.js';
import type { MessageIds, Options } from './rule.js';

export const go: Detector<MessageIds, Options> = ({ file, report }) => {
  if (file.sinkCalls.length === 0) return;
  for (const call of file.sinkCalls) {
    if (call.family === 'string' && !call.stringReachesSink) continue;
    // a dump inside a recover() block is rare and worth keeping; start-up code (a CLI printing the
    // body of the one response it asked for) runs once per process. Not a function literal made
    // there: it may be a callback that runs per request (a reverse proxy's ModifyResponse).
    // Package level (func -1: a `var logger = logrus.WithField(…)`) runs once, at start-up
    if (call.inRecover || file.isPanicPath(call.func) || (file.isStartupOnly(call.func) && ownRun(file, call.func))) continue;
    const arg = call.args.find(isDumped);
    if (!arg) continue;
    const messageId: MessageIds = arg.tags.includes('dump') ? 'requestDump' : arg.tags.includes('body') ? 'wholeBody' : 'wholeRequest';
    report({
      at: call,
      messageId,
      data: { expr: arg.text, what: describe(arg, file), sink: sinkName(call.sink), via: viaChain(file.requestPath(call.func)), ...(messageId === 'wholeRequest' ? { cost: costOf(arg, file) } : {}) },
    });
  }
};

/**
 * A call at package level, or in a function's own run: its body, or a literal it calls where it is
 * written (`func() error {…}()`); a command's action literal (`RunE: func…`) is a run of its own.
 */
function ownRun(file: FileView, func: number): boolean {
  let f = func;
  for (let i = 0; f >= 0 && i < 64; i++) {
    const fn = file.functions[f]!;
    if (fn.parent < 0 || fn.action) return true;
    if (!fn.inPlace) return false;
    f = fn.parent;
  }
  return f < 0;
}

function isDumped(a: ArgView): boolean {
  return a.role === 'printed' && (a.tags.includes('request') || a.tags.includes('body') || a.tags.includes('dump'));
}

/** What printing the whole value writes: a message's fields, metadata's pairs, an HTTP request's headers and cookies too. */
function costOf(a: ArgView, file: FileView): string {
  const t = file.typeName(a.type);
  if (t.endsWith('.MD')) return 'every key and value goes to the log';
  // an HTTP request, response or headers (net/http's, a framework's context); else a message
  if (HTTP_TYPES.test(t)) return 'every field, header and cookie goes to the log';
  return 'every field of the message goes to the log, at whatever size a client sends';
}

/** Display names of HTTP values: `*http.Request`, `http.Header`, `*gin.Context`, `*fasthttp.RequestCtx`. */
const HTTP_TYPES = /\b(?:http|httputil|gin|echo|fiber|fasthttp|chi|mux)\.|^(?:\*?)(?:Request|Response|Header)$/;

function describe(a: ArgView, file: FileView): string {
  const t = file.typeName(a.type);
  if (t === 'unknown' || t === 'any' || t === 'interface') return 'the whole gRPC request message';
  if (t.endsWith('.Header')) return 'all headers, a whole `http.Header`';
  if (t.endsWith('.MD')) return 'all gRPC metadata, a whole `metadata.MD`';
  return `a whole \`${t}\``;
}

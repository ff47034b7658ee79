import type { Detector, SinkCallView } from '../../src/rule-api.js';
import { sinkName } from '../../src/rule-api.js';
import type { MessageIds, Options } from './rule.js';

export const go: Detector<MessageIds, Options> = ({ file, report }) => {
  for (const call of file.sinkCalls) {
    if (call.loopDepth === 0 || call.writes === false || call.family === 'string' || partOfALine(call)) continue;
    const path = file.requestPath(call.func);
    if (!path || file.isStartupOnly(call.func)) continue;
    report({ at: call, messageId: 'perItem', data: { sink: sinkName(call.sink), chain: path.chain.join(' → ') } });
  }
};

/** fmt's writers that add no newline of their own. */
const PARTIAL_WRITERS = new Set(['fmt.Print', 'fmt.Printf', 'fmt.Fprint', 'fmt.Fprintf']);

/** A string literal (interpreted or raw) holding no line break. */
const LITERAL_WITHOUT_BREAK = /^(?:"(?:[^"\\\n]|\\[^n])*"|`[^`\n]*`)$/;

/**
 * `fmt.Printf(" %d", id)`, `fmt.Print(", ")`: a stdout write whose format (or, for Print, every
 * argument) is a literal with no line break adds to a line the code ends after the loop; the loop
 * writes one line, not one per turn (seaweedfs' lock-table dump). The `log` package and loggers
 * end every entry with a newline, and `Println` does. An operand that holds a newline (`"%s"` of a
 * string ending in one) is not seen.
 */
function partOfALine(call: SinkCallView): boolean {
  if (call.family !== 'stdout' || !PARTIAL_WRITERS.has(call.sink)) return false;
  if (call.sink.endsWith('f')) {
    const format = call.args.find((a) => a.role === 'format');
    return format !== undefined && LITERAL_WITHOUT_BREAK.test(format.text);
  }
  const printed = call.args.filter((a) => a.role === 'printed');
  return printed.length > 0 && printed.every((a) => LITERAL_WITHOUT_BREAK.test(a.text));
}

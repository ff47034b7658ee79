/**
 * A call as rules see it (`FileView.calls`), with its argument list worked out only when a rule
 * reads it. Every call of a file gets a view, but rules read the arguments of a few callees only
 * (`zap.AddStacktrace`, `runtime.Stack`): resolving every argument's type up front was a third of
 * building the views.
 */
import type { CallView } from '../rule-api.js';
import type { Span } from '../engine/positions.js';

type Args = CallView['args'];

export class LazyCallView implements CallView {
  #args: Args | undefined;
  #makeArgs: (() => Args) | undefined;

  constructor(
    readonly callee: string,
    makeArgs: () => Args,
    readonly span: Span,
    readonly text: string,
    readonly func: number,
    readonly loopDepth: number,
    readonly inRecover: boolean,
    readonly tags?: string[],
  ) {
    this.#makeArgs = makeArgs;
  }

  get args(): Args {
    if (this.#args === undefined) {
      this.#args = this.#makeArgs!();
      this.#makeArgs = undefined;
    }
    return this.#args;
  }

  /** `JSON.stringify` (a rule's debug output) shows the arguments like any other field */
  toJSON(): CallView {
    return { callee: this.callee, args: this.args, span: this.span, text: this.text, func: this.func, loopDepth: this.loopDepth, inRecover: this.inRecover, ...(this.tags ? { tags: this.tags } : {}) };
  }
}

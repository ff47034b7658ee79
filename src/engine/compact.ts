/**
 * Go summaries kept for a whole group are most of a large Go scan's heap (the issue's 1.5M-line Go
 * corpus is one connected group of 4,351 files: 158 MB of summaries). Two things in them cost
 * memory and carry nothing:
 * - **Copies of one string.** The same type (`context.Context`), callee key, receiver or call text
 *   recurs in thousands of calls, each built on its own (1.27M strings, 294k distinct, on that corpus).
 * - **Whole source files kept by a few characters.** A V8 substring of 13 characters or more is a
 *   view of the string it was cut from, so one argument text kept a whole file's source alive.
 *
 * `compactGoSummary` replaces the strings of a summary by the copy its group's pool holds: a view
 * over private characters (one more than the string), so an argument's text no longer keeps its
 * file, and equal strings across the group's files are one (while the bounded pool holds them).
 * Values are unchanged, so results are too; only memory is. With a worker pool (`--jobs` > 1),
 * strings arrive as copies already and only the sharing is gained. Summaries read from the cache
 * are not compacted: there the sharing cost more time and memory than it saved (scan.ts). Measured on
 * that corpus with `--jobs 1` (the default on 2 cores):
 * - every summary live: 158 → 118 MB of heap;
 * - the scan (4 interleaved runs): peak RSS 316 → 280 MiB; wall 13.35 → 13.39 s, the JavaScript
 *   thread's CPU 9.9 → 10.4 s.
 * TS summaries are not compacted: on the issue's TS corpus (playwright, opentelemetry-js, typeorm)
 * the peak moved by 499 → 478 MiB with every group compacted, for 1.6 s more of the JavaScript
 * thread; their peak is the model's and the collector's, not the summaries' strings.
 */
import type { GoFileSummary } from '../languages/go/summarize.js';

/** V8 keeps strings shorter than this as copies, never as views of another string. */
const MIN_SLICE = 13;

/**
 * The shared copies of one group's summaries, dropped with them. Bounded: when full it starts
 * again, so it never holds more than this many strings beside the summaries.
 */
const POOL_LIMIT = 1 << 16;

/**
 * `s` with characters of its own: not a view of the (larger) string it was cut from. A cons string
 * is flattened into new characters when cut, so the cut is a view of those only (one more than
 * `s`); a short string is a copy already.
 */
export function standalone(s: string): string {
  return s.length < MIN_SLICE ? s : (' ' + s).slice(1);
}

/** Summaries compacted in this process, for tests. */
export let compactedSummaries = 0;

export class StringPool {
  private map = new Map<string, string>();

  /** The pool's copy of `s`: a view only of its own characters (plus one), not of a source file. */
  shared(s: string): string {
    let t = this.map.get(s);
    if (t === undefined) {
      if (this.map.size >= POOL_LIMIT) this.map = new Map();
      t = standalone(s);
      this.map.set(t, t);
    }
    return t;
  }

  /** Every string of a list, shared (in place). */
  list(xs: string[]): void {
    for (let i = 0; i < xs.length; i++) xs[i] = this.shared(xs[i]!);
  }

  /** `{ name, type }` lists: parameters, package variables, struct fields (in place). */
  typed(xs: { name: string; type: string }[]): void {
    for (const x of xs) {
      x.name = this.shared(x.name);
      x.type = this.shared(x.type);
    }
  }
}

/** The summary, its strings shared and stand-alone (in place). */
export function compactGoSummary(s: GoFileSummary, pool: StringPool): GoFileSummary {
  compactedSummaries++;
  const shared = (x: string): string => pool.shared(x);
  s.path = shared(s.path);
  s.pkgPath = shared(s.pkgPath);
  s.packageName = shared(s.packageName);
  for (const im of s.imports) {
    im.path = shared(im.path);
    im.name = shared(im.name);
  }
  for (const f of s.functions) {
    f.name = shared(f.name);
    f.key = shared(f.key);
    pool.typed(f.params);
    pool.list(f.results);
  }
  for (const c of s.calls) {
    c.text = shared(c.text);
    const k = c.callee;
    if (k.kind === 'func') k.key = shared(k.key);
    else if (k.kind === 'method') {
      k.recv = shared(k.recv);
      k.name = shared(k.name);
      k.recvText = shared(k.recvText);
    } else if (k.kind === 'local') k.name = shared(k.name);
    for (const a of c.args) {
      a.text = shared(a.text);
      a.type = shared(a.type);
      if (a.literal !== undefined) a.literal = shared(a.literal);
      if (a.qualified !== undefined) a.qualified = shared(a.qualified);
      if (a.funcRef !== undefined) a.funcRef = shared(a.funcRef);
      if (a.members) {
        for (const m of a.members) {
          m.text = shared(m.text);
          m.type = shared(m.type);
        }
      }
    }
  }
  pool.typed(s.globals);
  for (const st of s.structs) {
    st.name = shared(st.name);
    pool.typed(st.fields);
    for (const m of st.methods ?? []) {
      m.name = shared(m.name);
      pool.list(m.results);
    }
  }
  // rule ids and reasons are cut from the comment's text, itself cut from the source
  for (const d of s.directives) {
    d.reason = shared(d.reason);
    pool.list(d.rules);
  }
  return s;
}

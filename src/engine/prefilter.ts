/**
 * The TS/JS prefilter (issue 6, demand-driven analysis): which files of a TS group must be parsed.
 *
 * A finding sits on a sink call (or a time-zone call). In a file, such a call is recognised either
 * by its text (an anchor below) or through the module model's resolution, which leaves a file only
 * through its relative imports. So the files that can hold a finding are the anchored ones and
 * the files that import them, transitively; and those importers are also every file that can call
 * into them, register them as handlers or pass them parameter types. Resolution from these files
 * may still read other files (a class, a re-export, a type alias): the model records each such
 * file it could not see as a miss, and the scan loads it and builds the model again (scan.ts).
 * A loaded file that turns out to hold sink calls, or to keep parameters in class fields (read
 * through another file's resolution), brings its own importers too. The result is exact: the
 * same findings as parsing everything (tested on the fixtures and real corpora); only the
 * syntax-error notices of files that were never parsed are absent. `--no-prefilter` parses all.
 *
 * Go is not prefiltered: calls inside a Go package are unqualified, so the same closure over
 * import paths reaches every package of a module.
 */
import type { SinkEntry } from '../config/load.js';
import { LOGGER_LEVEL_METHODS, TS_LOGGER_METHODS, TS_MEMBERS, TS_MODULE_EXPORTS } from '../languages/ts/apis.js';
import type { TsFileSummary } from '../languages/ts/summarize.js';

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Module specifiers whose exports lead, through member types, to a logger that is called as a function (`debug`). */
function calledLoggerModules(): string[] {
  const types = new Set(Object.keys(TS_LOGGER_METHODS).filter((t) => TS_LOGGER_METHODS[t]!.includes('()')));
  for (let changed = true; changed; ) {
    changed = false;
    for (const [k, t] of Object.entries(TS_MEMBERS)) {
      const owner = k.endsWith('.()') ? k.slice(0, -3) : k.slice(0, k.lastIndexOf('.'));
      if (types.has(t) && !types.has(owner)) {
        types.add(owner);
        changed = true;
      }
    }
  }
  const mods = new Set<string>();
  for (const [k, t] of Object.entries(TS_MODULE_EXPORTS)) if (types.has(t)) mods.add(k.slice(0, k.lastIndexOf('#')));
  return [...mods].sort();
}

/**
 * Text that any file holding a finding, or a suppression comment, contains when nothing it
 * imports could explain the finding: level-method names after `.`, a quote (`logger['info']`) or
 * in a destructuring pattern (`{ info }`), the globals that print, the logger modules called as
 * functions, the time-zone words, configured sink names, and the suppression comment words.
 */
export function tsAnchor(tsSinks: readonly SinkEntry[]): RegExp {
  const methods = new Set<string>(LOGGER_LEVEL_METHODS);
  for (const list of Object.values(TS_LOGGER_METHODS)) for (const m of list) if (m !== '()') methods.add(m);
  const words = ['console', 'stdout', 'stderr', 'timeZone', 'moment', ...calledLoggerModules()];
  for (const s of tsSinks) {
    const name = typeof s === 'string' ? s : s.name;
    const last = name.split(/[.#]/).pop();
    if (last) words.push(last);
  }
  const alt = (xs: Iterable<string>): string => [...new Set(xs)].sort().map(escape).join('|');
  return new RegExp(`logvol|nolint|\\b(?:${alt(words)})\\b|[.'"\`{,]\\s*(?:${alt(methods)})\\b`);
}

/** `seed` and every file that imports one of them, transitively (indices into `importers`). */
export function withImporters(seed: Iterable<number>, importers: readonly (readonly number[])[], into = new Set<number>()): Set<number> {
  const queue: number[] = [];
  for (const i of seed) {
    if (into.has(i)) continue;
    into.add(i);
    queue.push(i);
  }
  while (queue.length) {
    for (const j of importers[queue.pop()!] ?? []) {
      if (into.has(j)) continue;
      into.add(j);
      queue.push(j);
    }
  }
  return into;
}

/** A summary whose class fields or exports hold a parameter: its callers' argument types are read through it. */
export function keepsParameters(s: TsFileSummary): boolean {
  const isParam = (v: { root: { kind: string } }): boolean => v.root.kind === 'param';
  return Object.values(s.exports).some(isParam) || s.classes.some((c) => Object.values(c.fields).some(isParam));
}

/**
 * Back to the source: which sink calls can have written a template?
 *
 * The source tree is scanned with the engine (discover → summaries → module model → rules), and
 * every sink call becomes a `SinkSite`: where it is, what it is, the `scan` findings at that call,
 * and its output as a sequence of pieces — literal text (format-string fragments, message strings,
 * keys) and holes for the values it prints. A hole that prints a whole Go context has a known shape
 * (`context.Background.WithValue(…`, `context.TODO.WithCancel` …), so even `fmt.Println(ctx)`
 * with no literal at all can be matched.
 *
 * A site matches an event when its literal pieces occur in the event text in order, and each
 * shaped hole finds its shape after the previous piece. Matching is greedy left-to-right with
 * `indexOf`, linear in the text (no regular expression built from source text, so no backtracking
 * blow-up on a format with many verbs). Candidates are ranked by how much literal text (and shape)
 * they matched.
 *
 * Sites are built from the language-neutral `FileView` (`sinkCalls` with argument roles), so a
 * language only has to supply its views and, optionally, the literal values of arguments. Go does
 * both. TypeScript/JavaScript views come from the TS model; `literalFromText` reads JS string and
 * template literals from the argument text and `splitNodeFormat` splits `util.format` strings.
 */
import { relative, resolve } from 'node:path';
import { rules } from '../../rules/index.js';
import { loadConfig } from '../config/load.js';
import { discover, toPosix } from '../engine/discover.js';
import { analyzeFiles, runRules } from '../engine/scan.js';
import { GoModel } from '../languages/go/model.js';
import type { GoCall, GoFileSummary } from '../languages/go/summarize.js';
import { TsModel } from '../languages/ts/model.js';
import type { TsFileSummary } from '../languages/ts/summarize.js';
import type { Notice } from '../languages/types.js';
import type { ArgView, FileView, SinkCallView } from '../rule-api.js';
import { UsageError } from '../errors.js';
import type { SourceCandidate, TemplateReport } from './report.js';

export type Piece = { kind: 'text'; text: string } | { kind: 'hole'; shape?: 'go-context' };

export interface SinkSite {
  language: 'go' | 'ts';
  /** canonical sink (`fmt.Printf`, `log/slog.Logger.Info`) */
  sink: string;
  /** relative to the source root, forward slashes */
  path: string;
  line: number;
  column: number;
  pieces: Piece[];
  /** ids of `scan` findings reported on this call's line, sorted */
  rules: string[];
}

export interface SourceIndex {
  root: string;
  sites: SinkSite[];
  notices: Notice[];
  languages: string[];
}

/** literal chars a site needs (unless it has a shaped hole) to be specific enough to match */
const MIN_LITERAL_CHARS = 4;
const SHAPE_SCORE = 16;
const MAX_CANDIDATES = 3;

/** Go prints a context through its String methods: `context.Background.WithValue(…)` … */
const GO_CONTEXT_SHAPE = /context\.(?:Background|TODO)(?:\.With[A-Za-z]+|\b)/g;

/** Scan `dir` with the engine and list its sink sites. */
export async function indexSource(dir: string, cwd: string): Promise<SourceIndex> {
  const root = resolve(cwd, dir);
  const config = loadConfig({ cwd: root, rules });
  let found;
  try {
    found = await discover({ cwd: root, root, paths: ['.'], config, includeTests: false });
  } catch (e) {
    if (e instanceof UsageError) throw new UsageError(`--source ${dir}: ${e.message}`, e.hint);
    throw e;
  }
  const notices = [...found.notices];
  const summaries = await analyzeFiles(found.files, root, { maxFileSize: config.maxFileSize, jobs: 1 }, notices);
  const result = runRules(summaries, rules, config, notices, found.files.length);
  const findingsAt = new Map<string, Set<string>>();
  for (const f of [...result.findings, ...result.suppressed]) {
    const k = `${f.path}:${f.line}`;
    const set = findingsAt.get(k) ?? new Set<string>();
    set.add(f.ruleId);
    findingsAt.set(k, set);
  }
  const sites: SinkSite[] = [];
  const goFiles = summaries.filter((s): s is GoFileSummary => s.language === 'go');
  const model = new GoModel(goFiles, config.goSinks);
  for (const file of goFiles) {
    const view = model.view(file);
    const byStart = new Map<string, GoCall>(file.calls.map((c) => [`${c.span.line}:${c.span.column}`, c]));
    const literal = (call: SinkCallView, i: number): string | undefined => byStart.get(`${call.span.line}:${call.span.column}`)?.args[i]?.literal;
    sites.push(...sitesOfView(view, 'go', literal, findingsAt));
  }
  const tsFiles = summaries.filter((s): s is TsFileSummary => s.language === 'ts');
  if (tsFiles.length > 0) {
    const tsModel = new TsModel(tsFiles, config.tsSinks, { root });
    for (const file of tsFiles) {
      // the model expands template literals into their `${…}` parts; the summary keeps each raw argument
      const byStart = new Map(file.calls.map((c) => [`${c.span.line}:${c.span.column}`, c]));
      const view = tsModel.view(file);
      for (const call of view.sinkCalls) {
        const raw = byStart.get(`${call.span.line}:${call.span.column}`);
        const site = raw ? tsSite(view, call, raw.args.map((a) => a.text), findingsAt) : undefined;
        if (site) sites.push(site);
      }
    }
  }
  sites.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.column - b.column));
  return { root, sites, notices, languages: [...new Set(sites.map((s) => s.language))].sort() };
}

export function sitesOfView(
  view: FileView,
  language: 'go' | 'ts',
  literalOf: (call: SinkCallView, argIndex: number) => string | undefined,
  findingsAt: Map<string, Set<string>>,
): SinkSite[] {
  const out: SinkSite[] = [];
  for (const call of view.sinkCalls) {
    if (call.family === 'string' && !call.stringReachesSink) continue;
    const site = siteOf(view, call, language, piecesOf(call, language, view, (i) => literalOf(call, i)), findingsAt);
    if (site) out.push(site);
  }
  return out;
}

/** A sink site, when its pieces are specific enough to match log lines by. */
function siteOf(view: FileView, call: SinkCallView, language: 'go' | 'ts', pieces: Piece[], findingsAt: Map<string, Set<string>>): SinkSite | undefined {
  if (!isSpecific(pieces)) return undefined;
  return {
    language,
    sink: call.sink,
    path: toPosix(view.path),
    line: call.span.line,
    column: call.span.column,
    pieces,
    rules: [...(findingsAt.get(`${view.path}:${call.span.line}`) ?? [])].sort(),
  };
}

function piecesOf(call: SinkCallView, language: 'go' | 'ts', view: FileView, literalOf: (i: number) => string | undefined): Piece[] {
  const pieces: Piece[] = [];
  const consumed = new Set<number>();
  const hole = (a: ArgView | undefined, verb?: string): Piece =>
    language === 'go' && a && a.role === 'printed' && verb !== '%T' && verb !== '%p' && view.isContextLike(a.type) ? { kind: 'hole', shape: 'go-context' } : { kind: 'hole' };
  call.args.forEach((a, i) => {
    if (consumed.has(i) || a.role === 'writer' || a.role === 'context-param') return;
    const lit = literalOf(i);
    if (a.role === 'format' && lit !== undefined) {
      const parts = language === 'go' ? splitGoFormat(lit) : splitNodeFormat(lit);
      for (const p of parts) {
        if (typeof p === 'string') pieces.push({ kind: 'text', text: p });
        else {
          consumed.add(i + 1 + p.operand);
          pieces.push(hole(call.args[i + 1 + p.operand], p.verb));
        }
      }
      return;
    }
    pieces.push(lit !== undefined ? { kind: 'text', text: lit } : hole(a, a.verb));
  });
  return pieces;
}

/** A TS/JS sink call from its raw arguments: string literals (util.format aware), template literals, holes. */
function tsSite(view: FileView, call: SinkCallView, rawArgs: string[], findingsAt: Map<string, Set<string>>): SinkSite | undefined {
  const pieces: Piece[] = [];
  rawArgs.forEach((text, i) => {
    const lit = literalFromText(text);
    if (lit !== undefined) {
      if (i === 0) for (const p of splitNodeFormat(lit)) pieces.push(typeof p === 'string' ? { kind: 'text', text: p } : { kind: 'hole' });
      else pieces.push({ kind: 'text', text: lit });
      return;
    }
    pieces.push(...(templatePieces(text) ?? [{ kind: 'hole' as const }]));
  });
  return siteOf(view, call, 'ts', pieces, findingsAt);
}

/** `order ${id} accepted` → text, hole, text (nested braces inside `${…}` are skipped). */
export function templatePieces(text: string): Piece[] | undefined {
  const t = text.trim();
  if (t.length < 2 || t[0] !== '`' || !t.endsWith('`') || !t.includes('${')) return undefined;
  const body = t.slice(1, -1);
  const out: Piece[] = [];
  let buf = '';
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\' && i + 1 < body.length) {
      buf += body[i + 1];
      i++;
      continue;
    }
    if (body[i] === '$' && body[i + 1] === '{') {
      if (buf) out.push({ kind: 'text', text: buf });
      buf = '';
      let depth = 1;
      i += 2;
      while (i < body.length && depth > 0) {
        if (body[i] === '{') depth++;
        else if (body[i] === '}') depth--;
        if (depth > 0) i++;
      }
      out.push({ kind: 'hole' });
      continue;
    }
    buf += body[i];
  }
  if (buf) out.push({ kind: 'text', text: buf });
  return out;
}

function isSpecific(pieces: Piece[]): boolean {
  let chars = 0;
  for (const p of pieces) {
    if (p.kind === 'hole' && p.shape) return true;
    if (p.kind === 'text') chars += p.text.replace(/\s+/g, '').length;
  }
  return chars >= MIN_LITERAL_CHARS;
}

/**
 * Go `fmt` format → literal fragments and operand holes. `%%` is a literal `%`; `*` width or
 * precision consumes an operand; `%[n]v` sets the operand index (the same grammar as format.ts).
 */
export function splitGoFormat(format: string): (string | { operand: number; verb: string })[] {
  const out: (string | { operand: number; verb: string })[] = [];
  const VERB = /%([+\-# 0]*)(?:\[(\d+)\])?(\*|\d+)?(?:\.(?:\[(\d+)\])?(\*|\d+)?)?(?:\[(\d+)\])?([a-zA-Z%])/g;
  let arg = 0;
  let last = 0;
  let text = '';
  for (const m of format.matchAll(VERB)) {
    text += format.slice(last, m.index);
    last = m.index + m[0].length;
    if (m[7] === '%' && m[0] === '%%') {
      text += '%';
      continue;
    }
    if (m[2]) arg = Number(m[2]) - 1;
    if (m[3] === '*') arg++;
    if (m[4]) arg = Number(m[4]) - 1;
    if (m[5] === '*') arg++;
    if (m[6]) arg = Number(m[6]) - 1;
    if (text) out.push(text);
    text = '';
    out.push({ operand: arg, verb: `%${m[1] ?? ''}${m[7]}` });
    arg++;
  }
  text += format.slice(last);
  if (text) out.push(text);
  return out;
}

/** Node `util.format` (console.log's first argument): `%s %d %i %f %j %o %O %c`, `%%`. */
export function splitNodeFormat(format: string): (string | { operand: number; verb: string })[] {
  const out: (string | { operand: number; verb: string })[] = [];
  let arg = 0;
  let text = '';
  let last = 0;
  for (const m of format.matchAll(/%[sdifjoOc%]/g)) {
    text += format.slice(last, m.index);
    last = m.index + 2;
    if (m[0] === '%%') {
      text += '%';
      continue;
    }
    if (text) out.push(text);
    text = '';
    if (m[0] !== '%c') out.push({ operand: arg, verb: m[0] });
    arg++;
  }
  text += format.slice(last);
  if (text) out.push(text);
  return out;
}

/** The value of a JS/TS string literal, or the literal parts of a template literal joined by holes (`\u0000`). */
export function literalFromText(text: string): string | undefined {
  const t = text.trim();
  if (t.length < 2) return undefined;
  const q = t[0];
  if ((q === '"' || q === "'") && t.endsWith(q)) {
    const body = t.slice(1, -1);
    try {
      return JSON.parse(q === '"' ? t : `"${body.replace(/\\'/g, "'").replace(/(?<!\\)"/g, '\\"')}"`) as string;
    } catch {
      return body;
    }
  }
  if (q === '`' && t.endsWith('`') && !t.includes('${')) return t.slice(1, -1);
  return undefined;
}

/** Score a site against an event's text: undefined when it cannot have written it. */
export function matchSite(text: string, site: SinkSite): number | undefined {
  let pos = 0;
  let score = 0;
  for (const p of site.pieces) {
    if (p.kind === 'hole') {
      if (!p.shape) continue;
      GO_CONTEXT_SHAPE.lastIndex = pos;
      const m = GO_CONTEXT_SHAPE.exec(text);
      if (!m) return undefined;
      pos = m.index + m[0].length;
      score += SHAPE_SCORE;
      continue;
    }
    const needle = p.text.trim();
    if (!needle) continue;
    const at = text.indexOf(needle, pos);
    if (at < 0) return undefined;
    pos = at + needle.length;
    score += needle.replace(/\s+/g, '').length;
  }
  return score;
}

/** The best candidate sites for an event text, best first (those within half of the best score). */
export function candidatesFor(text: string, sites: SinkSite[]): SourceCandidate[] {
  const scored: SourceCandidate[] = [];
  for (const s of sites) {
    const score = matchSite(text, s);
    if (score === undefined) continue;
    scored.push({ language: s.language, sink: s.sink, path: s.path, line: s.line, column: s.column, rules: s.rules, score });
  }
  scored.sort((a, b) => b.score - a.score || (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line));
  const best = scored[0]?.score ?? 0;
  return scored.filter((c) => c.score * 2 >= best).slice(0, MAX_CANDIDATES);
}

/** `fmt.Printf` stays; `github.com/sirupsen/logrus.Entry.Infof` → `logrus.Entry.Infof`. */
export function displaySink(sink: string): string {
  const slash = sink.lastIndexOf('/');
  return slash >= 0 ? sink.slice(slash + 1) : sink;
}

/** relative path of the source root for reports */
export function displayRoot(root: string, cwd: string): string {
  const r = toPosix(relative(cwd, root));
  return r === '' ? '.' : r.startsWith('../') ? toPosix(root) : r;
}

/** Add `sources` and `attribution` to the report's templates. */
export function attachSources(templates: TemplateReport[], index: SourceIndex): void {
  for (const t of templates) {
    t.sources = candidatesFor(t.example, index.sites);
    t.attribution = t.sources.map((c) => {
      const where = t.topPod ? `${t.topPod.namespace ? `pod ${t.topPod.namespace}/${t.topPod.pod}` : `container ${t.topPod.pod}`}` : '';
      const share = t.topPod ? ` — writes ~${Math.round(t.topPod.shareOfPod * 100)}% of the bytes of ${where}` : '';
      return `${displaySink(c.sink)} at ${c.path}:${c.line}${c.rules.length ? ` — ${c.rules.join(', ')}` : ''}${share}`;
    });
  }
}

/**
 * Fixture annotations: a trailing `// want: <rule>[, <rule>] ["message substring or /regex/"]`
 * on the line where a finding starts, and `// ok: <rule>` on a look-alike that must stay silent.
 * JSX children use `{/* want: <rule> *\/}`. Go and TS share the comment syntax.
 */
import { readFileSync } from 'node:fs';

export interface Expectation {
  path: string;
  line: number;
  kind: 'want' | 'ok';
  rule: string;
  message?: string;
}

const ANNOTATION = /(?:\/\/|\/\*)\s*(want|ok):\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)(?:\s+"((?:[^"\\]|\\.)*)")?/g;

export function parseAnnotations(text: string, path: string): Expectation[] {
  const out: Expectation[] = [];
  const lines = text.split(/\r\n|\n|\r/);
  lines.forEach((l, i) => {
    for (const m of l.matchAll(ANNOTATION)) {
      for (const rule of m[2]!.split(',').map((r) => r.trim())) {
        const e: Expectation = { path, line: i + 1, kind: m[1] as 'want' | 'ok', rule };
        if (m[3] !== undefined) e.message = m[3].replace(/\\"/g, '"');
        out.push(e);
      }
    }
  });
  return out;
}

export function annotationsOf(abs: string, rel: string): Expectation[] {
  return parseAnnotations(readFileSync(abs, 'utf8'), rel);
}

export interface FoundLike {
  path: string;
  line: number;
  ruleId: string;
  message: string;
}

/** Compare findings with expectations; returns human-readable problems (empty = pass). */
export function compare(expect: Expectation[], found: FoundLike[], sourceLine: (path: string, line: number) => string): string[] {
  const problems: string[] = [];
  const key = (p: string, l: number, r: string): string => `${p}:${l}:${r}`;
  const wants = new Map<string, Expectation>();
  const oks = new Map<string, Expectation>();
  for (const e of expect) (e.kind === 'want' ? wants : oks).set(key(e.path, e.line, e.rule), e);
  const foundKeys = new Map<string, FoundLike[]>();
  for (const f of found) {
    const k = key(f.path, f.line, f.ruleId);
    foundKeys.set(k, [...(foundKeys.get(k) ?? []), f]);
  }
  for (const [k, e] of wants) {
    const hits = foundKeys.get(k);
    if (!hits) {
      problems.push(`missing: ${k} (nothing reported)\n    ${sourceLine(e.path, e.line).trim()}`);
      continue;
    }
    if (e.message !== undefined && !hits.some((h) => messageMatches(h.message, e.message!))) {
      problems.push(`wrong message: ${k} wants ${JSON.stringify(e.message)}\n    got: ${hits.map((h) => h.message).join(' | ')}`);
    }
  }
  for (const [k, list] of foundKeys) {
    if (wants.has(k)) continue;
    const f = list[0]!;
    const tag = oks.has(k) ? 'noisy' : 'extra';
    problems.push(`${tag}: ${k} ${f.message}\n    ${sourceLine(f.path, f.line).trim()}`);
  }
  return problems;
}

function messageMatches(message: string, want: string): boolean {
  const re = /^\/(.*)\/$/.exec(want);
  return re ? new RegExp(re[1]!).test(message) : message.includes(want);
}

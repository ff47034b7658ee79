/**
 * In-source suppressions:
 *   // logvol-ignore-next-line <rule>[, <rule>] -- reason     (applies to the next line)
 *   code // logvol-ignore <rule> -- reason                     (trailing: applies to its own line)
 *   code //nolint:logvol // reason                             (golangci-lint style; also bare //nolint)
 * No rule id means every rule. Block comments work too (`{/* logvol-ignore-next-line x *\/}` in JSX).
 */
import type { Span } from './positions.js';
import type { Directive } from '../languages/types.js';

const LOGVOL_RE = /^logvol-(ignore-next-line|ignore)(?=\s|$)\s*(.*)$/s;
const NOLINT_RE = /^nolint(?::([\w,/.-]+))?(?=\s|$|\/\/)(.*)$/s;

/** Whether a file's text can hold a directive at all: each starts with `logvol-` or `nolint`. */
export function mayHoldDirective(text: string): boolean {
  return text.includes('logvol-') || text.includes('nolint');
}

function commentBody(raw: string): string {
  let s = raw.trim();
  if (s.startsWith('//')) s = s.slice(2);
  else if (s.startsWith('/*')) s = s.slice(2, s.endsWith('*/') ? -2 : undefined);
  return s.trim();
}

export function parseDirective(raw: string, line: number, trailing: boolean, span: Span): Directive | undefined {
  const body = commentBody(raw);
  const m = LOGVOL_RE.exec(body);
  if (m) {
    const kind = m[1] === 'ignore-next-line' ? 'ignore-next-line' : 'ignore';
    const rest = m[2] ?? '';
    const sep = rest.indexOf('--');
    const rulesPart = sep >= 0 ? rest.slice(0, sep) : rest;
    const reason = sep >= 0 ? rest.slice(sep + 2).trim() : '';
    const rules = rulesPart
      .split(/[\s,]+/)
      .map((r) => r.trim())
      .filter(Boolean);
    return { kind, rules, reason, line, target: kind === 'ignore-next-line' ? line + 1 : line, span };
  }
  const n = NOLINT_RE.exec(body);
  if (n) {
    const linters = (n[1] ?? '').split(',').filter(Boolean);
    if (linters.length > 0 && !linters.some((l) => l === 'logvol' || l === 'all')) return undefined;
    const reason = (n[2] ?? '').replace(/^\s*\/\/\s*/, '').trim();
    const shared = !linters.includes('logvol') ? ({ shared: true } as const) : {};
    return { kind: 'nolint', rules: [], reason, line, target: trailing ? line : line + 1, span, ...shared };
  }
  return undefined;
}

export interface SuppressionMatch {
  directive: Directive;
  used: boolean;
}

/** Index of directives by target line, for matching findings. */
export class SuppressionIndex {
  private readonly byLine = new Map<number, SuppressionMatch[]>();
  readonly all: SuppressionMatch[] = [];

  constructor(directives: readonly Directive[]) {
    for (const d of directives) {
      const m = { directive: d, used: false };
      this.all.push(m);
      const list = this.byLine.get(d.target) ?? [];
      list.push(m);
      this.byLine.set(d.target, list);
    }
  }

  /** The directive that silences `ruleId` on `line`, if any (marked used). */
  match(ruleId: string, line: number): Directive | undefined {
    for (const m of this.byLine.get(line) ?? []) {
      if (m.directive.rules.length === 0 || m.directive.rules.includes(ruleId)) {
        m.used = true;
        return m.directive;
      }
    }
    return undefined;
  }
}

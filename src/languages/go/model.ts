/**
 * The Go module model, built on the main thread from every file's summary: resolves the `?…`
 * type references summaries leave open, classifies calls into sinks (library tables, configured
 * sinks, wrappers), and answers the questions detectors ask through a FileView.
 */
import type { ArgView, CallView, FileView, RequestPath, SinkCallView } from '../../rule-api.js';
import type { ArgRole, TypeRef } from '../types.js';
import { GO_CONTEXT_TYPES, GO_FUNC_RESULTS, GO_METHOD_RESULTS, GO_SINK_FUNCS, GO_SINK_METHODS, type GoSinkSpec } from './apis.js';
import { parseGoFormat, PRINTING_VERBS } from './format.js';
import type { GoCall, GoFileSummary, GoStructType } from './summarize.js';

export interface GoSinkConfig {
  /** `<import path>.<Func>` or `<import path>.<Type>.<Method>` */
  name: string;
  shape?: 'printf' | 'print';
  /** index of the format argument for printf-style sinks (default 0) */
  format?: number;
}

const MAX_RESOLVE_DEPTH = 24;

export class GoModel {
  private readonly funcResults = new Map<string, TypeRef[]>();
  private readonly globals = new Map<string, TypeRef>();
  private readonly structs = new Map<string, GoStructType>();
  private readonly resolved = new Map<string, TypeRef>();
  private readonly sinks = new Map<string, GoSinkSpec>();
  readonly files: GoFileSummary[];

  constructor(files: GoFileSummary[], configSinks: GoSinkConfig[] = []) {
    this.files = files;
    for (const f of files) {
      for (const fn of f.functions) this.funcResults.set(fn.key, fn.results);
      for (const g of f.globals) if (!this.globals.has(`${f.pkgPath}.${g.name}`)) this.globals.set(`${f.pkgPath}.${g.name}`, g.type);
      for (const s of f.structs) this.structs.set(s.name, s);
    }
    for (const [k, v] of Object.entries(GO_SINK_FUNCS)) this.sinks.set(k, v);
    for (const [k, v] of Object.entries(GO_SINK_METHODS)) this.sinks.set(k, v);
    for (const s of configSinks) {
      const printf = s.shape ? s.shape === 'printf' : /f$/.test(s.name);
      this.sinks.set(s.name.replace(/\(\*?([^)]*)\)/, '$1'), {
        family: 'log',
        shape: printf ? { kind: 'printf', format: s.format ?? 0 } : { kind: 'print', from: 0 },
      });
    }
  }

  /** Resolve a TypeRef to a concrete type string, or '' when unknown. */
  resolve(t: TypeRef, depth = 0): TypeRef {
    if (!t.startsWith('?') && !t.startsWith('*?')) return t;
    if (t.startsWith('*?')) {
      const inner = this.resolve(t.slice(1), depth + 1);
      return inner ? `*${inner}` : '';
    }
    const cached = this.resolved.get(t);
    if (cached !== undefined) return cached;
    if (depth > MAX_RESOLVE_DEPTH) return '';
    this.resolved.set(t, ''); // cycle guard
    const r = this.resolveUncached(t, depth);
    this.resolved.set(t, r);
    return r;
  }

  private resolveUncached(t: TypeRef, depth: number): TypeRef {
    if (t.startsWith('?pkgvar:')) return this.resolve(this.globals.get(t.slice(8)) ?? '', depth + 1);
    if (t.startsWith('?field:')) {
      const hash = t.lastIndexOf('#');
      const base = this.resolve(t.slice(7, hash), depth + 1).replace(/^\*/, '');
      return this.resolve(this.fieldType(base, t.slice(hash + 1), depth) ?? '', depth + 1);
    }
    if (t.startsWith('?call:')) {
      const hash = t.lastIndexOf('#');
      const index = Number(t.slice(hash + 1));
      const results = this.callResults(t.slice(6, hash), depth);
      return this.resolve(results?.[index] ?? '', depth + 1);
    }
    return '';
  }

  /** Results of a callee key; method keys may have an unresolved receiver part. */
  private callResults(key: string, depth: number): TypeRef[] | undefined {
    const direct = GO_FUNC_RESULTS[key] ?? this.funcResults.get(key);
    if (direct) return direct;
    const dot = key.lastIndexOf('.');
    if (dot < 0) return undefined;
    const recv = this.resolve(key.slice(0, dot), depth + 1).replace(/^\*/, '');
    const method = key.slice(dot + 1);
    if (!recv) return undefined;
    return GO_METHOD_RESULTS[`${recv}.${method}`] ?? this.methodResults(recv, method, depth);
  }

  /** A method of a module type, also through embedded fields. */
  private methodResults(recv: string, method: string, depth: number): TypeRef[] | undefined {
    const own = this.funcResults.get(`${recv}.${method}`);
    if (own) return own;
    const st = this.structs.get(recv);
    if (!st || depth > MAX_RESOLVE_DEPTH) return undefined;
    for (const f of st.fields) {
      if (!f.embedded) continue;
      const base = this.resolve(f.type, depth + 1).replace(/^\*/, '');
      const r = GO_METHOD_RESULTS[`${base}.${method}`] ?? this.methodResults(base, method, depth + 1);
      if (r) return r;
    }
    return undefined;
  }

  private fieldType(structName: string, field: string, depth: number): TypeRef | undefined {
    const st = this.structs.get(structName);
    if (!st || depth > MAX_RESOLVE_DEPTH) return undefined;
    const own = st.fields.find((f) => f.name === field);
    if (own) return own.type;
    for (const f of st.fields) {
      if (!f.embedded) continue;
      const inner = this.fieldType(this.resolve(f.type, depth + 1).replace(/^\*/, ''), field, depth + 1);
      if (inner) return inner;
    }
    return undefined;
  }

  /** context.Context and friends, and module structs that embed one. */
  isContextLike(t: TypeRef, depth = 0): boolean {
    const r = this.resolve(t);
    if (!r) return false;
    const bare = r.replace(/^\*/, '');
    if (GO_CONTEXT_TYPES.has(r) || GO_CONTEXT_TYPES.has(bare)) return true;
    const st = this.structs.get(bare);
    if (!st || depth > 4) return false;
    return st.fields.some((f) => f.embedded && this.isContextLike(f.type, depth + 1));
  }

  /** The resolved key of a call's callee: `fmt.Printf`, `log.Logger.Printf`, `example.com/x.T.M`. */
  calleeKey(call: GoCall): string {
    switch (call.callee.kind) {
      case 'func':
        return call.callee.key;
      case 'method': {
        const recv = this.resolve(call.callee.recv).replace(/^\*/, '');
        return recv ? `${recv}.${call.callee.name}` : `?.${call.callee.name}`;
      }
      default:
        return '';
    }
  }

  sinkSpec(call: GoCall): GoSinkSpec | undefined {
    const key = this.calleeKey(call);
    const spec = key ? this.sinks.get(key) : undefined;
    if (!spec) return undefined;
    if (spec.writerArg && !spec.writerArg.includes(call.args[0]?.qualified ?? '')) return undefined;
    return spec;
  }

  view(file: GoFileSummary): FileView {
    const model = this;
    const specs = file.calls.map((c) => this.sinkSpec(c));
    // Sprint*: does the built string reach a sink (as an argument) or leave the function?
    const reachesSink = new Set<number>();
    file.calls.forEach((c, i) => {
      if (c.returned && specs[i]?.family === 'string') reachesSink.add(i);
      const spec = specs[i];
      if (!spec) return;
      for (const a of c.args) if (a.fromCall !== undefined) reachesSink.add(a.fromCall);
    });
    const sinkCalls: SinkCallView[] = [];
    const calls: CallView[] = [];
    file.calls.forEach((c, i) => {
      calls.push({
        callee: this.calleeKey(c),
        args: c.args.map((a) => ({ text: a.text, type: this.resolve(a.type), span: a.span })),
        span: c.span,
        text: c.text,
        func: c.func,
        loopDepth: c.loopDepth,
        inRecover: c.inRecover,
      });
      const spec = specs[i];
      if (!spec) return;
      sinkCalls.push({
        sink: this.calleeKey(c),
        family: spec.family,
        stringReachesSink: spec.family === 'string' && reachesSink.has(i),
        args: this.classifyArgs(c, spec, specs),
        span: c.span,
        text: c.text,
        func: c.func,
        loopDepth: c.loopDepth,
        inRecover: c.inRecover,
      });
    });
    return {
      path: file.path,
      language: 'go',
      functions: file.functions,
      sinkCalls,
      calls,
      imports: file.imports,
      requestPath: (): RequestPath | undefined => undefined,
      isContextLike: (t) => model.isContextLike(t),
      typeName: (t) => shortTypeName(model.resolve(t)),
    };
  }

  private classifyArgs(call: GoCall, spec: GoSinkSpec, specs: (GoSinkSpec | undefined)[]): ArgView[] {
    const out: ArgView[] = [];
    const shape = spec.shape;
    const start = shape.kind === 'printf' ? shape.format : shape.from;
    let verbs: Map<number, string[]> | undefined;
    if (shape.kind === 'printf') {
      const lit = call.args[shape.format]?.literal;
      if (lit !== undefined) {
        verbs = new Map();
        for (const v of parseGoFormat(lit)) {
          const list = verbs.get(v.operand) ?? [];
          list.push(v.verb);
          verbs.set(v.operand, list);
        }
      }
    }
    call.args.forEach((a, i) => {
      let role: ArgRole;
      let verb: string | undefined;
      if (i < start) role = spec.writerArg && i === 0 ? 'writer' : 'key';
      else if (shape.kind === 'printf' && i === shape.format) role = 'format';
      else if (shape.kind === 'printf' && verbs) {
        const used = verbs.get(i - shape.format - 1);
        if (!used) {
          role = 'printed'; // an extra operand is still printed: %!(EXTRA type=value)
          verb = '%!(EXTRA)';
        } else {
          const printing = used.find((v) => PRINTING_VERBS.has(v[v.length - 1]!));
          role = printing ? 'printed' : 'not-printed';
          verb = printing ?? used[0];
        }
      } else role = 'printed';
      const tags: string[] = [];
      if (a.fromCall !== undefined && specs[a.fromCall]?.family === 'string') tags.push('sprint');
      if (a.spread) tags.push('spread');
      const view: ArgView = { text: a.text, type: this.resolve(a.type), role, tags, span: a.span };
      if (verb) view.verb = verb;
      out.push(view);
    });
    return out;
  }
}

/** `*net/http.Request` → `*http.Request`; `example.com/svc/internal/x.T` → `x.T`. */
export function shortTypeName(t: TypeRef): string {
  if (!t) return 'unknown';
  const star = t.startsWith('*') ? '*' : '';
  const bare = star ? t.slice(1) : t;
  const dot = bare.lastIndexOf('.');
  if (dot < 0) return t;
  const pkg = bare.slice(0, dot);
  const last = pkg.slice(pkg.lastIndexOf('/') + 1);
  return `${star}${last}.${bare.slice(dot + 1)}`;
}

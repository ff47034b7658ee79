/**
 * `--type-aware`: ask the TypeScript checker (through ts-morph) for the type of a printed expression
 * when names and annotations are not enough. The project's tsconfig.json is read as data by the
 * compiler API: no language-service plugins are loaded and nothing from the project is executed.
 *
 * The oracle maps a checker type to our canonical types (apis.ts) by the declaring module and name
 * (`Request` declared in express / express-serve-static-core → `express.Request`), following base
 * interfaces a few levels. It answers '' for a type it knows is none of ours (a `CacheEntry`), and
 * undefined when the checker cannot tell (`any`, unresolved), so the caller keeps what names said.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Node, Project, type SourceFile, type Type } from 'ts-morph';
import type { Span } from '../../engine/positions.js';
import type { Notice } from '../types.js';
import type { TypeOracle } from './model.js';
import { TS_MEMBERS, TS_MODULE_EXPORTS } from './apis.js';

/** Package folders whose declarations stand for another module's exports. */
const MODULE_ALIASES: Record<string, string> = {
  'express-serve-static-core': 'express',
  '@types/express-serve-static-core': 'express',
  '@types/express': 'express',
  '@types/koa': 'koa',
  '@types/aws-lambda': 'aws-lambda',
  '@types/koa__router': '@koa/router',
};
const MAX_BASE_DEPTH = 4;

export function createTypeOracle(root: string, notices: Notice[]): TypeOracle | undefined {
  const tsconfig = join(root, 'tsconfig.json');
  if (!existsSync(tsconfig)) {
    notices.push({ path: 'tsconfig.json', kind: 'skip', message: '--type-aware: no tsconfig.json at the project root; TS/JS types come from names and annotations only' });
    return undefined;
  }
  let project: Project;
  try {
    project = new Project({ tsConfigFilePath: tsconfig, skipLoadingLibFiles: false });
  } catch (e) {
    notices.push({ path: 'tsconfig.json', kind: 'skip', message: `--type-aware: cannot load the TypeScript project (${(e as Error).message.split('\n')[0]}); using names and annotations only` });
    return undefined;
  }
  const files = new Map<string, SourceFile | undefined>();
  const sourceFile = (path: string): SourceFile | undefined => {
    if (files.has(path)) return files.get(path);
    const abs = join(root, path);
    let sf = project.getSourceFile(abs);
    if (!sf && existsSync(abs)) {
      try {
        sf = project.addSourceFileAtPath(abs);
      } catch {
        sf = undefined;
      }
    }
    files.set(path, sf);
    return sf;
  };
  return (path: string, span: Span): string | undefined => {
    try {
      const sf = sourceFile(path);
      if (!sf) return undefined;
      const node = expressionAt(sf, span);
      if (!node) return undefined;
      return canonicalType(node.getType().getNonNullableType(), 0);
    } catch {
      return undefined;
    }
  };
}

/** The outermost expression node that starts and ends exactly at the span. */
function expressionAt(sf: SourceFile, span: Span): Node | undefined {
  const c = sf.compilerNode;
  const start = c.getPositionOfLineAndCharacter(span.line - 1, span.column - 1);
  const end = c.getPositionOfLineAndCharacter(span.endLine - 1, span.endColumn - 1);
  let node: Node | undefined = sf.getDescendantAtPos(start);
  let best: Node | undefined;
  while (node && node.getStart() >= start && node.getEnd() <= end) {
    if (node.getStart() === start && node.getEnd() === end) best = node;
    node = node.getParent();
  }
  return best;
}

function canonicalType(type: Type, depth: number): string | undefined {
  if (type.isAny() || type.isUnknown()) return undefined;
  if (type.isUnion()) {
    for (const t of type.getUnionTypes()) {
      const c = canonicalType(t, depth + 1);
      if (c) return c;
    }
    return '';
  }
  for (const sym of [type.getAliasSymbol(), type.getSymbol()]) {
    if (!sym) continue;
    for (const decl of sym.getDeclarations()) {
      const mod = declaringModule(decl);
      if (!mod) continue;
      const t = TS_MODULE_EXPORTS[`${mod}#${sym.getName()}`];
      if (t) return TS_MEMBERS[`${t}.new`] ?? t;
    }
  }
  if (depth < MAX_BASE_DEPTH) {
    for (const base of type.getBaseTypes()) {
      const c = canonicalType(base, depth + 1);
      if (c) return c;
    }
  }
  if (type.isObject() || type.isString() || type.isNumber() || type.isBoolean()) return '';
  return undefined;
}

/** `declare module 'express' { … }` or a declaration file under node_modules/<pkg>. */
function declaringModule(decl: Node): string | undefined {
  for (let n: Node | undefined = decl; n; n = n.getParent()) {
    if (Node.isModuleDeclaration(n) && n.getDeclarationKind() === 'module') {
      const name = n.getName().replace(/^['"]|['"]$/g, '');
      return MODULE_ALIASES[name] ?? name;
    }
  }
  const file = decl.getSourceFile().getFilePath();
  const m = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file);
  if (!m) return undefined;
  const pkg = m[1]!;
  return MODULE_ALIASES[pkg] ?? pkg.replace(/^@types\//, '').replace(/^(\w+)__(\w+)$/, '@$1/$2');
}



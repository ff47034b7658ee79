/**
 * A tree-sitter tree copied into typed arrays, with a node facade that has the subset of the
 * binding's `SyntaxNode` API the summarizers use.
 *
 * Why: every property of a binding node (`type`, `childForFieldName`, `parent`, …) is an N-API
 * call that marshals the node and, for a node result, allocates a node cache entry that only a
 * garbage collection frees. Summarising through those calls cost 4–6× the parse itself (issue 6
 * profile: unmarshalNode, childForFieldName, parent, namedChildren), and the small native
 * allocations kept a worker's resident memory growing.
 *
 * Two ways to fill the arrays, same result (test/flat-tree.test.ts compares both with the binding):
 * - native (native/flat.c, built at install when a C compiler is there): parse and copy in C, one
 *   call per file;
 * - portable: parse with the binding and copy with one tree-cursor pass, about four N-API calls per
 *   node (move, type id, field id where the parent type has fields, offsets of named nodes).
 * `LOGVOL_NATIVE=0` forces the portable path.
 *
 * Semantics match the binding: children are the visible children a tree cursor visits (extras
 * such as comments included), `namedChildren` keeps the named ones, field lookups use the field
 * ids the cursor reports (inherited through hidden nodes, as `childForFieldName` does), and
 * indices are UTF-16 offsets into the parsed string. Node objects are created on first access
 * and reused, so `===` on them is reliable (unlike the binding's).
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../engine/package-info.js';
import { isWordChar } from '../engine/text.js';
import type Parser from 'tree-sitter';

interface Tables {
  /** type id → type name (filled on first sight, from the cursor) */
  typeNames: string[];
  /** type id → named */
  named: boolean[];
  /** type id → children of this type can have a field (node-types.json; ERROR: always) */
  hasFields: boolean[];
  /** field id → field name */
  fieldNames: string[];
  /** field name → field id */
  fieldIds: Map<string, number>;
  /** type names whose nodes have fields, from the grammar's node-types.json */
  typesWithFields: Set<string>;
  /** the grammar has no node-types.json: every type may have fields */
  fieldsUnknown: boolean;
  /** FlatTree.typeMask: per list of type names, type id → 1 in the list, 2 not, 0 not looked up yet */
  typeMasks: Map<string, Uint8Array>;
}

interface GrammarLanguage {
  nodeTypeInfo?: { type: string; named: boolean; fields?: Record<string, unknown> }[];
}

/**
 * A table indexed by type or field id, `undefined` up to more ids than a grammar's symbols (the
 * four have at most ~400; tree-sitter's ERROR node is id 65535, so the first tree with a syntax
 * error grows its grammar's type tables to 65,536 entries, ~0.5 MB each, once: reach). Written at
 * scattered ids, an empty array changed its elements kind (and fell into dictionary mode) as ids
 * came in, and every optimized read of a node's type was thrown away at each change (V8
 * deoptimizes code that assumed the old layout).
 */
function slots<T>(fill?: T): T[] {
  return Array.from({ length: TABLE_IDS }, () => fill as T);
}
const TABLE_IDS = 1024;

/** Make `table[id]` an index inside it (a grammar with more ids than TABLE_IDS), keeping it packed. */
function reach<T>(table: T[], id: number, fill?: T): void {
  while (table.length <= id) table.push(fill as T);
}

/** One table set per grammar (Language object), shared by every tree of that grammar. */
const tablesByLanguage = new WeakMap<object, Tables>();

function tablesFor(language: GrammarLanguage): Tables {
  let t = tablesByLanguage.get(language);
  if (!t) {
    const info = language.nodeTypeInfo;
    // without node-types.json every type may have fields: read the field id of every node
    const typesWithFields = new Set(info ? info.filter((n) => n.fields && Object.keys(n.fields).length > 0).map((n) => n.type) : []);
    t = { typeNames: slots(), named: slots(), hasFields: slots(info ? undefined : true), fieldNames: slots(), fieldIds: new Map(), typesWithFields: info ? typesWithFields : new Set(), fieldsUnknown: !info, typeMasks: new Map() };
    tablesByLanguage.set(language, t);
  }
  return t;
}

/**
 * The arrays every FlatTree of this thread writes into, reused from file to file and grown by
 * doubling, so copying a tree allocates next to nothing. Hence only the newest FlatTree is valid
 * (FlatTree.node checks).
 */
class Scratch implements Omit<FlatArrays, 'count'> {
  cap = 0;
  generation = 0;
  types: Uint16Array = new Uint16Array(0);
  fields: Uint16Array = new Uint16Array(0);
  starts: Int32Array = new Int32Array(0);
  ends: Int32Array = new Int32Array(0);
  parents: Int32Array = new Int32Array(0);
  firstChild: Int32Array = new Int32Array(0);
  nextSibling: Int32Array = new Int32Array(0);
  flags: Uint8Array = new Uint8Array(0);

  grow(min: number): void {
    const cap = Math.max(min, this.cap * 2, 1 << 14);
    const g16 = (a: Uint16Array): Uint16Array => {
      const b = new Uint16Array(cap);
      b.set(a);
      return b;
    };
    const g32 = (a: Int32Array): Int32Array => {
      const b = new Int32Array(cap);
      b.set(a);
      return b;
    };
    this.types = g16(this.types);
    this.fields = g16(this.fields);
    this.starts = g32(this.starts);
    this.ends = g32(this.ends);
    this.parents = g32(this.parents);
    this.firstChild = g32(this.firstChild);
    this.nextSibling = g32(this.nextSibling);
    const flags = new Uint8Array(cap);
    flags.set(this.flags);
    this.flags = flags;
    this.cap = cap;
  }
}

const scratch = new Scratch();

/** The arrays of one flat tree and its node count. */
export interface FlatArrays {
  count: number;
  types: Uint16Array;
  fields: Uint16Array;
  starts: Int32Array;
  ends: Int32Array;
  parents: Int32Array;
  firstChild: Int32Array;
  nextSibling: Int32Array;
  flags: Uint8Array;
}

/**
 * Parse on libuv's thread pool (native/flat.c parseAsync): the arrays of the file's tree, owned by
 * the caller (FlatTree.fromArrays). Several parses can run at once while JavaScript summarises.
 * Undefined without the native flattener.
 */
export function parseNativeAsync(grammar: { language?: unknown }, text: string, ascii?: Buffer): Promise<FlatArrays> | undefined {
  const native = nativeFlattener();
  if (!native || !grammar.language) return undefined;
  const arrays = ({ count: c, buffer }: { count: number; buffer: ArrayBuffer }): FlatArrays => ({
    count: c,
    starts: new Int32Array(buffer, 0, c),
    ends: new Int32Array(buffer, 4 * c, c),
    parents: new Int32Array(buffer, 8 * c, c),
    firstChild: new Int32Array(buffer, 12 * c, c),
    nextSibling: new Int32Array(buffer, 16 * c, c),
    types: new Uint16Array(buffer, 20 * c, c),
    fields: new Uint16Array(buffer, 22 * c, c),
    flags: new Uint8Array(buffer, 24 * c, c),
  });
  const language = grammar.language;
  if (!ascii) return native.parseAsync(language, text).then(arrays);
  // `ascii`: the text's own bytes, all ASCII (analyze-file.ts prepareText), read where they are
  // instead of copied into UTF-16 on this thread. A tree without an error is the same either way,
  // but tree-sitter's error recovery counts the bytes it skips, and a byte is half a UTF-16 unit:
  // a file with a syntax error can recover into another tree (reviews: 8–30% of fuzzed inputs
  // with an error, by grammar; none of ~250,000 without one). Such a file is parsed again as
  // UTF-16, so its tree never depends on how it was read (a non-ASCII character elsewhere in it,
  // --jobs, the cache).
  return native.parseAsciiAsync(language, ascii).then((r) => {
    const fromBytes = arrays(r);
    return fromBytes.count > 0 && fromBytes.flags[0]! & HAS_ERROR ? native.parseAsync(language, text).then(arrays) : fromBytes;
  });
}

/** Type and field names for the ids a natively parsed tree uses (asked of the addon once per id). */
function fillTables(grammar: { language?: unknown }, arrays: Pick<FlatArrays, 'types' | 'fields' | 'flags'>, count: number): Tables {
  const native = nativeFlattener()!;
  const tables = tablesFor(grammar as GrammarLanguage);
  const { types, fields, flags } = arrays;
  for (let i = 0; i < count; i++) {
    const ty = types[i]!;
    if (tables.typeNames[ty] === undefined) {
      if (ty >= TABLE_IDS) reach(tables.typeNames, ty), reach(tables.named, ty);
      tables.typeNames[ty] = native.symbolName(grammar.language, ty);
      tables.named[ty] = (flags[i]! & NAMED) !== 0;
    }
    const fid = fields[i]!;
    if (fid && tables.fieldNames[fid] === undefined) {
      reach(tables.fieldNames, fid);
      const name = native.fieldName(grammar.language, fid);
      tables.fieldNames[fid] = name;
      tables.fieldIds.set(name, fid);
    }
  }
  return tables;
}

/** flags per node */
export const NAMED = 1;
const MISSING = 2;
const HAS_ERROR = 4;

interface NativeFlat {
  parse(language: unknown, text: string, out: Scratch): number;
  parseAsync(language: unknown, text: string): Promise<{ count: number; buffer: ArrayBuffer }>;
  parseAsciiAsync(language: unknown, bytes: Buffer): Promise<{ count: number; buffer: ArrayBuffer }>;
  symbolName(language: unknown, id: number): string;
  fieldName(language: unknown, id: number): string;
  /** not on Windows (engine/stat-many.ts) */
  statMany?(paths: string, count: number): Float64Array;
}

let nativeFlat: NativeFlat | null | undefined;

/** The native flattener, or null when it was not built (or LOGVOL_NATIVE=0). */
export function nativeFlattener(): NativeFlat | null {
  if (nativeFlat === undefined) {
    nativeFlat = null;
    if (process.env.LOGVOL_NATIVE !== '0') {
      try {
        // node-gyp's output under the package root (this module may be dist/src/… or the dist/cli bundle)
        nativeFlat = createRequire(import.meta.url)(join(PACKAGE_ROOT, 'build', 'Release', 'logvol_flat.node')) as NativeFlat;
      } catch {
        nativeFlat = null;
      }
    }
  }
  return nativeFlat;
}

export class FlatTree {
  readonly text: string;
  /** number of nodes */
  readonly count: number;
  readonly types: Uint16Array;
  readonly fields: Uint16Array;
  /** UTF-16 offsets; -1 for an anonymous node until asked for (portable path, see start/end) */
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly parents: Int32Array;
  readonly firstChild: Int32Array;
  readonly nextSibling: Int32Array;
  /** NAMED | MISSING | HAS_ERROR per node */
  readonly flags: Uint8Array;
  readonly tables: Tables;
  /**
   * node facades by index, made on first access. Filled with `undefined` up front: an array
   * written at scattered indices would fall into dictionary mode (measured: −7% main-thread CPU
   * on prometheus)
   */
  private readonly nodes: (FlatNode | undefined)[];
  /** where each word hasWord was asked about occurs in the text, ascending (found once per tree) */
  private wordStarts: Map<string, Int32Array> | undefined;
  /** the scratch generation this tree was written in; undefined when it owns its arrays */
  private readonly generation: number | undefined;

  private constructor(
    text: string,
    tables: Tables,
    count: number,
    /** the tree's own arrays, or the scratch space (then valid until the next tree is built) */
    arrays: Omit<FlatArrays, 'count'>,
    /** the binding's tree, for offsets read on demand (portable path only) */
    private readonly source?: Parser.Tree,
  ) {
    this.text = text;
    this.tables = tables;
    this.count = count;
    this.nodes = new Array<FlatNode | undefined>(count).fill(undefined);
    this.generation = arrays === scratch ? ++scratch.generation : undefined;
    this.types = arrays.types;
    this.fields = arrays.fields;
    this.starts = arrays.starts;
    this.ends = arrays.ends;
    this.parents = arrays.parents;
    this.firstChild = arrays.firstChild;
    this.nextSibling = arrays.nextSibling;
    this.flags = arrays.flags;
  }

  /**
   * Parse `text` with `grammar` (the grammar package's export: `require('tree-sitter-go')`) in
   * native code and copy the tree. Undefined when the native flattener is not available.
   */
  static parseNative(grammar: { language?: unknown }, text: string): FlatTree | undefined {
    const native = nativeFlattener();
    if (!native || !grammar.language) return undefined;
    if (scratch.cap === 0) scratch.grow(1);
    let count = native.parse(grammar.language, text, scratch);
    if (count < 0) {
      scratch.grow(-count);
      count = native.parse(grammar.language, text, scratch);
    }
    return new FlatTree(text, fillTables(grammar, scratch, count), count, scratch);
  }

  /** A tree over arrays it owns (parseNativeAsync). */
  static fromArrays(grammar: { language?: unknown }, text: string, arrays: FlatArrays): FlatTree {
    return new FlatTree(text, fillTables(grammar, arrays, arrays.count), arrays.count, arrays);
  }

  /** Copy a tree the binding parsed, with one cursor pass. */
  static fromTree(tree: Parser.Tree, text: string): FlatTree {
    // the binding sets `tree.language` to the parser's language object (index.js, Parser.prototype.parse)
    const tables = tablesFor((tree as unknown as { language: GrammarLanguage }).language);
    const hasError = tree.rootNode.hasError;
    let { types, fields, starts, ends, parents, firstChild, nextSibling, flags, cap } = scratch;
    const c = tree.walk();
    const stack: number[] = [];
    let prev = -1; // the previous sibling of the node being added, -1 for a first child
    let n = 0;
    for (;; n++) {
      if (n >= cap) {
        scratch.grow(n + 1);
        ({ types, fields, starts, ends, parents, firstChild, nextSibling, flags, cap } = scratch);
      }
      const ty = c.nodeTypeId;
      if (tables.typeNames[ty] === undefined) {
        if (ty >= TABLE_IDS) reach(tables.typeNames, ty), reach(tables.named, ty), reach(tables.hasFields, ty, tables.fieldsUnknown || undefined);
        const name = c.nodeType;
        tables.typeNames[ty] = name;
        tables.named[ty] = c.nodeIsNamed;
        tables.hasFields[ty] ??= name === 'ERROR' || tables.typesWithFields.has(name);
      }
      const parent = stack.length ? stack[stack.length - 1]! : -1;
      // a child of a type without fields has none: skip the native call (most nodes)
      const fid = parent >= 0 && tables.hasFields[types[parent]!] ? c.currentFieldId : 0;
      if (fid && tables.fieldNames[fid] === undefined) {
        reach(tables.fieldNames, fid);
        const name = c.currentFieldName;
        tables.fieldNames[fid] = name;
        tables.fieldIds.set(name, fid);
      }
      types[n] = ty;
      fields[n] = fid;
      const named = tables.named[ty]!;
      // offsets of anonymous nodes (punctuation, keywords) are rarely read: fetched on demand
      if (named) {
        starts[n] = c.startIndex;
        ends[n] = c.endIndex;
      } else {
        starts[n] = -1;
        ends[n] = -1;
      }
      parents[n] = parent;
      firstChild[n] = -1;
      nextSibling[n] = -1;
      flags[n] = (named ? NAMED : 0) | (hasError && c.nodeIsMissing ? MISSING : 0);
      if (prev >= 0) nextSibling[prev] = n;
      else if (parent >= 0) firstChild[parent] = n;
      if (c.gotoFirstChild()) {
        stack.push(n);
        prev = -1;
        continue;
      }
      prev = n;
      let done = false;
      while (!c.gotoNextSibling()) {
        if (!stack.length || !c.gotoParent()) {
          done = true;
          break;
        }
        prev = stack.pop()!;
      }
      if (done) break;
    }
    const count = n + 1;
    if (hasError) {
      // children come after their parent: one backward pass propagates to every ancestor
      for (let i = count - 1; i >= 0; i--) {
        if (tables.typeNames[types[i]!] === 'ERROR' || flags[i]! & MISSING) flags[i]! |= HAS_ERROR;
        if (flags[i]! & HAS_ERROR && parents[i]! >= 0) flags[parents[i]!]! |= HAS_ERROR;
      }
      // a MISSING hidden token (`source_file_token1`) is invisible to a cursor but still an error;
      // below the root only visible ERROR/MISSING nodes count, all the error search looks for
      flags[0]! |= HAS_ERROR;
    }
    return new FlatTree(text, tables, count, scratch, tree);
  }

  /** A cursor on the binding's tree, kept for the offsets of anonymous nodes. */
  private lazyCursor: Parser.TreeCursor | undefined;

  start(i: number): number {
    if (this.starts[i]! < 0) this.fetchOffsets(i);
    return this.starts[i]!;
  }

  end(i: number): number {
    if (this.ends[i]! < 0) this.fetchOffsets(i);
    return this.ends[i]!;
  }

  /** Pre-order numbering is tree-sitter's descendant index: jump there and read the offsets. */
  private fetchOffsets(i: number): void {
    this.lazyCursor ??= this.source!.walk();
    const c = this.lazyCursor as Parser.TreeCursor & { gotoDescendant(index: number): void };
    c.gotoDescendant(i);
    this.starts[i] = c.startIndex;
    this.ends[i] = c.endIndex;
  }

  node(i: number): FlatNode {
    if (this.generation !== undefined && this.generation !== scratch.generation) throw new Error('internal: a FlatTree was used after the next one was built');
    let n = this.nodes[i];
    if (!n) {
      n = new FlatNode(this, i);
      this.nodes[i] = n;
    }
    return n;
  }

  /**
   * A mask by type id for a list of type names, kept per grammar: 1 in the list, 2 not, 0 not
   * looked up yet (fillTypeMask). One array read per node instead of hashing its type name.
   */
  typeMask(types: readonly string[], key = types.join('\0')): Uint8Array {
    let mask = this.tables.typeMasks.get(key);
    if (!mask) this.tables.typeMasks.set(key, (mask = new Uint8Array(65536)));
    return mask;
  }

  /** Look type id `ty` up for `mask` (every id in a tree has its name in the tables). */
  fillTypeMask(mask: Uint8Array, ty: number, types: ReadonlySet<string>): number {
    return (mask[ty] = types.has(this.tables.typeNames[ty]!) ? 1 : 2);
  }

  get rootNode(): FlatNode {
    return this.node(0);
  }

  /**
   * Whether `word` occurs as a whole word in the text from `start` to `last` + its length, the
   * range's ends counting as word boundaries (`/\bword\b/` on that slice). The word's offsets are
   * found once per tree.
   */
  hasWordBetween(word: string, start: number, last: number): boolean {
    const text = this.text;
    this.wordStarts ??= new Map();
    let at = this.wordStarts.get(word);
    if (!at) {
      const found: number[] = [];
      for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) found.push(i);
      this.wordStarts.set(word, (at = Int32Array.from(found)));
    }
    // the first at or after start
    let lo = 0;
    let hi = at.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (at[mid]! < start) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < at.length && at[k]! <= last; k++) {
      const i = at[k]!;
      if ((i === start || !isWordChar(text.charCodeAt(i - 1))) && (i === last || !isWordChar(text.charCodeAt(i + word.length)))) return true;
    }
    return false;
  }
}

/**
 * `compute` worked out once per tree and node: a cache that goes with its tree (for what a walk asks
 * of the same node many times, such as a loop's kind for every call inside it).
 */
export function perNode<T>(compute: (node: FlatNode) => T): (node: FlatNode) => T {
  const byTree = new WeakMap<FlatTree, Map<number, T>>();
  return (node) => {
    let known = byTree.get(node.tree);
    if (!known) byTree.set(node.tree, (known = new Map()));
    let value = known.get(node.id);
    if (value === undefined) known.set(node.id, (value = compute(node)));
    return value;
  };
}

export class FlatNode {
  constructor(
    readonly tree: FlatTree,
    /** index in the tree's arrays: unique within the tree */
    readonly id: number,
  ) {}

  get type(): string {
    return this.tree.tables.typeNames[this.tree.types[this.id]!]!;
  }

  get isNamed(): boolean {
    return this.tree.tables.named[this.tree.types[this.id]!]!;
  }

  get startIndex(): number {
    return this.tree.start(this.id);
  }

  get endIndex(): number {
    return this.tree.end(this.id);
  }

  get text(): string {
    return this.tree.text.slice(this.tree.start(this.id), this.tree.end(this.id));
  }

  /** Whether the node's text holds `word` as a whole word (`/\bword\b/` on `text`, without copying it). */
  hasWord(word: string): boolean {
    return this.tree.hasWordBetween(word, this.tree.start(this.id), this.tree.end(this.id) - word.length);
  }

  get hasError(): boolean {
    return (this.tree.flags[this.id]! & HAS_ERROR) !== 0;
  }

  get isMissing(): boolean {
    return (this.tree.flags[this.id]! & MISSING) !== 0;
  }

  get parent(): FlatNode | null {
    const p = this.tree.parents[this.id]!;
    return p >= 0 ? this.tree.node(p) : null;
  }

  get children(): FlatNode[] {
    const out: FlatNode[] = [];
    for (let c = this.tree.firstChild[this.id]!; c >= 0; c = this.tree.nextSibling[c]!) out.push(this.tree.node(c));
    return out;
  }

  get namedChildren(): FlatNode[] {
    const { tree } = this;
    const out: FlatNode[] = [];
    for (let c = tree.firstChild[this.id]!; c >= 0; c = tree.nextSibling[c]!) if (tree.tables.named[tree.types[c]!]) out.push(tree.node(c));
    return out;
  }

  /**
   * Push the named children onto a walk's stack, last first (so they pop in document order):
   * `namedChildren` without its array.
   */
  pushNamedChildren(stack: unknown[]): void {
    const { tree } = this;
    const named = tree.tables.named;
    const base = stack.length;
    for (let c = tree.firstChild[this.id]!; c >= 0; c = tree.nextSibling[c]!) if (named[tree.types[c]!]) stack.push(tree.node(c));
    for (let a = base, b = stack.length - 1; a < b; a++, b--) {
      const t = stack[a];
      stack[a] = stack[b];
      stack[b] = t;
    }
  }

  get namedChildCount(): number {
    const { tree } = this;
    let n = 0;
    for (let c = tree.firstChild[this.id]!; c >= 0; c = tree.nextSibling[c]!) if (tree.tables.named[tree.types[c]!]) n++;
    return n;
  }

  child(index: number): FlatNode | null {
    let i = 0;
    for (let c = this.tree.firstChild[this.id]!; c >= 0; c = this.tree.nextSibling[c]!, i++) if (i === index) return this.tree.node(c);
    return null;
  }

  childForFieldName(name: string): FlatNode | null {
    const fid = this.tree.tables.fieldIds.get(name);
    if (fid === undefined) return null;
    for (let c = this.tree.firstChild[this.id]!; c >= 0; c = this.tree.nextSibling[c]!) if (this.tree.fields[c] === fid) return this.tree.node(c);
    return null;
  }

  childrenForFieldName(name: string): FlatNode[] {
    const fid = this.tree.tables.fieldIds.get(name);
    const out: FlatNode[] = [];
    if (fid === undefined) return out;
    for (let c = this.tree.firstChild[this.id]!; c >= 0; c = this.tree.nextSibling[c]!) if (this.tree.fields[c] === fid) out.push(this.tree.node(c));
    return out;
  }

  get nextNamedSibling(): FlatNode | null {
    const { tree } = this;
    for (let c = tree.nextSibling[this.id]!; c >= 0; c = tree.nextSibling[c]!) if (tree.tables.named[tree.types[c]!]) return tree.node(c);
    return null;
  }

  get previousNamedSibling(): FlatNode | null {
    const { tree } = this;
    const p = tree.parents[this.id]!;
    if (p < 0) return null;
    let found: number = -1;
    for (let c = tree.firstChild[p]!; c >= 0 && c !== this.id; c = tree.nextSibling[c]!) if (tree.tables.named[tree.types[c]!]) found = c;
    return found >= 0 ? tree.node(found) : null;
  }

  /** Nodes of the given types in this subtree (this node included, as the binding does), in document order. */
  descendantsOfType(types: string | string[]): FlatNode[] {
    const { tree } = this;
    const list = typeof types === 'string' ? [types] : types;
    const mask = tree.typeMask(list);
    let want: Set<string> | undefined;
    const out: FlatNode[] = [];
    // pre-order numbering: the subtree is the index range from this node to the next node outside it
    const end = this.subtreeEnd();
    const ids = tree.types;
    for (let i = this.id; i < end; i++) {
      const ty = ids[i]!;
      let m = mask[ty]!;
      if (m === 0) m = tree.fillTypeMask(mask, ty, (want ??= new Set(list)));
      if (m === 1) out.push(tree.node(i));
    }
    return out;
  }

  /** One past the last index of this node's subtree (pre-order numbering). */
  subtreeEnd(): number {
    const { tree } = this;
    for (let n = this.id; n >= 0; n = tree.parents[n]!) {
      const s = tree.nextSibling[n]!;
      if (s >= 0) return s;
    }
    return tree.count;
  }

  walk(): FlatCursor {
    return new FlatCursor(this);
  }
}

/** The tree-cursor subset the summarizers use, over the flat arrays. */
export class FlatCursor {
  private i: number;
  private readonly root: number;
  private readonly tree: FlatTree;

  constructor(node: FlatNode) {
    this.tree = node.tree;
    this.i = node.id;
    this.root = node.id;
  }

  get nodeType(): string {
    return this.tree.tables.typeNames[this.tree.types[this.i]!]!;
  }

  get nodeIsNamed(): boolean {
    return this.tree.tables.named[this.tree.types[this.i]!]!;
  }

  get nodeText(): string {
    return this.tree.text.slice(this.tree.start(this.i), this.tree.end(this.i));
  }

  get currentNode(): FlatNode {
    return this.tree.node(this.i);
  }

  gotoFirstChild(): boolean {
    return this.move(this.tree.firstChild[this.i]!);
  }

  /** Like the binding's cursor, never leaves the node it was created on. */
  gotoNextSibling(): boolean {
    return this.i !== this.root && this.move(this.tree.nextSibling[this.i]!);
  }

  gotoParent(): boolean {
    return this.i !== this.root && this.move(this.tree.parents[this.i]!);
  }

  private move(to: number): boolean {
    if (to < 0) return false;
    this.i = to;
    return true;
  }
}

/**
 * The one place where source offsets become line/column positions.
 *
 * tree-sitter's Node binding parses a JavaScript string as UTF-16, so `node.startIndex` is a UTF-16
 * code-unit offset into that string (its `startPosition.column` is in bytes, and its rows only count
 * `\n`). We therefore ignore tree-sitter rows/columns and map offsets through our own line table,
 * which treats `\r\n`, `\n` and a lone `\r` as line breaks. Lines and columns are 1-based; columns
 * count UTF-16 code units, the unit ESLint and SARIF use.
 */

export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export class LineTable {
  private readonly starts: number[];

  constructor(text: string) {
    const starts = [0];
    if (text.indexOf('\r') < 0) {
      // no carriage return (nearly every file): the line feeds, found by the engine's own search
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.starts = starts;
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** 1-based line of a UTF-16 offset. */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  /** Offset at which 1-based `line` starts. */
  lineStart(line: number): number {
    return this.starts[Math.min(Math.max(line, 1), this.starts.length) - 1]!;
  }

  position(offset: number): { line: number; column: number } {
    const line = this.lineOf(offset);
    return { line, column: offset - this.starts[line - 1]! + 1 };
  }

  span(startOffset: number, endOffset: number): Span {
    const s = this.position(startOffset);
    const e = this.position(endOffset);
    return { line: s.line, column: s.column, endLine: e.line, endColumn: e.column };
  }
}

// Offsets ↔ 1-based line/column, and snippets whose characters map back to a file.

import type { Locate, Position } from './types.js';

/** Line starts of a text, computed once; `position` is a binary search. */
export class LineIndex {
  private starts: number[] | undefined;

  constructor(readonly text: string) {}

  private lineStarts(): number[] {
    if (this.starts) return this.starts;
    const starts = [0];
    const text = this.text;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.starts = starts;
    return starts;
  }

  /** 1-based line and column of a 0-based offset (clamped to the text). */
  position(offset: number): Position {
    const starts = this.lineStarts();
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - (starts[lo] as number) + 1 };
  }

  /** 0-based offset of the start of a 1-based line. */
  offsetOfLine(line: number): number {
    const starts = this.lineStarts();
    return starts[Math.max(0, Math.min(line - 1, starts.length - 1))] as number;
  }

  /** Text of a 1-based line, without its line break. */
  lineText(line: number): string {
    const starts = this.lineStarts();
    if (line < 1 || line > starts.length) return '';
    const start = starts[line - 1] as number;
    const next = starts[line];
    let end = next === undefined ? this.text.length : next - 1;
    if (end > start && this.text[end - 1] === '\r') end--;
    return this.text.slice(start, end);
  }

  get lineCount(): number {
    return this.lineStarts().length;
  }
}

/** A string with, for each character, the offset in the original file it came from. */
export interface MappedText {
  text: string;
  /** `offsets[i]` is the file offset of `text[i]`; one extra entry for the end. */
  offsets: number[];
}

export function identityMapped(text: string, start: number): MappedText {
  const offsets = new Array<number>(text.length + 1);
  for (let i = 0; i <= text.length; i++) offsets[i] = start + i;
  return { text, offsets };
}

/** Builds a snippet out of mapped pieces; characters added without a source map to `at`. */
export class SnippetBuilder {
  private chunks: string[] = [];
  private offsets: number[] = [];
  private length = 0;

  get isEmpty(): boolean {
    return this.length === 0;
  }

  append(piece: MappedText): this {
    this.chunks.push(piece.text);
    for (let i = 0; i < piece.text.length; i++) this.offsets.push(piece.offsets[i] as number);
    this.length += piece.text.length;
    return this;
  }

  /** Text that has no place in the file (a separator, a placeholder): it maps to `at`. */
  appendSynthetic(text: string, at: number): this {
    this.chunks.push(text);
    for (let i = 0; i < text.length; i++) this.offsets.push(at);
    this.length += text.length;
    return this;
  }

  build(index: LineIndex): { text: string; locate: Locate } {
    const text = this.chunks.join('');
    const offsets = this.offsets.slice();
    const last = offsets.length > 0 ? (offsets[offsets.length - 1] as number) + 1 : 0;
    return { text, locate: locateThrough(offsets, last, index) };
  }
}

export function locateThrough(offsets: readonly number[], endOffset: number, index: LineIndex): Locate {
  return (offset: number) => {
    if (offsets.length === 0) return index.position(endOffset);
    const i = Math.floor(offset);
    if (i < 0) return index.position(offsets[0] as number);
    if (i >= offsets.length) return index.position(endOffset);
    return index.position(offsets[i] as number);
  };
}

export function mappedLocate(mapped: MappedText, index: LineIndex): Locate {
  const n = mapped.text.length;
  return locateThrough(mapped.offsets.slice(0, n), mapped.offsets[n] ?? 0, index);
}

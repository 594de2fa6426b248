// CSI sequences (colours, cursor moves), OSC sequences (titles, hyperlinks) and single-character escapes.
const ANSI_PATTERN =
  /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]|\u009b[0-?]*[ -/]*[@-~]/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI_PATTERN, '');
}

/**
 * Output as a reader would see it on a terminal: no colour codes, CRLF as LF, and progress lines
 * that redraw themselves with a bare carriage return reduced to their final state.
 */
export function cleanTerminalOutput(text: string): string {
  const plain = stripAnsi(text).replace(/\r\n/g, '\n');
  if (!plain.includes('\r')) return plain;
  return plain
    .split('\n')
    .map((line) => {
      const segments = line.split('\r').filter((segment) => segment.length > 0);
      return segments.length > 0 ? segments[segments.length - 1] : '';
    })
    .join('\n');
}

export interface TailResult {
  text: string;
  /** Whole lines left out before `text`. */
  omittedLines: number;
  /** Characters left out before `text` (includes those of the omitted lines). */
  omittedChars: number;
}

function countNewlines(text: string): number {
  let count = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) count++;
  return count;
}

/** The last `maxChars` characters of `text`, starting at a line boundary when one is close enough. */
export function tailText(text: string, maxChars: number): TailResult {
  if (text.length <= maxChars) return { text, omittedLines: 0, omittedChars: 0 };
  let start = text.length - Math.max(0, maxChars);
  const nextNewline = text.indexOf('\n', start - 1);
  // Starting on a line boundary reads better, unless it would throw away most of the budget.
  if (nextNewline !== -1 && nextNewline + 1 < text.length && nextNewline + 1 - start < maxChars / 2) {
    start = nextNewline + 1;
  }
  const omitted = text.slice(0, start);
  return { text: text.slice(start), omittedLines: countNewlines(omitted), omittedChars: omitted.length };
}

/** A note to put before a tail, e.g. "[… 120 earlier lines omitted]". */
export function omissionNote(omittedLines: number, omittedChars: number): string {
  if (omittedLines > 0) return `[… ${omittedLines} earlier line${omittedLines === 1 ? '' : 's'} omitted]`;
  if (omittedChars > 0) return `[… ${omittedChars} earlier characters omitted]`;
  return '';
}

/**
 * Keeps the last `maxChars` characters of a stream of chunks without re-joining on every append,
 * and remembers how many lines it has dropped so a tail can say what it left out.
 */
export class OutputBuffer {
  private chunks: string[] = [];
  private length = 0;
  private dropped = 0;
  private droppedLineCount = 0;

  constructor(readonly maxChars: number) {}

  append(chunk: string): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.length += chunk.length;
    // Compacting only at twice the limit keeps appends amortised O(chunk length).
    if (this.length > this.maxChars * 2) this.compact();
  }

  /** The kept text: at most `maxChars` characters. */
  text(): string {
    this.compact();
    return this.chunks[0] ?? '';
  }

  /** Total characters ever appended. */
  get totalChars(): number {
    return this.dropped + this.length;
  }

  /** Lines dropped from the front so far (counted by newlines). */
  get droppedLines(): number {
    return this.droppedLineCount;
  }

  /** The last `maxChars` characters (or fewer), with counts that include what the buffer already dropped. */
  tail(maxChars = this.maxChars): TailResult {
    const kept = this.text();
    const inner = tailText(kept, maxChars);
    return {
      text: inner.text,
      omittedLines: this.droppedLineCount + inner.omittedLines,
      omittedChars: this.dropped + inner.omittedChars,
    };
  }

  clear(): void {
    this.chunks = [];
    this.length = 0;
    this.dropped = 0;
    this.droppedLineCount = 0;
  }

  private compact(): void {
    if (this.chunks.length <= 1 && this.length <= this.maxChars) return;
    const joined = this.chunks.join('');
    const cut = Math.max(0, joined.length - this.maxChars);
    if (cut > 0) {
      this.droppedLineCount += countNewlines(joined.slice(0, cut));
      this.dropped += cut;
    }
    const kept = joined.slice(cut);
    this.chunks = kept.length > 0 ? [kept] : [];
    this.length = kept.length;
  }
}

import type { Terminal } from '@xterm/xterm';

/**
 * Buffers output for one terminal and hands it to xterm at most once per animation frame:
 * a command printing thousands of small chunks would otherwise cost one xterm write each.
 * Output that arrives before xterm has loaded is kept and written once it attaches.
 */
export class TerminalSurface {
  private pending: string[] = [];
  private frame: number | null = null;
  private terminal: Terminal | null = null;
  private atLineStart = true;

  write(chunk: string): void {
    if (chunk.length === 0) return;
    this.pending.push(chunk);
    this.atLineStart = chunk.endsWith('\n');
    this.schedule();
  }

  /** Moves to a new line unless the output already ended with one. */
  startLine(): void {
    if (!this.atLineStart) this.write('\r\n');
  }

  attach(terminal: Terminal): void {
    this.terminal = terminal;
    this.schedule();
  }

  detach(): void {
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    this.frame = null;
    this.terminal = null;
  }

  get attached(): Terminal | null {
    return this.terminal;
  }

  clear(): void {
    this.pending = [];
    this.atLineStart = true;
    this.terminal?.clear();
  }

  /** Plain text of everything still in the scrollback, for the copy button. */
  text(): string {
    const terminal = this.terminal;
    if (!terminal) return this.pending.join('');
    const buffer = terminal.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < buffer.length; i++) {
      const line = buffer.getLine(i);
      if (!line) continue;
      if (line.isWrapped && lines.length > 0) lines[lines.length - 1] += line.translateToString(true);
      else lines.push(line.translateToString(true));
    }
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    return lines.join('\n');
  }

  private schedule(): void {
    if (this.frame !== null || this.terminal === null || this.pending.length === 0) return;
    this.frame = requestAnimationFrame(() => this.flush());
  }

  private flush(): void {
    this.frame = null;
    if (!this.terminal || this.pending.length === 0) return;
    const data = this.pending.join('');
    this.pending = [];
    this.terminal.write(data);
  }
}

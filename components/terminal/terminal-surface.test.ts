import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Terminal } from '@xterm/xterm';
import { TerminalSurface } from './terminal-surface';
import { commandHeader, exitLine, formatDuration } from './agent-command-lines';

function fakeTerminal() {
  const writes: string[] = [];
  const terminal = { write: (data: string) => writes.push(data), clear: vi.fn() } as unknown as Terminal;
  return { terminal, writes };
}

describe('TerminalSurface', () => {
  let frames: (() => void)[];
  beforeEach(() => {
    frames = [];
    vi.stubGlobal('requestAnimationFrame', (callback: () => void) => frames.push(callback));
    vi.stubGlobal('cancelAnimationFrame', () => {});
  });
  afterEach(() => vi.unstubAllGlobals());
  const runFrame = () => frames.splice(0).forEach((callback) => callback());

  it('hands many chunks to xterm as one write per animation frame', () => {
    const surface = new TerminalSurface();
    const { terminal, writes } = fakeTerminal();
    surface.attach(terminal);
    for (let i = 1; i <= 20_000; i++) surface.write(`${i}\n`);
    expect(frames).toHaveLength(1);
    expect(writes).toHaveLength(0);
    runFrame();
    expect(writes).toHaveLength(1);
    expect(writes[0].endsWith('19999\n20000\n')).toBe(true);
  });

  it('keeps output that arrives before xterm has loaded', () => {
    const surface = new TerminalSurface();
    surface.write('early ');
    surface.write('output');
    expect(frames).toHaveLength(0);
    const { terminal, writes } = fakeTerminal();
    surface.attach(terminal);
    runFrame();
    expect(writes).toEqual(['early output']);
  });

  it('starts a new line only when the output did not end with one', () => {
    const surface = new TerminalSurface();
    const { terminal, writes } = fakeTerminal();
    surface.attach(terminal);
    surface.startLine();
    surface.write('no newline');
    surface.startLine();
    surface.write('line\n');
    surface.startLine();
    runFrame();
    expect(writes).toEqual(['no newline\r\nline\n']);
  });
});

describe('agent command lines', () => {
  it('shows the command in bold with a $ and the exit in green or red with its duration', () => {
    expect(commandHeader('npm install', false)).toBe('\x1b[1m$ npm install\x1b[0m\r\n');
    expect(exitLine(0, 1234)).toContain('\x1b[32m');
    expect(exitLine(0, 1234)).toContain('exit code 0 · 1.2 s');
    expect(exitLine(2, 80)).toContain('\x1b[31m');
    expect(exitLine(2, 80)).toContain('exit code 2 · 80 ms');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
  });
});

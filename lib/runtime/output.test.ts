import { describe, expect, it } from 'vitest';
import { cleanTerminalOutput, omissionNote, OutputBuffer, stripAnsi, tailText } from './output';

describe('stripAnsi', () => {
  it('removes colours, cursor moves and OSC hyperlinks', () => {
    const input = '\u001b[32m✓\u001b[39m built \u001b[1min\u001b[22m 1.2s\u001b[2K\u001b[1G\u001b]8;;https://x.dev\u0007link\u001b]8;;\u0007';
    expect(stripAnsi(input)).toBe('✓ built in 1.2slink');
  });

  it('leaves plain text alone', () => {
    expect(stripAnsi('a\nb [1m] c')).toBe('a\nb [1m] c');
  });
});

describe('cleanTerminalOutput', () => {
  it('keeps the final state of carriage-return progress lines and normalises CRLF', () => {
    expect(cleanTerminalOutput('start\r\n10%\r50%\r100%\ndone\r\n')).toBe('start\n100%\ndone\n');
  });
});

describe('tailText', () => {
  it('returns short text unchanged', () => {
    expect(tailText('abc\ndef', 100)).toEqual({ text: 'abc\ndef', omittedLines: 0, omittedChars: 0 });
  });

  it('keeps the end, starting at a line boundary, and counts the omitted lines', () => {
    const lines = Array.from({ length: 100 }, (_, i) => `line ${i}`);
    const result = tailText(lines.join('\n'), 40);
    expect(result.text.length).toBeLessThanOrEqual(40);
    expect(result.text.endsWith('line 99')).toBe(true);
    expect(result.text.startsWith('line ')).toBe(true);
    const keptLines = result.text.split('\n').length;
    expect(result.omittedLines + keptLines).toBe(100);
  });

  it('cuts inside a single huge line and reports characters', () => {
    const result = tailText('x'.repeat(1000), 10);
    expect(result).toEqual({ text: 'x'.repeat(10), omittedLines: 0, omittedChars: 990 });
    expect(omissionNote(result.omittedLines, result.omittedChars)).toBe('[… 990 earlier characters omitted]');
  });

  it('writes a singular or plural note', () => {
    expect(omissionNote(1, 5)).toBe('[… 1 earlier line omitted]');
    expect(omissionNote(3, 50)).toBe('[… 3 earlier lines omitted]');
    expect(omissionNote(0, 0)).toBe('');
  });
});

describe('OutputBuffer', () => {
  it('keeps only the last maxChars characters and counts what it dropped', () => {
    const buffer = new OutputBuffer(50);
    for (let i = 0; i < 1000; i++) buffer.append(`row ${i}\n`);
    const text = buffer.text();
    expect(text.length).toBe(50);
    expect(text.endsWith('row 999\n')).toBe(true);
    expect(buffer.totalChars).toBeGreaterThan(5000);

    const tail = buffer.tail(30);
    const keptRows = tail.text.split('\n').filter(Boolean).length;
    expect(tail.omittedLines + keptRows).toBe(1000);
    expect(tail.text.startsWith('row ')).toBe(true);
  });

  it('clears', () => {
    const buffer = new OutputBuffer(10);
    buffer.append('hello world, long');
    buffer.clear();
    expect(buffer.text()).toBe('');
    expect(buffer.totalChars).toBe(0);
  });
});

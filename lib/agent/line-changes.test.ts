import { describe, expect, it } from 'vitest';
import { countLines } from './line-changes';

describe('countLines', () => {
  it('counts lines with and without a final newline, and CRLF endings once', () => {
    expect(countLines('')).toBe(0);
    expect(countLines('one')).toBe(1);
    expect(countLines('one\n')).toBe(1);
    expect(countLines('one\ntwo')).toBe(2);
    expect(countLines('one\r\ntwo\r\n')).toBe(2);
    expect(countLines('\n\n')).toBe(2);
    expect(countLines('a\rb')).toBe(1);
  });
});

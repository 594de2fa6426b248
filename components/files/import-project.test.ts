import { describe, expect, it } from 'vitest';
import { refusedPathsMessage } from './import-project';

describe('refusedPathsMessage', () => {
  it('is null when nothing was refused', () => {
    expect(refusedPathsMessage([])).toBeNull();
  });

  it('counts and names paths that leave the project', () => {
    expect(
      refusedPathsMessage([
        { path: '../evil.txt', reason: 'The path "../evil.txt" uses "..", which would leave the project folder.' },
        { path: '/abs.txt', reason: 'The path "/abs.txt" is absolute; use a path relative to the project root.' },
      ]),
    ).toBe('2 files were not imported because their paths leave the project: ../evil.txt, /abs.txt');
  });

  it('uses general words when the reasons differ', () => {
    expect(refusedPathsMessage([{ path: 'x.bin', reason: 'It uses a compression method Tabsmith cannot read.' }])).toBe(
      '1 file was not imported because their paths are not allowed in a project: x.bin',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { describeFrame, parseStack } from './stack-frames';

const where = (stack: string) => parseStack(stack).map(describeFrame);

describe('parseStack', () => {
  it('reads Chromium stacks, skipping the message line and native frames', () => {
    expect(
      where(
        [
          'TypeError: Cannot read properties of undefined (reading "x")',
          '    at Array.map (<anonymous>)',
          '    at onClick (https://abc--5173.local-credentialless.webcontainer-api.io/src/App.tsx?t=1:12:5)',
          '    at async load (http://localhost:5173/src/api.ts:3:9)',
          '    at http://localhost:5173/src/main.tsx:1:1',
        ].join('\n'),
      ),
    ).toEqual([
      'onClick (https://abc--5173.local-credentialless.webcontainer-api.io/src/App.tsx?t=1:12:5)',
      'async load (http://localhost:5173/src/api.ts:3:9)',
      'http://localhost:5173/src/main.tsx:1:1',
    ]);
  });

  it('reads Firefox stacks, including anonymous and nested function names', () => {
    expect(where('onClick@http://localhost:5173/src/App.tsx:12:5\nApp/<@http://localhost:5173/src/App.tsx:4:3\n@http://localhost:5173/src/main.tsx:1:1\n')).toEqual([
      'onClick (http://localhost:5173/src/App.tsx:12:5)',
      'App/< (http://localhost:5173/src/App.tsx:4:3)',
      'http://localhost:5173/src/main.tsx:1:1',
    ]);
  });

  it('reads Safari stacks, dropping native code and naming no function for top-level code', () => {
    expect(
      where('onClick@http://localhost:5173/src/App.tsx:12:5\nmap@[native code]\nglobal code@http://localhost:5173/src/main.tsx:1:1\nhttp://localhost:5173/src/late.js:2:7'),
    ).toEqual(['onClick (http://localhost:5173/src/App.tsx:12:5)', 'http://localhost:5173/src/main.tsx:1:1', 'http://localhost:5173/src/late.js:2:7']);
  });

  it('gives nothing for an empty or location-free stack', () => {
    expect(parseStack(undefined)).toEqual([]);
    expect(parseStack('Error: boom\n    at <anonymous>')).toEqual([]);
  });
});

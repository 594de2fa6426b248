import { describe, expect, it } from 'vitest';
import { findDevServerErrors } from './dev-server-errors';

describe('findDevServerErrors', () => {
  it('finds Vite, plugin and esbuild errors with their context, and nothing in clean output', () => {
    expect(findDevServerErrors('  VITE v6.4.6  ready in 300 ms\n\n  ➜  Local:   http://localhost:5173/\n1:00:00 PM [vite] hmr update /src/App.tsx\n')).toEqual([]);
    expect(
      findDevServerErrors(
        '1:00:00 PM [vite] hmr update /src/App.tsx\n[plugin:vite:react-babel] /app/src/App.tsx: Unexpected token (3:9)\n  1 | export default function App() {\n  2 |   return (\n> 3 |     <div\n\n',
      ),
    ).toEqual(['[plugin:vite:react-babel] /app/src/App.tsx: Unexpected token (3:9)\n  1 | export default function App() {\n  2 |   return (\n> 3 |     <div']);
    expect(findDevServerErrors('✘ [ERROR] Expected ";" but found "}"\n\n    src/a.ts:2:0:\n')).toEqual(['✘ [ERROR] Expected ";" but found "}"']);
  });

  it('keeps each distinct error once and at most five', () => {
    const same = '[vite] Internal server error: boom\n\n'.repeat(3);
    expect(findDevServerErrors(same)).toEqual(['[vite] Internal server error: boom']);
    const many = Array.from({ length: 9 }, (_, i) => `[vite] Internal server error: e${i}\n\n`).join('');
    expect(findDevServerErrors(many)).toHaveLength(5);
  });
});

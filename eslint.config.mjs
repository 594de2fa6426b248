import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

/** DESIGN.md §1: dependencies point one way, app → components → lib; a runtime backend never imports another. */
const viewLibraries = ['react', 'react/*', 'react-dom', 'react-dom/*', 'next', 'next/*', '@ai-sdk/react'];
const notUpward = {
  group: ['@/components/*', '@/components/**', '@/app/*', '@/app/**', '**/components/**', '**/app/**'],
  message: 'lib/ must not import components/ or app/ (app → components → lib).',
};
const plainLib = { group: viewLibraries, message: 'lib/ is plain TypeScript: no React or Next (DESIGN.md §1).' };
const layer = (files, patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns }] },
});

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: ['.next/**', 'node_modules/**', 'public/monaco/**', '.data/**', 'e2e/fixtures/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts'],
  },
  layer(
    ['components/**/*.{ts,tsx}'],
    [{ group: ['@/app/*', '@/app/**', '**/app/*', '../app/**'], message: 'components/ must not import app/ (app → components → lib).' }],
  ),
  layer(
    ['lib/**/*.{ts,tsx}'],
    [plainLib, notUpward],
  ),
  layer(
    ['lib/runtime/webcontainer/**/*.{ts,tsx}'],
    [
      plainLib,
      notUpward,
      { group: ['**/local/**', '**/local', '@/lib/runtime/local/**'], message: 'A runtime backend never imports another backend.' },
    ],
  ),
  layer(
    ['lib/runtime/local/**/*.{ts,tsx}'],
    [
      plainLib,
      notUpward,
      { group: ['**/webcontainer/**', '**/webcontainer', '@/lib/runtime/webcontainer/**'], message: 'A runtime backend never imports another backend.' },
    ],
  ),
];

export default config;

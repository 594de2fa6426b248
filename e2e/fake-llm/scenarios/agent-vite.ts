import type { Scenario } from '../scenario';

export const VITE_APP_FIRST = 'Tailwind app, first version';
export const VITE_APP_SECOND = 'Tailwind app, second version';
/** The module turn 3 imports without writing it, so Vite cannot resolve the import. */
export const MISSING_MODULE = './Badge';

/**
 * The versions the system prompt calls known-good (lib/agent/system-prompt.ts), pinned to the newest
 * release of each range on the registry when this scenario was written (`npm view`).
 */
const packageJson =
  JSON.stringify(
    {
      name: 'tailwind-check',
      private: true,
      version: '0.1.0',
      type: 'module',
      scripts: { dev: 'vite', build: 'vite build' },
      dependencies: { react: '19.3.1', 'react-dom': '19.3.1' },
      devDependencies: {
        '@tailwindcss/vite': '4.3.5',
        '@types/react': '19.3.3',
        '@types/react-dom': '19.3.0',
        '@vitejs/plugin-react': '4.7.0',
        tailwindcss: '4.3.5',
        typescript: '5.9.3',
        vite: '6.4.6',
      },
    },
    null,
    2,
  ) + '\n';

const appTsx = `export default function App() {
  return (
    <main id="card" className="m-4 rounded-lg bg-red-500 p-8 text-white">
      <h1 id="headline" className="text-3xl font-bold">${VITE_APP_FIRST}</h1>
    </main>
  );
}
`;

/** Vite + React + TypeScript + Tailwind CSS 4 as the system prompt describes it: no tailwind.config.js, no PostCSS. */
export const viteReactTsFiles: { path: string; content: string }[] = [
  { path: 'package.json', content: packageJson },
  {
    path: 'vite.config.ts',
    content: `import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';

export default defineConfig({ plugins: [react(), tailwindcss()] });
`,
  },
  {
    path: 'tsconfig.json',
    content:
      JSON.stringify(
        {
          compilerOptions: {
            target: 'ES2022',
            lib: ['ES2022', 'DOM', 'DOM.Iterable'],
            module: 'ESNext',
            moduleResolution: 'bundler',
            jsx: 'react-jsx',
            strict: true,
            noEmit: true,
            skipLibCheck: true,
          },
          include: ['src', 'vite.config.ts'],
        },
        null,
        2,
      ) + '\n',
  },
  {
    path: 'index.html',
    content: `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1.0" />
    <title>Tailwind check</title>
  </head>
  <body>
    <div id="root"></div>
    <script type="module" src="/src/main.tsx"></script>
  </body>
</html>
`,
  },
  { path: 'src/index.css', content: '@import "tailwindcss";\n' },
  {
    path: 'src/main.tsx',
    content: `import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './index.css';
import App from './App';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
`,
  },
  { path: 'src/App.tsx', content: appTsx },
];

/** Turn 1 (acceptance 1): the whole app in one step, `npm install` in the foreground, `npm run dev` in the background. */
export const agentVite1: Scenario = {
  name: 'agent-vite-1',
  steps: [
    {
      text: 'Building it with Vite, React, TypeScript and Tailwind.',
      tool_calls: [
        ...viteReactTsFiles.map((file) => ({ name: 'write_file', arguments: { ...file } })),
        { name: 'run_command', arguments: { command: 'npm install', timeout_seconds: 600 } },
        { name: 'run_command', arguments: { command: 'npm run dev', background: true } },
      ],
    },
    { text: 'The Tailwind app is running.' },
  ],
};

/** Turn 2 (acceptance 1): a change with edit_file that Vite applies as a hot update. */
export const agentVite2: Scenario = {
  name: 'agent-vite-2',
  steps: [
    {
      tool_calls: [
        {
          name: 'edit_file',
          arguments: {
            path: 'src/App.tsx',
            edits: [
              { old_text: 'bg-red-500', new_text: 'bg-blue-600' },
              { old_text: VITE_APP_FIRST, new_text: VITE_APP_SECOND },
            ],
          },
        },
      ],
    },
    { text: 'Changed the colour and the title.' },
  ],
};

/** Turn 3 (acceptance 6): an import of a module that does not exist, checked at once and once more. */
export const agentVite3: Scenario = {
  name: 'agent-vite-3',
  steps: [
    {
      tool_calls: [
        {
          name: 'edit_file',
          arguments: {
            path: 'src/App.tsx',
            edits: [
              { old_text: 'export default function App() {', new_text: `import Badge from '${MISSING_MODULE}';\n\nexport default function App() {` },
              { old_text: `${VITE_APP_SECOND}</h1>`, new_text: `${VITE_APP_SECOND}</h1>\n      <Badge />` },
            ],
          },
        },
        { name: 'check_preview', arguments: {} },
      ],
    },
    { tool_calls: [{ name: 'check_preview', arguments: {} }] },
    { text: 'The preview reports a missing module.' },
  ],
};

import type { Scenario } from '../scenario';

/** What the preview shows once the app renders; bench/flagship.bench.ts waits for it. */
export const VITE_TAILWIND_HEADING = 'Plant watering planner';

/** A Vite + React + Tailwind 4 app: the seven files the agent writes, in order. */
export const viteTailwindFiles: { path: string; content: string }[] = [
  {
    path: 'package.json',
    content:
      JSON.stringify(
        {
          name: 'plant-planner',
          private: true,
          version: '0.1.0',
          type: 'module',
          scripts: { dev: 'vite', build: 'vite build' },
          dependencies: { react: '19.3.1', 'react-dom': '19.3.1' },
          devDependencies: {
            '@tailwindcss/vite': '4.3.5',
            '@vitejs/plugin-react': '6.3.0',
            tailwindcss: '4.3.5',
            vite: '8.3.8',
          },
        },
        null,
        2,
      ) + '\n',
  },
  {
    path: 'vite.config.js',
    content: `import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';

export default defineConfig({ plugins: [react(), tailwindcss()] });
`,
  },
  {
    path: 'index.html',
    content: `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1.0" />
    <title>Plant watering planner</title>
  </head>
  <body class="bg-emerald-50">
    <div id="root"></div>
    <script type="module" src="/src/main.jsx"></script>
  </body>
</html>
`,
  },
  { path: 'src/index.css', content: `@import "tailwindcss";\n` },
  {
    path: 'src/main.jsx',
    content: `import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './index.css';
import App from './App.jsx';

createRoot(document.getElementById('root')).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
`,
  },
  {
    path: 'src/App.jsx',
    content: `import { useState } from 'react';
import PlantCard from './PlantCard.jsx';

const initialPlants = [
  { id: 1, name: 'Monstera', everyDays: 7 },
  { id: 2, name: 'Basil', everyDays: 2 },
  { id: 3, name: 'Cactus', everyDays: 21 },
];

export default function App() {
  const [plants, setPlants] = useState(initialPlants);
  const water = (id) => setPlants((list) => list.map((p) => (p.id === id ? { ...p, wateredToday: true } : p)));
  return (
    <main className="mx-auto max-w-xl p-8">
      <h1 className="mb-6 text-3xl font-bold text-emerald-900">${VITE_TAILWIND_HEADING}</h1>
      <ul className="space-y-3">
        {plants.map((plant) => (
          <PlantCard key={plant.id} plant={plant} onWater={() => water(plant.id)} />
        ))}
      </ul>
    </main>
  );
}
`,
  },
  {
    path: 'src/PlantCard.jsx',
    content: `export default function PlantCard({ plant, onWater }) {
  return (
    <li className="flex items-center justify-between rounded-xl bg-white p-4 shadow-sm">
      <div>
        <p className="font-semibold text-emerald-950">{plant.name}</p>
        <p className="text-sm text-emerald-700">Every {plant.everyDays} days</p>
      </div>
      <button
        type="button"
        onClick={onWater}
        disabled={plant.wateredToday}
        className="rounded-lg bg-emerald-600 px-3 py-1 text-white disabled:bg-emerald-300"
      >
        {plant.wateredToday ? 'Watered' : 'Water'}
      </button>
    </li>
  );
}
`,
  },
];

/**
 * bench/flagship.bench.ts: the whole app in one step (seven `write_file` calls, `npm install` in the foreground,
 * `npm run dev` in the background), streamed without pauses so the model's share of the time is nothing.
 */
export const viteTailwind: Scenario = {
  name: 'vite-tailwind',
  steps: [
    {
      text: 'I will build the planner with Vite, React and Tailwind.',
      tool_calls: [
        ...viteTailwindFiles.map((file) => ({ name: 'write_file', arguments: { ...file } })),
        { name: 'run_command', arguments: { command: 'npm install' } },
        { name: 'run_command', arguments: { command: 'npm run dev', background: true } },
      ],
      chunk_delay_ms: 0,
    },
    { text: 'The planner is running in the preview.', chunk_delay_ms: 0 },
  ],
};

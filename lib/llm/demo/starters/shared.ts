/** Files every starter app shares: a dependency-free static server, so `npm install` works offline. */

/** The five files of a starter app, in the order the demo writes them. */
export function starterFiles(name: string, page: { indexHtml: string; styleCss: string; appJs: string }): { path: string; content: string }[] {
  return [
    { path: 'package.json', content: packageJson(name) },
    { path: 'server.mjs', content: serverMjs },
    { path: 'index.html', content: page.indexHtml },
    { path: 'style.css', content: page.styleCss },
    { path: 'app.js', content: page.appJs },
  ];
}

/** A starter's `index.html`: the page head every starter shares, `body` inside `<body>`, then its `app.js`. */
export function starterPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <link rel="icon" href="data:," />
    <title>${title}</title>
    <link rel="stylesheet" href="/style.css" />
  </head>
  <body>
${body}    <script type="module" src="/app.js"></script>
  </body>
</html>
`;
}

export function packageJson(name: string): string {
  return (
    JSON.stringify(
      {
        name,
        private: true,
        version: '0.1.0',
        type: 'module',
        scripts: { dev: 'node server.mjs', start: 'node server.mjs' },
      },
      null,
      2,
    ) + '\n'
  );
}

export const serverMjs = `import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));
const port = Number(process.env.PORT) || 5173;
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

const server = createServer(async (req, res) => {
  const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
  const relative = normalize(pathname === '/' ? '/index.html' : pathname).replace(/^([/\\\\])+/, '');
  if (relative.startsWith('..') || relative.startsWith('node_modules')) {
    res.writeHead(403).end('Forbidden');
    return;
  }
  try {
    const body = await readFile(join(root, relative));
    res.writeHead(200, { 'content-type': types[extname(relative)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
  }
});

server.listen(port, () => {
  console.log('  Local:   http://localhost:' + port + '/');
});
`;

export const baseCss = `:root {
  color-scheme: light;
  --bg: #f5f3ff;
  --card: #ffffff;
  --ink: #1f1a3d;
  --muted: #6b6790;
  --accent: #6d4aff;
  --accent-ink: #ffffff;
  --line: #e4e0f7;
  font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
}

* { box-sizing: border-box; }

body {
  margin: 0;
  min-height: 100vh;
  display: grid;
  place-items: center;
  background: radial-gradient(circle at 20% 10%, #ede9fe, var(--bg) 60%);
  color: var(--ink);
}

.card {
  width: min(420px, calc(100vw - 32px));
  padding: 28px;
  border-radius: 20px;
  background: var(--card);
  box-shadow: 0 20px 50px -20px rgba(61, 40, 160, 0.35);
}

h1 { margin: 0 0 4px; font-size: 1.6rem; }
.subtitle { margin: 0 0 20px; color: var(--muted); }

button {
  font: inherit;
  border: 0;
  border-radius: 12px;
  padding: 10px 16px;
  background: var(--accent);
  color: var(--accent-ink);
  cursor: pointer;
  transition: transform 0.08s ease, filter 0.15s ease;
}
button:hover { filter: brightness(1.08); }
button:active { transform: scale(0.97); }
button.secondary { background: #ede9fe; color: var(--accent); }

input[type='text'], input[type='number'] {
  font: inherit;
  flex: 1;
  min-width: 0;
  padding: 10px 12px;
  border: 1px solid var(--line);
  border-radius: 12px;
  outline: none;
}
input:focus { border-color: var(--accent); box-shadow: 0 0 0 3px #ddd6fe; }
`;

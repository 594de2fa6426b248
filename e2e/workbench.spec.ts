import { expect, test, type Request } from '@playwright/test';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { HomePage } from './pages/home';
import { WorkbenchPage } from './pages/workbench';

const png = new Uint8Array(readFileSync(path.join(import.meta.dirname, 'fixtures', 'gradient.png')));

test('a description typed on the home page opens a new project with it in the chat', async ({ page }) => {
  const home = new HomePage(page);
  await home.goto();
  await home.startProject('A tip calculator that splits the bill');

  const workbench = new WorkbenchPage(page);
  await workbench.waitUntilOpen();
  await expect(workbench.chatMessages.filter({ hasText: 'A tip calculator that splits the bill' }).first()).toBeVisible();
  await expect(page.getByTestId('project-name')).toHaveText('Tip calculator');

  await page.getByTestId('project-name').click();
  await page.getByTestId('project-name-input').fill('Bill splitter');
  await page.getByTestId('project-name-input').press('Enter');
  await expect(page.getByTestId('project-name')).toHaveText('Bill splitter');

  await page.getByTestId('home-link').click();
  await expect(home.prompt).toBeVisible();
  const listed = home.recentProjects.filter({ hasText: 'Bill splitter' });
  await expect(listed).toHaveCount(1);
  await listed.getByTestId('delete-project').click();
  await listed.getByTestId('confirm-delete-project').click();
  await expect(home.recentProjects.filter({ hasText: 'Bill splitter' })).toHaveCount(0);
});

test('a file created in the tree and typed into Monaco survives a reload, tab included', async ({ page }) => {
  await new HomePage(page).goto();
  await new HomePage(page).startProject('A notes page');
  const workbench = new WorkbenchPage(page);

  await workbench.createFile('src/App.tsx');
  await workbench.typeInEditor('export const answer: number = 42;');
  await expect(workbench.tab('src/App.tsx')).toHaveAttribute('data-dirty', 'true');
  await workbench.saveWithKeyboard();
  await expect(workbench.tab('src/App.tsx')).not.toHaveAttribute('data-dirty', 'true');

  await page.reload();
  await workbench.waitUntilOpen();
  await expect(workbench.treeItem('src/App.tsx')).toBeVisible();
  await expect(workbench.tab('src/App.tsx')).toHaveAttribute('data-active', 'true');
  await workbench.expectEditorText('export const answer: number = 42;');
});

test('a type error gets a Monaco diagnostic marker from the TypeScript worker', async ({ page }) => {
  await new HomePage(page).goto();
  await new HomePage(page).startProject('A snake game');
  const workbench = new WorkbenchPage(page);

  await workbench.createFile('src/broken.ts');
  await workbench.typeInEditor('const broken: number = "not a number";');
  await expect(workbench.editor.locator('.squiggly-error').first()).toBeVisible({ timeout: 30_000 });
});

test('an imported zip with a binary image exports with identical bytes', async ({ page }) => {
  const original: Record<string, Uint8Array> = {
    'package.json': strToU8('{\n  "name": "photo-app",\n  "scripts": { "dev": "vite" }\n}\n'),
    'index.html': strToU8('<!doctype html>\n<img src="/public/gradient.png">\n'),
    'src/main.js': strToU8("console.log('héllo ✓');\n"),
    'public/gradient.png': png,
  };
  await new HomePage(page).goto();
  await new HomePage(page).startProject('A photo gallery');
  const workbench = new WorkbenchPage(page);
  await workbench.waitUntilOpen();

  await workbench.importZip('photo-app.zip', zipSync({ ...original, 'assets/empty/': new Uint8Array() }));
  await expect(page.getByTestId('project-name')).toHaveText('photo-app');
  await expect(workbench.treeItem('public')).toBeVisible();
  await workbench.treeItem('public').click();
  await expect(workbench.treeItem('public/gradient.png')).toHaveAttribute('data-binary', 'true');
  await workbench.openFile('public/gradient.png');
  await expect(workbench.editor.getByTestId('binary-file').locator('img')).toBeVisible();

  const { fileName, bytes } = await workbench.exportZip();
  expect(fileName).toBe('photo-app.zip');
  const exported = unzipSync(bytes);
  const files = Object.fromEntries(Object.entries(exported).filter(([name]) => !name.endsWith('/')));
  expect(Object.keys(files).sort()).toEqual(Object.keys(original).sort());
  for (const [name, content] of Object.entries(original)) {
    expect(Buffer.from(files[name]).equals(Buffer.from(content)), `${name} has the same bytes`).toBe(true);
  }
  expect(Object.keys(exported)).toContain('assets/empty/');
});

test('a zip with paths leaving the project imports the rest and names the refused ones', async ({ page }) => {
  await new HomePage(page).goto();
  await new HomePage(page).startProject('An importer');
  const workbench = new WorkbenchPage(page);
  await workbench.waitUntilOpen();

  const zip = zipSync({
    '../evil.txt': strToU8('outside'),
    '/abs.txt': strToU8('absolute'),
    'README.md': strToU8('# Fine\n'),
    'src/index.js': strToU8('export {};\n'),
  });
  await workbench.importZip('mixed.zip', zip);

  await expect(workbench.importNotice).toContainText('2 files were not imported');
  await expect(workbench.importNotice).toContainText('../evil.txt');
  await expect(workbench.importNotice).toContainText('/abs.txt');
  await expect(workbench.treeItem('README.md')).toBeVisible();
  await expect(workbench.treeItem('src')).toBeVisible();
  await expect(workbench.fileTree.locator('[data-path$="evil.txt"], [data-path$="abs.txt"]')).toHaveCount(0);
});

test('a zip dropped on the home page becomes a new project', async ({ page }) => {
  const home = new HomePage(page);
  await home.goto();
  await home.dropZip('dropped-site.zip', zipSync({ 'index.html': strToU8('<h1>Hi</h1>\n'), 'css/site.css': strToU8('h1{}\n') }));
  await page.waitForURL(/\/p\/[a-z0-9]+$/);
  const workbench = new WorkbenchPage(page);
  await workbench.waitUntilOpen();
  await expect(page.getByTestId('project-name')).toHaveText('dropped-site');
  await expect(workbench.treeItem('index.html')).toBeVisible();
  await expect(workbench.treeItem('css')).toBeVisible();
});

test('Import on the home page turns a zip into a new project and names refused paths', async ({ page }) => {
  const home = new HomePage(page);
  await home.goto();
  const zip = zipSync({ '../evil.txt': strToU8('outside'), 'index.html': strToU8('<h1>Hi</h1>\n') });
  await page.getByTestId('import-zip').setInputFiles({ name: 'home-import.zip', mimeType: 'application/zip', buffer: Buffer.from(zip) });
  await page.waitForURL(/\/p\/[a-z0-9]+$/);
  const workbench = new WorkbenchPage(page);
  await workbench.waitUntilOpen();
  await expect(workbench.treeItem('index.html')).toBeVisible();
  await expect(workbench.importNotice).toContainText('../evil.txt');
});

test('the file tree creates, renames and deletes files and folders, and refuses bad names', async ({ page }) => {
  await new HomePage(page).goto();
  await new HomePage(page).startProject('A tidy tree');
  const workbench = new WorkbenchPage(page);

  await page.getByTestId('new-folder').click();
  await page.getByTestId('file-tree-name-input').fill('components');
  await page.getByTestId('file-tree-name-input').press('Enter');
  await expect(workbench.treeItem('components')).toHaveAttribute('aria-expanded', 'true');

  // The selected folder receives the new file.
  await workbench.createFile('components/Button.tsx', 'Button.tsx');

  await page.getByTestId('new-file').click();
  await page.getByTestId('file-tree-name-input').fill('../outside.txt');
  await page.getByTestId('file-tree-name-input').press('Enter');
  await expect(page.getByTestId('file-tree-error')).toContainText('would leave the project folder');
  await page.getByTestId('file-tree-name-input').press('Escape');

  await workbench.treeItem('components/Button.tsx').focus();
  await page.keyboard.press('F2');
  await page.getByTestId('file-tree-name-input').fill('Card.tsx');
  await page.getByTestId('file-tree-name-input').press('Enter');
  await expect(workbench.treeItem('components/Card.tsx')).toBeVisible();
  await expect(workbench.treeItem('components/Button.tsx')).toHaveCount(0);
  await expect(workbench.tab('components/Card.tsx')).toBeVisible();

  await workbench.treeItem('components').hover();
  await workbench.treeItem('components').getByTestId('delete-path').click();
  await workbench.treeItem('components').getByTestId('confirm-delete').click();
  await expect(workbench.treeItem('components')).toHaveCount(0);
  await expect(workbench.tab('components/Card.tsx')).toHaveCount(0);
});

test('pane sizes are remembered across a reload', async ({ page }) => {
  await new HomePage(page).goto();
  await new HomePage(page).startProject('A resizable thing');
  const workbench = new WorkbenchPage(page);
  await workbench.waitUntilOpen();

  const chat = page.locator('[data-panel][id="chat-pane"]');
  const before = (await chat.boundingBox())!.width;
  await page.getByRole('separator').first().focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await chat.boundingBox())!.width).toBeGreaterThan(before + 20);
  const resized = (await chat.boundingBox())!.width;

  await page.waitForTimeout(600); // the store saves after a short debounce
  await page.reload();
  await workbench.waitUntilOpen();
  await expect.poll(async () => Math.round((await chat.boundingBox())!.width)).toBe(Math.round(resized));
});

test('a file over 1 MB opens read-only with a note', async ({ page }) => {
  await new HomePage(page).goto();
  await new HomePage(page).startProject('A big data viewer');
  const workbench = new WorkbenchPage(page);
  await workbench.waitUntilOpen();

  const big = `${'// filler line to make the file large\n'.repeat(30_000)}export {};\n`;
  await workbench.importZip('big.zip', zipSync({ 'data.js': strToU8(big) }));
  await workbench.openFile('data.js');
  await expect(page.getByTestId('editor-readonly-note')).toContainText('read-only');
  await workbench.editorLines.click();
  await page.keyboard.type('typed');
  await expect(workbench.tab('data.js')).not.toHaveAttribute('data-dirty', 'true');
});

test('pages load only from the app’s own origin and are cross-origin isolated', async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  // The WebContainer boot frame is the one allowed exception (DESIGN.md §3, issue 2).
  const allowed = /(^|\.)(stackblitz\.com|staticblitz\.com|webcontainer-api\.io|webcontainer\.io)$/;
  const foreign: string[] = [];
  const record = (request: Request) => {
    const url = new URL(request.url());
    if (url.protocol === 'data:' || url.protocol === 'blob:') return;
    if (url.origin !== origin && !allowed.test(url.hostname)) foreign.push(request.url());
  };
  page.context().on('request', record);

  const home = new HomePage(page);
  await home.goto();
  await page.waitForLoadState('networkidle');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);

  await home.startProject('A page that says hello');
  const workbench = new WorkbenchPage(page);
  await workbench.createFile('src/check.ts');
  // The TypeScript worker answering proves the worker scripts loaded from this origin too.
  await workbench.typeInEditor('const n: string = 1;');
  await expect(workbench.editor.locator('.squiggly-error').first()).toBeVisible({ timeout: 30_000 });
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);

  await page.reload();
  await workbench.waitUntilOpen();
  await page.waitForLoadState('networkidle');
  expect(foreign).toEqual([]);
});

test('every contract test id on the workbench names exactly one element', async ({ page }) => {
  await new HomePage(page).goto();
  await new HomePage(page).startProject('A page with one heading');
  await new WorkbenchPage(page).waitUntilOpen();
  for (const id of ['chat-input', 'chat-send', 'file-tree', 'editor', 'terminal', 'runtime-status', 'model-picker', 'export-zip', 'import-zip']) {
    await expect(page.getByTestId(id), id).toHaveCount(1);
  }
});

test('the home page fetches the editor and the model list while the person types; the workbench a prompt opens asks for neither again', async ({
  page,
}) => {
  const requested: { path: string; onHome: boolean }[] = [];
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith('/monaco/vs/editor') || pathname === '/api/models') {
      requested.push({ path: pathname, onHome: new URL(page.url()).pathname === '/' });
    }
  });
  const home = new HomePage(page);
  await home.goto();
  await expect.poll(() => requested.filter((r) => r.path.startsWith('/monaco/vs/editor')).length, { timeout: 15_000 }).toBeGreaterThan(0);
  await home.startProject('A habit tracker');
  const workbench = new WorkbenchPage(page);
  await workbench.waitUntilOpen();
  await expect(workbench.chatMessages.filter({ hasText: 'A habit tracker' }).first()).toBeVisible();
  await workbench.createFile('notes.md');
  await expect(page.locator('.monaco-editor').first()).toBeVisible();
  expect(requested.length).toBeGreaterThan(1);
  // The preload may still be fetching its last files as the workbench opens; what must not happen is a second load.
  expect(requested.find((r) => r.path.startsWith('/monaco/vs/editor'))?.onHome).toBe(true);
  expect(requested.find((r) => r.path === '/api/models')?.onHome).toBe(true);
  const paths = requested.map((r) => r.path);
  expect(paths.filter((path, index) => paths.indexOf(path) !== index)).toEqual([]);
});

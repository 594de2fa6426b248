import { describe, expect, it, vi } from 'vitest';
import { createMemoryCheckpointRepository } from '../checkpoints/checkpoint-store';
import { createMemoryRepository } from '../project/memory-repository';
import { newProjectRecord } from '../project/persistence';
import { createProjectStore } from '../project/project-store';
import { FakeRuntime } from '../runtime/test-support/fake-runtime';
import type { PreviewError } from '../runtime/types';
import { createWorkbenchSession } from './session';

function setup(options: {
  webcontainer?: FakeRuntime;
  local?: FakeRuntime | null;
  mode?: 'auto' | 'local';
  files?: Record<string, string>;
  saveDelayMs?: number;
  appWasRunning?: boolean;
}) {
  const record = {
    ...newProjectRecord({ name: 'Test', files: options.files ?? { 'index.html': '<h1>hi</h1>' } }),
    appWasRunning: options.appWasRunning ?? false,
  };
  const repository = createMemoryRepository([record]);
  const store = createProjectStore(record, repository, { saveDelayMs: options.saveDelayMs ?? 0 });
  const webcontainer = options.webcontainer ?? new FakeRuntime('webcontainer', 'hang');
  const local = options.local === undefined ? new FakeRuntime('local') : options.local;
  const session = createWorkbenchSession({
    projectId: record.meta.id,
    store,
    runtimeConfig: { secret: 'x', runtime: options.mode ?? 'auto', webcontainerBootTimeoutMs: 50, webcontainerCoep: 'credentialless' },
    backends: { createWebContainer: () => webcontainer, createLocal: local ? () => local : null },
    checkpointRepository: createMemoryCheckpointRepository(),
  });
  return { session, store, local, webcontainer, repository };
}

async function until(check: () => boolean, ms = 2000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A local session whose app has a port open, with the preview's reload count. */
async function sessionWithAppRunning() {
  const { session, store, local } = setup({ mode: 'local' });
  await until(() => session.runtimeState.getState().runtime !== null);
  local!.emitPort(5173);
  return { session, store, local: local!, generation: () => session.runtimeState.getState().previewGeneration };
}

describe('createWorkbenchSession', () => {
  it('falls back to the local runtime when WebContainer does not boot, and says so', async () => {
    const { session, local } = setup({});
    await until(() => session.runtimeState.getState().runtime === local);
    const status = session.runtimeState.getState().status;
    expect(status?.kind).toBe('local');
    expect(status?.message).toMatch(/^Running in your browser did not work here \(.*\), so it runs on this computer\.$/);
    expect(status?.detail).toMatch(/WebContainer did not start/);
    await session.dispose();
  });

  it('mounts the project files and syncs later saves to the runtime', async () => {
    const { session, store, local } = setup({ mode: 'local' });
    await until(() => session.runtimeState.getState().runtime !== null);
    await until(() => local!.files.get('index.html') === '<h1>hi</h1>');
    store.writeFile('src/app.js', 'console.log(1)', 'user');
    await until(() => local!.files.get('src/app.js') === 'console.log(1)');
    await session.dispose();
    expect(local!.tornDown).toBe(true);
  });

  it('tracks open ports as the preview port and collects preview errors', async () => {
    const { session, local } = setup({ mode: 'local' });
    await until(() => session.runtimeState.getState().runtime !== null);
    local!.emitPort(5173);
    expect(session.runtimeState.getState().previewPort).toBe(5173);
    local!.emitPort(5173, false);
    expect(session.runtimeState.getState().previewPort).toBeNull();
    await session.dispose();
  });

  it('reports agent commands to terminal listeners through the tool context', async () => {
    const { session } = setup({ mode: 'local' });
    await until(() => session.runtimeState.getState().runtime !== null);
    const seen: string[] = [];
    session.onAgentCommand((event) => seen.push(event.command));
    const { executeTool } = await import('../agent/execute-tool');
    const result = (await executeTool('run_command', { command: 'echo hi' }, session.toolContext(new AbortController().signal))) as {
      exit_code: number;
    };
    expect(result.exit_code).toBe(0);
    expect(seen).toEqual(['echo hi']);
    await session.dispose();
  });

  it('says plainly when no runtime can start', async () => {
    const { session } = setup({ mode: 'local', local: null });
    await until(() => session.runtimeState.getState().status?.state === 'unavailable');
    expect(session.runtimeState.getState().status?.message).toMatch(/This server does not run apps itself/);
    await until(() => !session.runtimeState.getState().runtimeStarting);
    const ctx = session.toolContext(new AbortController().signal);
    expect(ctx.runtime).toBeNull();
    expect(ctx.runtimeMissing).toMatch(/^The runtime could not start \(This server does not run apps itself/);
    await session.dispose();
  });

  it('tells the agent its runtime is still starting, through a WebContainer failure, until the fallback is up', async () => {
    const local = new FakeRuntime('local', 'hang');
    const { session } = setup({ local });
    expect(session.runtimeState.getState().runtimeStarting).toBe(true);
    expect(session.toolContext(new AbortController().signal).runtimeMissing).toMatch(/^The runtime is still starting/);
    // WebContainer's boot timed out; the local runtime is booting.
    await until(() => session.runtimeState.getState().status?.kind === 'local');
    expect(session.runtimeState.getState().runtimeStarting).toBe(true);
    expect(session.toolContext(new AbortController().signal).runtimeMissing).toMatch(/^The runtime is still starting/);
    local.finishBoot();
    await until(() => !session.runtimeState.getState().runtimeStarting);
    expect(session.runtimeState.getState().runtime).toBe(local);
    expect(session.toolContext(new AbortController().signal).runtimeMissing).toBeUndefined();
    await session.dispose();
  });

  it('restores a restore point into the project and the runtime, and undoes the restore', async () => {
    const { session, store, local } = setup({ mode: 'local' });
    await until(() => local!.files.get('index.html') === '<h1>hi</h1>');
    const checkpoint = await session.checkpoints.checkpointBeforeTurn('m1', 'Make it bigger');
    store.writeFile('index.html', '<h1>HI</h1>', 'agent');
    store.writeFile('extra.txt', 'new', 'agent');

    await session.restoreCheckpoint(checkpoint.id);
    expect(store.readFile('index.html')).toBe('<h1>hi</h1>');
    expect(store.readFile('extra.txt')).toBeUndefined();
    expect(local!.files.get('index.html')).toBe('<h1>hi</h1>');
    expect(local!.files.has('extra.txt')).toBe(false);

    await session.undoRestore();
    expect(store.readFile('index.html')).toBe('<h1>HI</h1>');
    expect(local!.files.get('extra.txt')).toBe('new');
    expect(await session.undoRestore()).toBeNull();
    await session.dispose();
  });

  it('restarts the app after a restore when it was running, stopping the dev server the agent started', async () => {
    const pkg = JSON.stringify({ name: 'x', scripts: { dev: 'node server.mjs' } });
    const { session, store, local } = setup({ mode: 'local', files: { 'package.json': pkg, 'index.html': 'v1' } });
    local!.commands.set('npm run dev', () => local!.emitPort(5173));
    await until(() => session.runtimeState.getState().runtime !== null);
    const checkpoint = await session.checkpoints.checkpointBeforeTurn('m1', 'first');
    const { executeTool } = await import('../agent/execute-tool');
    await executeTool('run_command', { command: 'npm run dev', background: true }, session.toolContext(new AbortController().signal));
    const agentServer = local!.processes.find((p) => p.command === 'npm run dev')!;
    store.writeFile('index.html', 'v2', 'agent');

    await session.restoreCheckpoint(checkpoint.id);
    expect(agentServer.killed).toBe(true);
    const starts = local!.processes.filter((p) => p.command === 'npm run dev');
    expect(starts).toHaveLength(2);
    expect(session.runtimeState.getState().run.phase).toBe('running');
    await session.dispose();
  });

  it('derives the turn status from ports, preview errors and edits', async () => {
    const { session, store, local } = setup({ mode: 'local' });
    await until(() => session.runtimeState.getState().runtime !== null);
    const status = () => session.evidence.state.getState().status;
    expect(status().kind).toBe('not-running');
    local!.emitPort(5173);
    session.evidence.previewLoaded();
    expect(status().label).toBe('Running, no errors');
    const errorListeners = (local as unknown as { errorListeners: Set<(error: PreviewError) => void> }).errorListeners;
    for (const listener of errorListeners) listener({ kind: 'exception', message: 'Boom', at: 1 });
    expect(status().label).toBe('Running, with 1 error');
    // An edit makes earlier errors stale until the preview is seen again.
    store.writeFile('index.html', '<h1>fixed</h1>', 'user');
    expect(status().kind).toBe('not-checked');
    await session.dispose();
  });

  it('follows the newest dev server in the preview, falling back when it closes', async () => {
    const { session, local } = setup({ mode: 'local' });
    await until(() => session.runtimeState.getState().runtime !== null);
    local!.emitPort(5173);
    local!.emitPort(5174);
    expect(session.runtimeState.getState().previewPort).toBe(5174);
    local!.emitPort(5174, false);
    expect(session.runtimeState.getState().previewPort).toBe(5173);
    await session.dispose();
  });

  it('fails write_file when the runtime did not take the file, saying why', async () => {
    const { session, store, local } = setup({ mode: 'local' });
    await until(() => session.runtimeState.getState().runtime !== null);
    local!.failingPaths.add('src/App.tsx');
    const { executeTool } = await import('../agent/execute-tool');
    const ctx = session.toolContext(new AbortController().signal);
    await expect(executeTool('write_file', { path: 'src/App.tsx', content: 'x' }, ctx)).rejects.toThrow(
      'The project kept the change, but the running app did not get it: "src/App.tsx" could not be copied to the running app (Could not write src/App.tsx: disk full).',
    );
    expect(store.readFile('src/App.tsx')).toBe('x');
    await expect(executeTool('write_file', { path: 'src/ok.ts', content: 'y' }, ctx)).resolves.toMatchObject({ ok: true });
    local!.failingPaths.clear();
    await expect(executeTool('edit_file', { path: 'src/App.tsx', edits: [{ old_text: 'x', new_text: 'z' }] }, ctx)).resolves.toMatchObject({ ok: true });
    await session.dispose();
  });

  it('lists what the Run button and the agent started, and says not-loaded after an edit until the preview shows it', async () => {
    const pkg = JSON.stringify({ name: 'x', scripts: { dev: 'vite' } });
    const { session, store, local } = setup({ mode: 'local', files: { 'package.json': pkg, 'index.html': 'v1' } });
    local!.commands.set('npm run dev', (process) => {
      process.print('Local: http://localhost:5173/\n');
      local!.emitPort(5173);
    });
    await until(() => session.runtimeState.getState().runtime !== null);
    await session.run();
    const { executeTool } = await import('../agent/execute-tool');
    const ctx = session.toolContext(new AbortController().signal);
    expect(await executeTool('list_processes', {}, ctx)).toEqual({
      processes: [{ id: 'p1', command: 'npm run dev', running: true, ports: [5173] }],
    });
    expect(await executeTool('run_command', { command: 'npm run dev', background: true }, ctx)).toMatchObject({ id: 'p1', already_running: true });
    session.evidence.previewLoaded();
    expect(await executeTool('check_preview', {}, ctx)).toMatchObject({ status: 'ready' });
    store.writeFile('index.html', 'v2', 'agent');
    expect(await executeTool('check_preview', {}, ctx)).toMatchObject({ status: 'not-loaded' });
    session.evidence.previewLoaded();
    expect(await executeTool('check_preview', {}, ctx)).toMatchObject({ status: 'ready' });
    await session.dispose();
  });

  it('remembers that the app ran, starts it by itself on the next open, and forgets after Stop', async () => {
    const pkg = JSON.stringify({ name: 'x', scripts: { dev: 'node server.mjs' } });
    const first = setup({ mode: 'local', files: { 'package.json': pkg } });
    await until(() => first.session.runtimeState.getState().runtime !== null);
    expect(first.local!.processes).toHaveLength(0);
    first.local!.emitPort(5173);
    expect(first.store.getState().record.appWasRunning).toBe(true);
    await first.session.dispose();

    const reopened = setup({ mode: 'local', files: { 'package.json': pkg }, appWasRunning: true });
    reopened.local!.commands.set('npm run dev', () => reopened.local!.emitPort(5173));
    await until(() => reopened.session.runtimeState.getState().run.phase === 'running');
    expect(reopened.local!.processes.map((p) => p.command)).toEqual(['npm run dev']);
    await reopened.session.stopApp();
    expect(reopened.store.getState().record.appWasRunning).toBe(false);
    await reopened.session.dispose();
  });

  it('never offers Run on a reopened project whose app ran: the automatic start is said as the button comes alive', async () => {
    const pkg = JSON.stringify({ name: 'x', scripts: { dev: 'node server.mjs' } });
    const { session, local } = setup({ mode: 'local', files: { 'package.json': pkg }, appWasRunning: true });
    local!.commands.set('npm run dev', () => local!.emitPort(5173));
    const phasesWithRuntime: string[] = [];
    session.runtimeState.subscribe((state) => {
      if (state.runtime) phasesWithRuntime.push(state.run.phase);
    });
    await until(() => session.runtimeState.getState().run.phase === 'running');
    expect(phasesWithRuntime[0]).toBe('starting');
    expect(phasesWithRuntime).not.toContain('idle');
    expect(local!.processes.map((p) => p.command)).toEqual(['npm run dev']);
    await session.dispose();
  });

  it('does not start an app that was not running when the project was last open', async () => {
    const pkg = JSON.stringify({ name: 'x', scripts: { dev: 'node server.mjs' } });
    const { session, local } = setup({ mode: 'local', files: { 'package.json': pkg } });
    await until(() => session.runtimeState.getState().runtime !== null);
    await new Promise((r) => setTimeout(r, 30));
    expect(local!.processes).toHaveLength(0);
    await session.dispose();
  });

  it('reloads a preview without a hot-update client after a save, once the runtime holds the change; leaves a hot one alone', async () => {
    const { session, store, local, generation } = await sessionWithAppRunning();

    session.previewPageLoaded({ hot: false });
    const before = generation();
    store.writeFile('index.html', '<h1>one</h1>', 'user');
    store.writeFile('index.html', '<h1>two</h1>', 'agent');
    await until(() => generation() === before + 1);
    expect(local.files.get('index.html')).toBe('<h1>two</h1>');
    await new Promise((r) => setTimeout(r, 250));
    expect(generation()).toBe(before + 1);

    session.previewPageLoaded({ hot: true });
    store.writeFile('index.html', '<h1>three</h1>', 'user');
    await new Promise((r) => setTimeout(r, 250));
    expect(generation()).toBe(before + 1);
    await session.dispose();
  });

  it("after a turn, gives a hot page time to show the change itself and reloads only one that did not", async () => {
    const { session, store, generation } = await sessionWithAppRunning();
    session.previewPageLoaded({ hot: true });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const before = generation();
      store.writeFile('index.html', '<h1>hot</h1>', 'agent');
      session.refreshPreviewAfterTurn();
      await vi.advanceTimersByTimeAsync(5_000);
      expect(generation()).toBe(before);
      // The hot update arrives late; the page keeps its state.
      session.previewPageLoaded({ hot: true });
      await vi.advanceTimersByTimeAsync(60_000);
      expect(generation()).toBe(before);

      store.writeFile('index.html', '<h1>stuck</h1>', 'agent');
      session.refreshPreviewAfterTurn();
      await vi.advanceTimersByTimeAsync(60_000);
      expect(generation()).toBe(before + 1);

      session.previewPageLoaded({ hot: false });
      store.writeFile('index.html', '<h1>plain</h1>', 'agent');
      const plain = generation();
      session.refreshPreviewAfterTurn();
      expect(generation()).toBe(plain + 1);
    } finally {
      vi.useRealTimers();
    }
    await session.dispose();
  });

  it("after a turn, lets the app's first page finish loading instead of starting its load again", async () => {
    const { session, store, generation } = await sessionWithAppRunning();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const before = generation();
      store.writeFile('src/App.jsx', 'export default () => <h1>first</h1>;', 'agent');
      session.setPreviewLoading(true);
      session.refreshPreviewAfterTurn();
      await vi.advanceTimersByTimeAsync(5_000);
      expect(generation()).toBe(before);
      session.setPreviewLoading(false);
      session.previewPageLoaded({ hot: true });
      await vi.advanceTimersByTimeAsync(60_000);
      expect(generation()).toBe(before);

      // A plain page that finished loading without the turn's change is asked for again at once.
      store.writeFile('src/App.jsx', 'export default () => <h1>second</h1>;', 'agent');
      session.previewPageLoaded({ hot: false });
      store.writeFile('src/App.jsx', 'export default () => <h1>third</h1>;', 'agent');
      session.setPreviewLoading(true);
      session.refreshPreviewAfterTurn();
      expect(generation()).toBe(before);
      session.setPreviewLoading(false);
      expect(generation()).toBe(before + 1);
    } finally {
      vi.useRealTimers();
    }
    await session.dispose();
  });

  it('reloads a page that finished loading but never reported through its bridge', async () => {
    const { session, store, generation } = await sessionWithAppRunning();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const before = generation();
      store.writeFile('index.html', '<h1>x</h1>', 'agent');
      session.setPreviewLoading(true);
      session.refreshPreviewAfterTurn();
      session.setPreviewLoading(false);
      await vi.advanceTimersByTimeAsync(500);
      expect(generation()).toBe(before);
      await vi.advanceTimersByTimeAsync(1_000);
      expect(generation()).toBe(before + 1);

      // With no page loading at all, the turn's end reloads at once, as before.
      store.writeFile('index.html', '<h1>y</h1>', 'agent');
      session.refreshPreviewAfterTurn();
      expect(generation()).toBe(before + 2);
    } finally {
      vi.useRealTimers();
    }
    await session.dispose();
  });

  it('keeps elements picked in the preview until they are sent', async () => {
    const { session } = setup({ mode: 'local' });
    session.selectElement({ tag: 'button', text: 'Count: 0', selector: '#count-button' });
    session.selectElement({ tag: 'button', text: 'Count: 1', selector: '#count-button' });
    expect(session.selection.getState().elements).toEqual([{ tag: 'button', text: 'Count: 1', selector: '#count-button' }]);
    session.clearSelection();
    expect(session.selection.getState().elements).toEqual([]);
    await session.dispose();
  });

  it("an agent's file write resolves only once the browser's store and the runtime both hold it", async () => {
    const { session, store, local, repository } = setup({ mode: 'local', saveDelayMs: 60_000 });
    await until(() => session.runtimeState.getState().runtime !== null);
    const files = session.toolContext(new AbortController().signal).files;
    await files.write('src/app.js', 'made');
    expect(repository.records.get(store.getState().record.meta.id)?.files['src/app.js']).toBe('made');
    expect(local!.files.get('src/app.js')).toBe('made');
    await session.dispose();
  });

  it("an agent's file write fails with the reason when the browser cannot store it", async () => {
    const { session, local, repository } = setup({ mode: 'local', saveDelayMs: 60_000 });
    await until(() => session.runtimeState.getState().runtime !== null);
    repository.failWith = new Error('QuotaExceededError');
    const files = session.toolContext(new AbortController().signal).files;
    await expect(files.write('big.js', 'x')).rejects.toThrow(/could not be saved in this browser/);
    repository.failWith = null;
    local!.failingPaths.add('other.js');
    await expect(files.write('other.js', 'y')).rejects.toThrow(/running app did not get it/);
    await session.dispose();
  });
});

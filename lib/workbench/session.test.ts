import { describe, expect, it } from 'vitest';
import { createMemoryRepository } from '../project/memory-repository';
import { newProjectRecord } from '../project/persistence';
import { createProjectStore } from '../project/project-store';
import { FakeRuntime } from '../runtime/test-support/fake-runtime';
import { createWorkbenchSession } from './session';

function setup(options: { webcontainer?: FakeRuntime; local?: FakeRuntime | null; mode?: 'auto' | 'local' }) {
  const record = newProjectRecord({ name: 'Test', files: { 'index.html': '<h1>hi</h1>' } });
  const store = createProjectStore(record, createMemoryRepository([record]), { saveDelayMs: 0 });
  const webcontainer = options.webcontainer ?? new FakeRuntime('webcontainer', 'hang');
  const local = options.local === undefined ? new FakeRuntime('local') : options.local;
  const session = createWorkbenchSession({
    projectId: record.meta.id,
    store,
    runtimeConfig: { secret: 'x', runtime: options.mode ?? 'auto', webcontainerBootTimeoutMs: 50 },
    backends: { createWebContainer: () => webcontainer, createLocal: local ? () => local : null },
  });
  return { session, store, local, webcontainer };
}

async function until(check: () => boolean, ms = 2000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('createWorkbenchSession', () => {
  it('falls back to the local runtime when WebContainer does not boot, and says so', async () => {
    const { session, local } = setup({});
    await until(() => session.runtimeState.getState().runtime === local);
    const status = session.runtimeState.getState().status;
    expect(status?.kind).toBe('local');
    expect(status?.message).toMatch(/WebContainer did not start/);
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
    expect(session.runtimeState.getState().status?.message).toMatch(/local runtime is switched off/);
    expect(session.toolContext(new AbortController().signal).runtime).toBeNull();
    await session.dispose();
  });
});

import { describe, expect, it } from 'vitest';
import { executeTool } from './execute-tool';
import { createPreviewMonitor } from './preview-monitor';
import { FakeRuntime, type FakeRuntimeProcess } from '../runtime/test-support/fake-runtime';
import { ProcessRegistry } from './process-registry';
import { fakeContext } from './test-support/fake-tool-context';

describe('createPreviewMonitor', () => {
  it('is not-running until a port opens, then ready with the preview url', () => {
    const runtime = new FakeRuntime();
    const monitor = createPreviewMonitor(runtime);
    expect(monitor.check()).toEqual({ status: 'not-running', url: null, errors: [] });
    runtime.emitPort(5173);
    expect(monitor.check()).toEqual({ status: 'ready', url: 'http://p5173.localhost:3000/', errors: [] });
    runtime.emitPort(5173, false);
    expect(monitor.check().status).toBe('not-running');
  });

  it('knows ports that were open before it was created', () => {
    const runtime = new FakeRuntime();
    runtime.emitPort(3000);
    expect(createPreviewMonitor(runtime).check()).toMatchObject({ status: 'ready', url: 'http://p3000.localhost:3000/' });
  });

  it('reports errors since the last file change, also when checked twice', async () => {
    const runtime = new FakeRuntime();
    runtime.emitPort(5173);
    const monitor = createPreviewMonitor(runtime);
    runtime.reportPreviewError('TypeError: x is undefined', 'src/App.tsx:12:5');
    runtime.reportPreviewError('TypeError: x is undefined', 'src/App.tsx:12:5');
    runtime.reportPreviewError('Failed to fetch');
    const ctx = fakeContext({ runtime, preview: monitor });
    expect(await executeTool('check_preview', {}, ctx)).toEqual({
      status: 'error',
      url: 'http://p5173.localhost:3000/',
      errors: [{ message: 'TypeError: x is undefined', source: 'src/App.tsx:12:5' }, { message: 'Failed to fetch' }],
    });
    expect(await executeTool('check_preview', {}, ctx)).toMatchObject({ status: 'error' });
    monitor.fileChanged();
    expect(await executeTool('check_preview', {}, ctx)).toEqual({
      status: 'ready',
      url: 'http://p5173.localhost:3000/',
      errors: [],
    });
  });

  it('caps the number of errors and says how many were left out', () => {
    const runtime = new FakeRuntime();
    runtime.emitPort(5173);
    const monitor = createPreviewMonitor(runtime);
    for (let i = 0; i < 25; i++) runtime.reportPreviewError(`error ${i}`);
    const { errors } = monitor.check();
    expect(errors).toHaveLength(11);
    expect(errors[10].message).toBe('…and 15 more different errors.');
  });

  it('prefers the port the user picked, else the latest opened', () => {
    const runtime = new FakeRuntime();
    let selected: number | null = null;
    const monitor = createPreviewMonitor(runtime, { selectedPort: () => selected });
    runtime.emitPort(5173);
    runtime.emitPort(3001);
    expect(monitor.check().url).toBe('http://p3001.localhost:3000/');
    selected = 5173;
    expect(monitor.check().url).toBe('http://p5173.localhost:3000/');
    selected = 9999;
    expect(monitor.check().url).toBe('http://p3001.localhost:3000/');
  });

  it('is not-loaded after a change until the preview showed it', () => {
    const runtime = new FakeRuntime();
    runtime.emitPort(5173);
    let loaded = true;
    const monitor = createPreviewMonitor(runtime, { loadedSinceLastChange: () => loaded });
    expect(monitor.check().status).toBe('ready');
    loaded = false;
    monitor.fileChanged();
    expect(monitor.check()).toEqual({ status: 'not-loaded', url: 'http://p5173.localhost:3000/', errors: [] });
    loaded = true;
    expect(monitor.check().status).toBe('ready');
  });

  it("reports the dev server's compile errors printed since the last change", async () => {
    const runtime = new FakeRuntime();
    runtime.commands.set('npm run dev', () => undefined);
    const processes = new ProcessRegistry(runtime);
    const dev = (await runtime.spawn('npm run dev')) as FakeRuntimeProcess;
    processes.track(dev, 'agent');
    dev.print('  ➜  Local:   http://localhost:5173/\n');
    runtime.emitPort(5173);
    const monitor = createPreviewMonitor(runtime, { processes, loadedSinceLastChange: () => false });
    dev.print('1:00:00 PM [vite] Internal server error: old problem\n');
    monitor.fileChanged();
    expect(monitor.check().status).toBe('not-loaded');
    dev.print(
      '1:00:02 PM [vite] Internal server error: Failed to resolve import "./Missing" from "src/App.tsx". Does the file exist?\n  Plugin: vite:import-analysis\n  File: /app/src/App.tsx:1:20\n\n1:00:03 PM [vite] page reload\n',
    );
    expect(monitor.check()).toEqual({
      status: 'error',
      url: 'http://p5173.localhost:3000/',
      errors: [
        {
          message:
            '1:00:02 PM [vite] Internal server error: Failed to resolve import "./Missing" from "src/App.tsx". Does the file exist?\n  Plugin: vite:import-analysis\n  File: /app/src/App.tsx:1:20',
          source: 'dev server output (npm run dev, process p1)',
        },
      ],
    });
    monitor.fileChanged();
    expect(monitor.check().status).toBe('not-loaded');
  });

  it('check_preview waits briefly for the preview to show the change, and says not-loaded when it does not', async () => {
    const runtime = new FakeRuntime();
    runtime.emitPort(5173);
    let loaded = false;
    const monitor = createPreviewMonitor(runtime, { loadedSinceLastChange: () => loaded });
    const waiting = executeTool('check_preview', {}, fakeContext({ runtime, preview: monitor, limits: { previewLoadWaitMs: 2000 } }));
    setTimeout(() => (loaded = true), 150);
    expect(await waiting).toMatchObject({ status: 'ready' });
    loaded = false;
    expect(await executeTool('check_preview', {}, fakeContext({ runtime, preview: monitor, limits: { previewLoadWaitMs: 150 } }))).toEqual({
      status: 'not-loaded',
      url: 'http://p5173.localhost:3000/',
      errors: [],
    });
  });

  it('stops listening once disposed', () => {
    const runtime = new FakeRuntime();
    const monitor = createPreviewMonitor(runtime);
    monitor.dispose();
    expect(runtime.listenerCounts).toEqual({ ports: 0, errors: 0 });
  });
});

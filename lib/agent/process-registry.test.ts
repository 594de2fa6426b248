import { describe, expect, it } from 'vitest';
import { FakeRuntime } from '../runtime/test-support/fake-runtime';
import { normalizeCommand, ProcessRegistry } from './process-registry';

async function spawned(runtime: FakeRuntime, command: string) {
  const process = await runtime.spawn(command);
  await new Promise((resolve) => setTimeout(resolve, 0));
  return runtime.processes.find((p) => p.id === process.id)!;
}

describe('ProcessRegistry', () => {
  it('keeps output, running state and exit codes of what was started', async () => {
    const runtime = new FakeRuntime();
    runtime.commands.set('npm run dev', () => undefined);
    runtime.commands.set('npm install', () => undefined);
    const registry = new ProcessRegistry(runtime);
    const dev = await spawned(runtime, 'npm run dev');
    const install = await spawned(runtime, 'npm install');
    registry.track(dev, 'run');
    registry.track(install, 'agent');
    registry.track(install, 'agent');
    dev.print('\u001b[32mVITE ready\u001b[39m\r\n');
    install.print('added 3 packages\n');
    install.end(0);
    await Promise.resolve();
    expect(registry.list()).toEqual([
      { id: dev.id, command: 'npm run dev', origin: 'run', running: true, ports: [] },
      { id: install.id, command: 'npm install', origin: 'agent', running: false, ports: [], exit_code: 0 },
    ]);
    expect(registry.output(dev.id)).toBe('VITE ready\n');
    expect(registry.output('nope')).toBeUndefined();
  });

  it('gives each open port to the process whose output names it, else to the newest running one', async () => {
    const runtime = new FakeRuntime();
    runtime.commands.set('a', () => undefined);
    runtime.commands.set('b', () => undefined);
    const registry = new ProcessRegistry(runtime);
    const a = await spawned(runtime, 'a');
    registry.track(a, 'agent');
    const b = await spawned(runtime, 'b');
    registry.track(b, 'agent');
    a.print('Local: http://localhost:5173/\n');
    runtime.emitPort(5173);
    runtime.emitPort(8080);
    expect(registry.portsOf(a.id)).toEqual([5173]);
    expect(registry.portsOf(b.id)).toEqual([8080]);
    runtime.emitPort(8080, false);
    expect(registry.portsOf(b.id)).toEqual([]);
    a.end(143);
    await Promise.resolve();
    expect(registry.get(a.id)).toMatchObject({ running: false, ports: [], exit_code: 143 });
  });

  it('finds a running process by its command, ignoring whitespace, but not an ended one', async () => {
    const runtime = new FakeRuntime();
    runtime.commands.set('npm run dev', () => undefined);
    const registry = new ProcessRegistry(runtime);
    const dev = await spawned(runtime, 'npm run dev');
    registry.track(dev, 'agent');
    expect(registry.findRunning('  npm   run dev ')).toBe(dev);
    expect(registry.findRunning('npm run build')).toBeUndefined();
    await registry.stop(dev.id);
    expect(dev.killed).toBe(true);
    expect(registry.findRunning('npm run dev')).toBeUndefined();
    expect(normalizeCommand(' a \t b ')).toBe('a b');
  });

  it('reads what a process printed after a bookmark', async () => {
    const runtime = new FakeRuntime();
    runtime.commands.set('dev', () => undefined);
    const registry = new ProcessRegistry(runtime);
    const dev = await spawned(runtime, 'dev');
    registry.track(dev, 'agent');
    dev.print('ready\n');
    const mark = registry.outputMark(dev.id);
    dev.print('[vite] Internal server error: Failed to resolve import\n');
    expect(registry.outputSince(dev.id, mark)).toBe('[vite] Internal server error: Failed to resolve import\n');
    expect(registry.outputSince(dev.id, 0)).toContain('ready');
  });
});

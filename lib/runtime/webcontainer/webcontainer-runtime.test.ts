import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PortEvent, PreviewError, RuntimeFileChange, RuntimeStatus } from '../types';
import { FakeWebContainer, fakeBoot, hangingBoot } from './fake-webcontainer';
import { createWebContainerRuntime, type WebContainerRuntimeDeps } from './webcontainer-runtime';
import { WebContainerSlot } from './webcontainer-slot';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

function setup(overrides: Partial<WebContainerRuntimeDeps> = {}) {
  const boot = fakeBoot();
  const runtime = createWebContainerRuntime({
    boot,
    bootTimeoutMs: 1000,
    slot: new WebContainerSlot(),
    watchDebounceMs: 5,
    now: () => 42,
    ...overrides,
  });
  return { runtime, boot, container: boot.container };
}

async function booted(overrides: Partial<WebContainerRuntimeDeps> = {}) {
  const context = setup(overrides);
  await context.runtime.boot();
  const changes: RuntimeFileChange[] = [];
  context.runtime.onFileChange((change) => changes.push(change));
  return { ...context, changes };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('WebContainer runtime: boot', () => {
  it('boots with cross-origin isolation, forwarded preview errors and a named workdir', async () => {
    const { runtime, boot } = setup({ workdirName: 'my-app' });
    const statuses: RuntimeStatus[] = [];
    runtime.onStatus((status) => statuses.push(status));

    await runtime.boot();

    expect(boot.requests).toEqual([{ coep: 'require-corp', forwardPreviewErrors: true, workdirName: 'my-app' }]);
    expect(statuses.map((status) => status.state)).toEqual(['booting', 'ready']);
    expect(runtime.status()).toMatchObject({ kind: 'webcontainer', state: 'ready', confined: true });
  });

  it('passes the client id to the loader only when one is configured', async () => {
    const { runtime, boot } = setup({ apiKey: 'wc_api_123' });
    await runtime.boot();
    expect(boot.requests[0].apiKey).toBe('wc_api_123');
  });

  it('boots once however often boot() is called', async () => {
    const { runtime, boot } = setup();
    await Promise.all([runtime.boot(), runtime.boot()]);
    await runtime.boot();
    expect(boot.requests).toHaveLength(1);
  });

  it('gives up after the boot timeout with a plain message and status unavailable', async () => {
    vi.useFakeTimers();
    const boot = hangingBoot();
    const runtime = createWebContainerRuntime({ boot, bootTimeoutMs: 12_000, slot: new WebContainerSlot() });
    const result = runtime.boot().then(
      () => 'booted',
      (error: Error) => error.message,
    );

    await vi.advanceTimersByTimeAsync(11_999);
    expect(runtime.status().state).toBe('booting');
    await vi.advanceTimersByTimeAsync(1);

    const message = 'WebContainer could not start (no connection to StackBlitz within 12 s).';
    expect(await result).toBe(message);
    expect(runtime.status()).toMatchObject({ state: 'unavailable', message });
  });

  it('tears down a container whose boot finishes after the timeout', async () => {
    const boot = hangingBoot();
    const runtime = createWebContainerRuntime({ boot, bootTimeoutMs: 20, slot: new WebContainerSlot() });
    await expect(runtime.boot()).rejects.toThrow(/within 0\.02 s/);

    const late = new FakeWebContainer();
    boot.settle(late);
    await vi.waitFor(() => expect(late.tornDown).toBe(true));
    expect(runtime.status().state).toBe('unavailable');
  });

  it('reports a failed boot in plain words', async () => {
    const runtime = createWebContainerRuntime({
      boot: async () => {
        throw new Error('Unable to create more instances');
      },
      bootTimeoutMs: 1000,
      slot: new WebContainerSlot(),
    });
    await expect(runtime.boot()).rejects.toThrow('WebContainer could not start: Unable to create more instances');
    expect(runtime.status().state).toBe('unavailable');
  });

  it('refuses file operations before boot', async () => {
    const { runtime } = setup();
    await expect(runtime.writeFile('a.txt', 'x')).rejects.toThrow(/not been started/);
  });

  it('marks the runtime crashed when the container reports an internal error', async () => {
    const { runtime, container } = await booted();
    container.emit('error', { message: 'worker died' });
    expect(runtime.status().state).toBe('crashed');
    expect(runtime.status().message).toContain('worker died');
  });
});

describe('WebContainer runtime: files', () => {
  it('mounts the project, removes files the project no longer has, and leaves node_modules alone', async () => {
    const { runtime, container, changes } = await booted();
    await container.fs.mkdir('node_modules/react', { recursive: true });
    await container.fs.writeFile('node_modules/react/index.js', 'react');
    await container.fs.writeFile('stale.txt', 'old');

    await runtime.mount({ 'package.json': '{}', 'src/App.tsx': 'app', 'logo.png': new Uint8Array([137, 80, 0]) });
    await runtime.settled();

    expect(text(await container.fs.readFile('src/App.tsx'))).toBe('app');
    expect([...(await container.fs.readFile('logo.png'))]).toEqual([137, 80, 0]);
    expect(container.fs.files.has('stale.txt')).toBe(false);
    expect(text(await container.fs.readFile('node_modules/react/index.js'))).toBe('react');
    // Its own writes do not come back as changes made by a process.
    expect(changes).toEqual([]);
  });

  it('writes into folders that do not exist yet, reads and deletes, without echoing its own writes', async () => {
    const { runtime, container, changes } = await booted();
    await runtime.writeFile('src/components/Button.tsx', 'button');
    expect(text(await runtime.readFile('src/components/Button.tsx'))).toBe('button');

    await runtime.deleteFile('src/components/Button.tsx');
    await runtime.settled();

    expect(container.fs.files.has('src/components/Button.tsx')).toBe(false);
    expect(changes).toEqual([]);
  });

  it('refuses paths outside the project', async () => {
    const { runtime } = await booted();
    await expect(runtime.writeFile('../escape.txt', 'x')).rejects.toThrow(/not a file inside the project/);
  });

  it('reports files that processes create, change and delete, as text or bytes', async () => {
    const { runtime, container, changes } = await booted();
    await runtime.writeFile('README.md', 'hello');

    await container.fs.writeFile('README.md', 'hello, formatted');
    await container.fs.writeFile('package-lock.json', '{"lockfileVersion":3}');
    await container.fs.writeFile('favicon.ico', new Uint8Array([0, 1, 2]));
    await runtime.settled();
    await container.fs.rm('README.md');
    await runtime.settled();

    expect(changes).toEqual([
      { kind: 'write', path: 'README.md', content: 'hello, formatted' },
      { kind: 'write', path: 'package-lock.json', content: '{"lockfileVersion":3}' },
      { kind: 'write', path: 'favicon.ico', content: new Uint8Array([0, 1, 2]) },
      { kind: 'delete', path: 'README.md' },
    ]);
  });

  it('reports every file of a folder a scaffolder creates, and every file of a folder it removes', async () => {
    const { runtime, container, changes } = await booted();
    await container.mount({ app: { directory: { 'a.js': { file: { contents: 'a' } }, 'b.js': { file: { contents: 'b' } } } } });
    await runtime.settled();
    expect(changes.map((change) => `${change.kind} ${change.path}`).sort()).toEqual(['write app/a.js', 'write app/b.js']);

    changes.length = 0;
    await container.fs.rm('app', { recursive: true });
    await runtime.settled();
    expect(changes.map((change) => `${change.kind} ${change.path}`).sort()).toEqual(['delete app/a.js', 'delete app/b.js']);
  });

  it('ignores changes inside node_modules and .git', async () => {
    const { runtime, container, changes } = await booted();
    await container.fs.mkdir('node_modules/.bin', { recursive: true });
    await container.fs.writeFile('node_modules/.bin/vite', 'x');
    await container.fs.mkdir('.git', { recursive: true });
    await container.fs.writeFile('.git/HEAD', 'ref');
    await runtime.settled();
    expect(changes).toEqual([]);
  });
});

describe('WebContainer runtime: processes', () => {
  it('runs commands through jsh -c in the project and streams output and the exit code', async () => {
    const { runtime, container } = await booted();
    container.commands.set('npm test', (process) => {
      process.print('\u001b[32mok\u001b[0m\r\n');
      process.print('done\r\n');
      process.end(3);
    });

    const process = await runtime.spawn('npm test', { cwd: './src', env: { CI: '1' }, terminal: { cols: 80, rows: 24 } });
    let output = '';
    process.onOutput((chunk) => (output += chunk));

    expect(await process.exit).toBe(3);
    expect(output).toBe('\u001b[32mok\u001b[0m\r\ndone\r\n');
    expect(process.command).toBe('npm test');
    expect(container.spawned[0]).toMatchObject({
      command: 'jsh',
      args: ['-c', 'npm test'],
      options: { cwd: 'src', env: { CI: '1' }, terminal: { cols: 80, rows: 24 } },
    });
  });

  it('closes input when asked, so a command cannot wait for an answer; keeps it open otherwise', async () => {
    const { runtime, container } = await booted();
    container.commands.set('npx create-thing', (process) => process.print('Ok to proceed? (y) '));
    await runtime.spawn('npx create-thing', { stdin: 'closed' });
    await runtime.spawn('npx create-thing');
    await vi.waitFor(() => expect(container.spawned[0].inputClosed).toBe(true));
    expect(container.spawned[1].inputClosed).toBe(false);
  });

  it('keeps output that arrives before anyone listens', async () => {
    const { runtime, container } = await booted();
    container.commands.set('echo hi', (process) => process.print('hi\r\n'));
    const process = await runtime.spawn('echo hi');
    await new Promise((resolve) => setTimeout(resolve, 10));
    const chunks: string[] = [];
    process.onOutput((chunk) => chunks.push(chunk));
    expect(chunks).toEqual(['hi\r\n']);
  });

  it('opens an interactive shell for an empty command, with input and resize', async () => {
    const { runtime, container } = await booted();
    const shell = await runtime.spawn('', { terminal: { cols: 100, rows: 30 } });
    shell.write('ls\r');
    shell.resize(120, 40);
    const fake = container.spawned[0];
    await vi.waitFor(() => expect(fake.received).toEqual(['ls\r']));
    expect(fake.args).toEqual([]);
    expect(fake.sizes).toEqual([{ cols: 120, rows: 40 }]);
  });

  it('kills a process and resolves its exit', async () => {
    const { runtime, container } = await booted();
    container.commands.set('npm run dev', (process) => process.print('VITE ready\r\n'));
    const process = await runtime.spawn('npm run dev');
    await process.kill();
    expect(container.spawned[0].killed).toBe(true);
    expect(await process.exit).toBe(143);
  });

  it('reports a killed process as ended even when the container never says so', async () => {
    const { runtime, container } = await booted();
    container.commands.set('stuck', (process) => {
      process.ignoresKill = true;
    });
    const process = await runtime.spawn('stuck');
    await process.kill();
    expect(await process.exit).toBe(137);
  });

  it('reports an unknown command with exit code 127', async () => {
    const { runtime } = await booted();
    const process = await runtime.spawn('nope');
    expect(await process.exit).toBe(127);
  });
});

describe('WebContainer runtime: ports and preview errors', () => {
  it('tracks ports opened and closed, and server-ready for ports it has not seen', async () => {
    const { runtime, container } = await booted();
    const events: PortEvent[] = [];
    runtime.onPort((event) => events.push(event));

    container.emit('server-ready', 5173, 'https://abc--5173.local-credentialless.webcontainer-api.io');
    container.emit('port', 5173, 'open', 'https://abc--5173.local-credentialless.webcontainer-api.io');
    container.emit('port', 3000, 'open', 'https://abc--3000.local-credentialless.webcontainer-api.io');
    expect(runtime.openPorts().map((event) => event.port)).toEqual([3000, 5173]);

    container.emit('port', 5173, 'close', 'https://abc--5173.local-credentialless.webcontainer-api.io');
    container.emit('server-ready', 3000, 'https://abc--3000.local-credentialless.webcontainer-api.io');

    expect(events.map((event) => `${event.port} ${event.open}`)).toEqual(['5173 true', '5173 true', '3000 true', '5173 false']);
    expect(runtime.openPorts()).toEqual([
      { port: 3000, url: 'https://abc--3000.local-credentialless.webcontainer-api.io', open: true },
    ]);
  });

  it('maps forwarded preview errors to PreviewErrors', async () => {
    const { runtime, container } = await booted();
    const errors: PreviewError[] = [];
    runtime.onPreviewError((error) => errors.push(error));
    const page = { previewId: 'p', port: 5173, pathname: '/', search: '', hash: '' };

    container.emit('preview-message', {
      ...page,
      type: 'PREVIEW_UNCAUGHT_EXCEPTION',
      message: 'Boom is not defined',
      stack: 'ReferenceError: Boom is not defined\n    at onClick (http://x/src/App.tsx:12:5)',
    });
    container.emit('preview-message', { ...page, type: 'PREVIEW_UNHANDLED_REJECTION', message: 'fetch failed', stack: undefined });
    container.emit('preview-message', { ...page, type: 'PREVIEW_CONSOLE_ERROR', args: ['Failed:', { code: 7 }, new Error('bad')], stack: '' });
    container.emit('preview-message', { ...page, type: 'SOMETHING_ELSE' });

    expect(errors).toEqual([
      { kind: 'exception', message: 'Boom is not defined', source: 'onClick (http://x/src/App.tsx:12:5)', at: 42 },
      { kind: 'unhandled-rejection', message: 'fetch failed', source: '/', at: 42 },
      { kind: 'console-error', message: 'Failed: {"code":7} bad', source: '/', at: 42 },
    ]);
  });
});

describe('WebContainer runtime: teardown and the one-container-per-tab rule', () => {
  it('stops every process, tears the container down and stops reporting events', async () => {
    const { runtime, container } = await booted();
    container.commands.set('npm run dev', () => {});
    const process = await runtime.spawn('npm run dev');
    const events: PortEvent[] = [];
    runtime.onPort((event) => events.push(event));

    await runtime.teardown();

    expect(await process.exit).toBe(143);
    expect(container.tornDown).toBe(true);
    expect(container.fs.watcherCount).toBe(0);
    expect(container.listenerCount('port')).toBe(0);
    expect(runtime.status().state).toBe('unavailable');
    container.emit('port', 5173, 'open', 'https://x');
    expect(events).toEqual([]);
    await expect(runtime.spawn('ls')).rejects.toThrow(/no longer running/);
  });

  it('does not hang when torn down while the boot is still pending', async () => {
    const boot = hangingBoot();
    const runtime = createWebContainerRuntime({ boot, bootTimeoutMs: 60_000, slot: new WebContainerSlot() });
    const booting = runtime.boot().catch((error: Error) => error.message);
    await runtime.teardown();
    const late = new FakeWebContainer();
    boot.settle(late);
    expect(await booting).toMatch(/closed before/);
    await vi.waitFor(() => expect(late.tornDown).toBe(true));
  });

  it('hands the tab container to the next runtime only after the previous one is torn down', async () => {
    const slot = new WebContainerSlot();
    const first = new FakeWebContainer();
    const second = new FakeWebContainer();
    const order: string[] = [];
    const original = first.teardown.bind(first);
    first.teardown = () => {
      order.push('first torn down');
      original();
    };
    const bootFirst = fakeBoot(first);
    const bootSecond = async (request: Parameters<typeof bootFirst>[0]) => {
      order.push('second boot');
      return fakeBoot(second)(request);
    };

    const runtimeA = createWebContainerRuntime({ boot: bootFirst, bootTimeoutMs: 1000, slot });
    await runtimeA.boot();
    const runtimeB = createWebContainerRuntime({ boot: bootSecond, bootTimeoutMs: 1000, slot });
    await runtimeB.boot();

    expect(order).toEqual(['first torn down', 'second boot']);
    expect(runtimeA.status()).toMatchObject({ state: 'unavailable' });
    expect(runtimeB.status().state).toBe('ready');
    await expect(runtimeA.writeFile('a.txt', 'x')).rejects.toThrow(/no longer running/);
  });
});

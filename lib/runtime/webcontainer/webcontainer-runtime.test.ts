import { afterEach, describe, expect, it, vi } from 'vitest';
import { previewBridgeScript } from '../preview-bridge/bridge-script';
import type { PortEvent, PreviewError, RuntimeFileChange, RuntimeStatus } from '../types';
import { FakeWebContainer, fakeBoot, unreachableBoot, workerHop } from './fake-webcontainer';
import { createWebContainerRuntime, type WebContainerBackend, type WebContainerRuntimeDeps } from './webcontainer-runtime';
import { WebContainerSlot } from './webcontainer-slot';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** Lets events already fired inside the fake container reach the page, then waits for the watcher. */
async function settle(runtime: WebContainerBackend): Promise<void> {
  for (let i = 0; i < 4; i++) await workerHop();
  await runtime.settled();
}

function setup(overrides: Partial<WebContainerRuntimeDeps> = {}) {
  const boot = fakeBoot();
  const runtime = createWebContainerRuntime({
    boot,
    bootTimeoutMs: 1000,
    coep: 'credentialless',
    slot: new WebContainerSlot(),
    watchDebounceMs: 5,
    now: () => 42,
    ...overrides,
  });
  return { runtime, boot, container: boot.container, module: boot.module };
}

async function booted(overrides: Partial<WebContainerRuntimeDeps> = {}) {
  const context = setup(overrides);
  await context.runtime.boot();
  await settle(context.runtime);
  const changes: RuntimeFileChange[] = [];
  context.runtime.onFileChange((change) => changes.push(change));
  return { ...context, changes };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('WebContainer runtime: boot', () => {
  it("boots with the page's COEP, forwarded preview errors and a named workdir", async () => {
    for (const coep of ['credentialless', 'require-corp'] as const) {
      const { runtime, module } = setup({ workdirName: 'my-app', coep });
      const statuses: RuntimeStatus[] = [];
      runtime.onStatus((status) => statuses.push(status));

      await runtime.boot();

      expect(module.bootCalls).toEqual([{ coep, forwardPreviewErrors: true, workdirName: 'my-app' }]);
      expect(module.frameCoep).toBe(coep);
      expect(statuses.map((status) => status.state)).toEqual(['booting', 'ready']);
      expect(runtime.status()).toMatchObject({ kind: 'webcontainer', state: 'ready', confined: true });
    }
  });

  it('registers the preview bridge with setPreviewScript before it says ready', async () => {
    const { runtime, container } = setup();
    let scriptsWhenReady: string[] | null = null;
    runtime.onStatus((status) => {
      if (status.state === 'ready') scriptsWhenReady = [...container.previewScripts];
    });
    await runtime.boot();
    expect(container.previewScripts).toEqual([previewBridgeScript]);
    expect(scriptsWhenReady).toEqual([previewBridgeScript]);
  });

  it('configures the API key before booting, and none when there is no key', async () => {
    const withKey = setup({ apiKey: 'wc_api_123' });
    await withKey.runtime.boot();
    expect(withKey.module.apiKey).toBe('wc_api_123');
    expect(withKey.module.bootCalls[0]).not.toHaveProperty('apiKey');

    const withoutKey = setup();
    await withoutKey.runtime.boot();
    expect(withoutKey.module.apiKey).toBeNull();
  });

  it('boots once however often boot() is called', async () => {
    const { runtime, module } = setup();
    await Promise.all([runtime.boot(), runtime.boot()]);
    await runtime.boot();
    expect(module.bootCalls).toHaveLength(1);
  });

  it('gives up after the boot timeout, saying a reload is needed', async () => {
    vi.useFakeTimers();
    const boot = unreachableBoot();
    const runtime = createWebContainerRuntime({ boot, bootTimeoutMs: 12_000, coep: 'credentialless', slot: new WebContainerSlot() });
    const result = runtime.boot().then(
      () => 'booted',
      (error: Error) => error.message,
    );

    await vi.advanceTimersByTimeAsync(11_999);
    expect(runtime.status().state).toBe('booting');
    await vi.advanceTimersByTimeAsync(1);

    const message = 'WebContainer could not start: no connection to StackBlitz within 12 s. Reload the page to try again.';
    expect(await result).toBe(message);
    expect(runtime.status()).toMatchObject({ state: 'unavailable', message });
  });

  it('after a boot that hangs, another project in the same tab fails at once instead of waiting again', async () => {
    const slot = new WebContainerSlot();
    const boot = unreachableBoot();
    const first = createWebContainerRuntime({ boot, bootTimeoutMs: 30, coep: 'credentialless', slot });
    await expect(first.boot()).rejects.toThrow(/within 0\.03 s/);

    const second = createWebContainerRuntime({ boot, bootTimeoutMs: 60_000, coep: 'credentialless', slot });
    const started = Date.now();
    await expect(second.boot()).rejects.toThrow(/still waiting for StackBlitz.*Reload the page to try again/);
    expect(Date.now() - started).toBeLessThan(1000);
    // Only the first boot reached the API; the second never queued behind its lock.
    expect(boot.module.bootCalls).toHaveLength(1);
  });

  it('once the hung boot finally finishes, its container is torn down and the tab can boot again', async () => {
    const slot = new WebContainerSlot();
    const boot = unreachableBoot();
    const first = createWebContainerRuntime({ boot, bootTimeoutMs: 20, coep: 'credentialless', slot });
    await expect(first.boot()).rejects.toThrow(/within 0\.02 s/);

    boot.module.connect();
    await vi.waitFor(() => expect(boot.module.booted[0]?.tornDown).toBe(true));
    expect(first.status().state).toBe('unavailable');

    const second = createWebContainerRuntime({ boot, bootTimeoutMs: 1000, coep: 'credentialless', slot });
    await vi.waitFor(async () => {
      await second.boot();
      expect(second.status().state).toBe('ready');
    });
  });

  it('reports a failed boot in plain words', async () => {
    const boot = fakeBoot();
    boot.module.failNextBoot = 'Unable to create more instances';
    const runtime = createWebContainerRuntime({ boot, bootTimeoutMs: 1000, coep: 'credentialless', slot: new WebContainerSlot() });
    await expect(runtime.boot()).rejects.toThrow(
      'WebContainer could not start: Unable to create more instances. Reload the page to try again.',
    );
    expect(runtime.status().state).toBe('unavailable');
  });

  it('refuses file operations before boot', async () => {
    const { runtime } = setup();
    await expect(runtime.writeFile('a.txt', 'x')).rejects.toThrow(/not been started/);
  });

  it('marks the runtime crashed when the container reports an internal error', async () => {
    const { runtime, container } = await booted();
    container.emit('error', { message: 'worker died' });
    await vi.waitFor(() => expect(runtime.status().state).toBe('crashed'));
    expect(runtime.status().message).toContain('worker died');
  });
});

describe('WebContainer runtime: files', () => {
  it('mounts the project, removes files the project no longer has, and leaves node_modules alone', async () => {
    const { runtime, container, changes } = await booted();
    await container.fs.mkdir('node_modules/react', { recursive: true });
    await container.fs.writeFile('node_modules/react/index.js', 'react');
    await container.fs.writeFile('stale.txt', 'old');
    await settle(runtime);
    changes.length = 0;

    await runtime.mount({ 'package.json': '{}', 'src/App.tsx': 'app', 'logo.png': new Uint8Array([137, 80, 0]) });
    await settle(runtime);

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
    await settle(runtime);

    expect(container.fs.files.has('src/components/Button.tsx')).toBe(false);
    expect(changes).toEqual([]);
  });

  it('refuses paths outside the project', async () => {
    const { runtime } = await booted();
    await expect(runtime.writeFile('../escape.txt', 'x')).rejects.toThrow(/not a file inside the project/);
  });

  it('applies a batch of changes, saying which failed without stopping the rest', async () => {
    const { runtime } = await booted();
    const errors = await runtime.applyFileChanges([
      { kind: 'write', path: 'src/a.ts', content: 'a' },
      { kind: 'write', path: '../escape.txt', content: 'x' },
      { kind: 'delete', path: 'src/missing.ts' },
    ]);
    expect(errors).toEqual([null, expect.stringMatching(/not a file inside the project/), null]);
    expect(text(await runtime.readFile('src/a.ts'))).toBe('a');
  });

  it('reports files that processes create, change and delete, as text or bytes', async () => {
    const { runtime, container, changes } = await booted();
    await runtime.writeFile('README.md', 'hello');

    await container.fs.writeFile('README.md', 'hello, formatted');
    await container.fs.writeFile('package-lock.json', '{"lockfileVersion":3}');
    await container.fs.writeFile('favicon.ico', new Uint8Array([0, 1, 2]));
    await settle(runtime);
    await container.fs.rm('README.md');
    await settle(runtime);

    expect(changes).toEqual([
      { kind: 'write', path: 'README.md', content: 'hello, formatted' },
      { kind: 'write', path: 'package-lock.json', content: '{"lockfileVersion":3}' },
      { kind: 'write', path: 'favicon.ico', content: new Uint8Array([0, 1, 2]) },
      { kind: 'delete', path: 'README.md' },
    ]);
  });

  it('reports every file of a folder a scaffolder creates, later edits inside it, and every file of a folder it removes', async () => {
    const { runtime, container, changes } = await booted();
    await container.mount({ app: { directory: { 'a.js': { file: { contents: 'a' } }, 'b.js': { file: { contents: 'b' } } } } });
    await settle(runtime);
    expect(changes.map((change) => `${change.kind} ${change.path}`).sort()).toEqual(['write app/a.js', 'write app/b.js']);

    changes.length = 0;
    await container.fs.mkdir('app/deep', { recursive: true });
    await container.fs.writeFile('app/deep/c.js', 'c');
    await container.fs.writeFile('app/a.js', 'a2');
    await settle(runtime);
    expect(changes).toEqual(
      expect.arrayContaining([
        { kind: 'write', path: 'app/deep/c.js', content: 'c' },
        { kind: 'write', path: 'app/a.js', content: 'a2' },
      ]),
    );

    changes.length = 0;
    await container.fs.rm('app', { recursive: true });
    await settle(runtime);
    expect(changes.map((change) => `${change.kind} ${change.path}`).sort()).toEqual([
      'delete app/a.js',
      'delete app/b.js',
      'delete app/deep/c.js',
    ]);
  });

  it('excludes node_modules and .git at the source: no watcher covers them, so npm install sends no events', async () => {
    const { runtime, container, changes } = await booted();
    await container.fs.mkdir('src', { recursive: true });
    await container.fs.mkdir('node_modules/.bin', { recursive: true });
    await container.fs.mkdir('.git', { recursive: true });
    await settle(runtime);
    const before = container.fs.delivered;

    for (let i = 0; i < 50; i++) await container.fs.writeFile(`node_modules/.bin/tool-${i}`, 'x');
    await container.fs.writeFile('.git/HEAD', 'ref');
    await settle(runtime);

    expect(container.fs.delivered).toBe(before);
    expect(container.fs.recursivelyWatched).toEqual(['src']);
    expect(container.fs.watchCalls.filter((call) => call.recursive && /node_modules|\.git/.test(call.path))).toEqual([]);
    expect(changes).toEqual([]);
  });

  it('does not delete a file the watcher names but cannot read: it checks the file is really gone first', async () => {
    const { runtime, container, changes } = await booted();
    await runtime.writeFile('src/App.tsx', 'app');
    await settle(runtime);

    // The file exists, but reading it fails for a moment (as mid-write).
    container.fs.failingReads.set('src/App.tsx', 'EBUSY');
    container.fs.emitRawWatchEvent('change', 'App.tsx');
    await settle(runtime);
    expect(changes).toEqual([]);

    // Names in a form the API does not document are placed in the project or ignored, never deleted.
    container.fs.emitRawWatchEvent('rename', '/somewhere/else/src/App.tsx');
    container.fs.emitRawWatchEvent('rename', new TextEncoder().encode('src/App.tsx'));
    await settle(runtime);
    expect(changes).toEqual([]);
    expect(container.fs.files.has('src/App.tsx')).toBe(true);

    // An absolute name inside the working directory is understood.
    await container.fs.writeFile('src/App.tsx', 'app, edited');
    container.fs.emitRawWatchEvent('change', `${container.workdir}/src/App.tsx`);
    await settle(runtime);
    expect(changes).toEqual([{ kind: 'write', path: 'src/App.tsx', content: 'app, edited' }]);
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

  it('input typed after the process ended goes nowhere and breaks nothing', async () => {
    const { runtime, container } = await booted();
    container.commands.set('true', (process) => process.end(0));
    const process = await runtime.spawn('true');
    expect(await process.exit).toBe(0);
    process.write('late\r');
    await vi.waitFor(() => expect(container.spawned[0].droppedInput).toEqual(['late\r']));
    expect(container.spawned[0].received).toEqual([]);
  });

  it('kills a process and reports the exit code the container gave', async () => {
    const { runtime, container } = await booted();
    container.commands.set('npm run dev', (process) => {
      process.killExitCode = 130;
      process.print('VITE ready\r\n');
    });
    const process = await runtime.spawn('npm run dev');
    await vi.waitFor(() => expect(container.spawned[0].killExitCode).toBe(130));
    await process.kill();
    expect(container.spawned[0].killed).toBe(true);
    expect(await process.exit).toBe(130);
  });

  it('reports a killed process as ended even when the container never says so', async () => {
    const { runtime, container } = await booted();
    container.commands.set('stuck', (process) => {
      process.ignoresKill = true;
    });
    const process = await runtime.spawn('stuck');
    await vi.waitFor(() => expect(container.spawned[0].ignoresKill).toBe(true));
    await process.kill();
    expect(await process.exit).toBe(137);
  });

  it('reports an unknown command with the shell’s exit code', async () => {
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
    await vi.waitFor(() => expect(runtime.openPorts().map((event) => event.port)).toEqual([3000, 5173]));

    container.emit('port', 5173, 'close', 'https://abc--5173.local-credentialless.webcontainer-api.io');
    container.emit('server-ready', 3000, 'https://abc--3000.local-credentialless.webcontainer-api.io');
    await vi.waitFor(() => expect(events).toHaveLength(4));

    expect(events.map((event) => `${event.port} ${event.open}`)).toEqual(['5173 true', '5173 true', '3000 true', '5173 false']);
    expect(runtime.openPorts()).toEqual([
      { port: 3000, url: 'https://abc--3000.local-credentialless.webcontainer-api.io', open: true },
    ]);
  });

  it('maps forwarded preview errors to PreviewErrors, with sources from Chromium, Firefox and Safari stacks', async () => {
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
    container.emit('preview-message', {
      ...page,
      type: 'PREVIEW_UNCAUGHT_EXCEPTION',
      message: 'Boom is not defined',
      stack: 'onClick@http://x/src/App.tsx:12:5\n@http://x/src/main.tsx:3:1\n',
    });
    container.emit('preview-message', {
      ...page,
      type: 'PREVIEW_UNCAUGHT_EXCEPTION',
      message: "Can't find variable: Boom",
      stack: 'onClick@http://x/src/App.tsx:12:5\nglobal code@http://x/src/main.tsx:3:1',
    });
    container.emit('preview-message', { ...page, type: 'PREVIEW_UNHANDLED_REJECTION', message: 'fetch failed', stack: undefined });
    container.emit('preview-message', { ...page, type: 'PREVIEW_CONSOLE_ERROR', args: ['Failed:', { code: 7 }, new Error('bad')], stack: '' });
    container.emit('preview-message', { ...page, type: 'SOMETHING_ELSE' });
    await vi.waitFor(() => expect(errors).toHaveLength(5));

    expect(errors).toEqual([
      { kind: 'exception', message: 'Boom is not defined', source: 'onClick (http://x/src/App.tsx:12:5)', at: 42 },
      { kind: 'exception', message: 'Boom is not defined', source: 'onClick (http://x/src/App.tsx:12:5)', at: 42 },
      { kind: 'exception', message: "Can't find variable: Boom", source: 'onClick (http://x/src/App.tsx:12:5)', at: 42 },
      { kind: 'unhandled-rejection', message: 'fetch failed', source: '/', at: 42 },
      { kind: 'console-error', message: 'Failed: {"code":7} bad', source: '/', at: 42 },
    ]);
  });
});

describe('WebContainer runtime: teardown and the one-container-per-tab rule', () => {
  it('stops every process, tears the container down once and stops reporting events', async () => {
    const { runtime, container } = await booted();
    container.commands.set('npm run dev', () => {});
    const process = await runtime.spawn('npm run dev');
    const events: PortEvent[] = [];
    runtime.onPort((event) => events.push(event));
    const teardown = vi.spyOn(container, 'teardown');

    await runtime.teardown();
    await runtime.teardown();

    expect(await process.exit).toBe(143);
    expect(teardown).toHaveBeenCalledTimes(1);
    expect(container.tornDown).toBe(true);
    expect(container.fs.watcherCount).toBe(0);
    expect(container.listenerCount('port')).toBe(0);
    expect(runtime.status().state).toBe('unavailable');
    container.emit('port', 5173, 'open', 'https://x');
    await workerHop();
    expect(events).toEqual([]);
    await expect(runtime.spawn('ls')).rejects.toThrow(/no longer running/);
  });

  it('does not hang when torn down while the boot is still pending', async () => {
    const boot = unreachableBoot();
    const runtime = createWebContainerRuntime({ boot, bootTimeoutMs: 60_000, coep: 'credentialless', slot: new WebContainerSlot() });
    const booting = runtime.boot().catch((error: Error) => error.message);
    await runtime.teardown();
    boot.module.connect();
    expect(await booting).toMatch(/closed before/);
    await vi.waitFor(() => expect(boot.module.booted[0]?.tornDown).toBe(true));
  });

  it('hands the tab container to the next runtime only after the previous one is torn down', async () => {
    const slot = new WebContainerSlot();
    const boot = fakeBoot(new FakeWebContainer());
    boot.module.nextContainers.push(new FakeWebContainer());

    const runtimeA = createWebContainerRuntime({ boot, bootTimeoutMs: 1000, coep: 'credentialless', slot });
    await runtimeA.boot();
    const [first] = boot.module.booted;
    // The real API refuses a second instance while the first is alive; the slot must tear it down first.
    const runtimeB = createWebContainerRuntime({ boot, bootTimeoutMs: 1000, coep: 'credentialless', slot });
    await runtimeB.boot();

    expect(first.tornDown).toBe(true);
    expect(boot.module.booted).toHaveLength(2);
    expect(runtimeA.status()).toMatchObject({ state: 'unavailable' });
    expect(runtimeB.status().state).toBe('ready');
    await expect(runtimeA.writeFile('a.txt', 'x')).rejects.toThrow(/no longer running/);
  });

  it('the fake refuses a second live instance, as the real API does', async () => {
    const boot = fakeBoot();
    await boot({ coep: 'credentialless', forwardPreviewErrors: true, workdirName: 'project' });
    await expect(boot({ coep: 'credentialless', forwardPreviewErrors: true, workdirName: 'project' })).rejects.toThrow(
      'Only a single WebContainer instance can be booted',
    );
    expect(() => {
      boot.container.teardown();
      boot.container.teardown();
    }).toThrow('WebContainer already torn down');
  });
});

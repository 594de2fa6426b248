import { describe, expect, it, vi } from 'vitest';
import {
  describeRunPhase,
  installedPackagesCover,
  planRun,
  RunController,
  type RunControllerDeps,
  type RunProgress,
} from './run-plan';
import { FakeRuntime, type FakeRuntimeProcess } from './test-support/fake-runtime';

const viteApp = JSON.stringify({
  scripts: { dev: 'vite', start: 'vite preview', build: 'vite build' },
  dependencies: { react: '^19.0.0' },
  devDependencies: { vite: '^7.0.0' },
});
const nodeServer = JSON.stringify({ scripts: { start: 'node server.js' } });

describe('planRun', () => {
  it('installs, then runs the dev script', () => {
    expect(planRun({ packageJson: viteApp, needsInstall: true })).toEqual({
      ok: true,
      steps: [
        { kind: 'install', command: 'npm install', label: 'Installing packages…' },
        { kind: 'start', command: 'npm run dev', script: 'dev', label: 'Starting your app…' },
      ],
    });
  });

  it('skips the install when packages are already there', () => {
    const plan = planRun({ packageJson: viteApp, needsInstall: false });
    expect(plan.ok && plan.steps.map((step) => step.command)).toEqual(['npm run dev']);
  });

  it('uses the start script when there is no dev script, and skips install with no dependencies', () => {
    const plan = planRun({ packageJson: nodeServer, needsInstall: true });
    expect(plan.ok && plan.steps).toEqual([{ kind: 'start', command: 'npm start', script: 'start', label: 'Starting your app…' }]);
  });

  it('reads package.json given as bytes', () => {
    const plan = planRun({ packageJson: new TextEncoder().encode(nodeServer), needsInstall: false });
    expect(plan.ok).toBe(true);
  });

  it('explains why nothing can run', () => {
    expect(planRun({ packageJson: undefined, needsInstall: true })).toEqual({
      ok: false,
      reason: expect.stringContaining('no package.json'),
    });
    expect(planRun({ packageJson: '{"scripts": {', needsInstall: true })).toEqual({
      ok: false,
      reason: expect.stringMatching(/^package\.json could not be read \(.+\)\. Fix it, then press Run again\.$/),
    });
    expect(planRun({ packageJson: JSON.stringify({ scripts: { build: 'tsc', dev: ' ' } }), needsInstall: true })).toEqual({
      ok: false,
      reason: expect.stringContaining('no "dev" or "start" script'),
    });
  });
});

describe('installedPackagesCover', () => {
  const record = (names: string[]) =>
    JSON.stringify({ packages: Object.fromEntries(names.map((name) => [`node_modules/${name}`, { version: '1.0.0' }])) });

  it('is false without an install record', () => {
    expect(installedPackagesCover(viteApp, null)).toBe(false);
  });

  it('is true when every declared package was installed, false when one was added since', () => {
    expect(installedPackagesCover(viteApp, record(['react', 'vite', 'esbuild']))).toBe(true);
    expect(installedPackagesCover(viteApp, record(['react']))).toBe(false);
  });
});

describe('describeRunPhase', () => {
  it('adds elapsed seconds while a phase is under way', () => {
    expect(describeRunPhase({ phase: 'installing', label: 'Installing packages…', startedAt: 1000 }, 15_900)).toBe(
      'Installing packages… 14 s',
    );
    expect(describeRunPhase({ phase: 'running', label: 'Your app is running', startedAt: 1000 }, 15_900)).toBe(
      'Your app is running',
    );
  });
});

function controller(packageJson: string | undefined, overrides: Partial<RunControllerDeps> = {}) {
  const runtime = new FakeRuntime();
  const progress: RunProgress[] = [];
  const started: string[] = [];
  const run = new RunController({
    runtime,
    readPackageJson: () => packageJson,
    onProcess: (process) => started.push(process.command),
    ...overrides,
  });
  run.onProgress((event) => progress.push(event));
  const phases = () => progress.map((event) => event.phase);
  return { runtime, run, progress, phases, started };
}

/** A dev server that opens `port` once started and keeps running. */
function devServer(runtime: FakeRuntime, port: number) {
  return (process: FakeRuntimeProcess) => {
    process.print('ready\r\n');
    runtime.emitPort(port);
  };
}

describe('RunController', () => {
  it('installs when node_modules is missing, starts the dev script, and reports the app running once a port opens', async () => {
    const beforeRun = vi.fn(async () => {});
    const { runtime, run, phases, started } = controller(viteApp, { beforeRun });
    runtime.commands.set('npm install', (process) => process.end(0));
    runtime.commands.set('npm run dev', devServer(runtime, 5173));

    await run.run();

    expect(beforeRun).toHaveBeenCalledOnce();
    expect(started).toEqual(['npm install', 'npm run dev']);
    expect(phases()).toEqual(['installing', 'starting', 'running']);
    expect(run.phase()).toMatchObject({ phase: 'running', label: 'Your app is running' });
  });

  it('does not install again for an unchanged package.json, but does after it changes', async () => {
    let packageJson = viteApp;
    const { runtime, run, started } = controller(undefined, { readPackageJson: () => packageJson });
    runtime.commands.set('npm install', (process) => {
      const declared = JSON.parse(packageJson) as { dependencies: object; devDependencies: object };
      const names = [...Object.keys(declared.dependencies), ...Object.keys(declared.devDependencies)];
      const packages = Object.fromEntries(names.map((name) => [`node_modules/${name}`, {}]));
      runtime.files.set('node_modules/.package-lock.json', JSON.stringify({ packages }));
      process.end(0);
    });
    runtime.commands.set('npm run dev', devServer(runtime, 5173));

    await run.run();
    await run.run();
    packageJson = JSON.stringify({ ...JSON.parse(viteApp), dependencies: { react: '^19.0.0', zod: '^4.0.0' } });
    await run.run();

    expect(started).toEqual(['npm install', 'npm run dev', 'npm run dev', 'npm install', 'npm run dev']);
  });

  it('skips the install when npm recorded every declared package in node_modules', async () => {
    const { runtime, run, started } = controller(viteApp);
    runtime.files.set(
      'node_modules/.package-lock.json',
      JSON.stringify({ packages: { 'node_modules/react': {}, 'node_modules/vite': {} } }),
    );
    runtime.commands.set('npm run dev', devServer(runtime, 5173));
    await run.run();
    expect(started).toEqual(['npm run dev']);
  });

  it('reads the install record while the files are still syncing, not after', async () => {
    const order: string[] = [];
    let finishSync = () => {};
    const beforeRun = () =>
      new Promise<void>((resolve) => {
        order.push('sync started');
        finishSync = () => {
          order.push('sync done');
          resolve();
        };
      });
    const { runtime, run, started } = controller(viteApp, { beforeRun });
    const readFile = runtime.readFile.bind(runtime);
    runtime.readFile = (path: string) => {
      order.push(`read ${path}`);
      return readFile(path);
    };
    runtime.commands.set('npm install', (process) => process.end(0));
    runtime.commands.set('npm run dev', devServer(runtime, 5173));
    const running = run.run();
    await vi.waitFor(() => expect(order).toContain('sync started'));
    expect(order).toContain('read node_modules/.package-lock.json');
    finishSync();
    await running;
    expect(order.indexOf('read node_modules/.package-lock.json')).toBeLessThan(order.indexOf('sync done'));
    expect(started).toEqual(['npm install', 'npm run dev']);
  });

  it('stops the previous dev server before starting again', async () => {
    const { runtime, run } = controller(nodeServer);
    runtime.commands.set('npm start', devServer(runtime, 3000));
    await run.run();
    const first = runtime.processes[0];
    expect(first.running).toBe(true);

    await run.run();

    expect(first.killed).toBe(true);
    expect(runtime.processes).toHaveLength(2);
    expect(runtime.processes[1].running).toBe(true);
    expect(run.phase().phase).toBe('running');
  });

  it('reports a failed install in plain words and does not start the app', async () => {
    const { runtime, run, started } = controller(viteApp);
    runtime.commands.set('npm install', (process) => process.end(1));
    await run.run();
    expect(started).toEqual(['npm install']);
    expect(run.phase()).toMatchObject({
      phase: 'failed',
      label: 'Installing packages failed',
      detail: '"npm install" ended with exit code 1. The terminal shows what went wrong.',
    });
  });

  it('reports an app that crashes while starting', async () => {
    const { runtime, run } = controller(nodeServer);
    runtime.commands.set('npm start', (process) => process.end(1));
    await run.run();
    expect(run.phase()).toMatchObject({ phase: 'failed', label: 'Your app crashed while starting' });
  });

  it('reports an app that crashes after it was running', async () => {
    const { runtime, run } = controller(nodeServer);
    runtime.commands.set('npm start', devServer(runtime, 3000));
    await run.run();
    runtime.processes[0].end(1);
    await vi.waitFor(() => expect(run.phase()).toMatchObject({ phase: 'failed', label: 'Your app crashed' }));
  });

  it('explains when there is nothing to run', async () => {
    const { run, started } = controller(undefined);
    await run.run();
    expect(started).toEqual([]);
    expect(run.phase()).toMatchObject({ phase: 'failed', detail: expect.stringContaining('no package.json') });
  });

  it('stop() kills the dev server and says so', async () => {
    const { runtime, run } = controller(nodeServer);
    runtime.commands.set('npm start', devServer(runtime, 3000));
    await run.run();
    await run.stop();
    expect(runtime.processes[0].killed).toBe(true);
    expect(run.phase()).toMatchObject({ phase: 'stopped', label: 'Your app is stopped' });
  });

  it("adopts the agent's dev server: running once its port opens, Stop stops it, Run restarts instead of starting a second", async () => {
    const { runtime, run, phases } = controller(nodeServer);
    runtime.commands.set('node server.js', devServer(runtime, 3000));
    runtime.commands.set('npm start', devServer(runtime, 3000));
    const agentServer = await runtime.spawn('node server.js');
    run.adopt(agentServer, 'node server.js');
    expect(phases()).toEqual([]);
    runtime.emitPort(3000);
    expect(run.phase()).toMatchObject({ phase: 'running', label: 'Your app is running' });

    await run.run();
    expect((agentServer as FakeRuntimeProcess).killed).toBe(true);
    expect(run.phase().phase).toBe('running');

    const again = await runtime.spawn('node server.js');
    run.adopt(again, 'node server.js');
    await run.stop();
    expect((again as FakeRuntimeProcess).killed).toBe(true);
    expect(run.phase().phase).toBe('stopped');
  });

  it("reports the adopted server's crash, and leaves the phase alone for a command that never serves", async () => {
    const { runtime, run } = controller(nodeServer);
    const keepsRunning = () => {};
    runtime.commands.set('tailwindcss --watch', keepsRunning);
    runtime.commands.set('node server.js', keepsRunning);
    const watcher = (await runtime.spawn('tailwindcss --watch')) as FakeRuntimeProcess;
    run.adopt(watcher, 'tailwindcss --watch');
    watcher.end(0);
    await Promise.resolve();
    expect(run.phase().phase).toBe('idle');

    const server = (await runtime.spawn('node server.js')) as FakeRuntimeProcess;
    run.adopt(server, 'node server.js');
    runtime.emitPort(3000);
    server.end(1);
    await vi.waitFor(() =>
      expect(run.phase()).toMatchObject({ phase: 'failed', label: 'Your app crashed', detail: expect.stringContaining('"node server.js"') }),
    );
  });

  it('reports elapsed seconds while installing', async () => {
    vi.useFakeTimers();
    try {
      let now = 0;
      const { runtime, run, progress } = controller(viteApp, { now: () => now, tickMs: 1000 });
      let install!: FakeRuntimeProcess;
      runtime.commands.set('npm install', (process) => {
        install = process;
      });
      runtime.commands.set('npm run dev', devServer(runtime, 5173));
      const running = run.run();
      await vi.advanceTimersByTimeAsync(0);
      now = 14_200;
      await vi.advanceTimersByTimeAsync(1000);
      expect(progress.at(-1)).toMatchObject({ phase: 'installing', elapsedSeconds: 14 });
      install.end(0);
      await running;
      expect(run.phase().phase).toBe('running');
      const ticks = progress.length;
      await vi.advanceTimersByTimeAsync(5000);
      expect(progress).toHaveLength(ticks);
    } finally {
      vi.useRealTimers();
    }
  });
});

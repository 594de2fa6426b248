import type { FileContent } from '../project/types';
import type { Runtime, RuntimeProcess } from './types';

export type RunStep =
  | { kind: 'install'; command: string; label: string }
  | { kind: 'start'; command: string; script: 'dev' | 'start'; label: string };

export type RunPlan = { ok: true; steps: RunStep[] } | { ok: false; reason: string };

export const RUN_LABELS = {
  idle: 'Not running',
  installing: 'Installing packages…',
  starting: 'Starting your app…',
  running: 'Your app is running',
  stopped: 'Your app is stopped',
} as const;

interface PackageJson {
  scripts?: Record<string, unknown>;
  dependencies?: Record<string, unknown>;
  devDependencies?: Record<string, unknown>;
}

function asText(content: FileContent): string {
  return typeof content === 'string' ? content : new TextDecoder().decode(content);
}

function parsePackageJson(content: FileContent): PackageJson | string {
  try {
    const parsed: unknown = JSON.parse(asText(content));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as PackageJson;
    return 'it does not describe an object';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function hasEntries(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.keys(value).length > 0;
}

function hasScript(pkg: PackageJson, name: string): boolean {
  const script = pkg.scripts?.[name];
  return typeof script === 'string' && script.trim() !== '';
}

/**
 * What "Run" does for a project: install packages when needed (the caller knows whether node_modules
 * is there and whether package.json changed since the last install), then the dev script, else start.
 */
export function planRun(input: { packageJson: FileContent | undefined; needsInstall: boolean }): RunPlan {
  if (input.packageJson === undefined) {
    return {
      ok: false,
      reason: 'This project has no package.json yet, so there is nothing to start. Ask the assistant to build the app first.',
    };
  }
  const pkg = parsePackageJson(input.packageJson);
  if (typeof pkg === 'string') {
    return { ok: false, reason: `package.json could not be read (${pkg}). Fix it, then press Run again.` };
  }
  const script = hasScript(pkg, 'dev') ? 'dev' : hasScript(pkg, 'start') ? 'start' : null;
  if (!script) {
    return {
      ok: false,
      reason:
        'package.json has no "dev" or "start" script, so Tabsmith does not know how to start this app. Add one (for example "dev": "vite"), then press Run again.',
    };
  }
  const steps: RunStep[] = [];
  if (input.needsInstall && (hasEntries(pkg.dependencies) || hasEntries(pkg.devDependencies))) {
    steps.push({ kind: 'install', command: 'npm install', label: RUN_LABELS.installing });
  }
  steps.push({
    kind: 'start',
    command: script === 'dev' ? 'npm run dev' : 'npm start',
    script,
    label: RUN_LABELS.starting,
  });
  return { ok: true, steps };
}

/** npm writes this file on every install; it lists what node_modules holds. */
const INSTALL_MARKER = 'node_modules/.package-lock.json';

/**
 * Whether the packages package.json declares are all in node_modules, judged from npm's own record
 * of the last install (`node_modules/.package-lock.json`, null when there is none).
 */
export function installedPackagesCover(packageJson: FileContent, installRecord: string | null): boolean {
  if (installRecord === null) return false;
  const pkg = parsePackageJson(packageJson);
  if (typeof pkg === 'string') return false;
  let installed: Record<string, unknown>;
  try {
    const record = JSON.parse(installRecord) as { packages?: Record<string, unknown> };
    installed = record.packages ?? {};
  } catch {
    return false;
  }
  const declared = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})];
  return declared.every((name) => `node_modules/${name}` in installed);
}

export async function readInstallRecord(runtime: Runtime): Promise<string | null> {
  try {
    return new TextDecoder().decode(await runtime.readFile(INSTALL_MARKER));
  } catch {
    return null;
  }
}

/** "Run" progress in plain words; `startedAt` lets views show elapsed seconds. */
export interface RunPhase {
  phase: 'idle' | 'installing' | 'starting' | 'running' | 'failed' | 'stopped';
  label: string;
  startedAt: number | null;
  detail?: string;
}

export interface RunProgress extends RunPhase {
  elapsedSeconds: number;
}

/** Installing or starting: the app's own start is using the machine. */
export function isRunUnderWay(phase: RunPhase['phase']): boolean {
  return phase === 'installing' || phase === 'starting';
}

/** "Installing packages… 14 s" while a phase is under way; the label alone otherwise. */
export function describeRunPhase(phase: RunPhase, now: number): string {
  if (isRunUnderWay(phase.phase) && phase.startedAt !== null) {
    return `${phase.label} ${Math.max(0, Math.floor((now - phase.startedAt) / 1000))} s`;
  }
  return phase.label;
}

export interface RunControllerDeps {
  runtime: Runtime;
  /** The project's package.json as the store has it now. */
  readPackageJson: () => FileContent | undefined;
  /** Awaited before anything runs, so the runtime has the latest files (the project sync's flush). */
  beforeRun?: () => Promise<void>;
  /** Each command Run starts, for the terminal. */
  onProcess?: (process: RuntimeProcess, step: RunStep) => void;
  now?: () => number;
  /** How often progress listeners hear the elapsed time while installing or starting. */
  tickMs?: number;
}

/** Runs the plan on a runtime, one run at a time: a new run stops the previous dev server first. */
export class RunController {
  private current: RunPhase = { phase: 'idle', label: RUN_LABELS.idle, startedAt: null };
  private readonly listeners = new Set<(progress: RunProgress) => void>();
  private readonly processes = new Set<RuntimeProcess>();
  private generation = 0;
  private ticker: ReturnType<typeof setInterval> | null = null;
  /** package.json as it was at the last successful install in this runtime. */
  private installedPackageJson: string | null = null;

  constructor(private readonly deps: RunControllerDeps) {}

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  phase(): RunPhase {
    return this.current;
  }

  onProgress(listener: (progress: RunProgress) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  private announce(): void {
    const startedAt = this.current.startedAt;
    const elapsedSeconds = startedAt === null ? 0 : Math.max(0, Math.floor((this.now() - startedAt) / 1000));
    const progress = { ...this.current, elapsedSeconds };
    for (const listener of [...this.listeners]) listener(progress);
  }

  private enter(phase: RunPhase['phase'], label: string, detail?: string): void {
    this.current = { phase, label, startedAt: this.now(), ...(detail ? { detail } : {}) };
    const underWay = isRunUnderWay(phase);
    if (underWay && !this.ticker) this.ticker = setInterval(() => this.announce(), this.deps.tickMs ?? 1000);
    if (!underWay && this.ticker) {
      clearInterval(this.ticker);
      this.ticker = null;
    }
    this.announce();
  }

  private async stopProcesses(): Promise<void> {
    const running = [...this.processes];
    this.processes.clear();
    await Promise.all(running.map((process) => process.kill().catch(() => {})));
  }

  private async needsInstall(packageJson: FileContent, installRecord: Promise<string | null>): Promise<boolean> {
    if (this.installedPackageJson !== null && this.installedPackageJson !== asText(packageJson)) return true;
    return !installedPackagesCover(packageJson, await installRecord);
  }

  private async spawn(step: RunStep): Promise<RuntimeProcess> {
    const process = await this.deps.runtime.spawn(step.command);
    this.processes.add(process);
    void process.exit.then(() => this.processes.delete(process));
    this.deps.onProcess?.(process, step);
    return process;
  }

  /** Install when needed, then start the dev (or start) script. Resolves once the app is up or the run ended. */
  async run(): Promise<void> {
    const generation = ++this.generation;
    const superseded = () => generation !== this.generation;
    // The install record is the runtime's own file, never synced: read it while the app stops and the files sync.
    const installRecord = readInstallRecord(this.deps.runtime);
    await this.stopProcesses();
    await this.deps.beforeRun?.();
    if (superseded()) return;

    const packageJson = this.deps.readPackageJson();
    const plan = planRun({
      packageJson,
      needsInstall: packageJson === undefined ? false : await this.needsInstall(packageJson, installRecord),
    });
    if (superseded()) return;
    if (!plan.ok) {
      this.enter('failed', 'Your app could not be started', plan.reason);
      return;
    }

    for (const step of plan.steps) {
      if (step.kind === 'install') {
        this.enter('installing', step.label);
        const install = await this.spawn(step);
        const code = await install.exit;
        if (superseded()) return;
        if (code !== 0) {
          this.enter(
            'failed',
            'Installing packages failed',
            `"${step.command}" ended with exit code ${code}. The terminal shows what went wrong.`,
          );
          return;
        }
        this.installedPackageJson = packageJson === undefined ? null : asText(packageJson);
        continue;
      }
      await this.start(step, superseded);
    }
  }

  private async start(step: RunStep, superseded: () => boolean): Promise<void> {
    this.enter('starting', step.label);
    let portOpened!: () => void;
    const opened = new Promise<'port'>((resolve) => {
      portOpened = () => resolve('port');
    });
    const stopWatchingPorts = this.deps.runtime.onPort((event) => {
      if (event.open) portOpened();
    });
    const server = await this.spawn(step);
    const ended = server.exit.then((code) => ({ code }));

    const first = await Promise.race([opened, ended]);
    stopWatchingPorts();
    if (superseded()) return;
    if (first === 'port') {
      this.enter('running', RUN_LABELS.running);
      void ended.then(({ code }) => {
        if (!superseded()) this.reportEnded(step.command, code, true);
      });
      return;
    }
    this.reportEnded(step.command, first.code, false);
  }

  private reportEnded(command: string, code: number, wasRunning: boolean): void {
    const detail = `"${command}" ended with exit code ${code}. The terminal shows its output.`;
    if (code === 0 && wasRunning) this.enter('stopped', RUN_LABELS.stopped, detail);
    else if (code === 0) this.enter('failed', 'Your app ended without opening a port', detail);
    else this.enter('failed', wasRunning ? 'Your app crashed' : 'Your app crashed while starting', detail);
  }

  /**
   * A command started elsewhere (the agent's background command) joins the app: once a port opens
   * while it runs, the app is running, as if Run had started it, so Run and Stop act on it instead of
   * starting a second server beside it; its end is reported like a dev server's.
   */
  adopt(process: RuntimeProcess, command: string): void {
    this.processes.add(process);
    const generation = this.generation;
    let served = false;
    const stopWatchingPorts = this.deps.runtime.onPort((event) => {
      if (!event.open || generation !== this.generation || !this.processes.has(process)) return;
      served = true;
      if (!isRunUnderWay(this.current.phase)) this.enter('running', RUN_LABELS.running);
    });
    void process.exit.then((code) => {
      stopWatchingPorts();
      this.processes.delete(process);
      if (served && generation === this.generation && this.current.phase === 'running' && this.processes.size === 0) {
        this.reportEnded(command, code, true);
      }
    });
  }

  /** Stops the dev server (and an install in progress). */
  async stop(): Promise<void> {
    this.generation += 1;
    await this.stopProcesses();
    this.enter('stopped', RUN_LABELS.stopped);
  }

  dispose(): void {
    this.generation += 1;
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = null;
    this.listeners.clear();
  }
}

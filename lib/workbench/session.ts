import { createStore } from 'zustand/vanilla';
import { createAgentFiles } from '../agent/agent-files';
import { createPreviewMonitor, type DisposablePreviewMonitor } from '../agent/preview-monitor';
import { ProcessRegistry } from '../agent/process-registry';
import type { PreviewMonitor, ToolContext } from '../agent/tool-context';
import { createChecksController, isChecksFile } from '../checks/checks-controller';
import { createCheckpointManager, type RestoreResult } from '../checkpoints/checkpoint-manager';
import { createIndexedDbCheckpointRepository, createMemoryCheckpointRepository } from '../checkpoints/checkpoint-store';
import type { CheckpointRepository } from '../checkpoints/checkpoint-types';
import { addElement } from '../chat/element-reference';
import type { ProjectStore } from '../project/project-store';
import type { SelectedElement } from '../runtime/preview-bridge/messages';
import { createPreviewTester, type PreviewTester } from '../runtime/preview-bridge/preview-tester';
import type { RuntimeClientConfig } from '../runtime/config';
import { createLocalRuntime, type LocalRuntime } from '../runtime/local/local-runtime';
import { syncProjectToRuntime, type ProjectSync } from '../runtime/project-sync';
import { RUN_LABELS, RunController } from '../runtime/run-plan';
import { storedFailureMemory } from '../runtime/remembered-failure';
import { selectRuntime, type SelectionStatus, type WebContainerReachability } from '../runtime/select-runtime';
import type { FailureMemory } from '../runtime/remembered-failure';
import type { PortEvent, PreviewError, Runtime, RuntimeStatus } from '../runtime/types';
import { bootWebContainer } from '../runtime/webcontainer/load-webcontainer';
import { probeWebContainerServer } from '../runtime/webcontainer/reachability';
import { createWebContainerRuntime } from '../runtime/webcontainer/webcontainer-runtime';
import type { AgentCommandEvent, PreviewFrameHandle, RuntimeSessionState, WorkbenchSession } from './session-types';
import { createTurnEvidenceFeed } from './turn-evidence';

const MAX_PREVIEW_ERRORS = 50;
export const FOLLOWER_STATUS = 'This project runs in another tab; this tab shows it live.';
/** Saves and agent writes come in bursts; one reload after the burst is enough. */
const LIVE_RELOAD_DELAY_MS = 150;
/**
 * How long a page with hot updates gets to show a turn's changes before the turn's end reloads it:
 * a busy machine can take seconds to rebuild (Tailwind rescans on every edit), and a reload loses the app's state.
 */
const HOT_UPDATE_GRACE_MS = 30_000;
/** A page that finished loading reports through its bridge script right after; one that stays silent never will. */
const BRIDGE_REPORT_MS = 1_000;

const notRunning: PreviewMonitor = {
  check: () => ({ status: 'not-running', url: null, errors: [] }),
};

function withNote(status: SelectionStatus): RuntimeStatus {
  const { note, ...rest } = status;
  if (!note || rest.message?.includes(note)) return rest;
  return { ...rest, message: rest.message ? `${note} ${rest.message}` : note };
}

/** The preview follows the newest dev server; when the one it shows closes, it falls back to the latest still open. */
function nextPreviewPort(ports: PortEvent[], current: number | null, event: PortEvent): number | null {
  if (event.open) return event.port;
  if (current !== event.port) return current;
  return ports.at(-1)?.port ?? null;
}

/** Why the agent has no runtime, for its tool errors: still starting, or the reason none could start. */
function runtimeMissing(state: RuntimeSessionState): string | undefined {
  const said = state.status?.message ? ` (${state.status.message.replace(/\.$/, '')})` : '';
  if (state.runtimeStarting) {
    return `The runtime is still starting${said} and did not come up while this tool waited. Try again in a moment; if it still does not start, tell the user (its status is shown above the terminal).`;
  }
  if (state.status?.state === 'unavailable') {
    return `The runtime could not start${said}. Tell the user what its status says.`;
  }
  return undefined;
}

export interface SessionBackends {
  createWebContainer: () => Runtime;
  createLocal: (() => Runtime) | null;
  probeWebContainer?: () => Promise<WebContainerReachability>;
  memory?: FailureMemory;
}

function realBackends(projectId: string, config: RuntimeClientConfig): SessionBackends {
  const { secret } = config;
  return {
    createWebContainer: () =>
      createWebContainerRuntime({
        boot: bootWebContainer,
        bootTimeoutMs: config.webcontainerBootTimeoutMs,
        coep: config.webcontainerCoep,
        apiKey: config.webcontainerClientId,
      }),
    createLocal: secret ? () => createLocalRuntime({ projectId, secret }) : null,
    probeWebContainer: () => probeWebContainerServer(),
    memory: storedFailureMemory(),
  };
}

/** Ties one open project to its runtime: backend selection, file sync, Run, preview state and agent tools. */
export function createWorkbenchSession(init: {
  projectId: string;
  store: ProjectStore;
  runtimeConfig: RuntimeClientConfig;
  /** Tests substitute fakes; the page uses the real backends. */
  backends?: SessionBackends;
  /** Where restore points live; IndexedDB in the browser by default. */
  checkpointRepository?: CheckpointRepository;
  /** Another tab works on this project: start no runtime here, only show what that tab saves. */
  follower?: boolean;
}): WorkbenchSession {
  const { projectId, store, runtimeConfig } = init;
  const backends = init.backends ?? realBackends(projectId, runtimeConfig);
  const runtimeState = createStore<RuntimeSessionState>(() => ({
    status: null,
    runtime: null,
    runtimeStarting: !init.follower,
    ports: [],
    previewPort: null,
    previewErrors: [],
    run: { phase: 'idle', label: 'Not running', startedAt: null },
    unsyncedPaths: [],
    previewGeneration: 0,
    previewLoading: false,
    agentWorking: false,
  }));
  const commandListeners = new Set<(event: AgentCommandEvent) => void>();
  let previewFrame: PreviewFrameHandle | null = null;
  const previewTester: PreviewTester = {
    run(input, signal) {
      const frame = previewFrame;
      const access = frame ?? { frameWindow: () => null, messages: new EventTarget() };
      return createPreviewTester({ frameWindow: () => previewFrame?.frameWindow() ?? null, messages: access.messages }).run(input, signal);
    },
  };
  const cleanups: (() => void)[] = [];
  let disposed = false;
  let runtime: Runtime | null = null;
  let sync: ProjectSync | null = null;
  let runController: RunController | null = null;
  let previewMonitor: DisposablePreviewMonitor | null = null;
  let processes: ProcessRegistry | null = null;

  const emitCommand = (event: AgentCommandEvent) => {
    for (const listener of [...commandListeners]) listener(event);
  };

  const evidence = createTurnEvidenceFeed();
  // Changes made by commands (lockfiles, build output) are not edits; everything else resets what was seen.
  cleanups.push(
    store.onFileChange((change) => {
      // Saving a check is not a change to the app.
      if (change.origin === 'runtime' || isChecksFile(change.path)) return;
      evidence.fileChanged(change.origin === 'user' ? 'person' : 'agent');
      previewMonitor?.fileChanged();
    }),
  );
  const checks = createChecksController(store, previewTester);
  cleanups.push(() => checks.dispose());
  const checkpoints = createCheckpointManager({
    store,
    repository:
      init.checkpointRepository ??
      (typeof indexedDB === 'undefined' ? createMemoryCheckpointRepository() : createIndexedDbCheckpointRepository()),
    projectId,
    sync: { flush: () => sync?.flush() ?? Promise.resolve() },
  });
  void checkpoints.prepare().catch(() => {});
  const selection = createStore<{ elements: SelectedElement[] }>(() => ({ elements: [] }));
  /** Whether the page in the preview updates itself on change; null until a page has loaded. */
  let previewHot: boolean | null = null;
  let liveReloadTimer: ReturnType<typeof setTimeout> | null = null;
  const scheduleLiveReload = () => {
    if (liveReloadTimer) clearTimeout(liveReloadTimer);
    liveReloadTimer = setTimeout(() => {
      liveReloadTimer = null;
      // The runtime must hold the change before the page is asked for again.
      void (sync?.flush() ?? Promise.resolve()).then(() => {
        if (!disposed && previewHot === false && appIsRunning()) session.reloadPreview();
      });
    }, LIVE_RELOAD_DELAY_MS);
  };
  cleanups.push(
    store.onFileChange((change) => {
      if ((change.origin === 'user' || change.origin === 'agent') && previewHot === false && !isChecksFile(change.path)) scheduleLiveReload();
    }),
  );
  cleanups.push(() => {
    if (liveReloadTimer) clearTimeout(liveReloadTimer);
  });

  const appIsRunning = () => {
    const { ports, run } = runtimeState.getState();
    return ports.some((p) => p.open) || run.phase === 'running' || run.phase === 'starting';
  };

  const restartAfter = async (restore: () => Promise<RestoreResult | null>) => {
    const wasRunning = appIsRunning();
    const result = await restore();
    // Run stops the app's servers first, the agent's included.
    if (result && wasRunning && result.changedPaths.length > 0) await session.run();
    if (result) session.reloadPreview();
    return result;
  };

  const attach = (active: Runtime) => {
    runtime = active;
    sync = syncProjectToRuntime(store, active, {
      onLargeFile: 'onSkippedFile' in active ? (active as LocalRuntime).onSkippedFile : undefined,
    });
    cleanups.push(sync.onFailedPathsChange((paths) => runtimeState.setState({ unsyncedPaths: paths })));
    cleanups.push(
      active.onPort((event) => {
        const ports = runtimeState.getState().ports.filter((p) => p.port !== event.port);
        if (event.open) ports.push(event);
        if (event.open) store.setAppWasRunning(true);
        runtimeState.setState({ ports, previewPort: nextPreviewPort(ports, runtimeState.getState().previewPort, event) });
      }),
    );
    cleanups.push(
      active.onPreviewError((error: PreviewError) => {
        const errors = [...runtimeState.getState().previewErrors, error].slice(-MAX_PREVIEW_ERRORS);
        runtimeState.setState({ previewErrors: errors });
      }),
    );
    cleanups.push(evidence.attachRuntime(active));
    processes = new ProcessRegistry(active);
    previewMonitor = createPreviewMonitor(active, {
      selectedPort: () => runtimeState.getState().previewPort,
      loadedSinceLastChange: () => evidence.state.getState().evidence.previewLoadedSinceLastChange,
      processes,
    });
    const activeProcesses = processes;
    const activeSync = sync;
    runController = new RunController({
      runtime: active,
      readPackageJson: () => store.readFile('package.json'),
      beforeRun: () => activeSync.flush(),
      onProcess: (process, step) => {
        activeProcesses.track(process, 'run', step.command);
        emitCommand({
          id: process.id,
          command: step.command,
          process,
          startedAt: Date.now(),
          background: step.kind !== 'install',
        });
      },
    });
    cleanups.push(
      runController.onProgress(({ phase, label, startedAt, detail }) =>
        runtimeState.setState({ run: { phase, label, startedAt, ...(detail ? { detail } : {}) } }),
      ),
    );
    const open = active.openPorts().filter((p) => p.open);
    // A project whose app was running when it was last open comes back running, without a click.
    const autostart = open.length === 0 && store.getState().record.appWasRunning;
    runtimeState.setState({
      runtime: active,
      ports: open,
      previewPort: open[0]?.port ?? null,
      // Said in the same update that enables the Run button: a Run offered before the automatic start
      // announces itself would turn into Stop under the person's pointer a moment later.
      ...(autostart ? { run: { phase: 'starting' as const, label: RUN_LABELS.starting, startedAt: Date.now() } } : {}),
    });
    if (autostart) {
      void runController.run().catch((error: unknown) =>
        runtimeState.setState({
          run: {
            phase: 'failed',
            label: 'Your app could not be started',
            startedAt: null,
            detail: error instanceof Error ? error.message : String(error),
          },
        }),
      );
    }
  };

  const ready = init.follower
    ? Promise.resolve().then(() =>
        runtimeState.setState({
          status: { kind: runtimeConfig.runtime === 'local' ? 'local' : 'webcontainer', state: 'unavailable', confined: true, message: FOLLOWER_STATUS },
        }),
      )
    : selectRuntime(
    {
      mode: runtimeConfig.runtime,
      webcontainerBootTimeoutMs: runtimeConfig.webcontainerBootTimeoutMs,
      ...backends,
    },
    (status) => {
      if (!disposed) runtimeState.setState({ status: withNote(status) });
    },
  )
      .then(async (selection) => {
        if (!selection.runtime) return;
        if (disposed) {
          await selection.runtime.teardown();
          return;
        }
        attach(selection.runtime);
      })
      .finally(() => runtimeState.setState({ runtimeStarting: false }));

  /**
   * A file tool reports success only once its change is durable in the browser's store (here) and
   * held by the runtime (`failureOf`), so the agent never claims a file that a reload would lose.
   */
  const writeThrough = async () => {
    try {
      await store.persist();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`The change could not be saved in this browser, so it is not kept: ${reason}`);
    }
    await sync?.flush();
  };

  const session: WorkbenchSession = {
    projectId,
    store,
    runtimeState,
    checkpoints,
    evidence,
    checks,
    selection,
    selectElement: (element) => selection.setState({ elements: addElement(selection.getState().elements, element) }),
    unselectElement: (selector) =>
      selection.setState({ elements: selection.getState().elements.filter((e) => e.selector !== selector) }),
    clearSelection: () => selection.setState({ elements: [] }),
    async restoreCheckpoint(checkpointId) {
      const result = await restartAfter(() => checkpoints.restore(checkpointId));
      if (!result) throw new Error('That restore point could not be used.');
      return result;
    },
    undoRestore: () => restartAfter(() => checkpoints.undoRestore()),
    async run() {
      await ready;
      await runController?.run();
    },
    async stopApp() {
      store.setAppWasRunning(false);
      await runController?.stop();
    },
    setPreviewPort: (port) => runtimeState.setState({ previewPort: port }),
    setAgentWorking: (working) => {
      if (runtimeState.getState().agentWorking !== working) runtimeState.setState({ agentWorking: working });
    },
    clearPreviewErrors: () => runtimeState.setState({ previewErrors: [] }),
    reloadPreview: () => runtimeState.setState({ previewGeneration: runtimeState.getState().previewGeneration + 1 }),
    refreshPreviewAfterTurn() {
      const shown = () => evidence.state.getState().evidence.previewLoadedSinceLastChange;
      const loading = () => runtimeState.getState().previewLoading;
      if (previewHot !== true && !loading()) {
        session.reloadPreview();
        return;
      }
      // A hot page gets time to show the change itself; a page still loading (the app's first, often) gets to finish,
      // since reloading it would only start that load again.
      let silentPage: ReturnType<typeof setTimeout> | null = null;
      const finish = () => {
        clearTimeout(timer);
        if (silentPage) clearTimeout(silentPage);
        unsubscribeEvidence();
        unsubscribeRuntime();
        const index = cleanups.indexOf(finish);
        if (index >= 0) cleanups.splice(index, 1);
      };
      const reloadUnlessShown = () => {
        finish();
        if (!shown()) session.reloadPreview();
      };
      const check = () => {
        if (shown()) return finish();
        if (loading() || previewHot === true) return;
        if (previewHot === false) return reloadUnlessShown();
        silentPage ??= setTimeout(() => {
          silentPage = null;
          if (!loading() && previewHot !== true) reloadUnlessShown();
        }, BRIDGE_REPORT_MS);
      };
      const timer = setTimeout(reloadUnlessShown, HOT_UPDATE_GRACE_MS);
      const unsubscribeEvidence = evidence.state.subscribe(check);
      const unsubscribeRuntime = runtimeState.subscribe(check);
      cleanups.push(finish);
    },
    setPreviewLoading(loading) {
      if (runtimeState.getState().previewLoading !== loading) runtimeState.setState({ previewLoading: loading });
    },
    previewPageLoaded(page) {
      previewHot = page.hot;
      evidence.previewLoaded();
    },
    attachPreviewFrame(frame) {
      previewFrame = frame;
      return () => {
        if (previewFrame === frame) previewFrame = null;
      };
    },
    async openShell(size) {
      await ready;
      if (!runtime) return null;
      return runtime.spawn(runtime.kind === 'webcontainer' ? '' : 'bash', { terminal: size });
    },
    toolContext(signal): ToolContext {
      const missing = runtime ? undefined : runtimeMissing(runtimeState.getState());
      return {
        files: createAgentFiles(store, { flush: writeThrough, failureOf: (path) => sync?.failureOf(path) }),
        runtime,
        ...(missing ? { runtimeMissing: missing } : {}),
        preview: previewMonitor ?? notRunning,
        ...(processes ? { processes } : {}),
        previewTester,
        previewPath: () => previewFrame?.currentPath() ?? '/',
        signal,
        hooks: {
          onCommandStart: ({ id, command, process, background }) => {
            // The agent's dev server is the app the header's Run and Stop act on, so Run restarts it
            // instead of starting a second one beside it.
            if (background) runController?.adopt(process, command);
            emitCommand({ id, command, process, background, startedAt: Date.now() });
          },
          onPreviewTestPassed: (run) => void checks.save(run),
        },
      };
    },
    onAgentCommand(listener) {
      commandListeners.add(listener);
      return () => void commandListeners.delete(listener);
    },
    async dispose() {
      disposed = true;
      for (const cleanup of cleanups.splice(0)) cleanup();
      previewMonitor?.dispose();
      processes?.dispose();
      runController?.dispose();
      sync?.dispose();
      commandListeners.clear();
      await runtime?.teardown();
    },
  };
  return session;
}

import { mkdirSync, realpathSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { allowedHostsFromEnv, type AllowedHosts } from '../../../server/allowed-hosts';
import { requireSandbox, resolveLocalRuntimeEnablement, type LocalRuntimeEnablement } from '../enablement';
import { createControlChannel } from './control-channel';
import { PreviewListeners } from './preview-listeners';
import { PreviewPortAssignments } from './preview-ports';
import { createPreviewProxy } from './preview-proxy';
import { RuntimeHost } from './runtime-host';
import { detectBubblewrap } from './sandbox';

export interface LocalRuntimeServerOptions {
  secret: string;
  /** Defaults to `WORKSPACES_DIR` or `<cwd>/.data/workspaces`. */
  workspacesDir?: string;
  /** Defaults to the decision from `HOST` and `LOCAL_RUNTIME`. */
  enablement?: LocalRuntimeEnablement;
  /** Defaults to whether bubblewrap works here. */
  confined?: boolean;
  /** Address the per-preview listeners bind to: the IDE's own `HOST`, so the browser reaches them the same way. */
  previewBindHost?: string;
  /** The Host names the IDE answers to; defaults to those of `ALLOWED_HOSTS`. */
  allowedHosts?: AllowedHosts;
}

export interface LocalRuntimeServer {
  readonly enablement: LocalRuntimeEnablement;
  readonly confined: boolean;
  readonly workspacesDir: string;
  readonly host: RuntimeHost;
  /** Serves the control channel and the preview proxy; returns false when the request is for Next. */
  handleRequest(req: IncomingMessage, res: ServerResponse): boolean;
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Stops every project process. */
  close(): Promise<void>;
  /** Kills every project process at once (process exit). */
  killNow(): void;
}

export function defaultWorkspacesDir(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  return path.resolve(env.WORKSPACES_DIR ?? path.join(cwd, '.data', 'workspaces'));
}

export async function createLocalRuntimeServer(options: LocalRuntimeServerOptions): Promise<LocalRuntimeServer> {
  const requestedDir = options.workspacesDir ?? defaultWorkspacesDir();
  mkdirSync(requestedDir, { recursive: true });
  // bubblewrap binds real paths; resolve links once so every check compares like with like.
  const workspacesDir = realpathSync(requestedDir);
  const confined = options.confined ?? (await detectBubblewrap());
  const enablement = requireSandbox(options.enablement ?? resolveLocalRuntimeEnablement(process.env), confined, process.env);
  const host: RuntimeHost = new RuntimeHost({
    workspacesDir,
    confined,
    openPreview: (port, projectId) => previews.open(port, projectId),
    closePreview: (port) => previews.close(port),
  });
  const allowedHosts = options.allowedHosts ?? allowedHostsFromEnv();
  const control = createControlChannel({ host, secret: options.secret, enablement, allowedHosts });
  const proxy = createPreviewProxy({ previewTarget: (port) => (enablement.enabled ? host.previewTarget(port) : null) });
  const previews = new PreviewListeners(
    proxy,
    options.previewBindHost ?? process.env.HOST ?? '127.0.0.1',
    PreviewPortAssignments.inWorkspaces(workspacesDir),
    allowedHosts,
  );

  return {
    enablement,
    confined,
    workspacesDir,
    host,
    handleRequest: (req, res) => proxy.handleRequest(req, res) || control.handleRequest(req, res),
    handleUpgrade: (req, socket, head) => proxy.handleUpgrade(req, socket, head) || control.handleUpgrade(req, socket, head),
    close: async () => {
      control.close();
      await host.shutdown();
      previews.closeAll();
    },
    killNow: () => host.killNow(),
  };
}

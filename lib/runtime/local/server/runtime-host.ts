import type { OpenPort } from './port-watcher';
import { isValidProjectId } from './project-paths';
import { ProjectRuntime } from './project-runtime';

export interface RuntimeHostOptions {
  workspacesDir: string;
  /** Commands run under bubblewrap. */
  confined: boolean;
  /** Opens the preview listener of a dev-server port; resolves with its port (null: host-routed preview only). */
  openPreview?: (port: number, projectId: string) => Promise<number | null>;
  closePreview?: (port: number) => void;
}

/** Every project's runtime on this server, and which dev-server ports the preview proxy may reach. */
export class RuntimeHost {
  private readonly projects = new Map<string, ProjectRuntime>();
  private readonly ports = new Map<number, OpenPort & { projectId: string }>();

  constructor(readonly options: RuntimeHostOptions) {}

  get confined(): boolean {
    return this.options.confined;
  }

  project(projectId: string): ProjectRuntime {
    if (!isValidProjectId(projectId)) throw new Error(`"${projectId}" is not a valid project id.`);
    let project = this.projects.get(projectId);
    if (!project) {
      project = new ProjectRuntime(this.options.workspacesDir, projectId, this.options.confined, async (port, open) => {
        if (open) {
          this.ports.set(port.port, { ...port, projectId });
          return (await this.options.openPreview?.(port.port, projectId)) ?? null;
        }
        if (this.ports.get(port.port)?.projectId === projectId) {
          this.ports.delete(port.port);
          this.options.closePreview?.(port.port);
        }
        return null;
      });
      this.projects.set(projectId, project);
    }
    return project;
  }

  /** Where the proxy forwards the preview of `port`, or null when no project process listens there. */
  previewTarget(port: number): OpenPort | null {
    return this.ports.get(port) ?? null;
  }

  async shutdown(): Promise<void> {
    await Promise.all([...this.projects.values()].map((project) => project.killAll()));
  }

  killNow(): void {
    for (const project of this.projects.values()) project.killNow();
  }
}

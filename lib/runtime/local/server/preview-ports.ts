import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Which preview listener ports each project was given, kept on disk so that a project's preview
 * origin (`http://localhost:<port>`) is the same across runs, reloads and server restarts: the
 * app's own localStorage and IndexedDB live on that origin.
 */
export class PreviewPortAssignments {
  private assignments: Record<string, number[]> | null = null;
  private saving: Promise<void> = Promise.resolve();

  constructor(private readonly file: string) {}

  static inWorkspaces(workspacesDir: string): PreviewPortAssignments {
    // A leading dot is never a project id, so this cannot collide with a workspace folder.
    return new PreviewPortAssignments(path.join(workspacesDir, '.preview-ports.json'));
  }

  /** The ports given to `projectId`, oldest first. */
  async portsOf(projectId: string): Promise<number[]> {
    return [...((await this.load())[projectId] ?? [])];
  }

  /** Records `port` for `projectId` (and takes it from any other project that had it). */
  async assign(projectId: string, port: number): Promise<void> {
    const all = await this.load();
    for (const [id, ports] of Object.entries(all)) {
      if (id !== projectId && ports.includes(port)) all[id] = ports.filter((p) => p !== port);
    }
    const own = all[projectId] ?? [];
    if (own.includes(port)) return;
    all[projectId] = [...own, port];
    await this.save();
  }

  private async load(): Promise<Record<string, number[]>> {
    if (this.assignments) return this.assignments;
    const parsed = await readFile(this.file, 'utf8')
      .then((text) => JSON.parse(text) as unknown)
      .catch(() => null);
    const assignments: Record<string, number[]> = Object.create(null) as Record<string, number[]>;
    if (parsed && typeof parsed === 'object') {
      for (const [id, ports] of Object.entries(parsed as Record<string, unknown>)) {
        if (Array.isArray(ports)) assignments[id] = ports.filter((p): p is number => Number.isInteger(p) && p > 0 && p < 65536);
      }
    }
    this.assignments = assignments;
    return assignments;
  }

  private save(): Promise<void> {
    const text = JSON.stringify(this.assignments);
    // Writes go one after another, each whole (temporary file, then rename), so a crash leaves a readable file.
    this.saving = this.saving.then(async () => {
      await mkdir(path.dirname(this.file), { recursive: true });
      const temporary = `${this.file}.${process.pid}.tmp`;
      await writeFile(temporary, text);
      await rename(temporary, this.file);
    });
    return this.saving.catch((error: unknown) => {
      console.warn(`Could not remember the preview ports: ${error instanceof Error ? error.message : String(error)}`);
    });
  }
}

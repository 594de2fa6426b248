import { isSameOrInside } from '../../project/paths';
import type { FileContent } from '../../project/types';
import type { AgentFiles, PreviewMonitor, ToolContext } from '../tool-context';

/** Project files in a Map, with every write recorded. */
export class FakeAgentFiles implements AgentFiles {
  readonly contents: Map<string, FileContent>;
  readonly writes: string[] = [];
  readonly deletes: string[] = [];
  readonly moves: string[] = [];

  constructor(initial: Record<string, FileContent> = {}) {
    this.contents = new Map(Object.entries(initial));
  }

  read(path: string): FileContent | undefined {
    return this.contents.get(path);
  }
  list(): string[] {
    return [...this.contents.keys()].sort();
  }
  async write(path: string, content: string): Promise<void> {
    this.writes.push(path);
    this.contents.set(path, content);
  }
  async delete(path: string): Promise<void> {
    this.deletes.push(path);
    for (const file of [...this.contents.keys()]) if (isSameOrInside(file, path)) this.contents.delete(file);
  }
  async move(from: string, to: string): Promise<void> {
    this.moves.push(`${from} -> ${to}`);
    for (const [file, content] of [...this.contents]) {
      if (!isSameOrInside(file, from)) continue;
      this.contents.delete(file);
      this.contents.set(to + file.slice(from.length), content);
    }
  }
}

export const idlePreview: PreviewMonitor = {
  check: () => ({ status: 'not-running', url: null, errors: [] }),
};

export function fakeContext(overrides: Partial<ToolContext> = {}): ToolContext & { files: FakeAgentFiles } {
  return {
    files: new FakeAgentFiles(),
    runtime: null,
    preview: idlePreview,
    signal: new AbortController().signal,
    ...overrides,
  } as ToolContext & { files: FakeAgentFiles };
}

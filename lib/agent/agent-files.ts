import { ignoreRulesFor, type IgnoreRules } from '../project/ignore-rules';
import { isHiddenPath, isSameOrInside } from '../project/paths';
import type { ProjectStore } from '../project/project-store';
import type { AgentFiles } from './tool-context';
import { ToolError } from './tool-results';

/** The part of the project store the agent needs. */
export type AgentFileStore = Pick<ProjectStore, 'readFile' | 'listFiles' | 'writeFile' | 'deletePath' | 'renamePath'>;

/** Waits until every change made so far has reached the runtime, and says which paths did not. */
export interface RuntimeSync {
  flush(): Promise<void>;
  /** Why the latest content of `path` has not reached the runtime; undefined when it has. */
  failureOf?(path: string): string | undefined;
}

/**
 * The store is the source of truth, but the agent is promised real outcomes: a change counts only
 * once the runtime holds it, so a path the sync could not deliver fails the tool call.
 */
function assertDelivered(sync: RuntimeSync, paths: string[]): void {
  const failures = paths.flatMap((path) => {
    const failure = sync.failureOf?.(path);
    return failure ? [failure] : [];
  });
  if (failures.length === 0) return;
  const more = failures.length > 1 ? ` (and ${failures.length - 1} more paths)` : '';
  throw new ToolError(
    `The project kept the change, but the running app did not get it: ${failures[0]}${more} Commands and the preview still see the old version. Try another path, or tell the user what failed.`,
  );
}

export function createAgentFiles(store: AgentFileStore, sync: RuntimeSync): AgentFiles {
  let rules: IgnoreRules | null = null;
  const list = () => {
    const gitignore = store.readFile('.gitignore');
    rules = ignoreRulesFor(rules, typeof gitignore === 'string' ? gitignore : undefined);
    const current = rules;
    return store
      .listFiles()
      .filter((path) => !isHiddenPath(path) && !current.ignores(path))
      .sort();
  };
  const inside = (folder: string) => store.listFiles().filter((path) => isSameOrInside(path, folder));
  return {
    read: (path) => store.readFile(path),
    list,
    async write(path, content) {
      store.writeFile(path, content, 'agent');
      await sync.flush();
      assertDelivered(sync, [path]);
    },
    async delete(path) {
      const affected = inside(path);
      store.deletePath(path, 'agent');
      await sync.flush();
      assertDelivered(sync, affected);
    },
    async move(from, to) {
      const moved = inside(from);
      store.renamePath(from, to, 'agent');
      await sync.flush();
      assertDelivered(sync, [...moved, ...moved.map((path) => to + path.slice(from.length))]);
    },
  };
}

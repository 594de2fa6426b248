import type { Runtime, RuntimeFileChange } from './types';

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * `applyFileChanges` for a backend whose writes cost no round trip each: every change on its own, side by side, which
 * keeps their order because the project sync sends each path at most once per delivery.
 */
export function applyOneByOne(
  runtime: Pick<Runtime, 'writeFile' | 'deleteFile'>,
  changes: RuntimeFileChange[],
): Promise<(string | null)[]> {
  return Promise.all(
    changes.map((change) =>
      (change.kind === 'write' ? runtime.writeFile(change.path, change.content) : runtime.deleteFile(change.path)).then(
        () => null,
        reasonOf,
      ),
    ),
  );
}

// The local runtime's files on disk (`WORKSPACES_DIR/<project-id>/`), which is what "in the runtime" means for the local backend.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

export const workspacesDir = process.env.BENCH_WORKSPACES_DIR ?? path.join(process.cwd(), '.data', 'bench-workspaces');

export function workspaceFile(projectId: string, file: string): string {
  return path.join(workspacesDir, projectId, ...file.split('/'));
}

function readOrNull(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/**
 * Polls the file every `intervalMs` until `accept` holds for its content; resolves to the `performance.now()` at which it
 * was first seen, so the figure is late by at most one interval.
 */
export async function waitForFileContent(
  file: string,
  accept: (content: string) => boolean,
  { timeoutMs = 30_000, intervalMs = 2 } = {},
): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const content = readOrNull(file);
    if (content !== null && accept(content)) return performance.now();
    if (performance.now() > deadline) throw new Error(`${file} did not get the expected content within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

import { describe, expect, it } from 'vitest';
import { createAgentFiles, type AgentFileStore } from './agent-files';
import type { FileContent } from '../project/types';

function fakeStore(log: string[]): AgentFileStore {
  const files = new Map<string, FileContent>([
    ['src/b.ts', 'b'],
    ['node_modules/x/index.js', 'x'],
    ['a.ts', 'a'],
    ['.git/HEAD', 'ref'],
  ]);
  return {
    readFile: (path) => files.get(path),
    listFiles: () => [...files.keys()],
    writeFile(path, content, origin) {
      log.push(`write ${path} ${origin}`);
      files.set(path, content);
    },
    deleteFile(path, origin) {
      log.push(`delete ${path} ${origin}`);
      files.delete(path);
    },
  };
}

describe('createAgentFiles', () => {
  it('lists project files sorted, without node_modules and .git', () => {
    const files = createAgentFiles(fakeStore([]), { flush: async () => undefined });
    expect(files.list()).toEqual(['a.ts', 'src/b.ts']);
    expect(files.read('a.ts')).toBe('a');
  });

  it('writes and deletes as the agent and resolves only after the runtime sync flushed', async () => {
    const log: string[] = [];
    let release!: () => void;
    const files = createAgentFiles(fakeStore(log), {
      flush: () =>
        new Promise<void>((resolve) => {
          log.push('flush');
          release = () => {
            log.push('flushed');
            resolve();
          };
        }),
    });
    const writing = files.write('c.ts', 'c').then(() => log.push('write resolved'));
    await Promise.resolve();
    await Promise.resolve();
    expect(log).toEqual(['write c.ts agent', 'flush']);
    release();
    await writing;
    expect(log).toEqual(['write c.ts agent', 'flush', 'flushed', 'write resolved']);

    const deleting = files.delete('a.ts');
    await Promise.resolve();
    await Promise.resolve();
    release();
    await deleting;
    expect(log.slice(4)).toEqual(['delete a.ts agent', 'flush', 'flushed']);
    expect(files.list()).toEqual(['c.ts', 'src/b.ts']);
  });
});

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
    deletePath(path, origin) {
      log.push(`delete ${path} ${origin}`);
      for (const file of [...files.keys()]) if (file === path || file.startsWith(`${path}/`)) files.delete(file);
    },
    renamePath(from, to, origin) {
      log.push(`move ${from} ${to} ${origin}`);
      for (const [file, content] of [...files]) {
        if (file !== from && !file.startsWith(`${from}/`)) continue;
        files.delete(file);
        files.set(to + file.slice(from.length), content);
      }
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

describe('createAgentFiles: what the agent sees and what counts as done', () => {
  function storeWith(entries: Record<string, string>): AgentFileStore {
    const files = new Map(Object.entries(entries));
    return {
      readFile: (path) => files.get(path),
      listFiles: () => [...files.keys()],
      writeFile: (path, content) => void files.set(path, content as string),
      deletePath: (path) => void files.delete(path),
      renamePath: () => undefined,
    };
  }

  it("leaves out what the project's .gitignore ignores", () => {
    const files = createAgentFiles(
      storeWith({ '.gitignore': 'dist/\n*.log\n', 'dist/index.js': 'x', 'debug.log': 'x', 'src/a.ts': 'a' }),
      { flush: async () => undefined },
    );
    expect(files.list()).toEqual(['.gitignore', 'src/a.ts']);
  });

  it('fails a write the runtime did not take, naming the reason, after the store kept it', async () => {
    const store = storeWith({});
    const files = createAgentFiles(store, {
      flush: async () => undefined,
      failureOf: (path) => (path === 'bad.ts' ? '"bad.ts" could not be copied to the running app (EISDIR).' : undefined),
    });
    await expect(files.write('bad.ts', 'x')).rejects.toThrow(
      'The project kept the change, but the running app did not get it: "bad.ts" could not be copied to the running app (EISDIR).',
    );
    expect(store.readFile('bad.ts')).toBe('x');
    await expect(files.write('good.ts', 'x')).resolves.toBeUndefined();
  });
});

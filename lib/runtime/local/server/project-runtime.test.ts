import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServerMessage } from '../protocol';
import { waitFor } from '../../test-support/wait-for';
import { ProjectRuntime, sideBySideRuns } from './project-runtime';
import { RecordingSubscriber } from './test-subscriber';
import { detectBubblewrap } from './sandbox';

/**
 * A fresh folder outside /tmp (inside the sandbox /tmp is a throwaway tmpfs, so writes there "succeed" harmlessly):
 * in the checkout, or in HOME where an unprivileged run cannot write the checkout.
 */
async function probeDirOutsideTmp(): Promise<string> {
  for (const parent of [path.join(process.cwd(), '.data'), path.join(homedir(), '.tabsmith-test')]) {
    if (parent.startsWith(`${tmpdir()}/`) || parent.startsWith('/tmp/')) continue;
    const dir = await mkdir(parent, { recursive: true })
      .then(() => mkdtemp(path.join(parent, 'jail-probe-')))
      .catch(() => null);
    if (dir) return dir;
  }
  throw new Error('No writable folder outside /tmp for the probe: run from a writable checkout or with a HOME outside /tmp.');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

for (const confined of [false, true]) {
  describe(`ProjectRuntime processes (${confined ? 'bubblewrap' : 'unconfined'})`, () => {
    let dir: string;
    let project: ProjectRuntime;
    let subscriber: RecordingSubscriber;
    const portEvents: { port: number; open: boolean }[] = [];

    beforeEach(async () => {
      if (confined) expect(await detectBubblewrap()).toBe(true);
      dir = await mkdtemp(path.join(tmpdir(), 'tabsmith-proc-'));
      project = new ProjectRuntime(dir, 'p1', confined, async (port, open) => {
        portEvents.push({ port: port.port, open });
        return null;
      });
      subscriber = new RecordingSubscriber();
      await project.subscribe(subscriber);
    });

    afterEach(async () => {
      await project.unsubscribe(subscriber);
    });

    it('closes stdin when asked, so a command that reads input ends instead of waiting', async () => {
      const child = await project.spawn({ command: 'if read answer; then echo "got $answer"; else echo "no input"; fi', stdin: 'closed' }, subscriber);
      expect(await child.exit).toBe(0);
      await waitFor(() => subscriber.output(child.id).includes('no input'));
    });

    it('runs a command in the workspace with merged output and its exit code', async () => {
      await project.write('hello.txt', 'from the project');
      const child = await project.spawn({ command: 'cat hello.txt; echo to-stderr >&2; exit 3' }, subscriber);
      expect(await child.exit).toBe(3);
      await waitFor(() => subscriber.messages.some((m) => m.type === 'exit'));
      const output = subscriber.output(child.id);
      expect(output).toContain('from the project');
      expect(output).toContain('to-stderr');
    });

    it('passes stdin through', async () => {
      const child = await project.spawn({ command: 'read line; echo "got $line"' }, subscriber);
      child.write('typed\n');
      expect(await child.exit).toBe(0);
      expect(subscriber.output(child.id)).toContain('got typed');
    });

    it('kills the whole process tree', async () => {
      // A bare `wait` returns 0 once its job is killed, so the shell goes on to a new child: kill must reach that too.
      const child = await project.spawn({ command: 'sleep 300 & echo "bg $!"; wait; sleep 300' }, subscriber);
      await waitFor(() => subscriber.output(child.id).includes('bg '));
      await child.kill();
      expect(await child.exit).toBeGreaterThan(128);
      // The background sleep died with it (seen from /proc: no sleep 300 left under this workspace).
      const { processTree } = await import('./proc-scan');
      expect([...(await processTree([child.pid!]))].filter(isAlive)).toEqual([]);
    });

    it('reports files that commands create, change and delete', async () => {
      await project.write('keep.txt', 'a');
      const child = await project.spawn({ command: 'mkdir -p gen && echo made > gen/new.txt && rm keep.txt' }, subscriber);
      await child.exit;
      const files = await waitFor(() => {
        const changes = subscriber.messages.filter((m) => m.type === 'file').map((m) => (m as Extract<ServerMessage, { type: 'file' }>).change);
        return changes.length >= 2 ? changes : null;
      });
      expect(files).toContainEqual({ kind: 'write', path: 'gen/new.txt', content: { text: 'made\n' } });
      expect(files).toContainEqual({ kind: 'delete', path: 'keep.txt' });
    });

    it('does not echo back files the IDE wrote itself', async () => {
      await project.write('mine.txt', 'x');
      await new Promise((resolve) => setTimeout(resolve, 1200));
      expect(subscriber.messages.filter((m) => m.type === 'file')).toEqual([]);
    });

    it('detects a port opened by a spawned server and its closing', async () => {
      const script = "const s=require('http').createServer((q,r)=>r.end('ok')).listen(0,'127.0.0.1',()=>console.log('PORT='+s.address().port))";
      const child = await project.spawn({ command: `node -e "${script}"` }, subscriber);
      const port = Number(
        (await waitFor(() => /PORT=(\d+)/.exec(subscriber.output(child.id))))[1],
      );
      await waitFor(() => subscriber.messages.some((m) => m.type === 'port' && m.port === port && m.open));
      expect(project.openPorts().map((p) => p.port)).toContain(port);
      await child.kill();
      await waitFor(() => subscriber.messages.some((m) => m.type === 'port' && m.port === port && !m.open));
      expect(portEvents).toContainEqual({ port, open: false });
    });

    it('gives an interactive shell a prompt and echoes commands', async () => {
      const shell = await project.spawn({ command: 'bash', terminal: { cols: 100, rows: 30 } }, subscriber);
      // The prompt names the project, not the folder the server keeps it in.
      await waitFor(() => /project(\x1b\[0m)? [$#] /.test(subscriber.output(shell.id)));
      expect(subscriber.output(shell.id)).not.toContain(dir);
      shell.write('echo $((20+22)); tput cols\r');
      await waitFor(() => subscriber.output(shell.id).includes('42'));
      await waitFor(() => /\r?\n100\r?\n/.test(subscriber.output(shell.id)));
      await shell.resize(120, 40);
      shell.write('tput cols\r');
      await waitFor(() => subscriber.output(shell.id).includes('120'));
      shell.write('exit 5\r');
      expect(await shell.exit).toBe(5);
    });
  });
}

describe('bubblewrap confinement', () => {
  it('keeps commands from writing outside the workspace and leaves it intact', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tabsmith-jail-'));
    const outsideDir = await probeDirOutsideTmp();
    const outsideFile = path.join(outsideDir, 'outside.txt');
    await writeFile(outsideFile, 'untouched');
    const tmpFile = path.join(dir, 'tmp-outside.txt');
    await writeFile(tmpFile, 'untouched');
    const project = new ProjectRuntime(path.join(dir, 'workspaces'), 'jail', true, async () => null);
    const subscriber = new RecordingSubscriber();
    await project.subscribe(subscriber);
    await project.write('index.js', 'console.log(1)');

    const attack = await project.spawn(
      {
        command: [
          `echo pwned > ${outsideFile} && echo WROTE-OUTSIDE`,
          'echo pwned > /root/tabsmith-pwned && echo WROTE-ROOT',
          `echo pwned > ${tmpFile}`,
          'rm -rf ~ 2>/dev/null',
          'rm -rf /usr/bin/bash 2>/dev/null',
          'echo inside > inside.txt && echo WROTE-INSIDE',
          'echo cache > "$npm_config_cache/probe" && echo WROTE-CACHE',
          'echo $TABSMITH_RUNTIME_SECRET-END',
        ].join('; '),
        env: {},
      },
      subscriber,
    );
    await attack.exit;
    const output = subscriber.output(attack.id);
    expect(output).not.toContain('WROTE-OUTSIDE');
    expect(output).not.toContain('WROTE-ROOT');
    expect(output).toContain('WROTE-INSIDE');
    expect(output).toContain('WROTE-CACHE');
    expect(await readFile(outsideFile, 'utf8')).toBe('untouched');
    expect(await readFile(tmpFile, 'utf8')).toBe('untouched');
    await rm(outsideDir, { recursive: true, force: true });
    await expect(stat('/root/tabsmith-pwned')).rejects.toThrow();
    await expect(stat('/usr/bin/bash')).resolves.toBeTruthy();
    expect(await readFile(path.join(project.workspace.root, 'index.js'), 'utf8')).toBe('console.log(1)');
    await project.unsubscribe(subscriber);
  });

  it("starts the project's network namespace when a browser subscribes, before any command, and stops it when the last leaves", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tabsmith-early-net-'));
    const project = new ProjectRuntime(dir, 'early', true, async () => null);
    const subscriber = new RecordingSubscriber();
    await project.subscribe(subscriber);
    const holder = await waitFor(() => project.sandboxNetwork?.holderProcessPid ?? null, 15_000);
    expect(isAlive(holder)).toBe(true);
    // The first command joins that very namespace instead of starting one.
    const child = await project.spawn({ command: 'true' }, subscriber);
    await child.exit;
    expect(project.sandboxNetwork?.holderProcessPid).toBe(holder);
    await project.unsubscribe(subscriber);
    await waitFor(() => !isAlive(holder));
    expect(project.sandboxNetwork?.holderProcessPid).toBeNull();
  });

  it('does not hand the server secret to commands', async () => {
    process.env.TABSMITH_RUNTIME_SECRET = 'do-not-leak';
    const dir = await mkdtemp(path.join(tmpdir(), 'tabsmith-env-'));
    const project = new ProjectRuntime(dir, 'env', true, async () => null);
    const subscriber = new RecordingSubscriber();
    await project.subscribe(subscriber);
    const child = await project.spawn({ command: 'env' }, subscriber);
    await child.exit;
    expect(subscriber.output(child.id)).not.toContain('do-not-leak');
    expect(subscriber.output(child.id)).toContain(`HOME=${project.paths.home}`);
    await project.unsubscribe(subscriber);
  });
});

describe('sideBySideRuns', () => {
  const write = (path: string) => ({ kind: 'write' as const, path, content: path });
  const paths = (runs: ReturnType<typeof sideBySideRuns>) => runs.map((run) => run.map((change) => `${change.kind} ${change.path}`));

  it('keeps writes to separate paths together, and splits at a path written again or overlapping', () => {
    expect(paths(sideBySideRuns([write('src/a.ts'), write('src/b.ts'), write('index.html')]))).toEqual([
      ['write src/a.ts', 'write src/b.ts', 'write index.html'],
    ]);
    expect(paths(sideBySideRuns([write('a.ts'), write('b.ts'), write('a.ts')]))).toEqual([['write a.ts', 'write b.ts'], ['write a.ts']]);
    expect(paths(sideBySideRuns([write('src'), write('src/a.ts')]))).toEqual([['write src'], ['write src/a.ts']]);
  });

  it('gives every delete a run of its own', () => {
    const runs = sideBySideRuns([write('src/new.ts'), { kind: 'delete', path: 'src/old.ts' }, write('src/other.ts')]);
    expect(paths(runs)).toEqual([['write src/new.ts'], ['delete src/old.ts'], ['write src/other.ts']]);
  });
});

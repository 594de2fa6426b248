import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { lstat, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { homedir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../test-support/wait-for';
import { projectNode } from './project-node';
import type { ProjectRuntime } from './project-runtime';
import { detectBubblewrap } from './sandbox';
import { contentPath, sha512Hex } from './shared-npm-cache';
import { RecordingSubscriber } from './test-subscriber';
import { startTestServer } from './test-server';

/**
 * Generated code is hostile: each test runs an attack the way the agent runs a command and checks it failed.
 * These run against the real bubblewrap.
 */
describe('sandbox against hostile commands', () => {
  let ide: Awaited<ReturnType<typeof startTestServer>>;
  let project: ProjectRuntime;
  let subscriber: RecordingSubscriber;
  let loopbackService: Server;
  let loopbackPort: number;
  let loopbackHits = 0;

  async function run(command: string, env?: Record<string, string>) {
    const child = await project.spawn({ command, env }, subscriber);
    const code = await child.exit;
    await waitFor(() => subscriber.messages.some((m) => m.type === 'exit' && m.processId === child.id));
    return { code, output: subscriber.output(child.id), child };
  }

  beforeAll(async () => {
    expect(await detectBubblewrap()).toBe(true);
    ide = await startTestServer();
    expect(ide.runtime.confined).toBe(true);
    loopbackService = createServer((_req, res) => {
      loopbackHits += 1;
      res.end('LOOPBACK-SERVICE-ANSWERED');
    });
    await new Promise<void>((resolve) => loopbackService.listen(0, '127.0.0.1', resolve));
    loopbackPort = (loopbackService.address() as AddressInfo).port;
    project = ide.runtime.host.project('attacker');
    subscriber = new RecordingSubscriber();
    await project.subscribe(subscriber);
  }, 30_000);

  afterAll(async () => {
    await project?.unsubscribe(subscriber);
    await ide?.close();
    loopbackService?.close();
  });

  it("cannot reach the IDE's port or another loopback service", async () => {
    const probe = (url: string) =>
      `curl -sS -m 3 --noproxy '*' ${url} && echo REACHED; ` +
      `node -e "fetch('${url}').then(r=>r.text()).then(t=>console.log('REACHED',t)).catch(e=>console.log('refused',e.cause?.code))"`;
    const { output } = await run(
      [probe(`http://127.0.0.1:${ide.port}/api/runtime/info`), probe(`http://127.0.0.1:${loopbackPort}/`), probe(`http://[::1]:${ide.port}/`)].join('; '),
    );
    expect(output).not.toContain('REACHED');
    expect(output).not.toContain('LOOPBACK-SERVICE-ANSWERED');
    expect(output).toContain('refused ECONNREFUSED');
    expect(loopbackHits).toBe(0);
  });

  it("listening on [::1] at the IDE's port inside does not take over the host's localhost", async () => {
    const script = `require('http').createServer((q,r)=>r.end('HIJACKED')).listen(${ide.port},'::1',()=>console.log('LISTENING'))`;
    const child = await project.spawn({ command: `node -e "${script}"` }, subscriber);
    await waitFor(() => subscriber.output(child.id).includes('LISTENING'), 15_000);
    const answers = await Promise.all(
      ['127.0.0.1', '[::1]'].map((host) =>
        fetch(`http://${host}:${ide.port}/`)
          .then((r) => r.text())
          .catch((error: Error & { cause?: { code?: string } }) => `failed ${error.cause?.code}`),
      ),
    );
    for (const answer of answers) expect(answer).not.toContain('HIJACKED');
    expect(answers[0]).toBe('next would answer here');
    await child.kill();
  });

  it("cannot read canaries in $HOME, /root, the IDE's folder or another workspace", async () => {
    const secret = `canary-${Math.random().toString(36).slice(2)}`;
    const otherWorkspace = ide.runtime.host.project('victim').workspace;
    await otherWorkspace.write('.env', `SECRET=${secret}`);
    const places = [...new Set([homedir(), '/root', process.cwd(), path.join(ide.runtime.workspacesDir, '.homes')])];
    const canaries = [path.join(otherWorkspace.root, '.env')];
    for (const dir of places) {
      const file = path.join(dir, `.tabsmith-canary-${process.pid}`);
      // Where this user cannot write (an unprivileged run cannot write /root), there is nothing to leak.
      const written = await mkdir(dir, { recursive: true })
        .then(() => writeFile(file, secret))
        .then(() => true)
        .catch(() => false);
      if (written) canaries.push(file);
    }
    expect(canaries.length).toBeGreaterThanOrEqual(3);
    try {
      const { output } = await run(
        canaries.map((file) => `cat ${file}; ls -a ${path.dirname(file)} 2>/dev/null | grep -q -e canary -e .env && echo LISTED`).join('; '),
      );
      expect(output).not.toContain(secret);
      expect(output).not.toContain('LISTED');
      expect(output).toContain('No such file or directory');
    } finally {
      await Promise.all(canaries.map((file) => rm(file, { force: true })));
    }
  });

  it('sees only the parts of /etc a toolchain needs, read-only', async () => {
    const { output } = await run(
      'ls -A /etc | tr "\\n" " "; echo; ' +
        'for f in /etc/shadow /etc/ssh /etc/ssl/private /etc/sudoers; do test -e $f && echo "PRESENT $f"; done; ' +
        'test -s /etc/hosts && test -s /etc/passwd && test -d /etc/ssl/certs && echo TOOLCHAIN-ETC; ' +
        'echo x >> /etc/hosts 2>/dev/null && echo WROTE-HOSTS; touch /etc/new 2>/dev/null && echo WROTE-ETC; ' +
        // TLS through the proxy verifies against the machine's CA bundle, which lives under /etc/ssl/certs.
        'curl -sS -m 20 -o /dev/null https://registry.npmjs.org/is-number && echo TLS-OK',
    );
    expect(output).not.toContain('PRESENT');
    expect(output).not.toContain('WROTE-');
    expect(output).toContain('TOOLCHAIN-ETC');
    expect(output).toContain('TLS-OK');
    const listed = output.split('\n')[0].trim().split(/\s+/);
    expect(listed).toContain('resolv.conf');
    for (const name of ['shadow', 'gshadow', 'ssh', 'sudoers', 'machine-id']) expect(listed).not.toContain(name);
  }, 30_000);

  it("reads the shared package cache but cannot change what another project's install would read", async () => {
    const bytes = 'a registry tarball, shared after its digest was checked';
    const hex = createHash('sha512').update(bytes).digest('hex');
    const relative = contentPath(hex);
    const sharedFile = path.join(project.paths.sharedNpmCache, ...relative.split('/'));
    await mkdir(path.dirname(sharedFile), { recursive: true });
    await writeFile(sharedFile, bytes);
    const newcomer = ide.runtime.host.project('newcomer');
    const newcomerSubscriber = new RecordingSubscriber();
    await newcomer.subscribe(newcomerSubscriber);
    try {
      const link = path.join(newcomer.paths.npmCache, ...relative.split('/'));
      const child = await newcomer.spawn(
        {
          command: [
            `cat ${link}; echo`,
            `echo poisoned > ${link} && echo WROTE-THROUGH-LINK`,
            `chmod u+w ${sharedFile} && echo CHMOD-SHARED`,
            `echo poisoned > ${sharedFile} && echo WROTE-SHARED`,
            `mkdir -p ${path.dirname(sharedFile)}/x && echo MKDIR-SHARED`,
          ].join('; '),
        },
        newcomerSubscriber,
      );
      await child.exit;
      await waitFor(() => newcomerSubscriber.messages.some((m) => m.type === 'exit' && m.processId === child.id));
      const output = newcomerSubscriber.output(child.id);
      expect(output).toContain(bytes);
      expect(output).not.toMatch(/WROTE-|CHMOD-SHARED|MKDIR-SHARED/);
      expect(output).toContain('Read-only file system');
      expect(await readFile(sharedFile, 'utf8')).toBe(bytes);
    } finally {
      await newcomer.unsubscribe(newcomerSubscriber);
    }
  });

  it("sees none of the server's environment", async () => {
    process.env.AWS_ACCESS_KEY_ID = 'AKIA-CANARY-ENV';
    process.env.DATABASE_URL = 'postgres://canary-db-url';
    process.env.TABSMITH_CANARY = 'canary-env-value';
    try {
      const { output } = await run('env; cat /proc/1/environ /proc/self/environ 2>/dev/null | tr "\\0" "\\n"');
      expect(output).not.toContain('AKIA-CANARY-ENV');
      expect(output).not.toContain('canary-db-url');
      expect(output).not.toContain('canary-env-value');
      expect(output).toContain(`HOME=${project.paths.home}`);
    } finally {
      delete process.env.AWS_ACCESS_KEY_ID;
      delete process.env.DATABASE_URL;
      delete process.env.TABSMITH_CANARY;
    }
  });

  it('refuses LD_* and NODE_OPTIONS from a spawn request, and keeps any request env off the host side', async () => {
    const evil = path.join(project.workspace.root, 'evil.so');
    await writeFile(evil, 'not really a library');
    const refused: Record<string, string>[] = [{ LD_PRELOAD: evil }, { LD_AUDIT: evil }, { LD_LIBRARY_PATH: project.workspace.root }, { NODE_OPTIONS: '--require ./x.js' }];
    for (const env of refused) {
      await expect(project.spawn({ command: 'true', env }, subscriber)).rejects.toThrow(/not allowed/);
    }
    const child = await project.spawn({ command: 'echo "inside=$MY_REQUEST_VAR"; sleep 2', env: { MY_REQUEST_VAR: 'request-value' } }, subscriber);
    await waitFor(() => subscriber.output(child.id).includes('inside=request-value'), 15_000);
    // The host-side helper (nsenter, then bubblewrap's outer process) never carries the request's variables.
    const hostSide = await readFile(`/proc/${child.pid}/environ`, 'utf8');
    expect(hostSide).not.toContain('MY_REQUEST_VAR');
    const names = hostSide.split('\0').filter(Boolean).map((entry) => entry.split('=')[0]);
    expect(names).toContain('PATH');
    expect(names.every((name) => name === 'PATH' || name === 'PWD')).toBe(true);
    await child.kill();
  });

  it('a huge sparse file made by a command is never read whole by the server (watcher, .gitignore, file API)', async () => {
    // Watched files are re-read on change; .gitignore on every poll.
    const watching = new RecordingSubscriber();
    await project.subscribe(watching);
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
    try {
      const child = await project.spawn(
        { command: 'for i in $(seq 1 15); do truncate -s 0 grows.txt; truncate -s 1500M grows.txt .gitignore; sleep 0.2; done; truncate -s 1500M huge.txt' },
        subscriber,
      );
      expect(await child.exit).toBe(0);
      await expect(project.read('huge.txt')).rejects.toThrow(/larger than 100 MB/);
      await project.write('huge.txt', 'small now');
      expect(new TextDecoder().decode(await project.read('huge.txt'))).toBe('small now');
    } finally {
      clearInterval(sampler);
      await project.unsubscribe(watching);
      await rm(path.join(project.workspace.root, '.gitignore'), { force: true });
      await rm(path.join(project.workspace.root, 'grows.txt'), { force: true });
      await rm(path.join(project.workspace.root, 'huge.txt'), { force: true });
    }
    expect(watching.messages.some((m) => JSON.stringify(m).includes('grows.txt'))).toBe(true);
    expect((peak - before) / (1024 * 1024)).toBeLessThan(300);
  }, 60_000);

  it('reaches the package registry through the proxy: npm install of a small package works', async () => {
    await project.write('package.json', JSON.stringify({ name: 'probe', version: '1.0.0', private: true }));
    const { code, output } = await run('npm install is-number@7.0.0 --no-audit --no-fund 2>&1; node -e "console.log(require(\'is-number\')(5))"');
    expect(output).toContain('added 1 package');
    expect(output).toContain('true');
    expect(code).toBe(0);
    const installed = JSON.parse(await readFile(path.join(project.workspace.root, 'node_modules/is-number/package.json'), 'utf8'));
    expect(installed.version).toBe('7.0.0');

    // The tarball reaches the shared cache, and the next project's install reads it from there through its link.
    const lock = JSON.parse(await readFile(path.join(project.workspace.root, 'package-lock.json'), 'utf8'));
    const relative = contentPath(sha512Hex(lock.packages['node_modules/is-number'].integrity)!);
    await project.shareTarballs();
    expect(await readFile(path.join(project.paths.sharedNpmCache, ...relative.split('/')))).toEqual(
      await readFile(path.join(project.paths.npmCache, ...relative.split('/'))),
    );
    const next = ide.runtime.host.project('next-installer');
    const nextSubscriber = new RecordingSubscriber();
    await next.subscribe(nextSubscriber);
    try {
      // Offline, from the lockfile: the tarball can only come from the cache, by its digest.
      for (const file of ['package.json', 'package-lock.json']) await next.write(file, await readFile(path.join(project.workspace.root, file)));
      const child = await next.spawn({ command: 'npm ci --offline --no-audit --no-fund 2>&1' }, nextSubscriber);
      expect(await child.exit, nextSubscriber.output(child.id)).toBe(0);
      const link = path.join(next.paths.npmCache, ...relative.split('/'));
      expect((await lstat(link)).isSymbolicLink()).toBe(true);
      expect(await readFile(path.join(next.workspace.root, 'node_modules/is-number/package.json'), 'utf8')).toContain('"version": "7.0.0"');
    } finally {
      await next.unsubscribe(nextSubscriber);
    }
  }, 120_000);

  it("runs commands on the machine's own Node and its npm configuration, not on the Node the IDE pins for itself", async () => {
    const machineNode = projectNode();
    expect(machineNode).not.toMatch(/node_modules\/node-linux-/);
    const { code, output } = await run('node -v; npm config get globalconfig; npm config get cafile');
    expect(code).toBe(0);
    expect(output).toContain(execFileSync(machineNode, ['-v'], { encoding: 'utf8' }).trim());
    expect(output).toContain(path.join(path.dirname(path.dirname(machineNode)), 'etc', 'npmrc'));
    // What that npmrc sets reaches npm inside too (on this machine: the CA file the registry's certificate needs).
    const hostCafile = execFileSync('npm', ['config', 'get', 'cafile', '--location=global'], {
      encoding: 'utf8',
      env: { ...process.env, PATH: [path.dirname(machineNode), process.env.PATH].join(path.delimiter) },
    }).trim();
    expect(output.split(/\r?\n/)).toContain(hostCafile);
  });

  it('refuses other domains and says what was blocked and how to allow it', async () => {
    const { output } = await run('curl -sS -m 10 https://example.com/ -o /dev/null; echo "curl=$?"');
    expect(output).toMatch(/curl=[1-9]/);
    expect(output).toContain('blocked a connection to example.com:443');
    expect(output).toContain('SANDBOX_ALLOWED_DOMAINS');
  }, 30_000);

  it('has no DNS or direct route out: only the proxy', async () => {
    const { output } = await run(
      `curl -sS -m 5 --noproxy '*' https://registry.npmjs.org/ -o /dev/null; echo "direct=$?"; ` +
        `curl -sS -m 5 --noproxy '*' http://169.254.169.254/ -o /dev/null; echo "metadata=$?"`,
    );
    expect(output).toMatch(/direct=[1-9]/);
    expect(output).toMatch(/metadata=[1-9]/);
  }, 30_000);
});

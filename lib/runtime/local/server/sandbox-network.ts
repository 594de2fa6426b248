import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import { connect, Server as NetServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { blockedMessage, createEgressProxy, type BlockedConnection } from './egress-proxy';
import { RELAY_SCRIPT } from './netns-relay';
import { projectNode } from './project-node';
import { BWRAP, hostHelperEnv, systemBinds } from './sandbox';

/** Where the relay listens for the egress proxy inside each namespace. */
export const EGRESS_PORT = 3128;
const IN_SANDBOX_CONTROL_DIR = '/run/tabsmith';
const START_TIMEOUT_MS = 10_000;
/** The holder's IPC channel: after stdin, stdout, stderr and bubblewrap's info fd. */
const IPC_FD = 4;

let controlRoot: string | null = null;

/** Unix socket paths are limited to about 100 bytes, so control folders live under a short private temp folder. */
function controlDirFor(key: string): string {
  controlRoot ??= mkdtempSync(path.join(tmpdir(), 'tabsmith-net-'));
  const dir = path.join(controlRoot, createHash('sha256').update(key).digest('hex').slice(0, 16));
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

export interface SandboxNetworkOptions {
  /** Identifies the project (its workspace path). */
  key: string;
  domains: readonly string[];
  onBlocked?: (blocked: BlockedConnection, message: string) => void;
}

/**
 * One project's network namespace: a long-lived sandbox running the relay holds it open, every command of
 * the project joins it (so a dev server one command starts is reachable from the next), and its only ways
 * in and out are the relay's two Unix sockets in a control folder on the host.
 */
export class SandboxNetwork {
  private holder: ChildProcess | null = null;
  private starting: Promise<number> | null = null;
  private proxy: Server | null = null;
  private egressListener: NetServer | null = null;
  private holderPid: number | null = null;
  readonly controlDir: string;

  constructor(private readonly options: SandboxNetworkOptions) {
    this.controlDir = controlDirFor(options.key);
  }

  get proxyUrl(): string {
    return `http://127.0.0.1:${EGRESS_PORT}`;
  }

  /** The holder's host-side process (its tree is everything in the namespace that is not a command), if running. */
  get holderProcessPid(): number | null {
    return this.holder?.exitCode === null && this.holder.pid !== undefined ? this.holder.pid : null;
  }

  /** Starts the namespace if needed; resolves with the pid of a process inside it. */
  start(): Promise<number> {
    if (this.holderPid !== null && this.holder?.exitCode === null) return Promise.resolve(this.holderPid);
    this.starting ??= this.launch().finally(() => {
      this.starting = null;
    });
    return this.starting;
  }

  /** A stream to `port` on the namespace's loopback (`address` is 127.0.0.1 or ::1). */
  connect(address: string, port: number): Socket {
    const socket = connect(path.join(this.controlDir, 'inbound.sock'));
    socket.write(`${address} ${port}\n`);
    return socket;
  }

  stop(): void {
    this.holder?.kill('SIGKILL');
    this.holder = null;
    this.holderPid = null;
    this.egressListener?.close();
    this.egressListener = null;
    this.proxy?.close();
    this.proxy = null;
  }

  private async launch(): Promise<number> {
    this.stop();
    const proxy = createEgressProxy({
      domains: this.options.domains,
      onBlocked: (blocked) => this.options.onBlocked?.(blocked, blockedMessage(blocked)),
    });
    this.proxy = proxy;

    const args = [
      ...systemBinds(),
      // No --dev: with it bubblewrap nests a second user namespace, and commands could not join the network one.
      '--dev-bind', '/dev/null', '/dev/null',
      '--dev-bind', '/dev/urandom', '/dev/urandom',
      '--proc', '/proc',
      '--tmpfs', '/tmp',
      '--bind', this.controlDir, IN_SANDBOX_CONTROL_DIR,
      '--unshare-user',
      '--unshare-net',
      '--unshare-pid',
      '--unshare-ipc',
      '--die-with-parent',
      '--new-session',
      '--clearenv',
      '--setenv', 'NODE_CHANNEL_FD', String(IPC_FD),
      '--info-fd', '3',
      '--',
      // The sandbox mounts the project's Node, not necessarily the one this server runs on.
      projectNode(), '-e', RELAY_SCRIPT, IN_SANDBOX_CONTROL_DIR, String(EGRESS_PORT),
    ];
    const holder = spawn(BWRAP, args, { env: hostHelperEnv(), cwd: '/', stdio: ['ignore', 'pipe', 'pipe', 'pipe', 'ipc'] });
    this.holder = holder;
    const pid = await new Promise<number>((resolve, reject) => {
      let info = '';
      let stdout = '';
      let stderr = '';
      let childPid: number | null = null;
      let ready = false;
      let egress: NetServer | null = null;
      const timer = setTimeout(() => fail(new Error('the network sandbox did not start in time')), START_TIMEOUT_MS);
      const finish = () => {
        if (childPid !== null && ready && egress) {
          clearTimeout(timer);
          this.egressListener = egress;
          resolve(childPid);
        }
      };
      const fail = (error: Error) => {
        clearTimeout(timer);
        holder.kill('SIGKILL');
        reject(new Error(`Could not start the project's network sandbox: ${error.message}${stderr ? ` (${stderr.trim()})` : ''}`));
      };
      const infoStream = holder.stdio[3] as NodeJS.ReadableStream;
      infoStream.on('data', (chunk: Buffer) => {
        info += chunk.toString();
        const match = /"child-pid"\s*:\s*(\d+)/.exec(info);
        if (match) {
          childPid = Number(match[1]);
          finish();
        }
      });
      holder.stdout!.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('ready\n')) {
          ready = true;
          finish();
        }
      });
      // The one message the relay sends is its egress listening socket. The channel is closed at once, so
      // nothing in the namespace can talk to this process through it.
      holder.once('message', (message: unknown, handle: unknown) => {
        if (holder.connected) holder.disconnect();
        if (message !== 'egress' || !(handle instanceof NetServer)) return fail(new Error('its relay sent no egress socket'));
        handle.on('connection', (socket: Socket) => {
          socket.setNoDelay(true);
          proxy.emit('connection', socket);
        });
        egress = handle;
        finish();
      });
      holder.stderr!.on('data', (chunk: Buffer) => {
        if (stderr.length < 4000) stderr += chunk.toString();
      });
      holder.on('error', fail);
      holder.on('exit', (code: number | null) => fail(new Error(`it exited (${code})`)));
    });
    holder.on('exit', () => {
      if (this.holder === holder) {
        this.holder = null;
        this.holderPid = null;
      }
    });
    this.holderPid = pid;
    return pid;
  }
}

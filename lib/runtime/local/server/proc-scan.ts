import { readFileSync, readdirSync, readlinkSync } from 'node:fs';

/*
 * /proc is read synchronously: its files are made in memory on demand and never wait on a disk, and one read costs a
 * few microseconds where the promise API's round trip through the thread pool costs ten times that. A scan of every
 * process, repeated several times a second while commands run, was a steady share of the IDE server's CPU.
 */

function readOrNull(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function linkOrNull(file: string): string | null {
  try {
    return readlinkSync(file);
  } catch {
    return null;
  }
}

function listOrEmpty(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Pids of `roots` and all their descendants, from the parent links in /proc/<pid>/stat. */
export async function processTree(roots: number[], procDir = '/proc'): Promise<Set<number>> {
  const children = new Map<number, number[]>();
  for (const name of listOrEmpty(procDir)) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readOrNull(`${procDir}/${name}/stat`);
    if (!stat) continue;
    // The command name may contain spaces and parentheses; fields resume after the last ')'.
    const afterName = stat.indexOf(' ', stat.lastIndexOf(')') + 2);
    const ppid = Number(stat.slice(afterName + 1, stat.indexOf(' ', afterName + 1)));
    const list = children.get(ppid);
    if (list) list.push(Number(name));
    else children.set(ppid, [Number(name)]);
  }
  const tree = new Set<number>();
  const pending = [...roots];
  while (pending.length > 0) {
    const pid = pending.pop()!;
    if (tree.has(pid)) continue;
    tree.add(pid);
    pending.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** Socket inodes held open by `pids`. */
export async function socketInodes(pids: Iterable<number>, procDir = '/proc'): Promise<Set<string>> {
  const inodes = new Set<string>();
  for (const pid of pids) {
    for (const fd of listOrEmpty(`${procDir}/${pid}/fd`)) {
      const match = /^socket:\[(\d+)\]$/.exec(linkOrNull(`${procDir}/${pid}/fd/${fd}`) ?? '');
      if (match) inodes.add(match[1]);
    }
  }
  return inodes;
}

export interface ListeningSocket {
  port: number;
  inode: string;
  /** Address family and whether it accepts connections from loopback only or everywhere. */
  family: 4 | 6;
  address: string;
}

const TCP_LISTEN = '0A';

/** Parses the text of /proc/net/tcp or /proc/net/tcp6 into its listening sockets. */
export function parseListeningSockets(text: string, family: 4 | 6): ListeningSocket[] {
  const sockets: ListeningSocket[] = [];
  for (const line of text.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 10 || fields[3] !== TCP_LISTEN) continue;
    const [address, portHex] = fields[1].split(':');
    sockets.push({ port: parseInt(portHex, 16), inode: fields[9], family, address });
  }
  return sockets;
}

export async function listeningSockets(procDir = '/proc'): Promise<ListeningSocket[]> {
  return [
    ...parseListeningSockets(readOrNull(`${procDir}/net/tcp`) ?? '', 4),
    ...parseListeningSockets(readOrNull(`${procDir}/net/tcp6`) ?? '', 6),
  ];
}

/**
 * Listening sockets of the network namespaces that `pids` live in (a sandboxed command has its own, so
 * the host's /proc/net would not show its servers). Each namespace is read once.
 */
export async function listeningSocketsOf(pids: Iterable<number>, procDir = '/proc'): Promise<ListeningSocket[]> {
  const byNamespace = new Map<string, number>();
  for (const pid of pids) {
    const namespace = linkOrNull(`${procDir}/${pid}/ns/net`) ?? `pid:${pid}`;
    if (!byNamespace.has(namespace)) byNamespace.set(namespace, pid);
  }
  const lists = await Promise.all([...byNamespace.values()].map((pid) => listeningSockets(`${procDir}/${pid}`)));
  const seen = new Set<string>();
  return lists.flat().filter((socket) => !seen.has(socket.inode) && seen.add(socket.inode));
}

/** Which loopback address reaches a socket listening on `address`: IPv4 sockets via 127.0.0.1, IPv6 via ::1. */
export function loopbackFor(socket: Pick<ListeningSocket, 'family' | 'address'>): string {
  return socket.family === 4 ? '127.0.0.1' : '::1';
}

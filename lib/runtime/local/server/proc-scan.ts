import { readFile, readdir, readlink } from 'node:fs/promises';

/** Pids of `roots` and all their descendants, from the parent links in /proc/<pid>/stat. */
export async function processTree(roots: number[], procDir = '/proc'): Promise<Set<number>> {
  const children = new Map<number, number[]>();
  const entries = await readdir(procDir).catch(() => [] as string[]);
  await Promise.all(
    entries
      .filter((name) => /^\d+$/.test(name))
      .map(async (name) => {
        const stat = await readFile(`${procDir}/${name}/stat`, 'utf8').catch(() => null);
        if (!stat) return;
        // The command name may contain spaces and parentheses; fields resume after the last ')'.
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const ppid = Number(fields[1]);
        const list = children.get(ppid);
        if (list) list.push(Number(name));
        else children.set(ppid, [Number(name)]);
      }),
  );
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
  await Promise.all(
    [...pids].map(async (pid) => {
      const fds = await readdir(`${procDir}/${pid}/fd`).catch(() => [] as string[]);
      await Promise.all(
        fds.map(async (fd) => {
          const link = await readlink(`${procDir}/${pid}/fd/${fd}`).catch(() => '');
          const match = /^socket:\[(\d+)\]$/.exec(link);
          if (match) inodes.add(match[1]);
        }),
      );
    }),
  );
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
  const [v4, v6] = await Promise.all([
    readFile(`${procDir}/net/tcp`, 'utf8').catch(() => ''),
    readFile(`${procDir}/net/tcp6`, 'utf8').catch(() => ''),
  ]);
  return [...parseListeningSockets(v4, 4), ...parseListeningSockets(v6, 6)];
}

/**
 * Listening sockets of the network namespaces that `pids` live in (a sandboxed command has its own, so
 * the host's /proc/net would not show its servers). Each namespace is read once.
 */
export async function listeningSocketsOf(pids: Iterable<number>, procDir = '/proc'): Promise<ListeningSocket[]> {
  const byNamespace = new Map<string, number>();
  await Promise.all(
    [...pids].map(async (pid) => {
      const namespace = await readlink(`${procDir}/${pid}/ns/net`).catch(() => `pid:${pid}`);
      if (!byNamespace.has(namespace)) byNamespace.set(namespace, pid);
    }),
  );
  const lists = await Promise.all([...byNamespace.values()].map((pid) => listeningSockets(`${procDir}/${pid}`)));
  const seen = new Set<string>();
  return lists.flat().filter((socket) => !seen.has(socket.inode) && seen.add(socket.inode));
}

/** Which loopback address reaches a socket listening on `address`: IPv4 sockets via 127.0.0.1, IPv6 via ::1. */
export function loopbackFor(socket: Pick<ListeningSocket, 'family' | 'address'>): string {
  return socket.family === 4 ? '127.0.0.1' : '::1';
}

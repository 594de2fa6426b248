/**
 * The program that holds a project's network namespace open, run by Node inside it (`node -e`).
 * argv: <control dir> <egress port>. It needs an IPC channel to the host (`NODE_CHANNEL_FD`).
 * - `<control dir>/inbound.sock`: the host sends one line `<address> <port>\n`, then the stream is
 *   joined to that port on the namespace's loopback (the preview proxy's way in).
 * - `127.0.0.1:<egress port>`: listened on here, inside the namespace, and the listening socket itself
 *   is handed to the host (message `egress`), which accepts on it with the allow-listing proxy: the
 *   namespace's only way out. Relaying those bytes here instead cost an install a sixth of its time
 *   (it moves about 65 MB of registry documents), on two busy cores.
 * It prints `ready` once the inbound socket listens and the egress one has been handed over.
 */
export const RELAY_SCRIPT = String.raw`
'use strict';
const net = require('node:net');
const fs = require('node:fs');
const [dir, egressPortText] = process.argv.slice(1);
const inboundPath = dir + '/inbound.sock';
const egressPort = Number(egressPortText);
const LOOPBACK = new Set(['127.0.0.1', '::1']);

// The rule of splice.ts (this script cannot import it): an end is passed on after what was sent before
// it, and only a side that closes without ending tears the other down.
function join(a, b) {
  for (const [from, to] of [[a, b], [b, a]]) {
    from.on('error', () => to.destroy());
    from.on('close', () => { if (!from.readableEnded) to.destroy(); });
    from.pipe(to);
  }
}

const inbound = net.createServer((client) => {
  let header = Buffer.alloc(0);
  client.on('error', () => client.destroy());
  const onData = (chunk) => {
    header = Buffer.concat([header, chunk]);
    const end = header.indexOf(10);
    if (end < 0) {
      if (header.length > 64) client.destroy();
      return;
    }
    client.off('data', onData);
    client.pause();
    const [address, portText] = header.subarray(0, end).toString('latin1').trim().split(' ');
    const port = Number(portText);
    if (!LOOPBACK.has(address) || !Number.isInteger(port) || port < 1 || port > 65535) return client.destroy();
    const rest = header.subarray(end + 1);
    const upstream = net.connect({ host: address, port });
    upstream.on('connect', () => {
      if (rest.length > 0) upstream.write(rest);
      join(client, upstream);
      client.resume();
    });
    upstream.on('error', () => client.destroy());
  };
  client.on('data', onData);
});

// Connections are only ever accepted by the host: this process drops its copy once the host holds one.
const egress = net.createServer({ pauseOnConnect: true }, (client) => client.destroy());

try { fs.unlinkSync(inboundPath); } catch {}
let steps = 0;
const ready = () => { if (++steps === 2) process.stdout.write('ready\n'); };
inbound.listen(inboundPath, ready);
egress.listen({ host: '127.0.0.1', port: egressPort }, () => {
  process.send('egress', egress, (error) => {
    if (error) fail(error);
    egress.close();
    ready();
  });
});
function fail(error) { process.stderr.write(String(error) + '\n'); process.exit(1); }
for (const server of [inbound, egress]) server.on('error', fail);
`;

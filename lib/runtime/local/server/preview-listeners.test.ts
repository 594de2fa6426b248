import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PreviewListeners } from './preview-listeners';
import { PreviewPortAssignments } from './preview-ports';
import { createPreviewProxy } from './preview-proxy';

const proxy = createPreviewProxy({ previewTarget: () => null });

describe('PreviewListeners with remembered ports', () => {
  let dir: string;
  const opened: PreviewListeners[] = [];
  const blockers: Server[] = [];

  const listeners = () => {
    const created = new PreviewListeners(proxy, '127.0.0.1', PreviewPortAssignments.inWorkspaces(dir));
    opened.push(created);
    return created;
  };

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tabsmith-ports-'));
  });

  afterEach(() => {
    for (const created of opened.splice(0)) created.closeAll();
    for (const blocker of blockers.splice(0)) blocker.close();
  });

  it('gives a project the same preview port across runs and server restarts', async () => {
    const first = listeners();
    const port = await first.open(5173, 'proj-a');
    expect(port).toEqual(expect.any(Number));
    first.close(5173);
    // The dev server came back on another port: the preview origin stays.
    expect(await first.open(5174, 'proj-a')).toBe(port);
    first.closeAll();

    const restarted = listeners();
    expect(await restarted.open(5173, 'proj-a')).toBe(port);
    expect(JSON.parse(await readFile(path.join(dir, '.preview-ports.json'), 'utf8'))).toEqual({ 'proj-a': [port] });
  });

  it('gives different projects different ports, and a second dev server of one project its own', async () => {
    const host = listeners();
    const a = await host.open(5173, 'proj-a');
    const b = await host.open(5174, 'proj-b');
    const a2 = await host.open(3000, 'proj-a');
    expect(new Set([a, b, a2]).size).toBe(3);
  });

  it('falls back to a new port, and remembers it, when the old one is taken', async () => {
    const first = listeners();
    const port = (await first.open(5173, 'proj-a'))!;
    first.closeAll();
    const blocker = createServer();
    blockers.push(blocker);
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    expect((blocker.address() as AddressInfo).port).toBe(port);

    const restarted = listeners();
    const fallback = await restarted.open(5173, 'proj-a');
    expect(fallback).not.toBeNull();
    expect(fallback).not.toBe(port);
    expect(await PreviewPortAssignments.inWorkspaces(dir).portsOf('proj-a')).toEqual([port, fallback]);
  });
});

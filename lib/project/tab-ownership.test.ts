import { describe, expect, it } from 'vitest';
import { createTabOwnership, type ChannelLike, type LockManagerLike } from './tab-ownership';

/** One exclusive lock per name, granted in request order, as the Web Locks API does. */
function fakeLocks(): LockManagerLike {
  const held = new Set<string>();
  const queues = new Map<string, (() => void)[]>();
  const grant = (name: string, callback: (lock: unknown) => Promise<void> | void): Promise<void> => {
    held.add(name);
    return Promise.resolve(callback({ name })).finally(() => {
      held.delete(name);
      queues.get(name)?.shift()?.();
    });
  };
  return {
    request(name, options, callback) {
      if (!held.has(name)) return grant(name, callback);
      if (options.ifAvailable) return Promise.resolve(callback(null));
      return new Promise((resolve) => {
        const queue = queues.get(name) ?? [];
        queue.push(() => void grant(name, callback).then(resolve));
        queues.set(name, queue);
      });
    },
  };
}

function fakeChannelHub() {
  const members = new Set<{ listeners: Set<(event: { data: unknown }) => void> }>();
  return (): ChannelLike => {
    const member = { listeners: new Set<(event: { data: unknown }) => void>() };
    members.add(member);
    return {
      postMessage(data) {
        for (const other of members) if (other !== member) for (const listener of other.listeners) queueMicrotask(() => listener({ data }));
      },
      addEventListener: (_type, listener) => void member.listeners.add(listener),
      removeEventListener: (_type, listener) => void member.listeners.delete(listener),
      close: () => void members.delete(member),
    };
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('tab ownership', () => {
  it('the first tab owns the project and a second one follows, hearing each save', async () => {
    const locks = fakeLocks();
    const channel = fakeChannelHub();
    const first = createTabOwnership('p1', { locks, channel: channel(), tabId: 'a' });
    expect(await first.decided).toBe('owner');
    const second = createTabOwnership('p1', { locks, channel: channel(), tabId: 'b' });
    expect(await second.decided).toBe('follower');
    let heard = 0;
    second.onRemoteSaved(() => heard++);
    first.announceSaved();
    second.announceSaved();
    await tick();
    expect(heard).toBe(1);
    first.dispose();
    second.dispose();
  });

  it('"Work here instead" lets the owner save and stop first, then swaps the roles', async () => {
    const locks = fakeLocks();
    const channel = fakeChannelHub();
    const first = createTabOwnership('p1', { locks, channel: channel(), tabId: 'a' });
    await first.decided;
    const second = createTabOwnership('p1', { locks, channel: channel(), tabId: 'b' });
    await second.decided;
    const order: string[] = [];
    first.onHandOver(async () => {
      order.push('owner saves and stops');
      await tick();
    });
    await second.takeOver();
    order.push('second owns');
    expect(order).toEqual(['owner saves and stops', 'second owns']);
    expect(first.role.getState().role).toBe('follower');
    expect(second.role.getState().role).toBe('owner');
    first.dispose();
    second.dispose();
  });

  it('another project is not affected, and a tab that closes frees the project', async () => {
    const locks = fakeLocks();
    const channel = fakeChannelHub();
    const first = createTabOwnership('p1', { locks, channel: channel() });
    await first.decided;
    expect(await createTabOwnership('p2', { locks, channel: channel() }).decided).toBe('owner');
    first.dispose();
    await tick();
    expect(await createTabOwnership('p1', { locks, channel: channel() }).decided).toBe('owner');
  });

  it('without Web Locks every tab works on its own', async () => {
    expect(await createTabOwnership('p1', { locks: null, channel: null }).decided).toBe('owner');
  });
});

import { createStore, type StoreApi } from 'zustand/vanilla';

/**
 * Which tab works on a project. Exactly one tab (the owner, holding a Web Lock) runs the agent and
 * the runtime and saves; any other tab on the same project follows: it shows what the owner saved,
 * live, and changes nothing until it takes over ("Work here instead"). No tab silently overwrites another.
 */
export type TabRole = 'deciding' | 'owner' | 'follower';

/** The parts of the Web Locks API this needs. */
export interface LockManagerLike {
  request(
    name: string,
    options: { ifAvailable?: boolean; mode?: 'exclusive' },
    callback: (lock: unknown) => Promise<void> | void,
  ): Promise<unknown>;
}

/** The parts of BroadcastChannel this needs. */
export interface ChannelLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  removeEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  close(): void;
}

type TabMessage = { type: 'saved'; from: string } | { type: 'take-over'; from: string };

export interface TabOwnership {
  readonly role: StoreApi<{ role: TabRole }>;
  /** Resolves once this tab knows whether it owns the project. */
  readonly decided: Promise<TabRole>;
  /** Owner: tells following tabs that something new was saved. */
  announceSaved(): void;
  /** Follower: the owner saved something; reload it. */
  onRemoteSaved(listener: () => void): () => void;
  /**
   * Owner: another tab asked to work here instead. `release` runs first (save, stop the runtime);
   * then this tab follows.
   */
  onHandOver(release: () => Promise<void>): void;
  /** Follower: asks the owner to hand over and resolves once this tab owns the project. */
  takeOver(): Promise<void>;
  dispose(): void;
}

export interface TabOwnershipOptions {
  locks: LockManagerLike | null;
  channel: ChannelLike | null;
  tabId?: string;
}

function isTabMessage(value: unknown): value is TabMessage {
  if (typeof value !== 'object' || value === null) return false;
  const { type, from } = value as { type?: unknown; from?: unknown };
  return (type === 'saved' || type === 'take-over') && typeof from === 'string';
}

export function createTabOwnership(projectId: string, options: TabOwnershipOptions): TabOwnership {
  const lockName = `tabsmith-project-${projectId}`;
  const tabId = options.tabId ?? Math.random().toString(36).slice(2);
  const role = createStore<{ role: TabRole }>(() => ({ role: 'deciding' }));
  const savedListeners = new Set<() => void>();
  let release: (() => Promise<void>) | null = null;
  let unlock: (() => void) | null = null;
  let disposed = false;
  const { locks, channel } = options;

  const setRole = (next: TabRole) => {
    if (!disposed) role.setState({ role: next });
  };

  /** Holds the lock until `unlock` is called; resolves true when this tab got it. */
  const acquire = (ifAvailable: boolean): Promise<boolean> =>
    new Promise((resolve) => {
      if (!locks) return resolve(true);
      void locks
        .request(lockName, { ifAvailable, mode: 'exclusive' }, (lock) => {
          if (!lock || disposed) {
            resolve(false);
            return;
          }
          resolve(true);
          return new Promise<void>((done) => {
            unlock = done;
          });
        })
        .catch(() => resolve(!locks));
    });

  const onMessage = (event: { data: unknown }) => {
    const message = event.data;
    if (!isTabMessage(message) || message.from === tabId) return;
    const current = role.getState().role;
    if (message.type === 'saved' && current === 'follower') {
      for (const listener of [...savedListeners]) listener();
    }
    if (message.type === 'take-over' && current === 'owner') void handOver();
  };
  channel?.addEventListener('message', onMessage);

  async function handOver(): Promise<void> {
    try {
      await release?.();
    } finally {
      setRole('follower');
      unlock?.();
      unlock = null;
    }
  }

  const decided = acquire(true).then((owned) => {
    setRole(owned ? 'owner' : 'follower');
    return role.getState().role;
  });

  return {
    role,
    decided,
    announceSaved() {
      if (role.getState().role === 'owner') channel?.postMessage({ type: 'saved', from: tabId } satisfies TabMessage);
    },
    onRemoteSaved(listener) {
      savedListeners.add(listener);
      return () => void savedListeners.delete(listener);
    },
    onHandOver(handler) {
      release = handler;
    },
    async takeOver() {
      if (role.getState().role === 'owner') return;
      const owned = acquire(false);
      channel?.postMessage({ type: 'take-over', from: tabId } satisfies TabMessage);
      await owned;
      setRole('owner');
    },
    dispose() {
      disposed = true;
      channel?.removeEventListener('message', onMessage);
      channel?.close();
      savedListeners.clear();
      unlock?.();
      unlock = null;
    },
  };
}

/** The browser's Web Locks and a BroadcastChannel per project; nulls where the browser lacks them. */
export function browserTabOwnership(projectId: string): TabOwnership {
  const locks = typeof navigator !== 'undefined' && 'locks' in navigator ? (navigator.locks as LockManagerLike) : null;
  const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(`tabsmith-project-${projectId}`);
  return createTabOwnership(projectId, { locks, channel });
}

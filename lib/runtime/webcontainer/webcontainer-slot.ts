import type { WebContainerLike } from './webcontainer-api';

export interface WebContainerLease {
  /** The booted container; never settles when StackBlitz cannot be reached. */
  readonly instance: Promise<WebContainerLike>;
  /** Tears the container down once it has booted and frees the slot. Safe to call more than once. */
  release(): Promise<void>;
}

/** Why a boot is refused while an abandoned one is still pending. */
export const BOOT_STILL_PENDING =
  'an earlier start in this tab is still waiting for StackBlitz, and only one can run at a time';

/**
 * A tab can hold one WebContainer at a time. A new lease evicts the current holder (its owner is told,
 * then its container is torn down) and boots only after that container is gone.
 *
 * `@webcontainer/api` lets one boot run at a time, and one that never settles (StackBlitz unreachable)
 * holds that lock for good: every later `boot()` would wait behind it. So while a released lease's boot
 * is still pending, new leases fail at once instead of queueing behind it.
 */
export class WebContainerSlot {
  private previousReleased: Promise<void> = Promise.resolve();
  private evictHolder: (() => void) | null = null;
  private pendingBoot: Promise<WebContainerLike> | null = null;

  acquire(boot: () => Promise<WebContainerLike>, onEvicted: () => void): WebContainerLease {
    if (this.pendingBoot) {
      const refused = Promise.reject(new Error(BOOT_STILL_PENDING));
      refused.catch(() => {});
      return { instance: refused, release: async () => {} };
    }
    this.evictHolder?.();
    const previous = this.previousReleased;
    let markReleased!: () => void;
    this.previousReleased = new Promise<void>((resolve) => {
      markReleased = resolve;
    });

    const instance = previous.then(boot);
    let settled = false;
    // A lease nobody awaits must not surface as an unhandled rejection.
    instance.then(
      () => (settled = true),
      () => (settled = true),
    );

    let releasing: Promise<void> | null = null;
    const release = () => {
      if (!settled && !this.pendingBoot) {
        this.pendingBoot = instance;
        const clear = () => {
          if (this.pendingBoot === instance) this.pendingBoot = null;
        };
        instance.then(clear, clear);
      }
      releasing ??= (async () => {
        if (this.evictHolder === evict) this.evictHolder = null;
        try {
          (await instance).teardown();
        } catch {
          // A boot that failed has nothing to tear down.
        } finally {
          markReleased();
        }
      })();
      return releasing;
    };
    const evict = () => {
      onEvicted();
      void release();
    };
    this.evictHolder = evict;
    return { instance, release };
  }
}

/** The one slot of this tab. */
export const tabWebContainerSlot = new WebContainerSlot();

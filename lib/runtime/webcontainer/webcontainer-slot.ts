import type { WebContainerLike } from './webcontainer-api';

export interface WebContainerLease {
  /** The booted container; never settles when StackBlitz cannot be reached. */
  readonly instance: Promise<WebContainerLike>;
  /** Tears the container down once it has booted and frees the slot. Safe to call more than once. */
  release(): Promise<void>;
}

/**
 * A tab can hold one WebContainer at a time. A new lease evicts the current holder (its owner is told,
 * then its container is torn down) and boots only after that container is gone.
 */
export class WebContainerSlot {
  private previousReleased: Promise<void> = Promise.resolve();
  private evictHolder: (() => void) | null = null;

  acquire(boot: () => Promise<WebContainerLike>, onEvicted: () => void): WebContainerLease {
    this.evictHolder?.();
    const previous = this.previousReleased;
    let markReleased!: () => void;
    this.previousReleased = new Promise<void>((resolve) => {
      markReleased = resolve;
    });

    const instance = previous.then(boot);
    // A lease nobody awaits must not surface as an unhandled rejection.
    instance.catch(() => {});

    let releasing: Promise<void> | null = null;
    const release = () => {
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

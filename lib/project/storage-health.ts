/** The parts of `navigator.storage` this needs. */
export interface StorageManagerLike {
  estimate(): Promise<{ usage?: number; quota?: number }>;
  persisted?(): Promise<boolean>;
  persist?(): Promise<boolean>;
}

/** From this share of the quota on, the person is warned while saving still works. */
export const NEARLY_FULL_SHARE = 0.8;
/** Browsers give private windows and blocked sites a quota this small (or smaller). */
export const TINY_QUOTA_BYTES = 200 * 1024 * 1024;

export const NEARLY_FULL_MESSAGE =
  'This browser is nearly out of storage for Tabsmith. Your work is saved for now; download a zip to keep a copy, and delete old projects to make room.';
export const EPHEMERAL_MESSAGE =
  'This browser gives Tabsmith very little storage (private windows do), and may throw your project away when the window closes. Download a zip to keep a copy.';

/**
 * Says, before anything is lost, when browser storage is about to fail: nearly full, or so small
 * that it is likely a private window. Asks the browser to keep the storage (not evict it) once.
 * Null when all is well or the browser cannot tell.
 */
export async function storageWarning(storage: StorageManagerLike | null | undefined): Promise<string | null> {
  if (!storage) return null;
  let estimate: { usage?: number; quota?: number };
  try {
    estimate = await storage.estimate();
  } catch {
    return null;
  }
  const { usage, quota } = estimate;
  if (typeof quota !== 'number' || quota <= 0) return null;
  if (typeof usage === 'number' && usage / quota >= NEARLY_FULL_SHARE) return NEARLY_FULL_MESSAGE;
  const persisted = await storage.persisted?.().catch(() => false);
  if (!persisted) await storage.persist?.().catch(() => false);
  if (quota < TINY_QUOTA_BYTES) return EPHEMERAL_MESSAGE;
  return null;
}

import { PersistenceError } from '@/lib/project/persistence';

/** What went wrong with browser storage, and what the person can do about it. */
export function storageErrorMessage(error: unknown, action: string): string {
  if (error instanceof PersistenceError) return `Could not ${action}. ${error.message}`;
  const detail = error instanceof Error && error.message ? ` (${error.message})` : '';
  return `Could not ${action}${detail}. Try again; if it keeps happening, reload the page.`;
}

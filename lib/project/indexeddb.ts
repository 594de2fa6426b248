/** Promise helpers over IndexedDB shared by the project repository and the checkpoint backend. */

export type StorageFailureKind = 'quota' | 'unavailable' | 'unknown';

/** What kind of storage failure `error` is, so each caller can word it for its own action. */
export function storageFailureKind(error: unknown, fallback: StorageFailureKind = 'unknown'): StorageFailureKind {
  const { name = '', message = '' } = (typeof error === 'object' && error !== null ? error : {}) as { name?: unknown; message?: unknown };
  // Some engines report a full disk as UnknownError whose message mentions the quota.
  if (name === 'QuotaExceededError' || /quota/i.test(String(message))) return 'quota';
  if (name === 'SecurityError' || fallback === 'unavailable') return 'unavailable';
  return 'unknown';
}

export function requestResult<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

export function transactionDone(transaction: IDBTransaction): Promise<void> {
  const done = new Promise<void>((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onabort = () => reject(transaction.error ?? new DOMException('The transaction was aborted.', 'AbortError'));
    // Request errors bubble here and then abort the transaction; onabort reports them.
    transaction.onerror = () => undefined;
  });
  // Callers that fail earlier await something else; this keeps the duplicate rejection from going unhandled.
  done.catch(() => undefined);
  return done;
}

export function abortQuietly(transaction: IDBTransaction): void {
  try {
    transaction.abort();
  } catch {
    // already finished
  }
}

export interface DatabaseOptions {
  factory?: IDBFactory;
  dbName: string;
  version: number;
  /** Creates the object stores the database lacks; `transaction` is the upgrade's own, for migrating data. */
  upgrade(db: IDBDatabase, transaction: IDBTransaction | null, oldVersion: number): void;
  /** Wraps a failure to open the database (or a missing IndexedDB) in the caller's error. */
  openError(error: unknown): Error;
}

export interface DatabaseConnection {
  /** Opens a transaction, reconnecting once if the browser closed the connection. */
  begin(stores: string[], mode: IDBTransactionMode): Promise<IDBTransaction>;
}

/** A lazily opened database that reopens after another tab upgrades it or the browser closes it. */
export function openDatabaseLazily(options: DatabaseOptions): DatabaseConnection {
  let opening: Promise<IDBDatabase> | null = null;

  function openDatabase(): Promise<IDBDatabase> {
    if (opening) return opening;
    const factory = options.factory ?? (typeof indexedDB === 'undefined' ? undefined : indexedDB);
    if (!factory) return Promise.reject(options.openError(new Error('no indexedDB')));
    const attempt = new Promise<IDBDatabase>((resolve, reject) => {
      let request: IDBOpenDBRequest;
      try {
        request = factory.open(options.dbName, options.version);
      } catch (error) {
        reject(options.openError(error));
        return;
      }
      request.onupgradeneeded = (event) => options.upgrade(request.result, request.transaction, event.oldVersion);
      request.onsuccess = () => {
        const db = request.result;
        // Another tab upgrading the schema must not be blocked by this one; reopen lazily.
        db.onversionchange = () => {
          db.close();
          opening = null;
        };
        db.onclose = () => {
          opening = null;
        };
        resolve(db);
      };
      request.onerror = () => reject(options.openError(request.error));
      request.onblocked = () => undefined;
    });
    opening = attempt;
    attempt.catch(() => {
      if (opening === attempt) opening = null;
    });
    return attempt;
  }

  async function begin(stores: string[], mode: IDBTransactionMode): Promise<IDBTransaction> {
    const db = await openDatabase();
    try {
      return db.transaction(stores, mode);
    } catch (error) {
      if ((error as { name?: unknown } | null)?.name !== 'InvalidStateError') throw error;
      opening = null;
      return (await openDatabase()).transaction(stores, mode);
    }
  }

  return { begin };
}

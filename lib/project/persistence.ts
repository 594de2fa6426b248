import { newProjectId } from './ids';
import { abortQuietly, openDatabaseLazily, requestResult, storageFailureKind, transactionDone } from './indexeddb';
import { setFileEntry } from './file-map';
import type { Deletions, FileContent, FileMap, PaneSizes, ProjectListing, ProjectMeta, ProjectRecord } from './types';

export type PersistenceErrorKind = 'quota' | 'unavailable' | 'damaged' | 'unknown';

export class PersistenceError extends Error {
  readonly kind: PersistenceErrorKind;
  constructor(kind: PersistenceErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PersistenceError';
    this.kind = kind;
  }
}

/** What one save writes: only the parts of a project that changed since the last save. */
export interface ProjectChangeSet {
  meta: ProjectMeta;
  /** Folders, tabs, layout, model, deletions: present when any of them changed. */
  state?: ProjectState;
  /** The whole chat, when it changed. */
  messages?: unknown[];
  /** Files to store, one record each. */
  writes?: Record<string, FileContent>;
  /** Files whose records go. */
  deletes?: string[];
}

/** The project record minus its meta, files and chat: small, rewritten when tabs or layout change. */
export type ProjectState = Omit<ProjectRecord, 'meta' | 'files' | 'messages'>;

export interface ProjectRepository {
  /** Newest `openedAt` first; a damaged record is listed as damaged, never thrown. */
  list(): Promise<ProjectListing[]>;
  /** `null` when there is no such project; `PersistenceError('damaged')` when it cannot be read. */
  load(id: string): Promise<ProjectRecord | null>;
  /** Writes the whole project atomically (creating or importing one); rejects with a `PersistenceError` carrying a plain message. */
  save(record: ProjectRecord): Promise<void>;
  /** Writes one change set atomically; costs what changed, not the size of the project. */
  saveChanges(changes: ProjectChangeSet): Promise<void>;
  delete(id: string): Promise<void>;
}

export const QUOTA_MESSAGE =
  'Your browser has run out of storage for Tabsmith. Free some space or delete old projects; your latest changes are still open in this tab.';
const UNAVAILABLE_MESSAGE =
  'This browser is not letting Tabsmith store projects (private browsing or blocked site storage can cause this). Your work stays open in this tab, but will be lost when you close it; export a zip to keep it.';
const UNKNOWN_MESSAGE =
  'Tabsmith could not save to browser storage. Your latest changes are still open in this tab; try again, or export a zip to keep a copy.';

export const DEFAULT_DB_NAME = 'tabsmith';
/** 2: files moved out of the project body into one record each, and the chat into its own record. */
const DB_VERSION = 2;
const META_STORE = 'meta';
const BODY_STORE = 'projects';
const CHAT_STORE = 'chats';
/** Key: `[projectId, path]`; value: the file's content. */
export const FILE_STORE = 'files';
const ALL_STORES = [META_STORE, BODY_STORE, CHAT_STORE, FILE_STORE];

const MESSAGES = { quota: QUOTA_MESSAGE, unavailable: UNAVAILABLE_MESSAGE, unknown: UNKNOWN_MESSAGE };

function toPersistenceError(error: unknown, fallback: 'unavailable' | 'unknown' = 'unknown'): PersistenceError {
  if (error instanceof PersistenceError) return error;
  const kind = storageFailureKind(error, fallback);
  return new PersistenceError(kind, MESSAGES[kind], { cause: error });
}

function isRecordObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isBytes(value: unknown): value is Uint8Array {
  // Structured clone can hand back a Uint8Array from another realm, where instanceof fails.
  return Object.prototype.toString.call(value) === '[object Uint8Array]';
}

function isFileContent(value: unknown): value is FileContent {
  return typeof value === 'string' || isBytes(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** Returns why `value` is not a usable ProjectMeta, or null when it is. */
function metaProblem(value: unknown): string | null {
  if (!isRecordObject(value)) return 'its details are not an object';
  if (typeof value.id !== 'string' || value.id === '') return 'it has no id';
  if (typeof value.name !== 'string') return 'it has no name';
  for (const key of ['createdAt', 'updatedAt', 'openedAt'] as const) {
    if (typeof value[key] !== 'number' || !Number.isFinite(value[key])) return `its ${key} date is missing`;
  }
  return null;
}

function isPaneSizes(value: unknown): value is PaneSizes {
  return (
    isRecordObject(value) &&
    Object.values(value).every((sizes) => Array.isArray(sizes) && sizes.every((n) => typeof n === 'number'))
  );
}

function isDeletions(value: unknown): value is Deletions {
  return isRecordObject(value) && Object.values(value).every((at) => typeof at === 'number');
}

/** Set by the v1→v2 migration on a body whose files were already missing, so it still reads as damaged. */
const MIGRATION_DAMAGE = 'damagedBecause';

/**
 * Files, folders and chat history must be intact; layout and tab state fall back to
 * defaults because losing them costs the person nothing.
 */
function recordFromStored(meta: ProjectMeta, body: unknown, messages: unknown, fileEntries: [string, unknown][]): ProjectRecord {
  const damaged = (why: string) =>
    new PersistenceError('damaged', `The project "${meta.name}" could not be opened because ${why}. You can delete it from the home page.`);
  if (!isRecordObject(body)) throw damaged('its contents are missing');
  if (typeof body[MIGRATION_DAMAGE] === 'string') throw damaged(body[MIGRATION_DAMAGE]);
  const files: FileMap = {};
  for (const [path, content] of fileEntries) {
    if (!isFileContent(content)) throw damaged(`the file "${path}" is unreadable`);
    setFileEntry(files, path, content);
  }
  if (body.folders !== undefined && !isStringArray(body.folders)) throw damaged('its folder list is unreadable');
  if (messages !== undefined && !Array.isArray(messages)) throw damaged('its chat history is unreadable');
  const openTabs = isStringArray(body.openTabs) ? body.openTabs.filter((tab) => Object.hasOwn(files, tab)) : [];
  const activeTab = typeof body.activeTab === 'string' && openTabs.includes(body.activeTab) ? body.activeTab : null;
  return {
    meta,
    files,
    folders: (body.folders as string[] | undefined) ?? [],
    openTabs,
    activeTab,
    messages: (messages as unknown[] | undefined) ?? [],
    paneSizes: isPaneSizes(body.paneSizes) ? body.paneSizes : {},
    modelId: typeof body.modelId === 'string' ? body.modelId : null,
    pendingPrompt: typeof body.pendingPrompt === 'string' ? body.pendingPrompt : null,
    deleted: isDeletions(body.deleted) ? body.deleted : {},
    appWasRunning: body.appWasRunning === true,
  };
}

function plainMeta(meta: ProjectMeta): ProjectMeta {
  return { id: meta.id, name: meta.name, createdAt: meta.createdAt, updatedAt: meta.updatedAt, openedAt: meta.openedAt };
}

export function projectStateOf(record: ProjectRecord): ProjectState {
  const { folders, openTabs, activeTab, paneSizes, modelId, pendingPrompt, deleted, appWasRunning } = record;
  return { folders, openTabs, activeTab, paneSizes, modelId, pendingPrompt, deleted, appWasRunning };
}


/** v1 kept files and chat inside the project body; v2 stores them as records of their own. */
function migrateToV2(transaction: IDBTransaction): void {
  const bodies = transaction.objectStore(BODY_STORE);
  const files = transaction.objectStore(FILE_STORE);
  const chats = transaction.objectStore(CHAT_STORE);
  const cursorRequest = bodies.openCursor();
  cursorRequest.onsuccess = () => {
    const cursor = cursorRequest.result;
    if (!cursor) return;
    const id = String(cursor.key);
    const body: unknown = cursor.value;
    if (isRecordObject(body)) {
      const { files: inline, messages, ...rest } = body;
      if (isRecordObject(inline)) {
        for (const [path, content] of Object.entries(inline)) files.put(content, [id, path]);
      } else {
        rest[MIGRATION_DAMAGE] = 'its files are missing';
      }
      if (messages !== undefined) chats.put(messages, id);
      cursor.update(rest);
    }
    cursor.continue();
  };
}

export function createIndexedDbRepository(
  options: { factory?: IDBFactory; keyRange?: typeof IDBKeyRange; dbName?: string } = {},
): ProjectRepository {
  const dbName = options.dbName ?? DEFAULT_DB_NAME;
  /** Every file record of one project: `[id, '']` up to `[id, []]`, since arrays sort after strings. */
  const filesOf = (id: string): IDBKeyRange => (options.keyRange ?? IDBKeyRange).bound([id, ''], [id, []]);
  const database = openDatabaseLazily({
    factory: options.factory,
    dbName,
    version: DB_VERSION,
    upgrade(db, transaction, oldVersion) {
      if (!db.objectStoreNames.contains(META_STORE)) db.createObjectStore(META_STORE, { keyPath: 'id' });
      if (!db.objectStoreNames.contains(BODY_STORE)) db.createObjectStore(BODY_STORE);
      if (!db.objectStoreNames.contains(CHAT_STORE)) db.createObjectStore(CHAT_STORE);
      if (!db.objectStoreNames.contains(FILE_STORE)) db.createObjectStore(FILE_STORE);
      if (oldVersion === 1 && transaction) migrateToV2(transaction);
    },
    openError: (error) => toPersistenceError(error, 'unavailable'),
  });

  async function begin(mode: IDBTransactionMode, stores = ALL_STORES): Promise<IDBTransaction> {
    try {
      return await database.begin(stores, mode);
    } catch (error) {
      throw toPersistenceError(error);
    }
  }

  async function list(): Promise<ProjectListing[]> {
    const transaction = await begin('readonly', [META_STORE, BODY_STORE]);
    try {
      const done = transactionDone(transaction);
      const metaStore = transaction.objectStore(META_STORE);
      const [keys, values, bodyKeys] = await Promise.all([
        requestResult(metaStore.getAllKeys()),
        requestResult(metaStore.getAll()),
        requestResult(transaction.objectStore(BODY_STORE).getAllKeys()),
      ]);
      await done;
      const withBody = new Set(bodyKeys.map(String));
      const ok: ProjectMeta[] = [];
      const damaged: ProjectListing[] = [];
      keys.forEach((key, index) => {
        const id = String(key);
        const problem = metaProblem(values[index]);
        if (problem) damaged.push({ status: 'damaged', id, reason: `This project could not be read: ${problem}.` });
        else if (!withBody.has(id)) damaged.push({ status: 'damaged', id, reason: 'This project could not be read: its files are missing.' });
        else ok.push(values[index] as ProjectMeta);
      });
      ok.sort((a, b) => b.openedAt - a.openedAt || b.updatedAt - a.updatedAt);
      return [...ok.map((meta): ProjectListing => ({ status: 'ok', meta })), ...damaged];
    } catch (error) {
      throw toPersistenceError(error);
    }
  }

  async function load(id: string): Promise<ProjectRecord | null> {
    const transaction = await begin('readonly');
    let meta: unknown;
    let body: unknown;
    let messages: unknown;
    let fileKeys: IDBValidKey[];
    let fileValues: unknown[];
    try {
      const done = transactionDone(transaction);
      const fileStore = transaction.objectStore(FILE_STORE);
      [meta, body, messages, fileKeys, fileValues] = await Promise.all([
        requestResult(transaction.objectStore(META_STORE).get(id)),
        requestResult(transaction.objectStore(BODY_STORE).get(id)),
        requestResult(transaction.objectStore(CHAT_STORE).get(id)),
        requestResult(fileStore.getAllKeys(filesOf(id))),
        requestResult(fileStore.getAll(filesOf(id))),
      ]);
      await done;
    } catch (error) {
      throw toPersistenceError(error);
    }
    if (meta === undefined && body === undefined) return null;
    const problem = metaProblem(meta);
    if (problem) {
      throw new PersistenceError('damaged', `This project could not be opened because ${problem}. You can delete it from the home page.`);
    }
    const entries = fileKeys.map((key, index): [string, unknown] => [String((key as [string, string])[1]), fileValues[index]]);
    return recordFromStored(meta as ProjectMeta, body, messages, entries);
  }

  /** Runs `write` in one readwrite transaction; any failure leaves the stored project as it was. */
  async function write(fill: (transaction: IDBTransaction) => void): Promise<void> {
    const transaction = await begin('readwrite');
    const done = transactionDone(transaction);
    try {
      fill(transaction);
    } catch (error) {
      // A synchronous failure (clone error, quota on some engines) leaves a live transaction: undo it.
      abortQuietly(transaction);
      // If the transaction aborted on its own (quota), its error is the real cause.
      throw toPersistenceError(transaction.error ?? error);
    }
    try {
      await done;
    } catch (error) {
      throw toPersistenceError(error);
    }
  }

  function save(record: ProjectRecord): Promise<void> {
    const id = record.meta.id;
    return write((transaction) => {
      transaction.objectStore(META_STORE).put(plainMeta(record.meta));
      transaction.objectStore(BODY_STORE).put(projectStateOf(record), id);
      transaction.objectStore(CHAT_STORE).put(record.messages, id);
      const files = transaction.objectStore(FILE_STORE);
      files.delete(filesOf(id));
      for (const [path, content] of Object.entries(record.files)) files.put(content, [id, path]);
    });
  }

  function saveChanges(changes: ProjectChangeSet): Promise<void> {
    const id = changes.meta.id;
    return write((transaction) => {
      transaction.objectStore(META_STORE).put(plainMeta(changes.meta));
      if (changes.state) transaction.objectStore(BODY_STORE).put(changes.state, id);
      if (changes.messages) transaction.objectStore(CHAT_STORE).put(changes.messages, id);
      const files = transaction.objectStore(FILE_STORE);
      for (const path of changes.deletes ?? []) files.delete([id, path]);
      for (const [path, content] of Object.entries(changes.writes ?? {})) files.put(content, [id, path]);
    });
  }

  async function remove(id: string): Promise<void> {
    const transaction = await begin('readwrite');
    try {
      const done = transactionDone(transaction);
      transaction.objectStore(META_STORE).delete(id);
      transaction.objectStore(BODY_STORE).delete(id);
      transaction.objectStore(CHAT_STORE).delete(id);
      transaction.objectStore(FILE_STORE).delete(filesOf(id));
      await done;
    } catch (error) {
      throw toPersistenceError(error);
    }
  }

  return { list, load, save, saveChanges, delete: remove };
}

export function newProjectRecord(init: {
  name: string;
  files?: FileMap;
  folders?: string[];
  messages?: unknown[];
  pendingPrompt?: string | null;
}): ProjectRecord {
  const now = Date.now();
  return {
    meta: { id: newProjectId(), name: init.name.trim() || 'Untitled project', createdAt: now, updatedAt: now, openedAt: now },
    files: { ...(init.files ?? {}) },
    folders: [...(init.folders ?? [])],
    openTabs: [],
    activeTab: null,
    messages: [...(init.messages ?? [])],
    paneSizes: {},
    modelId: null,
    pendingPrompt: init.pendingPrompt ?? null,
    deleted: {},
    appWasRunning: false,
  };
}

const MAX_NAME_WORDS = 4;
const MAX_NAME_LENGTH = 40;
const LEADING_FILLER = new Set([
  'please', 'pls', 'can', 'could', 'would', 'you', 'i', 'we', 'want', 'wanna', 'need', "i'd", 'id', 'like', 'love',
  'to', 'me', 'us', 'build', 'make', 'create', 'write', 'code', 'generate', 'design', 'develop', 'give', 'let', "let's",
  'lets', 'help', 'a', 'an', 'the', 'my', 'our', 'some', 'simple', 'small', 'little', 'basic', 'tiny', 'quick', 'nice',
  'new', 'just', 'hey', 'hi', 'hello', 'ok', 'okay', 'so',
]);
const NAME_BREAKERS = new Set([
  'with', 'that', 'which', 'where', 'for', 'using', 'in', 'on', 'to', 'so', 'and', 'who', 'when', 'like', 'showing',
  'shows', 'lets', 'allows', 'from', 'of', 'by', 'plus', 'but', 'including',
]);

/** A short readable project name from the first words of a prompt: "Build me a counter app with…" → "Counter app". */
export function projectNameFromPrompt(prompt: string): string {
  const firstSentence = prompt.trim().split(/[.!?](?:\s|$)|\n/, 1)[0] ?? '';
  const words = firstSentence
    .replace(/[^\p{L}\p{N}'\- ]+/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);
  let start = 0;
  while (start < words.length && LEADING_FILLER.has(words[start].toLowerCase())) start++;
  const picked: string[] = [];
  for (const word of words.slice(start)) {
    if (picked.length > 0 && NAME_BREAKERS.has(word.toLowerCase())) break;
    if (picked.length === MAX_NAME_WORDS) break;
    if ([...picked, word].join(' ').length > MAX_NAME_LENGTH) break;
    picked.push(word);
  }
  if (picked.length === 0) {
    const fallback = words.slice(0, MAX_NAME_WORDS).join(' ').slice(0, MAX_NAME_LENGTH).trim();
    if (!fallback) return 'Untitled project';
    picked.push(...fallback.split(' '));
  }
  const name = picked
    .map((word, index) => (index === 0 || word.toUpperCase() === word ? word : word.toLowerCase()))
    .join(' ');
  return name.charAt(0).toUpperCase() + name.slice(1);
}

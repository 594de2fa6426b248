import { createStore, type StoreApi } from 'zustand/vanilla';
import type * as MonacoNamespace from 'monaco-editor';
import type { FileContent } from '@/lib/project/types';
import { languageForPath } from '@/lib/project/paths';
import type { Monaco } from './monaco-loader';

type TextModel = MonacoNamespace.editor.ITextModel;

/** Files larger than this open read-only: Monaco and the TS worker slow to a crawl on them. */
export const MAX_EDITABLE_BYTES = 1024 * 1024;

export interface DirtyState {
  dirty: Record<string, true>;
}

export interface DocumentsSource {
  readFile(path: string): FileContent | undefined;
  writeFile(path: string, content: FileContent, origin: 'user'): unknown;
}

/**
 * One Monaco model per open text file, keyed by a file URI of its project path so the TypeScript
 * worker resolves imports between open files. Tracks which models differ from what was last
 * saved; unsaved edits live only in the model until Ctrl/Cmd+S writes them to the store.
 */
export class EditorDocuments {
  readonly dirtyState: StoreApi<DirtyState> = createStore<DirtyState>(() => ({ dirty: {} }));
  private readonly models = new Map<string, TextModel>();
  private readonly savedVersion = new Map<string, number>();
  private readonly listeners = new Map<string, MonacoNamespace.IDisposable>();

  constructor(
    private readonly monaco: Monaco,
    private readonly source: DocumentsSource,
  ) {}

  uriFor(path: string): MonacoNamespace.Uri {
    return this.monaco.Uri.file(`/${path}`);
  }

  /** The model for a text file, created from the store's content on first use. */
  modelFor(path: string, content: string): TextModel {
    const existing = this.models.get(path);
    if (existing && !existing.isDisposed()) return existing;
    const uri = this.uriFor(path);
    const model =
      this.monaco.editor.getModel(uri) ?? this.monaco.editor.createModel(content, languageForPath(path), uri);
    if (model.getValue() !== content) model.setValue(content);
    this.models.set(path, model);
    this.savedVersion.set(path, model.getAlternativeVersionId());
    this.listeners.set(
      path,
      model.onDidChangeContent(() => this.refreshDirty(path)),
    );
    return model;
  }

  isDirty(path: string): boolean {
    return this.dirtyState.getState().dirty[path] === true;
  }

  hasDirty(): boolean {
    return Object.keys(this.dirtyState.getState().dirty).length > 0;
  }

  /** Writes the model's text into the project; returns false when there was nothing to save. */
  save(path: string): boolean {
    const model = this.models.get(path);
    if (!model || model.isDisposed()) return false;
    this.source.writeFile(path, model.getValue(), 'user');
    this.savedVersion.set(path, model.getAlternativeVersionId());
    this.refreshDirty(path);
    return true;
  }

  /**
   * Someone else (the agent, the runtime, an import) changed a file: follow it unless the person
   * has unsaved edits there, which win until they save or close the tab.
   */
  externalChange(path: string, content: FileContent | undefined): void {
    const model = this.models.get(path);
    if (!model || model.isDisposed()) return;
    if (content === undefined || typeof content !== 'string') {
      if (!this.isDirty(path)) this.close(path);
      return;
    }
    if (this.isDirty(path) || model.getValue() === content) return;
    model.pushEditOperations([], [{ range: model.getFullModelRange(), text: content }], () => null);
    this.savedVersion.set(path, model.getAlternativeVersionId());
    this.refreshDirty(path);
  }

  /** Drops the model (and its unsaved edits) when its tab closes. */
  close(path: string): void {
    this.listeners.get(path)?.dispose();
    this.listeners.delete(path);
    this.models.get(path)?.dispose();
    this.models.delete(path);
    this.savedVersion.delete(path);
    this.setDirty(path, false);
  }

  openPaths(): string[] {
    return [...this.models.keys()];
  }

  dispose(): void {
    for (const path of [...this.models.keys()]) this.close(path);
  }

  private refreshDirty(path: string): void {
    const model = this.models.get(path);
    const dirty = !!model && !model.isDisposed() && model.getAlternativeVersionId() !== this.savedVersion.get(path);
    this.setDirty(path, dirty);
  }

  private setDirty(path: string, dirty: boolean): void {
    const current = this.dirtyState.getState().dirty;
    if ((current[path] === true) === dirty) return;
    const next = { ...current };
    if (dirty) next[path] = true;
    else delete next[path];
    this.dirtyState.setState({ dirty: next });
  }
}

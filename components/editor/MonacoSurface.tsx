'use client';

import { useEffect, useRef } from 'react';
import type * as MonacoNamespace from 'monaco-editor';
import { languageForPath } from '@/lib/project/paths';
import type { Monaco } from './monaco-loader';
import type { EditorDocuments } from './editor-documents';
import { textChange } from './text-change';
import { keepWidgetsInside } from './keep-widgets-inside';

type CodeEditor = MonacoNamespace.editor.IStandaloneCodeEditor;
type ViewState = MonacoNamespace.editor.ICodeEditorViewState;
type TextModel = MonacoNamespace.editor.ITextModel;

interface MonacoSurfaceProps {
  monaco: Monaco;
  documents: EditorDocuments;
  /** null hides the editor (no text file is active). */
  path: string | null;
  content: string;
  /** Partial content the agent is streaming for `path`; shown read-only instead of the file. */
  draft: string | undefined;
  readOnly: boolean;
  onSave: () => void;
}

/**
 * Indentation guides measure their position in the DOM on every render, which forces a layout;
 * on a draft that re-renders many times a second they were most of the editor's cost.
 */
const DRAFT_OPTIONS = { readOnly: true, guides: { indentation: false, highlightActiveIndentation: false } } as const;
const FILE_OPTIONS = { guides: { indentation: true, highlightActiveIndentation: true } } as const;

/**
 * Brings the read-only draft model from `before` to `after` with one edit of the part that changed
 * (while streaming, the new tail): replacing the whole text re-tokenizes and re-renders all of it on
 * every streamed piece. Returns whether anything changed.
 */
function applyDraft(monaco: Monaco, model: TextModel, before: string, after: string): boolean {
  const change = textChange(before, after);
  if (!change) return false;
  // Monaco normalises mixed line endings, so offsets into `before` may not match the model.
  if (model.getValueLength() !== before.length) {
    model.setValue(after);
    return true;
  }
  const from = model.getPositionAt(change.start);
  const to = model.getPositionAt(change.end);
  model.applyEdits([{ range: new monaco.Range(from.lineNumber, from.column, to.lineNumber, to.column), text: change.text }]);
  return true;
}

/** One Monaco editor instance for the pane; switching tabs swaps models and keeps each tab's scroll/cursor. */
export function MonacoSurface({ monaco, documents, path, content, draft, readOnly, onSave }: MonacoSurfaceProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<CodeEditor | null>(null);
  const onSaveRef = useRef(onSave);
  const viewStates = useRef(new Map<string, ViewState | null>());
  const shownPath = useRef<string | null>(null);
  const draftModel = useRef<TextModel | null>(null);
  /** The text last put into the draft model, so an update can be applied as the change alone. */
  const draftText = useRef('');

  useEffect(() => {
    onSaveRef.current = onSave;
  }, [onSave]);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const editor = monaco.editor.create(host, {
      model: null,
      theme: 'vs-dark',
      automaticLayout: true,
      fontSize: 13,
      tabSize: 2,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      fixedOverflowWidgets: true,
      renderLineHighlight: 'line',
      padding: { top: 8 },
    });
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => onSaveRef.current());
    // Monaco builds the view (and its floating widgets' container) anew whenever a model is shown.
    let releaseWidgets = () => {};
    const watchWidgets = () => {
      releaseWidgets();
      const widgets = host.querySelector<HTMLElement>('.overflowingContentWidgets');
      releaseWidgets = widgets ? keepWidgetsInside(host, widgets) : () => {};
    };
    editor.onDidChangeModel(watchWidgets);
    editorRef.current = editor;
    return () => {
      releaseWidgets();
      editor.dispose();
      editorRef.current = null;
      draftModel.current?.dispose();
      draftModel.current = null;
      draftText.current = '';
    };
  }, [monaco]);

  useEffect(() => {
    const editor = editorRef.current;
    if (!editor) return;

    const previous = shownPath.current;
    if (previous !== null && previous !== path && editor.getModel() && !draftModel.current) {
      viewStates.current.set(previous, editor.saveViewState());
    }

    if (path === null) {
      editor.setModel(null);
      shownPath.current = null;
      return;
    }

    if (draft !== undefined) {
      let model = draftModel.current;
      const uri = monaco.Uri.from({ scheme: 'inmemory', path: `/draft/${path}` });
      let changed = true;
      if (!model || model.uri.toString() !== uri.toString()) {
        model?.dispose();
        model = monaco.editor.createModel(draft, languageForPath(path), uri);
        draftModel.current = model;
      } else {
        changed = applyDraft(monaco, model, draftText.current, draft);
      }
      draftText.current = draft;
      const switched = editor.getModel() !== model;
      if (switched) editor.setModel(model);
      editor.updateOptions(DRAFT_OPTIONS);
      if (changed || switched) editor.revealLine(model.getLineCount());
      shownPath.current = path;
      return;
    }

    if (draftModel.current) {
      draftModel.current.dispose();
      draftModel.current = null;
      draftText.current = '';
    }
    const model = documents.modelFor(path, content);
    if (editor.getModel() !== model) {
      editor.setModel(model);
      const state = viewStates.current.get(path);
      if (state) editor.restoreViewState(state);
    }
    editor.updateOptions({ ...FILE_OPTIONS, readOnly });
    shownPath.current = path;
  }, [monaco, documents, path, content, draft, readOnly]);

  return (
    <div
      ref={hostRef}
      data-testid="monaco-host"
      data-path={path ?? undefined}
      className="absolute inset-0"
      style={{ visibility: path === null ? 'hidden' : 'visible' }}
    />
  );
}

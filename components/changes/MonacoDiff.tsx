'use client';

import { useEffect, useState } from 'react';
import type * as MonacoNamespace from 'monaco-editor';
import { DiffEditor, Editor, loadMonaco, type Monaco } from '@/components/editor/monaco-loader';
import { languageForPath } from '@/lib/project/paths';

const THEME = 'tabsmith-changes';

/** GitHub-like tints: the changed text stays readable on them, unlike vs-dark's saturated defaults. */
function defineTheme(monaco: Monaco): void {
  monaco.editor.defineTheme(THEME, {
    base: 'vs-dark',
    inherit: true,
    rules: [],
    colors: {
      'editor.background': '#09090b',
      'diffEditor.insertedLineBackground': '#2ea04326',
      'diffEditor.insertedTextBackground': '#2ea04359',
      'diffEditor.removedLineBackground': '#f8514926',
      'diffEditor.removedTextBackground': '#f8514959',
      'diffEditorGutter.insertedLineBackground': '#2ea0433d',
      'diffEditorGutter.removedLineBackground': '#f851493d',
      'diffEditor.diagonalFill': '#27272a80',
      'diffEditor.border': '#27272a',
    },
  });
}

const commonOptions = {
  readOnly: true,
  domReadOnly: true,
  automaticLayout: true,
  minimap: { enabled: false },
  scrollBeyondLastLine: false,
  fontSize: 12,
  renderLineHighlight: 'none',
  scrollbar: { alwaysConsumeMouseWheel: false },
} satisfies MonacoNamespace.editor.IEditorOptions;

const diffOptions = {
  ...commonOptions,
  originalEditable: false,
  renderSideBySide: true,
  // Side by side where both halves fit a line of code; one column with the lines interleaved on a phone.
  useInlineViewWhenSpaceIsLimited: true,
  renderSideBySideInlineBreakpoint: 720,
  renderOverviewRuler: false,
  hideUnchangedRegions: { enabled: true, contextLineCount: 3, minimumLineCount: 5, revealLineCount: 10 },
} satisfies MonacoNamespace.editor.IDiffEditorConstructionOptions;

/** Rows of text the view is tall enough for, within the dialog. */
function heightFor(lines: number): string {
  return `min(60vh, ${Math.max(4, lines + 1) * 18 + 16}px)`;
}

/**
 * One file's change in Monaco, read-only: an edit as a diff, a new or deleted file as the one
 * version there is (a diff against nothing would show an empty removed line 1).
 */
export function MonacoDiff({
  path,
  before,
  after,
  onFailed,
}: {
  path: string;
  before: string | undefined;
  after: string | undefined;
  onFailed: (message: string) => void;
}) {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let cancelled = false;
    loadMonaco().then(
      (monaco) => {
        if (cancelled) return;
        defineTheme(monaco);
        setReady(true);
      },
      (error: Error) => !cancelled && onFailed(error.message),
    );
    return () => {
      cancelled = true;
    };
  }, [onFailed]);

  if (!ready) return <p className="p-3 text-xs text-zinc-500">Loading…</p>;
  const language = languageForPath(path);
  const single = before === undefined ? after : after === undefined ? before : null;
  if (single !== null && single !== undefined) {
    return (
      <div data-testid="changes-diff-editor" style={{ height: heightFor(single.split('\n').length) }}>
        <Editor value={single} language={language} theme={THEME} options={commonOptions} loading={null} />
      </div>
    );
  }
  const lines = Math.max((before ?? '').split('\n').length, (after ?? '').split('\n').length);
  return (
    <div data-testid="changes-diff-editor" style={{ height: heightFor(lines) }}>
      <DiffEditor original={before ?? ''} modified={after ?? ''} language={language} theme={THEME} options={diffOptions} loading={null} />
    </div>
  );
}

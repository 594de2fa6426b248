'use client';

import { useEffect, useRef, useState } from 'react';
import { loadMonaco, type Monaco } from '@/components/editor/monaco-loader';

function languageFor(monaco: Monaco, path: string): string | undefined {
  const dot = path.lastIndexOf('.');
  const extension = dot === -1 ? '' : path.slice(dot).toLowerCase();
  return monaco.languages.getLanguages().find((language) => language.extensions?.includes(extension))?.id;
}

/** Both versions of one text file side by side, read-only, in Monaco's diff editor. */
export function MonacoDiff({ path, before, after }: { path: string; before: string; after: string }) {
  const container = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    let disposed = false;
    let cleanup = () => {};
    loadMonaco()
      .then((monaco) => {
        if (disposed || !container.current) return;
        const language = languageFor(monaco, path);
        const original = monaco.editor.createModel(before, language);
        const modified = monaco.editor.createModel(after, language);
        const editor = monaco.editor.createDiffEditor(container.current, {
          readOnly: true,
          originalEditable: false,
          renderSideBySide: true,
          automaticLayout: true,
          minimap: { enabled: false },
          scrollBeyondLastLine: false,
          theme: 'vs-dark',
        });
        editor.setModel({ original, modified });
        cleanup = () => {
          editor.dispose();
          original.dispose();
          modified.dispose();
        };
      })
      .catch((error: unknown) => {
        if (!disposed) setFailed(error instanceof Error ? error.message : 'The diff viewer could not be loaded.');
      });
    return () => {
      disposed = true;
      cleanup();
    };
  }, [path, before, after]);

  if (failed) return <p className="p-3 text-xs text-red-300">{failed} The changed lines are listed below.</p>;
  return <div ref={container} data-testid="changes-diff-editor" className="h-72 w-full border-b border-zinc-800" />;
}

'use client';

import { useEffect, useRef, useState } from 'react';

interface InlineNameInputProps {
  initial: string;
  label: string;
  /** Returns an error message to keep the input open, or null when the name was accepted. */
  onCommit: (name: string) => string | null;
  onCancel: () => void;
}

export function InlineNameInput({ initial, label, onCommit, onCancel }: InlineNameInputProps) {
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const ref = useRef<HTMLInputElement>(null);
  const done = useRef(false);

  useEffect(() => {
    const input = ref.current;
    if (!input) return;
    input.focus();
    // Select the name without its extension, as file managers do, so typing replaces just the name.
    const dot = initial.lastIndexOf('.');
    input.setSelectionRange(0, dot > 0 ? dot : initial.length);
  }, [initial]);

  function commit(): boolean {
    if (done.current) return true;
    const name = value.trim();
    if (name === '' || name === initial) {
      done.current = true;
      onCancel();
      return true;
    }
    const problem = onCommit(name);
    setError(problem);
    if (problem === null) done.current = true;
    return problem === null;
  }

  return (
    <div className="min-w-0 flex-1">
      <input
        ref={ref}
        data-testid="file-tree-name-input"
        aria-label={label}
        aria-invalid={error !== null}
        value={value}
        spellCheck={false}
        onChange={(event) => {
          setValue(event.target.value);
          setError(null);
        }}
        onKeyDown={(event) => {
          event.stopPropagation();
          if (event.key === 'Enter') {
            event.preventDefault();
            commit();
          } else if (event.key === 'Escape') {
            event.preventDefault();
            done.current = true;
            onCancel();
          }
        }}
        onBlur={() => {
          // Leaving an invalid name behind on blur would strand it; dropping it is the least surprising.
          if (!commit()) {
            done.current = true;
            onCancel();
          }
        }}
        className="w-full rounded border border-sky-500 bg-zinc-950 px-1 py-0 text-sm text-zinc-100 outline-none"
      />
      {error && (
        <p data-testid="file-tree-error" role="alert" className="mt-1 rounded bg-red-950/70 px-1.5 py-1 text-xs text-red-200">
          {error}
        </p>
      )}
    </div>
  );
}

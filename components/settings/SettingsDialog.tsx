'use client';

import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Button } from '@/components/ui/Button';
import type { ProviderKeySettings } from '@/lib/chat/provider-keys';

function Field({
  label,
  hint,
  children,
}: {
  label: string;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <label className="flex flex-col gap-1 text-sm">
      <span className="font-medium text-zinc-200">{label}</span>
      {children}
      {hint && <span className="text-xs text-zinc-500">{hint}</span>}
    </label>
  );
}

const inputClass =
  'h-8 rounded-md border border-zinc-700 bg-zinc-950 px-2 font-mono text-xs text-zinc-100 placeholder:text-zinc-600 focus:border-sky-500 focus:outline-none';

export function SettingsDialog({
  keys,
  onSave,
  onClose,
}: {
  keys: ProviderKeySettings;
  /** Throws when the browser refuses to store the keys. */
  onSave: (keys: ProviderKeySettings) => void;
  onClose: () => void;
}) {
  const [draft, setDraft] = useState(keys);
  const [error, setError] = useState<string | null>(null);
  const firstField = useRef<HTMLInputElement>(null);

  useEffect(() => {
    firstField.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    try {
      onSave(draft);
      onClose();
    } catch (e) {
      setError(`The keys could not be saved: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  const compat = draft.openaiCompatible;
  const setCompat = (patch: Partial<ProviderKeySettings['openaiCompatible']>) =>
    setDraft({ ...draft, openaiCompatible: { ...compat, ...patch } });

  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-black/60 p-4" onMouseDown={onClose}>
      <form
        role="dialog"
        aria-modal="true"
        aria-labelledby="settings-title"
        data-testid="settings-dialog"
        onSubmit={submit}
        onMouseDown={(e) => e.stopPropagation()}
        className="flex max-h-full w-full max-w-lg flex-col gap-4 overflow-y-auto rounded-lg border border-zinc-700 bg-zinc-900 p-5 shadow-xl"
      >
        <div>
          <h2 id="settings-title" className="text-base font-semibold text-zinc-100">
            Models and API keys
          </h2>
          <p className="mt-1 text-xs text-zinc-400">
            Keys stay in this browser (its local storage for this site). They are sent only with your chat requests to
            this Tabsmith server, which passes them to the provider and never stores or logs them.
          </p>
        </div>

        <Field label="OpenAI API key">
          <input
            ref={firstField}
            type="password"
            autoComplete="off"
            className={inputClass}
            placeholder="sk-…"
            value={draft.openai}
            onChange={(e) => setDraft({ ...draft, openai: e.target.value })}
            data-testid="settings-openai-key"
          />
        </Field>
        <Field label="Anthropic API key">
          <input
            type="password"
            autoComplete="off"
            className={inputClass}
            placeholder="sk-ant-…"
            value={draft.anthropic}
            onChange={(e) => setDraft({ ...draft, anthropic: e.target.value })}
            data-testid="settings-anthropic-key"
          />
        </Field>
        <Field label="Google AI API key">
          <input
            type="password"
            autoComplete="off"
            className={inputClass}
            value={draft.google}
            onChange={(e) => setDraft({ ...draft, google: e.target.value })}
            data-testid="settings-google-key"
          />
        </Field>

        <fieldset className="flex flex-col gap-3 rounded-md border border-zinc-800 p-3">
          <legend className="px-1 text-sm font-medium text-zinc-200">OpenAI-compatible server</legend>
          <p className="text-xs text-zinc-500">For OpenRouter, LM Studio, vLLM and similar servers.</p>
          <Field label="Base URL">
            <input
              type="url"
              className={inputClass}
              placeholder="http://127.0.0.1:1234/v1"
              value={compat.baseUrl}
              onChange={(e) => setCompat({ baseUrl: e.target.value })}
              data-testid="settings-compat-url"
            />
          </Field>
          <Field label="API key" hint="Leave empty if the server needs none.">
            <input
              type="password"
              autoComplete="off"
              className={inputClass}
              value={compat.apiKey}
              onChange={(e) => setCompat({ apiKey: e.target.value })}
              data-testid="settings-compat-key"
            />
          </Field>
          <Field label="Models" hint="Model names separated by commas.">
            <input
              type="text"
              className={inputClass}
              placeholder="qwen2.5-coder-32b, llama-3.3-70b"
              value={compat.models}
              onChange={(e) => setCompat({ models: e.target.value })}
              data-testid="settings-compat-models"
            />
          </Field>
        </fieldset>

        {error && (
          <p role="alert" className="text-sm text-red-300">
            {error}
          </p>
        )}

        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button variant="primary" type="submit" data-testid="settings-save">
            Save
          </Button>
        </div>
      </form>
    </div>
  );
}

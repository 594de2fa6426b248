'use client';

import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Button } from '@/components/ui/Button';
import type { ProviderKeySettings } from '@/lib/chat/provider-keys';
import { initialProvider, providerChoices, type SettingsProvider } from './settings-providers';

function Field({ label, hint, children }: { label: string; hint?: string; children: ReactNode }) {
  return (
    <label className="flex flex-col gap-1 text-sm">
      <span className="font-medium text-zinc-200">{label}</span>
      {children}
      {hint && <span className="text-xs text-zinc-500">{hint}</span>}
    </label>
  );
}

const inputClass =
  'h-9 rounded-md border border-zinc-700 bg-zinc-950 px-2 font-mono text-sm text-zinc-100 placeholder:text-zinc-600 focus:border-sky-500 focus:outline-none';

type TestState = { phase: 'idle' } | { phase: 'testing' } | { phase: 'done'; ok: boolean; message: string };

async function runTest(provider: SettingsProvider, draft: ProviderKeySettings): Promise<{ ok: boolean; message: string }> {
  const body =
    provider === 'openai-compatible'
      ? { provider, key: draft.openaiCompatible.apiKey, baseUrl: draft.openaiCompatible.baseUrl }
      : { provider, key: draft[provider] };
  try {
    const response = await fetch('/api/models/test', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const result = (await response.json()) as { ok?: boolean; message?: string; error?: string };
    return { ok: result.ok === true, message: result.message ?? result.error ?? 'The test gave no answer. Try again.' };
  } catch {
    return { ok: false, message: 'Tabsmith could not reach its own server to run the test. Check that it is still running.' };
  }
}

/** Settings for a person: pick who provides the AI, paste a key (with where to get one and what it costs), test it. */
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
  const [provider, setProvider] = useState<SettingsProvider>(() => initialProvider(keys));
  const [test, setTest] = useState<TestState>({ phase: 'idle' });
  const [error, setError] = useState<string | null>(null);
  const firstField = useRef<HTMLInputElement>(null);
  const choice = providerChoices.find((p) => p.id === provider) ?? providerChoices[0];

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

  const edit = (next: ProviderKeySettings) => {
    setDraft(next);
    setTest({ phase: 'idle' });
  };
  const compat = draft.openaiCompatible;
  const setCompat = (patch: Partial<ProviderKeySettings['openaiCompatible']>) => edit({ ...draft, openaiCompatible: { ...compat, ...patch } });

  const testNow = async () => {
    setTest({ phase: 'testing' });
    const result = await runTest(provider, draft);
    setTest({ phase: 'done', ...result });
  };

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
            Settings: your AI model
          </h2>
          <p className="mt-1 text-sm text-zinc-400">Pick who provides the AI, paste your key, and press Test.</p>
        </div>

        <fieldset className="grid grid-cols-2 gap-2" aria-label="AI provider">
          {providerChoices.map((p) => (
            <label
              key={p.id}
              className={`flex cursor-pointer flex-col rounded-md border px-3 py-2 text-sm ${
                provider === p.id ? 'border-sky-500 bg-sky-950/40' : 'border-zinc-700 hover:border-zinc-500'
              }`}
            >
              <span className="flex items-center gap-2">
                <input
                  type="radio"
                  name="provider"
                  value={p.id}
                  checked={provider === p.id}
                  onChange={() => {
                    setProvider(p.id);
                    setTest({ phase: 'idle' });
                  }}
                  className="accent-sky-500"
                />
                <span className="font-medium text-zinc-100">{p.name}</span>
              </span>
              <span className="pl-5 text-xs text-zinc-400">{p.known}</span>
            </label>
          ))}
        </fieldset>

        <div className="flex flex-col gap-3 rounded-md border border-zinc-800 p-3" data-testid="settings-provider" data-provider={provider}>
          {provider === 'openai-compatible' ? (
            <>
              <Field label="Server address" hint="Where the server listens, as its own settings show it, for example http://127.0.0.1:1234/v1.">
                <input
                  ref={firstField}
                  type="url"
                  className={inputClass}
                  placeholder="http://127.0.0.1:1234/v1"
                  value={compat.baseUrl}
                  onChange={(e) => setCompat({ baseUrl: e.target.value })}
                  data-testid="settings-compat-url"
                />
              </Field>
              <Field label="Key" hint="Only if the server asks for one.">
                <input
                  type="password"
                  autoComplete="off"
                  className={inputClass}
                  value={compat.apiKey}
                  onChange={(e) => setCompat({ apiKey: e.target.value })}
                  data-testid="settings-compat-key"
                />
              </Field>
              <Field label="Models to offer" hint="Their names as the server lists them, separated by commas. Leave empty to use all it lists.">
                <input
                  type="text"
                  className={inputClass}
                  placeholder="qwen2.5-coder-32b, llama-3.3-70b"
                  value={compat.models}
                  onChange={(e) => setCompat({ models: e.target.value })}
                  data-testid="settings-compat-models"
                />
              </Field>
            </>
          ) : (
            <Field label={`Your ${choice.name} key`}>
              <input
                ref={firstField}
                type="password"
                autoComplete="off"
                className={inputClass}
                placeholder={choice.keyPlaceholder ?? 'Paste your key here'}
                value={draft[provider]}
                onChange={(e) => edit({ ...draft, [provider]: e.target.value })}
                data-testid={`settings-${provider}-key`}
              />
            </Field>
          )}
          {choice.keyUrl && (
            <a
              href={choice.keyUrl}
              target="_blank"
              rel="noopener noreferrer"
              data-testid="settings-get-key"
              className="self-start text-sm text-sky-400 underline hover:text-sky-300"
            >
              Get a key from {choice.name} ↗
            </a>
          )}
          <p data-testid="settings-cost" className="text-xs text-zinc-400">
            {choice.cost}
          </p>
          <div className="flex items-center gap-3">
            <Button size="sm" variant="secondary" onClick={() => void testNow()} disabled={test.phase === 'testing'} data-testid="settings-test">
              {test.phase === 'testing' ? 'Testing…' : 'Test'}
            </Button>
            {test.phase === 'done' && (
              <p role="status" data-testid="settings-test-result" data-ok={test.ok} className={`text-sm ${test.ok ? 'text-emerald-300' : 'text-red-300'}`}>
                {test.message}
              </p>
            )}
          </div>
        </div>

        <p className="text-xs text-zinc-500">
          Your keys stay in this browser. They go along with your chat messages to this Tabsmith server, which passes them
          to the provider and never stores them.
        </p>

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

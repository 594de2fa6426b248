'use client';

import { useEffect, useState } from 'react';
import { parseModelsResponse, type ModelsResponse } from '@/lib/chat/model-options';
import type { RequestKeys } from '@/lib/chat/provider-keys';

export type ModelsState =
  | { status: 'loading'; response: null; error: null }
  | { status: 'ready'; response: ModelsResponse; error: null }
  | { status: 'failed'; response: null; error: string };

/** The models the server can use with the environment plus the keys from Settings. */
export function useModels(keys: RequestKeys | undefined): ModelsState {
  const [state, setState] = useState<ModelsState>({ status: 'loading', response: null, error: null });
  const keysJson = JSON.stringify(keys ?? null);

  useEffect(() => {
    const controller = new AbortController();
    const keys = JSON.parse(keysJson) as RequestKeys | null;
    fetch('/api/models', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(keys ? { keys } : {}),
      signal: controller.signal,
    })
      .then(async (res) => {
        const response = parseModelsResponse(await res.json().catch(() => null));
        if (!res.ok || !response) throw new Error(`status ${res.status}`);
        setState({ status: 'ready', response, error: null });
      })
      .catch(() => {
        if (controller.signal.aborted) return;
        setState({
          status: 'failed',
          response: null,
          error: 'Could not load the list of models from the Tabsmith server. Reload the page to try again.',
        });
      });
    return () => controller.abort();
  }, [keysJson]);

  return state;
}

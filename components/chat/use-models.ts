'use client';

import { useEffect, useState } from 'react';
import { createModelsCache } from '@/lib/chat/models-cache';
import type { ModelsResponse } from '@/lib/chat/model-options';
import type { RequestKeys } from '@/lib/chat/provider-keys';

export type ModelsState =
  | { status: 'loading'; response: null; error: null }
  | { status: 'ready'; response: ModelsResponse; error: null }
  | { status: 'failed'; response: null; error: string };

const modelsCache = createModelsCache((input, init) => fetch(input, init));

/** Asks for the list ahead of the workbench (the home page does while the person types). */
export function usePrefetchedModels(keys: RequestKeys | undefined): void {
  const keysJson = JSON.stringify(keys ?? null);
  useEffect(() => {
    modelsCache.load((JSON.parse(keysJson) as RequestKeys | null) ?? undefined).catch(() => {});
  }, [keysJson]);
}

/** The models the server can use with the environment plus the keys from Settings. */
export function useModels(keys: RequestKeys | undefined): ModelsState {
  const keysJson = JSON.stringify(keys ?? null);
  const [state, setState] = useState<ModelsState>(() => {
    const ready = modelsCache.ready(keys);
    return ready ? { status: 'ready', response: ready, error: null } : { status: 'loading', response: null, error: null };
  });

  useEffect(() => {
    let current = true;
    const keys = JSON.parse(keysJson) as RequestKeys | null;
    modelsCache
      .load(keys ?? undefined)
      .then((response) => {
        if (current) setState({ status: 'ready', response, error: null });
      })
      .catch(() => {
        if (!current) return;
        setState({
          status: 'failed',
          response: null,
          error: 'Could not load the list of models from the Tabsmith server. Reload the page to try again.',
        });
      });
    return () => {
      current = false;
    };
  }, [keysJson]);

  return state;
}

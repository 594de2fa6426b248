'use client';

import { useEffect, useState } from 'react';
import { CONNECT_PREVIEW_PARAM, webContainerPreviewUrl } from '@/lib/runtime/webcontainer/connect-page';
import { webContainerServerOrigin } from '@/lib/runtime/webcontainer/reachability';

type State = 'starting' | 'connecting' | 'opening' | 'alone' | 'failed';

const words: Record<State, string> = {
  starting: 'Connecting your app…',
  connecting: 'Connecting your app to Tabsmith… This tab closes by itself when it is done.',
  opening: 'Opening your app…',
  alone:
    'This page connects an app opened in its own tab to Tabsmith. Open your app from the preview’s “open in a new tab” button, with Tabsmith still open in another tab.',
  failed: 'Your app could not be connected. Keep Tabsmith open in another tab, then use “open in a new tab” again.',
};

export function ConnectPreview() {
  const [state, setState] = useState<State>('starting');

  useEffect(() => {
    let cancelled = false;
    const update = (next: State) => {
      if (!cancelled) setState(next);
    };
    if (window.opener) {
      // Opened by the preview tab: relay between it and the WebContainer that runs in the IDE's tab.
      import('@webcontainer/api/connect')
        .then(({ setupConnect }) => {
          setupConnect({ editorOrigin: webContainerServerOrigin() });
          update('connecting');
        })
        .catch(() => update('failed'));
    } else {
      const preview = webContainerPreviewUrl(new URLSearchParams(window.location.search).get(CONNECT_PREVIEW_PARAM));
      if (preview) {
        update('opening');
        window.location.replace(preview.toString());
      } else {
        update('alone');
      }
    }
    return () => {
      cancelled = true;
    };
  }, []);

  return (
    <main data-testid="webcontainer-connect" data-state={state} className="flex h-full items-center justify-center p-6 text-center text-sm text-zinc-300">
      <p className="max-w-md">{words[state]}</p>
    </main>
  );
}

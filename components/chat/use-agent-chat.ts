'use client';

import { useChat } from '@ai-sdk/react';
import { useEffect, useLayoutEffect, useState, useSyncExternalStore } from 'react';
import type { WorkbenchSession } from '@/lib/workbench/session-types';
import { editorStart } from '@/components/editor/monaco-loader';
import { AgentChatController, type ChatRequestOptions } from './agent-chat-controller';

/** Streaming re-renders at most every 50 ms, so long file writes stay smooth. */
const RENDER_THROTTLE_MS = 50;

export function useAgentChat(session: WorkbenchSession, options: ChatRequestOptions) {
  const [controller] = useState(() => new AgentChatController(session, options));
  useEffect(() => {
    controller.setRequestOptions(options);
  });
  const helpers = useChat({ chat: controller.chat, experimental_throttle: RENDER_THROTTLE_MS });
  const toolsBusy = useSyncExternalStore(
    (listener) => controller.runner.subscribe(listener),
    () => controller.runner.busy,
    () => false,
  );

  useEffect(() => {
    controller.syncDrafts(helpers.messages);
  }, [controller, helpers.messages]);

  useEffect(() => () => controller.dispose(), [controller]);

  const streaming = helpers.status === 'submitted' || helpers.status === 'streaming';
  // Not while a reply streams: that is when the editor shows the files being written.
  const holdsEditor = helpers.status === 'submitted' || toolsBusy;
  // A layout effect, so the editor pane (which asks in a passive effect) hears of a prompt about to be sent first.
  useLayoutEffect(() => {
    editorStart.setBusy(holdsEditor || controller.hasPendingPrompt());
  }, [controller, holdsEditor]);
  useEffect(() => () => editorStart.setBusy(false), []);
  return { controller, ...helpers, toolsBusy, busy: streaming || toolsBusy };
}

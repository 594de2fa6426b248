'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { Button } from '@/components/ui/Button';
import { SettingsDialog } from '@/components/settings/SettingsDialog';
import { useProviderKeys } from '@/components/settings/use-provider-keys';
import { shouldContinue } from '@/lib/agent/step-budget';
import { imageSupport } from '@/lib/chat/attachments';
import { plainChatError } from '@/lib/chat/chat-errors';
import { summarizeInterruption } from '@/lib/chat/interruption';
import { planRetry } from '@/lib/chat/turn-state';
import { turnRangeAt, type TurnProblems } from '@/lib/chat/turn-info';
import { effectiveModelId, isDemoModel, modelDisplayName } from '@/lib/chat/model-options';
import { requestKeys } from '@/lib/chat/provider-keys';
import type { WorkbenchSession } from '@/lib/workbench/session-types';
import { DEFAULT_STEP_BUDGET } from '@/lib/agent/step-budget';
import type { OutgoingMessage } from './agent-chat-controller';
import { ChatComposer, type ChatMode } from './ChatComposer';
import { MessageItem } from './MessageItem';
import { ModelPicker } from './ModelPicker';
import { useAgentChat } from './use-agent-chat';
import { useModels } from './use-models';

/** Pixels from the bottom within which new content keeps the list scrolled to the end. */
const STICK_TO_BOTTOM_PX = 80;

const sessionKeys = new WeakMap<WorkbenchSession, number>();
let nextSessionKey = 0;

function keyOf(session: WorkbenchSession): number {
  let key = sessionKeys.get(session);
  if (key === undefined) {
    key = nextSessionKey++;
    sessionKeys.set(session, key);
  }
  return key;
}

type RestoreState = { phase: 'working' | 'restored' | 'undone' | 'failed'; text: string } | null;

function restoreErrorText(error: unknown): string {
  const reason = error instanceof Error && error.message ? error.message : 'Something went wrong.';
  return `The restore did not finish: ${reason} Try again in a moment.`;
}

/** The chat for one workbench session; a new session (another project) gets a fresh chat. */
export function ChatPane({ session }: { session: WorkbenchSession }) {
  return <ChatPaneView key={keyOf(session)} session={session} />;
}

function ChatPaneView({ session }: { session: WorkbenchSession }) {
  const [providerKeys, saveProviderKeys] = useProviderKeys();
  const [settingsOpen, setSettingsOpen] = useState(false);
  const keys = requestKeys(providerKeys);
  const models = useModels(keys);
  const savedModel = useStore(session.store.api, (s) => s.record.modelId);
  const modelId = effectiveModelId(savedModel, models.response);
  const demo = models.status === 'ready' && isDemoModel(modelId, models.response);
  // Saving a key or picking a model changes who answers; the chat says so instead of switching silently.
  const [seenModel, setSeenModel] = useState(modelId);
  const [modelNotice, setModelNotice] = useState<string | null>(null);
  if (modelId !== seenModel) {
    setSeenModel(modelId);
    if (seenModel !== null && modelId !== null) setModelNotice(`Now using ${modelDisplayName(modelId, models.response)}.`);
  }

  const [mode, setMode] = useState<ChatMode>('build');
  const { controller, messages, status, error, busy } = useAgentChat(session, { modelId, mode, keys });
  const idle = !busy;
  const elements = useStore(session.selection, (s) => s.elements);
  const [restore, setRestore] = useState<RestoreState>(null);

  // The status a settled turn records follows the app as it is measured (the preview loads after the turn ends).
  const liveStatus = useStore(session.evidence.state, (s) => `${s.status.kind}:${s.status.errorCount}`);
  useEffect(() => {
    if (idle) controller.settle();
  }, [controller, idle, messages, liveStatus]);

  useEffect(() => {
    if (models.status !== 'loading') controller.sendPendingPrompt();
  }, [controller, models.status]);

  useEffect(() => {
    session.setAgentWorking(busy);
  }, [session, busy]);
  useEffect(() => () => session.setAgentWorking(false), [session]);

  const listRef = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  useEffect(() => {
    const list = listRef.current;
    if (list && stickToBottom.current) list.scrollTop = list.scrollHeight;
  }, [messages, status]);
  // A turn's status fills in after the turn ended (checks run, the preview loads): no new message, so
  // only watching the list itself keeps that last line in view.
  useEffect(() => {
    const list = listRef.current;
    if (!list) return;
    const observer = new MutationObserver(() => {
      if (stickToBottom.current) list.scrollTop = list.scrollHeight;
    });
    observer.observe(list, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  }, []);
  const onScroll = () => {
    const list = listRef.current;
    if (list) stickToBottom.current = list.scrollHeight - list.scrollTop - list.clientHeight < STICK_TO_BOTTOM_PX;
  };

  const send = useCallback(
    (message: OutgoingMessage) => {
      stickToBottom.current = true;
      session.clearSelection();
      setRestore(null);
      void controller.send(message);
    },
    [controller, session],
  );
  const onFixIt = useCallback(
    (problems: TurnProblems) => {
      stickToBottom.current = true;
      setRestore(null);
      void controller.fixIt(problems);
    },
    [controller],
  );
  const onRestore = useCallback(
    async (checkpointId: string, label: string) => {
      setRestore({ phase: 'working', text: 'Restoring your files…' });
      try {
        await session.restoreCheckpoint(checkpointId);
        setRestore({ phase: 'restored', text: `Restored to before “${label.length > 60 ? `${label.slice(0, 60)}…` : label}”.` });
      } catch (err) {
        setRestore({ phase: 'failed', text: restoreErrorText(err) });
      }
    },
    [session],
  );
  const onUndoRestore = useCallback(async () => {
    setRestore({ phase: 'working', text: 'Putting your files back…' });
    try {
      await session.undoRestore();
      setRestore({ phase: 'undone', text: 'Undone: your files are back as they were before the restore.' });
    } catch (err) {
      setRestore({ phase: 'failed', text: restoreErrorText(err) });
    }
  }, [session]);
  const onEdit = useCallback((messageId: string, text: string) => void controller.editAndResend(messageId, text), [controller]);
  const onRegenerate = useCallback(() => void controller.regenerate(), [controller]);
  const closeSettings = useCallback(() => setSettingsOpen(false), []);

  const last = messages[messages.length - 1];
  const interruption = idle && status !== 'error' && last?.metadata?.interrupted ? summarizeInterruption(messages) : null;
  // After a failed request, what the turn already finished is said too, and Retry goes on from there.
  const failedTurn = status === 'error' && last?.role === 'assistant' ? summarizeInterruption(messages) : null;
  const retryContinues = status === 'error' && planRetry(messages)?.action === 'continue';
  const askToContinue =
    idle &&
    status !== 'error' &&
    last?.role === 'assistant' &&
    !last.metadata?.stopped &&
    shouldContinue(messages, DEFAULT_STEP_BUDGET) === 'ask-user';

  return (
    <section className="flex h-full min-h-0 flex-col bg-zinc-950 text-zinc-100" aria-label="Chat">
      <header className="flex items-center gap-2 border-b border-zinc-800 px-2 py-1.5">
        <ModelPicker
          response={models.response}
          value={modelId}
          onChange={(id) => session.store.setModel(id)}
        />
        <Button size="sm" variant="ghost" onClick={() => setSettingsOpen(true)} data-testid="open-settings">
          Settings
        </Button>
      </header>

      {modelNotice && (
        <p role="status" data-testid="model-change-notice" className="flex items-center gap-2 border-b border-sky-500/30 bg-sky-950/40 px-3 py-1.5 text-xs text-sky-100">
          <span className="flex-1">{modelNotice}</span>
          <button type="button" onClick={() => setModelNotice(null)} className="text-sky-300 hover:text-white" aria-label="Dismiss">
            ✕
          </button>
        </p>
      )}
      {models.status === 'failed' && (
        <p role="alert" className="border-b border-red-500/30 bg-red-950/50 px-3 py-2 text-xs text-red-200">
          {models.error}
        </p>
      )}
      {demo && (
        <div
          data-testid="demo-notice"
          role="status"
          className="flex items-start gap-2 border-b border-amber-500/30 bg-amber-950/40 px-3 py-2 text-xs text-amber-100"
        >
          <p className="flex-1">
            You&apos;re using the offline demo. It is not AI: it builds a few starter apps. Add a model in Settings.
          </p>
          <Button size="sm" variant="secondary" onClick={() => setSettingsOpen(true)} data-testid="demo-open-settings">
            Open Settings
          </Button>
        </div>
      )}

      <div
        ref={listRef}
        onScroll={onScroll}
        data-testid="chat-messages"
        className="flex min-h-0 flex-1 flex-col gap-4 overflow-y-auto px-3 py-3"
      >
        {messages.length === 0 && (
          <p className="m-auto max-w-xs text-center text-sm text-zinc-500">
            Describe the app you want, or a change to this one. The agent writes the files, runs them, and checks the
            preview.
          </p>
        )}
        {messages.map((message, i) => {
          const range = message.role === 'assistant' ? turnRangeAt(messages, i) : { before: null, after: 'current' };
          return (
            <MessageItem
              key={message.id}
              message={message}
              isLast={i === messages.length - 1}
              idle={idle && restore?.phase !== 'working'}
              onEdit={onEdit}
              onRegenerate={onRegenerate}
              onRestore={onRestore}
              session={session}
              before={range.before}
              after={range.after}
              onFixIt={onFixIt}
            />
          );
        })}
        {status === 'submitted' && (
          <p data-testid="chat-thinking" className="animate-pulse text-xs text-zinc-500">
            Thinking…
          </p>
        )}
        {status === 'error' && (
          <div
            role="alert"
            data-testid="chat-error"
            className="flex items-start gap-2 rounded-md border border-red-500/40 bg-red-950/50 px-3 py-2 text-sm text-red-100"
          >
            <div className="flex-1">
              <p>{plainChatError(error)}</p>
              {failedTurn && failedTurn.done.length > 0 && (
                <p data-testid="chat-error-progress" className="mt-1 text-red-200/90">
                  {failedTurn.sentence}
                </p>
              )}
            </div>
            <Button size="sm" variant="secondary" onClick={() => void controller.retry()} data-testid="chat-retry">
              {retryContinues ? 'Continue' : 'Retry'}
            </Button>
          </div>
        )}
        {interruption && (
          <div
            role="status"
            data-testid="chat-interrupted"
            className="flex items-center gap-2 rounded-md border border-amber-500/40 bg-amber-950/40 px-3 py-2 text-sm text-amber-100"
          >
            <p data-testid="chat-interrupted-summary" className="flex-1">
              {interruption.sentence}
            </p>
            <Button size="sm" variant="primary" onClick={() => void controller.retry()} data-testid="chat-interrupted-continue">
              Continue
            </Button>
          </div>
        )}
        {askToContinue && (
          <div
            data-testid="chat-continue-prompt"
            className="flex items-center gap-2 rounded-md border border-zinc-700 bg-zinc-900 px-3 py-2 text-sm"
          >
            <p className="flex-1 text-zinc-300">The agent has taken {DEFAULT_STEP_BUDGET} steps on this request. Continue?</p>
            <Button size="sm" variant="primary" onClick={() => void controller.continueTurn()} data-testid="chat-continue">
              Continue
            </Button>
          </div>
        )}
      </div>

      {restore && (
        <div
          data-testid="restore-notice"
          data-phase={restore.phase}
          role={restore.phase === 'failed' ? 'alert' : 'status'}
          className={`flex items-center gap-2 border-t px-3 py-1.5 text-xs ${
            restore.phase === 'failed' ? 'border-red-500/40 bg-red-950/50 text-red-100' : 'border-sky-500/30 bg-sky-950/40 text-sky-100'
          }`}
        >
          <p className="flex-1">{restore.text}</p>
          {restore.phase === 'restored' && (
            <Button size="sm" variant="secondary" onClick={() => void onUndoRestore()} data-testid="restore-undo">
              Undo
            </Button>
          )}
          {restore.phase !== 'working' && (
            <Button size="sm" variant="ghost" onClick={() => setRestore(null)} aria-label="Dismiss">
              ×
            </Button>
          )}
        </div>
      )}

      <ChatComposer
        busy={busy}
        disabled={restore?.phase === 'working'}
        mode={mode}
        onModeChange={setMode}
        imageSupport={imageSupport(modelId, models.response)}
        elements={elements}
        onRemoveElement={(selector) => session.unselectElement(selector)}
        onSend={send}
        onStop={() => void controller.stop()}
      />

      {settingsOpen && <SettingsDialog keys={providerKeys} onSave={saveProviderKeys} onClose={closeSettings} />}
    </section>
  );
}

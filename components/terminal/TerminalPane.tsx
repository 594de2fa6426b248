'use client';

import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { WorkbenchSession } from '@/lib/workbench/session-types';
import { notReadySentence } from '@/components/runtime/runtime-words';
import { AgentLog } from './agent-log';
import { ShellTab } from './shell-tab';
import { TerminalView } from './TerminalView';

const AGENT_TAB = 'agent';

/** The terminal: an "Agent" tab with every command the agent runs, plus closable interactive shells. */
export function TerminalPane({ session }: { session: WorkbenchSession }) {
  const [agentLog] = useState(() => new AgentLog());
  const [shells, setShells] = useState<ShellTab[]>([]);
  const [activeId, setActiveId] = useState(AGENT_TAB);
  const [copied, setCopied] = useState(false);
  const shellCount = useRef(0);
  const openShells = useRef<ShellTab[]>([]);

  const status = useStore(session.runtimeState, (s) => s.status);
  const hasRuntime = useStore(session.runtimeState, (s) => s.runtime !== null);
  const notReady = notReadySentence(status, hasRuntime);

  useEffect(() => {
    const unsubscribe = session.onAgentCommand((event) => agentLog.show(event));
    return () => {
      unsubscribe();
      agentLog.dispose();
    };
  }, [session, agentLog]);

  useEffect(() => {
    openShells.current = shells;
  }, [shells]);
  useEffect(() => () => openShells.current.forEach((shell) => shell.close()), []);

  const addShell = () => {
    shellCount.current += 1;
    const shell = new ShellTab(`shell-${shellCount.current}`, `Shell ${shellCount.current}`, (size) =>
      session.openShell(size),
    );
    setShells((current) => [...current, shell]);
    setActiveId(shell.id);
  };

  const closeShell = (shell: ShellTab) => {
    shell.close();
    setShells((current) => current.filter((s) => s !== shell));
    if (activeId === shell.id) setActiveId(AGENT_TAB);
  };

  const activeSurface = shells.find((s) => s.id === activeId)?.surface ?? agentLog.surface;

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(activeSurface.text());
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      setCopied(false);
    }
  };

  return (
    <section data-testid="terminal" className="flex h-full min-h-0 flex-col bg-zinc-950 text-sm">
      <div className="flex items-center gap-1 border-b border-zinc-800 px-2 py-1" role="tablist">
        <TabButton id={AGENT_TAB} title="Agent" active={activeId === AGENT_TAB} onSelect={setActiveId} />
        {shells.map((shell) => (
          <TabButton
            key={shell.id}
            id={shell.id}
            title={shell.title}
            active={activeId === shell.id}
            onSelect={setActiveId}
            onClose={() => closeShell(shell)}
          />
        ))}
        <button
          type="button"
          className="rounded px-2 py-0.5 text-zinc-300 hover:bg-zinc-800 disabled:opacity-40"
          onClick={addShell}
          disabled={notReady !== null}
          title={notReady ?? 'Open a shell in your project'}
          aria-label="New terminal"
          data-testid="terminal-new-shell"
        >
          +
        </button>
        <div className="ml-auto flex items-center gap-1">
          <button
            type="button"
            className="rounded px-2 py-0.5 text-xs text-zinc-400 hover:bg-zinc-800 hover:text-zinc-100"
            data-testid="terminal-clear"
            onClick={() => activeSurface.clear()}
          >
            Clear
          </button>
          <button
            type="button"
            className="rounded px-2 py-0.5 text-xs text-zinc-400 hover:bg-zinc-800 hover:text-zinc-100"
            data-testid="terminal-copy"
            onClick={() => void copy()}
          >
            {copied ? 'Copied' : 'Copy'}
          </button>
        </div>
      </div>
      {notReady && (
        <p className="border-b border-zinc-800 px-3 py-1.5 text-xs text-zinc-400" data-testid="terminal-not-ready">
          {notReady}
        </p>
      )}
      <div className="relative min-h-0 flex-1">
        <TerminalPanel id={AGENT_TAB} active={activeId === AGENT_TAB}>
          <TerminalView surface={agentLog.surface} active={activeId === AGENT_TAB} />
        </TerminalPanel>
        {shells.map((shell) => (
          <TerminalPanel key={shell.id} id={shell.id} active={activeId === shell.id}>
            <TerminalView
              surface={shell.surface}
              active={activeId === shell.id}
              onInput={(data) => shell.input(data)}
              onResize={(size) => shell.resize(size)}
              onReady={(size) => void shell.start(size)}
            />
          </TerminalPanel>
        ))}
      </div>
    </section>
  );
}

function TerminalPanel({ id, active, children }: { id: string; active: boolean; children: React.ReactNode }) {
  return (
    <div
      role="tabpanel"
      id={`terminal-panel-${id}`}
      data-terminal-tab={id}
      data-active={active}
      className={active ? 'absolute inset-0' : 'hidden'}
    >
      {children}
    </div>
  );
}

function TabButton(props: {
  id: string;
  title: string;
  active: boolean;
  onSelect: (id: string) => void;
  onClose?: () => void;
}) {
  const { id, title, active, onSelect, onClose } = props;
  return (
    <div
      className={`flex items-center rounded text-xs ${
        active ? 'bg-zinc-800 text-zinc-100' : 'text-zinc-400 hover:bg-zinc-900 hover:text-zinc-200'
      }`}
    >
      <button
        type="button"
        role="tab"
        aria-selected={active}
        aria-controls={`terminal-panel-${id}`}
        className="px-2 py-0.5"
        onClick={() => onSelect(id)}
      >
        {title}
      </button>
      {onClose && (
        <button
          type="button"
          className="pr-1.5 text-zinc-500 hover:text-zinc-100"
          aria-label={`Close ${title}`}
          onClick={onClose}
        >
          ×
        </button>
      )}
    </div>
  );
}

'use client';

import { useState, type ReactNode } from 'react';
import { Group, Panel, Separator, type Layout, type LayoutChangedMeta } from 'react-resizable-panels';
import type { ProjectStore } from '@/lib/project/project-store';
import { layoutFor, sizesFrom, type PaneGroupId } from './pane-layout';
import { useNarrowScreen } from './use-narrow-screen';

interface WorkbenchLayoutProps {
  store: ProjectStore;
  chat: ReactNode;
  files: ReactNode;
  editor: ReactNode;
  preview: ReactNode;
  terminal: ReactNode;
}

function Handle({ vertical = false }: { vertical?: boolean }) {
  return <Separator className={vertical ? 'h-px' : 'w-px'} />;
}

const narrowTabs = ['Chat', 'Preview', 'Code'] as const;
type NarrowTab = (typeof narrowTabs)[number];

/**
 * On a phone or a small tablet: one pane at a time, full width, switched by a tab bar. Every pane stays
 * mounted, so the chat, the editor and the running preview keep their state across switches.
 */
function NarrowLayout({ chat, files, editor, preview, terminal }: Omit<WorkbenchLayoutProps, 'store'>) {
  const [tab, setTab] = useState<NarrowTab>('Chat');
  const panel = (name: NarrowTab) => ({
    role: 'tabpanel' as const,
    id: `narrow-panel-${name}`,
    'aria-labelledby': `narrow-tab-${name}`,
    hidden: tab !== name,
    className: 'min-h-0 flex-1 flex-col overflow-hidden',
  });
  return (
    <div data-testid="pane-main" data-layout="narrow" className="flex min-h-0 flex-1 flex-col">
      <div role="tablist" aria-label="Workbench panes" className="flex shrink-0 border-b border-zinc-800 bg-zinc-900">
        {narrowTabs.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`narrow-tab-${name}`}
            aria-selected={tab === name}
            aria-controls={`narrow-panel-${name}`}
            onClick={() => setTab(name)}
            className={`flex-1 py-2.5 text-sm font-medium ${
              tab === name ? 'border-b-2 border-sky-400 text-zinc-100' : 'border-b-2 border-transparent text-zinc-400'
            }`}
          >
            {name}
          </button>
        ))}
      </div>
      <div {...panel('Chat')} style={{ display: tab === 'Chat' ? 'flex' : 'none' }}>
        {chat}
      </div>
      <div {...panel('Preview')} style={{ display: tab === 'Preview' ? 'flex' : 'none' }}>
        {preview}
      </div>
      <div {...panel('Code')} style={{ display: tab === 'Code' ? 'flex' : 'none' }}>
        <div className="max-h-[30%] min-h-24 shrink-0 overflow-auto border-b border-zinc-800">{files}</div>
        <div className="min-h-0 flex-1">{editor}</div>
        <div className="h-[30%] min-h-24 shrink-0 border-t border-zinc-800">{terminal}</div>
      </div>
    </div>
  );
}

/** Chat | (files | editor) | (preview / terminal); sizes are saved to the project when the person drags. */
export function WorkbenchLayout(props: WorkbenchLayoutProps) {
  const narrow = useNarrowScreen();
  return narrow ? <NarrowLayout {...props} /> : <WideLayout {...props} />;
}

function WideLayout({ store, chat, files, editor, preview, terminal }: WorkbenchLayoutProps) {
  // Sizes are read once: afterwards the panels own them and report changes back.
  const [initial] = useState(() => {
    const saved = store.getState().record.paneSizes;
    return { main: layoutFor('main', saved), code: layoutFor('code', saved), run: layoutFor('run', saved) };
  });

  const persist = (group: PaneGroupId) => (layout: Layout, meta: LayoutChangedMeta) => {
    if (!meta.isUserInteraction) return;
    const sizes = sizesFrom(group, layout);
    if (sizes) store.setPaneSizes(group, sizes.map((size) => Math.round(size * 100) / 100));
  };

  return (
    <Group id="workbench-main" data-testid="pane-main" orientation="horizontal" defaultLayout={initial.main} onLayoutChanged={persist('main')} className="min-h-0 flex-1">
      <Panel id="chat-pane" minSize={260} className="min-w-0">
        {chat}
      </Panel>
      <Handle />
      <Panel id="code-pane" minSize={320} className="min-w-0">
        <Group id="workbench-code" orientation="horizontal" defaultLayout={initial.code} onLayoutChanged={persist('code')}>
          <Panel id="files-pane" minSize={160} collapsible className="min-w-0">
            {files}
          </Panel>
          <Handle />
          <Panel id="editor-pane" minSize={200} className="min-w-0">
            {editor}
          </Panel>
        </Group>
      </Panel>
      <Handle />
      <Panel id="run-pane" minSize={260} className="min-w-0">
        <Group id="workbench-run" orientation="vertical" defaultLayout={initial.run} onLayoutChanged={persist('run')}>
          <Panel id="preview-pane" minSize={120} className="min-h-0">
            {preview}
          </Panel>
          <Handle vertical />
          <Panel id="terminal-pane" minSize={80} collapsible className="min-h-0">
            {terminal}
          </Panel>
        </Group>
      </Panel>
    </Group>
  );
}

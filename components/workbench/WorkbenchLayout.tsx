'use client';

import { useState, type ReactNode } from 'react';
import { Group, Panel, Separator, type Layout, type LayoutChangedMeta } from 'react-resizable-panels';
import type { ProjectStore } from '@/lib/project/project-store';
import { layoutFor, sizesFrom, type PaneGroupId } from './pane-layout';

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

/** Chat | (files | editor) | (preview / terminal); sizes are saved to the project when the person drags. */
export function WorkbenchLayout({ store, chat, files, editor, preview, terminal }: WorkbenchLayoutProps) {
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

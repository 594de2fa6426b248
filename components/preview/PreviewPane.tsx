'use client';

import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { WorkbenchSession } from '@/lib/workbench/session-types';
import { RunButton } from '@/components/runtime/RunButton';
import { parsePreviewBridgeMessage, selectModeCommand } from '@/lib/runtime/preview-bridge';
import { connectPageUrl } from '@/lib/runtime/webcontainer/connect-page';
import { PreviewErrors } from './PreviewErrors';
import {
  deviceWidths,
  isPreviewBridgeMessage,
  normalizePreviewPath,
  pathFromBridgeMessage,
  previewUrl,
  type DeviceWidth,
} from './preview-url';

/** The running app in an iframe on its own origin, with a path bar, reload, port and width pickers. */
export function PreviewPane({ session }: { session: WorkbenchSession }) {
  const previewPort = useStore(session.runtimeState, (s) => s.previewPort);
  const ports = useStore(session.runtimeState, (s) => s.ports);
  const agentWorking = useStore(session.runtimeState, (s) => s.agentWorking);
  const openPorts = ports.filter((p) => p.open);
  const base = openPorts.find((p) => p.port === previewPort)?.url ?? null;

  // The path and reload count belong to one base URL; a new port starts again at "/".
  const [navigation, setNavigation] = useState({ base, path: '/', generation: 0 });
  const current = navigation.base === base ? navigation : { base, path: '/', generation: 0 };
  const [typedPath, setTypedPath] = useState<{ base: string | null; value: string } | null>(null);
  const pathBarValue = typedPath && typedPath.base === base ? typedPath.value : current.path;
  const [device, setDevice] = useState<DeviceWidth>('desktop');
  const [loadedKey, setLoadedKey] = useState<string | null>(null);
  const frame = useRef<HTMLIFrameElement>(null);
  const [picking, setPicking] = useState(false);
  const pickingRef = useRef(picking);
  useEffect(() => {
    pickingRef.current = picking;
  }, [picking]);

  const setPickMode = (on: boolean) => {
    setPicking(on);
    frame.current?.contentWindow?.postMessage(selectModeCommand(on), '*');
  };

  const src = base ? previewUrl(base, current.path) : null;
  const restoreGeneration = useStore(session.runtimeState, (s) => s.previewGeneration);
  const frameKey = src ? `${restoreGeneration}:${current.generation}:${src}` : null;
  const loading = frameKey !== null && loadedKey !== frameKey;
  useEffect(() => session.setPreviewLoading(loading), [session, loading]);
  useEffect(() => () => session.setPreviewLoading(false), [session]);

  const navigate = (path: string, reload: boolean) => {
    setNavigation({ base, path: normalizePreviewPath(path), generation: current.generation + (reload ? 1 : 0) });
    setTypedPath(null);
  };

  // The app navigates on its own (links, router); the injected bridge script reports where it is.
  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      if (!frame.current || event.source !== frame.current.contentWindow) return;
      if (!isPreviewBridgeMessage(event.data)) return;
      if (event.data.type === 'element-selected') {
        const message = parsePreviewBridgeMessage(event.data);
        if (message?.type === 'element-selected') session.selectElement(message.element);
        setPicking(false);
        return;
      }
      if (event.data.type !== 'loaded') return;
      const loaded = parsePreviewBridgeMessage(event.data);
      session.previewPageLoaded({ hot: loaded?.type === 'loaded' ? (loaded.hot ?? true) : true });
      // A reload or navigation starts a fresh page that does not know picking is on.
      if (pickingRef.current) frame.current.contentWindow?.postMessage(selectModeCommand(true), '*');
      const path = pathFromBridgeMessage(event.data);
      if (path) setTypedPath({ base, value: path });
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [base, session]);

  const pathRef = useRef(pathBarValue);
  useEffect(() => {
    pathRef.current = pathBarValue;
  }, [pathBarValue]);
  useEffect(
    () =>
      session.attachPreviewFrame({
        frameWindow: () => frame.current?.contentWindow ?? null,
        messages: window,
        currentPath: () => pathRef.current,
      }),
    [session],
  );

  const width = deviceWidths[device].width;

  return (
    <section className="flex h-full min-h-0 flex-col bg-zinc-900" aria-label="Preview">
      <div className="flex items-center gap-1 border-b border-zinc-800 px-2 py-1 text-xs">
        <ToolbarButton label="Reload" disabled={!src} onClick={() => navigate(pathBarValue, true)}>
          ⟳
        </ToolbarButton>
        <form
          className="min-w-0 flex-1"
          onSubmit={(event) => {
            event.preventDefault();
            navigate(pathBarValue, true);
          }}
        >
          <input
            aria-label="Preview path"
            data-testid="preview-path"
            className="w-full rounded bg-zinc-950 px-2 py-1 font-mono text-zinc-200 outline-none focus:ring-1 focus:ring-zinc-600 disabled:opacity-50"
            value={pathBarValue}
            disabled={!src}
            onChange={(event) => setTypedPath({ base, value: event.target.value })}
          />
        </form>
        {openPorts.length > 1 && (
          <select
            aria-label="Port"
            data-testid="preview-port"
            className="rounded bg-zinc-950 px-1 py-1 text-zinc-200"
            value={previewPort ?? ''}
            onChange={(event) => session.setPreviewPort(Number(event.target.value))}
          >
            {openPorts.map((p) => (
              <option key={p.port} value={p.port}>
                Port {p.port}
              </option>
            ))}
          </select>
        )}
        <div className="flex overflow-hidden rounded border border-zinc-700" role="group" aria-label="Preview width">
          {(Object.keys(deviceWidths) as DeviceWidth[]).map((key) => (
            <button
              key={key}
              type="button"
              aria-pressed={device === key}
              className={`px-2 py-0.5 ${device === key ? 'bg-zinc-700 text-zinc-100' : 'text-zinc-400 hover:bg-zinc-800'}`}
              onClick={() => setDevice(key)}
            >
              {deviceWidths[key].label}
            </button>
          ))}
        </div>
        <button
          type="button"
          data-testid="preview-select-toggle"
          aria-pressed={picking}
          disabled={!src}
          title={picking ? 'Click an element in the preview to attach it to your next message' : 'Select an element in the preview to talk about it'}
          onClick={() => setPickMode(!picking)}
          className={`rounded px-2 py-0.5 disabled:opacity-40 ${picking ? 'bg-sky-600 text-white' : 'text-zinc-300 hover:bg-zinc-800'}`}
        >
          Select
        </button>
        {src ? (
          <a
            data-testid="preview-open-tab"
            href={connectPageUrl(src) ?? src}
            target="_blank"
            rel="noopener noreferrer"
            className="rounded px-2 py-0.5 text-zinc-300 hover:bg-zinc-800"
            title="Open in a new tab"
          >
            ↗
          </a>
        ) : (
          <span className="px-2 py-0.5 text-zinc-600" aria-hidden>
            ↗
          </span>
        )}
        <PreviewErrors session={session} />
      </div>
      <div className="relative flex min-h-0 flex-1 justify-center overflow-auto bg-zinc-950">
        {src && frameKey ? (
          <>
            <iframe
              key={frameKey}
              ref={frame}
              data-testid="preview-frame"
              title="App preview"
              src={src}
              allow="cross-origin-isolated; clipboard-read; clipboard-write; fullscreen"
              onLoad={() => setLoadedKey(frameKey)}
              className="h-full border-0 bg-white"
              style={{ width: width === null ? '100%' : `${width}px`, maxWidth: '100%' }}
            />
            {loading && (
              <div className="absolute inset-0 flex items-center justify-center bg-zinc-950/80 text-sm text-zinc-300">
                Loading your app…
              </div>
            )}
          </>
        ) : (
          <div className="flex flex-col items-center justify-center gap-4 p-6 text-center text-sm text-zinc-400">
            {agentWorking ? (
              <p data-testid="preview-agent-working">The assistant is building your app. It appears here as soon as it runs.</p>
            ) : (
              <>
                <p>Your app will appear here once it&apos;s running</p>
                <RunButton session={session} size="large" />
              </>
            )}
          </div>
        )}
      </div>
    </section>
  );
}

function ToolbarButton(props: { label: string; disabled?: boolean; onClick: () => void; children: React.ReactNode }) {
  return (
    <button
      type="button"
      aria-label={props.label}
      title={props.label}
      disabled={props.disabled}
      onClick={props.onClick}
      className="rounded px-2 py-0.5 text-zinc-300 hover:bg-zinc-800 disabled:opacity-40"
    >
      {props.children}
    </button>
  );
}

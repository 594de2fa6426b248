'use client';

import { useEffect, useRef } from 'react';
import type { ITheme } from '@xterm/xterm';
import { loadXterm } from './xterm-loader';
import type { TerminalSurface } from './terminal-surface';

const theme: ITheme = {
  background: '#09090b',
  foreground: '#e4e4e7',
  cursor: '#e4e4e7',
  selectionBackground: '#3f3f46',
};

export interface TerminalViewProps {
  surface: TerminalSurface;
  active: boolean;
  /** Present for shells: keystrokes go to the process. Absent: the terminal is read-only. */
  onInput?: (data: string) => void;
  onResize?: (size: { cols: number; rows: number }) => void;
  /** Called once xterm is open and sized to its container. */
  onReady?: (size: { cols: number; rows: number }) => void;
}

/** One xterm instance bound to a surface; hidden tabs stay mounted so they keep their scrollback. */
export function TerminalView({ surface, active, onInput, onResize, onReady }: TerminalViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const fitRef = useRef<(() => void) | null>(null);
  const callbacks = useRef({ onInput, onResize, onReady });
  useEffect(() => {
    callbacks.current = { onInput, onResize, onReady };
  });
  const interactive = onInput !== undefined;

  useEffect(() => {
    let disposed = false;
    let cleanup = () => {};
    void loadXterm().then(({ Terminal, FitAddon }) => {
      const element = container.current;
      if (disposed || !element) return;
      const terminal = new Terminal({
        convertEol: true,
        disableStdin: !interactive,
        cursorBlink: interactive,
        cursorStyle: interactive ? 'block' : 'bar',
        cursorInactiveStyle: 'none',
        fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
        fontSize: 13,
        scrollback: 5000,
        theme,
      });
      const fit = new FitAddon();
      terminal.loadAddon(fit);
      terminal.open(element);
      const fitToContainer = () => {
        // A hidden tab has no size; fitting it would shrink the terminal to nothing.
        if (element.offsetParent === null || !fit.proposeDimensions()) return;
        fit.fit();
      };
      fitRef.current = fitToContainer;
      fitToContainer();
      const subscriptions = [
        terminal.onData((data) => callbacks.current.onInput?.(data)),
        terminal.onResize((size) => callbacks.current.onResize?.(size)),
      ];
      const observer = new ResizeObserver(() => fitToContainer());
      observer.observe(element);
      surface.attach(terminal);
      callbacks.current.onReady?.({ cols: terminal.cols, rows: terminal.rows });
      cleanup = () => {
        observer.disconnect();
        subscriptions.forEach((s) => s.dispose());
        surface.detach();
        fitRef.current = null;
        terminal.dispose();
      };
    });
    return () => {
      disposed = true;
      cleanup();
    };
  }, [surface, interactive]);

  useEffect(() => {
    if (!active) return;
    fitRef.current?.();
    if (interactive) surface.attached?.focus();
  }, [active, interactive, surface]);

  return <div ref={container} className="h-full w-full overflow-hidden px-2 pt-1" />;
}

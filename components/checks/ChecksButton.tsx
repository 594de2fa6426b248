'use client';

import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { Button } from '@/components/ui/Button';
import type { WorkbenchSession } from '@/lib/workbench/session-types';
import { ChecksView } from './ChecksView';

/** "Checks (3)" in the workbench header; opens the list of the project's saved checks. */
export function ChecksButton({ session }: { session: WorkbenchSession }) {
  const count = useStore(session.checks.state, (s) => s.checks.length);
  const failed = useStore(session.checks.state, (s) => Object.values(s.results).some((r) => r.status === 'failed'));
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && setOpen(false);
    const onClick = (event: MouseEvent) => {
      if (box.current && !box.current.contains(event.target as Node)) setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('mousedown', onClick);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('mousedown', onClick);
    };
  }, [open]);

  return (
    <div className="relative" ref={box}>
      <Button
        size="sm"
        variant="ghost"
        data-testid="checks-open"
        aria-expanded={open}
        title="Checks the assistant saved after testing the app in the preview"
        onClick={() => setOpen(!open)}
      >
        Checks{count > 0 ? ` (${count})` : ''}
        {failed && <span className="ml-1 inline-block h-2 w-2 rounded-full bg-red-500" aria-label="a check failed" />}
      </Button>
      {open && (
        <div className="absolute right-0 top-9 z-40 w-[28rem] max-w-[90vw] rounded-lg border border-zinc-700 bg-zinc-900 shadow-xl">
          <ChecksView session={session} />
        </div>
      )}
    </div>
  );
}

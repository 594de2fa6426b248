import type { ReactNode } from 'react';
import { CloseIcon } from './icons';

type Tone = 'error' | 'warning' | 'info';

const tones: Record<Tone, string> = {
  error: 'border-red-500/40 bg-red-950/60 text-red-100',
  warning: 'border-amber-500/40 bg-amber-950/50 text-amber-100',
  info: 'border-sky-500/40 bg-sky-950/50 text-sky-100',
};

export function Notice({
  tone,
  children,
  onDismiss,
  testId,
}: {
  tone: Tone;
  children: ReactNode;
  onDismiss?: () => void;
  testId?: string;
}) {
  return (
    <div
      role={tone === 'error' ? 'alert' : 'status'}
      data-testid={testId}
      className={`flex items-start gap-3 border px-3 py-2 text-sm ${tones[tone]}`}
    >
      <div className="min-w-0 flex-1 break-words">{children}</div>
      {onDismiss && (
        <button
          type="button"
          onClick={onDismiss}
          aria-label="Dismiss"
          className="rounded p-0.5 opacity-70 hover:opacity-100"
        >
          <CloseIcon />
        </button>
      )}
    </div>
  );
}

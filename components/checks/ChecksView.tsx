'use client';

import { useState } from 'react';
import { useStore } from 'zustand';
import { Button } from '@/components/ui/Button';
import type { CheckResult } from '@/lib/checks/checks-controller';
import type { WorkbenchSession } from '@/lib/workbench/session-types';

function resultText(result: CheckResult | undefined): { text: string; tone: string } {
  if (!result) return { text: 'Not run since it was opened', tone: 'text-zinc-500' };
  if (result.status === 'running') return { text: 'Running…', tone: 'text-sky-300' };
  if (result.status === 'passed') return { text: 'Passes ✓', tone: 'text-emerald-300' };
  return { text: `Fails ✗ — ${result.detail}`, tone: 'text-red-300' };
}

/**
 * The project's saved checks: what each one does, its latest result, Run all, and delete.
 * The list is the file `.tabsmith/checks.json`, so it travels with restore points and exports.
 */
export function ChecksView({ session }: { session: WorkbenchSession }) {
  const { checks, results, running } = useStore(session.checks.state);
  const hasPreview = useStore(session.runtimeState, (s) => s.ports.some((p) => p.open));
  const [error, setError] = useState<string | null>(null);

  const runAll = async () => {
    setError(null);
    try {
      await session.checks.runAll();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <section data-testid="checks-view" aria-label="Checks" className="flex max-h-[60vh] flex-col text-sm text-zinc-200">
      <header className="flex items-center gap-2 border-b border-zinc-800 px-3 py-2">
        <h2 className="flex-1 font-medium">Checks</h2>
        <Button
          size="sm"
          variant="primary"
          data-testid="checks-run-all"
          disabled={running || checks.length === 0 || !hasPreview}
          title={hasPreview ? 'Run every check in the preview' : 'Start the app to run the checks'}
          onClick={() => void runAll()}
        >
          {running ? 'Running…' : 'Run all'}
        </Button>
      </header>
      {checks.length === 0 ? (
        <p className="px-3 py-4 text-xs text-zinc-400">
          No checks yet. When the assistant tests your app in the preview and the test passes, it is kept here and runs again after
          later changes.
        </p>
      ) : (
        <ul className="min-h-0 flex-1 divide-y divide-zinc-800 overflow-auto">
          {checks.map((check) => {
            const result = resultText(results[check.id]);
            return (
              <li key={check.id} data-testid="check-item" data-check-id={check.id} className="flex items-start gap-2 px-3 py-2">
                <div className="min-w-0 flex-1">
                  <p className="break-words">{check.name}</p>
                  <p className="text-xs text-zinc-500">on {check.path}</p>
                  <p data-testid="check-result" data-status={results[check.id]?.status ?? 'none'} className={`break-words text-xs ${result.tone}`}>
                    {result.text}
                  </p>
                </div>
                <Button
                  size="sm"
                  variant="ghost"
                  data-testid="check-delete"
                  aria-label={`Delete the check ${check.name}`}
                  disabled={running}
                  onClick={() => session.checks.remove(check.id)}
                >
                  Delete
                </Button>
              </li>
            );
          })}
        </ul>
      )}
      {error && <p className="border-t border-zinc-800 px-3 py-2 text-xs text-red-300">{error}</p>}
    </section>
  );
}

const BOLD = '\x1b[1m';
const DIM = '\x1b[2m';
const GREEN = '\x1b[32m';
const RED = '\x1b[31m';
const RESET = '\x1b[0m';

export function commandHeader(command: string, background: boolean): string {
  const note = background ? ` ${DIM}(keeps running in the background)${RESET}` : '';
  return `${BOLD}$ ${command}${RESET}${note}\r\n`;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
}

export function exitLine(exitCode: number, durationMs: number): string {
  const colour = exitCode === 0 ? GREEN : RED;
  const mark = exitCode === 0 ? '✓' : '✗';
  return `${colour}${mark} exit code ${exitCode} · ${formatDuration(durationMs)}${RESET}\r\n`;
}

/** Whether the local runtime may run commands, decided once from the server's environment. */
export interface LocalRuntimeEnablement {
  enabled: boolean;
  /** Plain-language reason when disabled. */
  reason: string | null;
}

const LOOPBACK_HOSTS = new Set(['localhost', '::1', '[::1]']);

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.has(host.toLowerCase()) || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * On by default only when the IDE listens on loopback, because anyone who can reach the server
 * could otherwise run commands on this machine. `LOCAL_RUNTIME=on` switches it on anyway; `off` switches it off.
 */
export function resolveLocalRuntimeEnablement(env: Record<string, string | undefined>): LocalRuntimeEnablement {
  const host = env.HOST ?? '127.0.0.1';
  const setting = env.LOCAL_RUNTIME?.trim().toLowerCase();
  if (setting === 'off') {
    return { enabled: false, reason: 'Running projects on this computer is switched off (LOCAL_RUNTIME=off).' };
  }
  if (setting === 'on' || isLoopbackHost(host)) return { enabled: true, reason: null };
  return {
    enabled: false,
    reason:
      `Running projects on this computer is off because the IDE listens on ${host}, not only on this machine. ` +
      'Set LOCAL_RUNTIME=on to allow it.',
  };
}

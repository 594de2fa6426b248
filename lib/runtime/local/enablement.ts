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

export const INSTALL_BUBBLEWRAP =
  'Install bubblewrap (on Debian or Ubuntu: sudo apt-get install bubblewrap) and restart Tabsmith';

/**
 * Generated code is treated as hostile, so without a working sandbox (bubblewrap, which needs unprivileged
 * user namespaces) the runtime stays off. `SANDBOX=off` is the person's explicit choice to run commands unconfined.
 */
export function requireSandbox(
  enablement: LocalRuntimeEnablement,
  sandboxWorks: boolean,
  env: Record<string, string | undefined>,
): LocalRuntimeEnablement {
  if (!enablement.enabled || sandboxWorks) return enablement;
  if (env.SANDBOX?.trim().toLowerCase() === 'off') return enablement;
  return {
    enabled: false,
    reason:
      'Commands cannot run on this computer: they run only inside a sandbox, and bubblewrap (bwrap) is not installed ' +
      `here or cannot start (it needs unprivileged user namespaces). ${INSTALL_BUBBLEWRAP}, ` +
      'or set SANDBOX=off to run commands without a sandbox at your own risk.',
  };
}

/** What sandboxed commands may reach, in one plain line for the UI. */
export function sandboxSummary(allowedDomains: readonly string[]): string {
  const extra = allowedDomains.length > 0 ? `, the package registry and ${allowedDomains.join(', ')}` : ' and the package registry';
  return `Commands run in a sandbox: this project's folder${extra} only`;
}

/** `SANDBOX_ALLOWED_DOMAINS`, a comma list. */
export function sandboxAllowedDomains(env: Record<string, string | undefined>): string[] {
  return (env.SANDBOX_ALLOWED_DOMAINS ?? '')
    .split(',')
    .map((d) => d.trim().toLowerCase())
    .filter(Boolean);
}

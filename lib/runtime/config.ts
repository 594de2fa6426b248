import type { EmbedderPolicy } from './cross-origin-isolation';

export type RuntimeMode = 'auto' | 'webcontainer' | 'local';

/** Read on the server by the workbench page and handed to the browser. */
export interface RuntimeClientConfig {
  /** Secret for the local runtime's control channel; null when the local runtime is disabled. */
  secret: string | null;
  runtime: RuntimeMode;
  webcontainerBootTimeoutMs: number;
  /** The COEP this page was served with (decided per request from the user agent); WebContainer boots with the same. */
  webcontainerCoep: EmbedderPolicy;
  /** WebContainer API client id (`WEBCONTAINER_CLIENT_ID`), read per request so a deployment sets it without rebuilding. */
  webcontainerClientId?: string;
}

export function parseRuntimeMode(value: string | undefined): RuntimeMode {
  return value === 'webcontainer' || value === 'local' ? value : 'auto';
}

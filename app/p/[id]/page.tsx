import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { Workbench } from '@/components/workbench/Workbench';
import { parseRuntimeMode, type RuntimeClientConfig } from '@/lib/runtime/config';
import { embedderPolicyFor } from '@/lib/runtime/cross-origin-isolation';
import { resolveLocalRuntimeEnablement } from '@/lib/runtime/local/enablement';

// The runtime settings (and the per-server secret) are read on every request, never baked into a build.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Tabsmith' };

function runtimeConfig(userAgent: string | null): RuntimeClientConfig {
  const bootTimeout = Number(process.env.WEBCONTAINER_BOOT_TIMEOUT_MS ?? 12000);
  return {
    // Without the secret the workbench does not offer the local runtime, and says why.
    secret: resolveLocalRuntimeEnablement(process.env).enabled ? (process.env.TABSMITH_RUNTIME_SECRET ?? null) : null,
    runtime: parseRuntimeMode(process.env.RUNTIME),
    webcontainerBootTimeoutMs: Number.isFinite(bootTimeout) && bootTimeout > 0 ? bootTimeout : 12000,
    // server/index.ts sent this page's COEP header from the same user agent and the same function.
    webcontainerCoep: embedderPolicyFor(userAgent),
    webcontainerClientId: process.env.WEBCONTAINER_CLIENT_ID || undefined,
  };
}

export default async function ProjectPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const userAgent = (await headers()).get('user-agent');
  // Keyed so that moving to another project (e.g. after an import) starts a fresh workbench.
  return <Workbench key={id} projectId={id} runtimeConfig={runtimeConfig(userAgent)} />;
}

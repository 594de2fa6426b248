import type { Metadata } from 'next';
import { ConnectPreview } from './ConnectPreview';

export const metadata: Metadata = { title: 'Connecting your app · Tabsmith' };

/**
 * `/webcontainer/connect/<id>`: a WebContainer preview opened in a tab of its own connects to the IDE
 * tab through this page on the IDE's origin (server/index.ts serves it without COOP, so it keeps its opener).
 */
export default function WebContainerConnectPage() {
  return <ConnectPreview />;
}

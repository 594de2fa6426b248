'use client';

import { useState } from 'react';
import type { ProjectStore } from '@/lib/project/project-store';
import { Button } from '@/components/ui/Button';
import { DownloadIcon } from '@/components/ui/icons';

/** Keeps the name readable but safe on every operating system's file system. */
export function zipFileName(projectName: string): string {
  const safe = projectName.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-').replace(/^[.\s-]+|[.\s-]+$/g, '');
  return `${safe || 'project'}.zip`;
}

function download(bytes: Uint8Array, fileName: string): void {
  const url = URL.createObjectURL(new Blob([bytes.slice()], { type: 'application/zip' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The download has started from the URL by now; revoking later avoids cancelling it in slow browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ExportZipButton({
  store,
  onError,
  testId = 'export-zip',
}: {
  store: ProjectStore;
  onError: (message: string) => void;
  /** `export-zip` is the header's; a second button (next to a storage warning) needs its own id. */
  testId?: string;
}) {
  const [busy, setBusy] = useState(false);

  async function exportZip() {
    setBusy(true);
    try {
      const [{ exportProjectZip }, { filesWithChecksSuite }] = await Promise.all([
        import('@/lib/project/zip'),
        import('@/lib/checks/playwright-export'),
      ]);
      const { record } = store.getState();
      download(exportProjectZip(filesWithChecksSuite(record.files), record.folders), zipFileName(record.meta.name));
    } catch {
      onError('The zip could not be made. Try again; if it keeps failing, reload the page.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <Button size="sm" data-testid={testId} onClick={() => void exportZip()} disabled={busy} title="Download the project as a .zip">
      <DownloadIcon width={14} height={14} />
      Download ZIP
    </Button>
  );
}

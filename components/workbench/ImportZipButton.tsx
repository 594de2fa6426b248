'use client';

import { buttonClasses } from '@/components/ui/Button';
import { UploadIcon } from '@/components/ui/icons';

/** A styled label around the real file input, so keyboard, mouse and test tooling all reach it. */
export function ImportZipButton({ onFile, busy }: { onFile: (file: File) => void; busy: boolean }) {
  return (
    <label
      title="Import a .zip as a new project"
      className={buttonClasses('secondary', 'sm', `cursor-pointer focus-within:outline-2 focus-within:outline-sky-400 ${busy ? 'opacity-60' : ''}`)}
    >
      <UploadIcon width={14} height={14} />
      {busy ? 'Importing…' : 'Import'}
      <input
        type="file"
        accept=".zip,application/zip"
        data-testid="import-zip"
        className="sr-only"
        disabled={busy}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) onFile(file);
        }}
      />
    </label>
  );
}

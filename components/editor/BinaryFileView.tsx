'use client';

import { useEffect, useState } from 'react';
import { BinaryIcon } from '@/components/ui/icons';
import { isImagePath } from '@/components/files/file-tree-model';

const MIME_BY_EXTENSION: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  bmp: 'image/bmp',
  ico: 'image/x-icon',
  svg: 'image/svg+xml',
};

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function BinaryFileView({ path, bytes }: { path: string; bytes: Uint8Array }) {
  const image = isImagePath(path);
  const [url, setUrl] = useState<string | null>(null);

  useEffect(() => {
    if (!image) return;
    const mime = MIME_BY_EXTENSION[path.slice(path.lastIndexOf('.') + 1).toLowerCase()] ?? 'application/octet-stream';
    const objectUrl = URL.createObjectURL(new Blob([bytes.slice()], { type: mime }));
    // The blob URL is the external resource; it is revoked when the file or view changes.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [bytes, image, path]);

  return (
    <div data-testid="binary-file" className="flex h-full flex-col items-center justify-center gap-4 p-6 text-center text-sm text-zinc-400">
      {image && url ? (
        // eslint-disable-next-line @next/next/no-img-element -- a local blob, not something next/image can optimise
        <img src={url} alt={path} className="max-h-[70%] max-w-full rounded border border-zinc-800 bg-[repeating-conic-gradient(#27272a_0_25%,#18181b_0_50%)] bg-[length:16px_16px] object-contain" />
      ) : (
        <BinaryIcon width={32} height={32} className="text-zinc-500" />
      )}
      <p>
        {image ? 'Image' : 'Binary file, not shown'} · {formatBytes(bytes.length)}
        <br />
        <span className="text-zinc-500">
          {image ? 'Images are shown here but cannot be edited as text.' : 'This file is not text, so the editor does not open it.'}
        </span>
      </p>
    </div>
  );
}

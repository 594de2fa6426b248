'use client';

import Link from 'next/link';
import { useState } from 'react';
import type { ProjectListing } from '@/lib/project/types';
import { Button } from '@/components/ui/Button';
import { TrashIcon } from '@/components/ui/icons';
import { formatRelativeTime } from './relative-time';

interface RecentProjectsProps {
  listings: ProjectListing[] | null;
  onDelete: (id: string) => Promise<void>;
}

function listingId(listing: ProjectListing): string {
  return listing.status === 'ok' ? listing.meta.id : listing.id;
}

function sortByOpened(listings: ProjectListing[]): ProjectListing[] {
  const openedAt = (l: ProjectListing) => (l.status === 'ok' ? l.meta.openedAt : 0);
  return [...listings].sort((a, b) => openedAt(b) - openedAt(a));
}

export function RecentProjects({ listings, onDelete }: RecentProjectsProps) {
  const [confirming, setConfirming] = useState<string | null>(null);

  if (listings === null) return <p className="text-sm text-zinc-500">Loading your projects…</p>;
  if (listings.length === 0) {
    return (
      <p className="text-sm text-zinc-500">
        No projects yet. Describe an app above, or drop a folder or .zip anywhere on this page to import one.
      </p>
    );
  }

  return (
    <ul data-testid="recent-projects" className="divide-y divide-zinc-800 rounded-xl border border-zinc-800 bg-zinc-900/40">
      {sortByOpened(listings).map((listing) => {
        const id = listingId(listing);
        const name = listing.status === 'ok' ? listing.meta.name : 'Damaged project';
        return (
          <li key={id} data-testid="recent-project" data-project-id={id} className="flex items-center gap-3 px-4 py-3">
            <div className="min-w-0 flex-1">
              {listing.status === 'ok' ? (
                <Link href={`/p/${id}`} className="block truncate font-medium text-zinc-100 hover:text-sky-300">
                  {name}
                </Link>
              ) : (
                <span className="block truncate font-medium text-amber-200">{name}</span>
              )}
              <span className="block truncate text-xs text-zinc-500">
                {listing.status === 'ok'
                  ? `Last opened ${formatRelativeTime(listing.meta.openedAt)}`
                  : `This project could not be read (${listing.reason}). You can delete it.`}
              </span>
            </div>
            {confirming === id ? (
              <div className="flex items-center gap-2" role="group" aria-label={`Confirm deleting ${name}`}>
                <span className="text-xs text-zinc-400">Delete for good?</span>
                <Button
                  size="sm"
                  variant="danger"
                  data-testid="confirm-delete-project"
                  onClick={() => {
                    setConfirming(null);
                    void onDelete(id);
                  }}
                >
                  Delete
                </Button>
                <Button size="sm" variant="ghost" onClick={() => setConfirming(null)}>
                  Cancel
                </Button>
              </div>
            ) : (
              <>
                {listing.status === 'ok' && (
                  <Link href={`/p/${id}`} className="rounded-md px-2 py-1 text-sm text-zinc-300 hover:bg-zinc-800">
                    Open
                  </Link>
                )}
                <Button
                  size="sm"
                  variant="ghost"
                  aria-label={`Delete ${name}`}
                  data-testid="delete-project"
                  onClick={() => setConfirming(id)}
                >
                  <TrashIcon />
                </Button>
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}

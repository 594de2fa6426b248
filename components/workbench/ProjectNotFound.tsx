import Link from 'next/link';

export function ProjectMessage({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <main data-testid="project-message" className="flex h-full items-center justify-center p-6">
      <div className="max-w-md space-y-4 text-center">
        <h1 className="text-xl font-semibold text-zinc-100">{title}</h1>
        <p className="text-sm text-zinc-400">{children}</p>
        <Link
          href="/"
          className="inline-flex h-9 items-center rounded-md bg-sky-500 px-4 text-sm font-medium text-zinc-950 hover:bg-sky-400"
        >
          Back to your projects
        </Link>
      </div>
    </main>
  );
}

export function ProjectNotFound() {
  return (
    <ProjectMessage title="This project is not here">
      Projects are kept in the browser they were made in. This one may have been deleted, or it lives in another browser
      or a private window.
    </ProjectMessage>
  );
}

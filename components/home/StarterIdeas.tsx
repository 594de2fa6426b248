import { starterIdeas } from '@/lib/llm/demo/starter-ideas';

export function StarterIdeas({ onPick }: { onPick: (idea: string) => void }) {
  return (
    <div>
      <h2 className="mb-2 text-xs font-medium tracking-wide text-zinc-500 uppercase">Or start from an idea</h2>
      <ul className="flex flex-wrap gap-2">
        {starterIdeas.map(({ idea }) => (
          <li key={idea}>
            <button
              type="button"
              data-testid="starter-idea"
              onClick={() => onPick(idea)}
              className="rounded-full border border-zinc-800 bg-zinc-900/60 px-3 py-1.5 text-sm text-zinc-300 transition-colors hover:border-sky-500/60 hover:text-zinc-100"
            >
              {idea}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

'use client';

import { groupModels, type ModelsResponse } from '@/lib/chat/model-options';

export function ModelPicker({
  response,
  value,
  onChange,
}: {
  response: ModelsResponse | null;
  value: string | null;
  onChange: (modelId: string) => void;
}) {
  const groups = response ? groupModels(response.models) : [];
  return (
    <select
      data-testid="model-picker"
      aria-label="Model"
      value={value ?? ''}
      disabled={!response}
      onChange={(e) => onChange(e.target.value)}
      className="h-7 min-w-0 max-w-full flex-1 truncate rounded-md border border-zinc-700 bg-zinc-900 px-1.5 text-xs text-zinc-100 focus:border-sky-500 focus:outline-none"
    >
      {!response && <option value={value ?? ''}>Loading models…</option>}
      {groups.map((group) => (
        <optgroup key={group.provider} label={group.label}>
          {group.models.map((model) => (
            <option key={model.id} value={model.id}>
              {model.label}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}

import type { UIMessage } from 'ai';
import { starterIdeaName } from '@/lib/llm/demo/starter-ideas';
import { newProjectId } from '@/lib/project/ids';
import { newProjectRecord, projectNameFromPrompt, type ProjectRepository } from '@/lib/project/persistence';

export function userMessage(text: string): UIMessage {
  return { id: newProjectId(16), role: 'user', parts: [{ type: 'text', text }] };
}

/** Saves a new project whose chat starts with the prompt; the workbench sends it to the agent once. */
export async function createProjectFromPrompt(repository: ProjectRepository, prompt: string): Promise<string> {
  const text = prompt.trim();
  const record = newProjectRecord({
    name: starterIdeaName(text) ?? projectNameFromPrompt(text),
    messages: [userMessage(text)],
    pendingPrompt: text,
  });
  await repository.save(record);
  return record.meta.id;
}

import { createChatHandler } from '@/lib/llm/chat-handler';

export const dynamic = 'force-dynamic';
export const maxDuration = 300;

const handleChatRequest = createChatHandler();

export function POST(req: Request): Promise<Response> {
  return handleChatRequest(req);
}

import { connectionTestSchema, testConnection } from '@/lib/llm/test-connection';

export const dynamic = 'force-dynamic';

/** Settings' "Test" button: does this key (and address) work? Answers in one plain sentence. */
export async function POST(req: Request): Promise<Response> {
  let body: unknown;
  try {
    body = await req.json();
  } catch {
    return Response.json({ error: 'The request body must be JSON.' }, { status: 400 });
  }
  const parsed = connectionTestSchema.safeParse(body);
  if (!parsed.success) return Response.json({ error: 'provider must be openai, anthropic, google or openai-compatible.' }, { status: 400 });
  return Response.json(await testConnection(parsed.data, { openaiBaseUrl: process.env.OPENAI_BASE_URL || undefined }));
}

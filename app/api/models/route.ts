import { listModels } from '@/lib/llm/registry';
import { modelsRequestSchema } from '@/lib/llm/models-request';
import { allowedHostsFromEnv } from '@/lib/server/allowed-hosts';
import { refuseForeignJsonRequest } from '@/lib/server/foreign-request';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  return Response.json(await listModels());
}

/** POST carries keys typed into Settings so the list includes the providers they unlock. */
export async function POST(req: Request): Promise<Response> {
  const refused = refuseForeignJsonRequest(req, allowedHostsFromEnv(), 'The model list');
  if (refused) return refused;
  let body: unknown;
  try {
    body = await req.json();
  } catch {
    return Response.json({ error: 'The request body must be JSON.' }, { status: 400 });
  }
  const parsed = modelsRequestSchema.safeParse(body);
  if (!parsed.success) return Response.json({ error: 'keys must be an object of strings.' }, { status: 400 });
  return Response.json(await listModels(parsed.data.keys));
}

import { startFakeLlmServer } from './fake-llm-server';

const port = Number(process.env.FAKE_LLM_PORT) || 3199;
const models = (process.env.FAKE_LLM_MODELS ?? 'fake-model').split(',').map((m) => m.trim()).filter(Boolean);

const server = await startFakeLlmServer({ port, models });
console.log(`fake LLM listening on ${server.url} (OpenAI-compatible base URL: ${server.url}/v1)`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}

import { wrapLanguageModel } from 'ai';
import type { LanguageModelV3, LanguageModelV3StreamPart, LanguageModelV3Usage } from '@ai-sdk/provider';

const unknownUsage: LanguageModelV3Usage = {
  inputTokens: { total: undefined, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: undefined, text: undefined, reasoning: undefined },
};

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

/**
 * A connection that drops mid-answer makes the provider's stream throw, and a thrown stream kills the whole
 * response before any plain message reaches the chat. Turning it into an `error` part lets it be explained.
 */
export function catchStreamErrors(source: ReadableStream<LanguageModelV3StreamPart>): ReadableStream<LanguageModelV3StreamPart> {
  const reader = source.getReader();
  let finished = false;
  return new ReadableStream<LanguageModelV3StreamPart>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          controller.close();
          return;
        }
        if (value.type === 'finish') finished = true;
        controller.enqueue(value);
      } catch (error) {
        if (isAbort(error)) {
          controller.error(error);
          return;
        }
        controller.enqueue({ type: 'error', error });
        if (!finished) {
          controller.enqueue({ type: 'finish', finishReason: { unified: 'error', raw: undefined }, usage: unknownUsage });
        }
        controller.close();
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}

export function guardStreamErrors(model: LanguageModelV3): LanguageModelV3 {
  return wrapLanguageModel({
    model,
    middleware: {
      specificationVersion: 'v3',
      wrapStream: async ({ doStream }) => {
        const result = await doStream();
        return { ...result, stream: catchStreamErrors(result.stream) };
      },
    },
  });
}

import { DefaultChatTransport, type UIMessage, type UIMessageChunk } from 'ai';

/** How often a streaming tool input is handed on; the chat re-parses the whole partial input each time. */
export const TOOL_INPUT_FLUSH_MS = 100;

type ToolInputDelta = Extract<UIMessageChunk, { type: 'tool-input-delta' }>;

/**
 * Merges consecutive `tool-input-delta` chunks of one tool call into one chunk per `intervalMs`.
 * The AI SDK parses the whole partial JSON input again for every delta, so a 30 KB `write_file`
 * arriving in 48-character pieces costs hundreds of full parses and re-renders; merged, it costs a
 * few per second. Every other chunk (the complete input included) passes at once, after whatever
 * was buffered before it, so order and the moment a tool can run are unchanged.
 */
export function coalesceToolInputDeltas(
  source: ReadableStream<UIMessageChunk>,
  intervalMs: number = TOOL_INPUT_FLUSH_MS,
): ReadableStream<UIMessageChunk> {
  const reader = source.getReader();
  let pending: ToolInputDelta | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;

  return new ReadableStream<UIMessageChunk>({
    async start(controller) {
      const flush = () => {
        if (timer !== null) clearTimeout(timer);
        timer = null;
        if (pending === null || closed) return;
        controller.enqueue(pending);
        pending = null;
      };
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          if (value.type !== 'tool-input-delta') {
            flush();
            controller.enqueue(value);
            continue;
          }
          if (pending !== null && pending.toolCallId !== value.toolCallId) flush();
          pending = pending === null ? { ...value } : { ...pending, inputTextDelta: pending.inputTextDelta + value.inputTextDelta };
          timer ??= setTimeout(flush, intervalMs);
        }
        flush();
        if (!closed) controller.close();
      } catch (error) {
        // What arrived before a cut still counts (an interrupted write names its file from it).
        flush();
        if (!closed) controller.error(error);
      }
      closed = true;
    },
    cancel(reason) {
      closed = true;
      if (timer !== null) clearTimeout(timer);
      return reader.cancel(reason);
    },
  });
}

/** The chat transport with streaming tool inputs merged as above. */
export class CoalescingChatTransport<MESSAGE extends UIMessage> extends DefaultChatTransport<MESSAGE> {
  protected override processResponseStream(stream: ReadableStream<Uint8Array>): ReadableStream<UIMessageChunk> {
    return coalesceToolInputDeltas(super.processResponseStream(stream));
  }
}

type Fetch = typeof globalThis.fetch;
type PatchedFetch = Fetch & { _nextOriginalFetch?: Fetch };

/**
 * The fetch model providers call. Next replaces the global fetch with one that traces and caches for rendering; a model
 * call is never cached, and that wrapper cost a third of the chat route's CPU per request. Resolved on each call because
 * Next patches the global after this module may have loaded.
 */
export const modelFetch: Fetch = (input, init) => {
  const current = globalThis.fetch as PatchedFetch;
  return (current._nextOriginalFetch ?? current)(input, init);
};

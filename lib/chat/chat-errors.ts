/**
 * The chat error in plain words. The server already maps provider failures to sentences; this
 * unwraps a JSON error body (`{ "error": "…" }`) and replaces browser-level network errors.
 */
export function plainChatError(error: Error | undefined): string {
  if (!error) return '';
  const message = (error.message ?? '').trim();
  if (message.startsWith('{')) {
    try {
      const body = JSON.parse(message) as { error?: unknown; message?: unknown };
      const text = typeof body.error === 'string' ? body.error : typeof body.message === 'string' ? body.message : null;
      if (text) return text;
    } catch {
      // Not JSON after all; fall through to the raw message.
    }
  }
  if (/failed to fetch|networkerror|network error|load failed/i.test(message)) {
    return 'Tabsmith could not reach its server. Check that it is still running, then retry.';
  }
  if (/^(terminated|aborted)$/i.test(message) || /stream.*(closed|ended|terminated)/i.test(message)) {
    return "The model's response was cut off before it finished. Retry to ask again.";
  }
  if (!message) return 'Something went wrong while talking to the model. Retry to ask again.';
  return message;
}

/** Output waiting for a slow client beyond this is dropped, so a flood cannot grow the server without bound. */
export const MAX_OUTPUT_BACKLOG_BYTES = 4 * 1024 * 1024;

/**
 * Decides, chunk by chunk, whether a process's output can still be queued for a client. When the client's
 * backlog is full the chunk is dropped and counted; the next chunk that gets through (or `flush` when the
 * process ends) carries a line saying how many bytes were dropped.
 */
export class OutputThrottle {
  private readonly dropped = new Map<string, number>();

  constructor(
    private readonly backlogBytes: () => number,
    private readonly maxBytes = MAX_OUTPUT_BACKLOG_BYTES,
  ) {}

  admit(processId: string, data: string): string | null {
    if (this.backlogBytes() + data.length > this.maxBytes) {
      this.dropped.set(processId, (this.dropped.get(processId) ?? 0) + Buffer.byteLength(data));
      return null;
    }
    return this.flush(processId) + data;
  }

  /** The note about dropped output of `processId`, once, or '' when nothing was dropped. */
  flush(processId: string): string {
    const dropped = this.dropped.get(processId);
    if (!dropped) return '';
    this.dropped.delete(processId);
    return `\r\n[sandbox] ${dropped} bytes of output were dropped because the connection could not keep up.\r\n`;
  }
}

import type { FileContent } from '../../project/types';

/** Header that carries the per-server secret on every control-channel HTTP request. */
export const SECRET_HEADER = 'x-tabsmith-secret';
/** WebSocket subprotocol the server answers with; the secret travels as a second offered protocol. */
export const WS_PROTOCOL = 'tabsmith-runtime';
export const WS_SECRET_PROTOCOL_PREFIX = 'secret.';
export const API_PREFIX = '/api/runtime';

export interface RuntimeInfo {
  enabled: boolean;
  confined: boolean;
  reason: string | null;
  /** Domains sandboxed commands may reach besides the package registry (`SANDBOX_ALLOWED_DOMAINS`). */
  allowedDomains: string[];
}

/** File content as it travels in JSON: text stays text, bytes go as base64. */
export type WireContent = { text: string } | { base64: string };

export type WireFileChange =
  | { kind: 'write'; path: string; content: WireContent }
  | { kind: 'write'; path: string; tooLarge: true; size: number }
  | { kind: 'delete'; path: string };

/** A file the workspace holds that the browser did not send: kept by a mount, to be brought into the project. */
export type WireKeptFile = { path: string; content: WireContent } | { path: string; tooLarge: true; size: number };

export interface WireMountRequest {
  files: Record<string, WireContent>;
  /** Deletions the person or agent made (path → ms): only these may remove a file the browser does not send. */
  deleted?: Record<string, number>;
}

export interface WireMountResponse {
  ok: true;
  kept: WireKeptFile[];
}

/** Writes and deletes applied in order as one request (`POST …/files`). */
export interface WireFileChangesRequest {
  changes: ({ kind: 'write'; path: string; content: WireContent } | { kind: 'delete'; path: string })[];
}

export interface WireFileChangesResponse {
  ok: true;
  /** Per change, in order: why it failed, or null where it landed. */
  errors: (string | null)[];
}

export type ClientMessage =
  | {
      type: 'spawn';
      requestId: string;
      command: string;
      cwd?: string;
      env?: Record<string, string>;
      terminal?: { cols: number; rows: number };
      stdin?: 'open' | 'closed';
    }
  | { type: 'input'; processId: string; data: string }
  | { type: 'resize'; processId: string; cols: number; rows: number }
  | { type: 'kill'; processId: string; requestId: string }
  | { type: 'kill-all'; requestId: string };

export type ServerMessage =
  | { type: 'hello'; ports: { port: number; previewPort: number | null }[]; confined: boolean }
  | { type: 'spawned'; requestId: string; processId: string }
  | { type: 'request-failed'; requestId: string; message: string }
  | { type: 'done'; requestId: string }
  | { type: 'output'; processId: string; data: string }
  | { type: 'exit'; processId: string; code: number }
  /** `previewPort`: the IDE host's listener that proxies this dev server (see PreviewListeners). */
  | { type: 'port'; port: number; open: boolean; previewPort: number | null }
  | { type: 'file'; change: WireFileChange };

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function toWireContent(content: FileContent): WireContent {
  return typeof content === 'string' ? { text: content } : { base64: bytesToBase64(content) };
}

export function fromWireContent(content: WireContent): FileContent {
  return 'text' in content ? content.text : base64ToBytes(content.base64);
}

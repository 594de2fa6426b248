import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { sandboxAllowedDomains, type LocalRuntimeEnablement } from '../enablement';
import type { AllowedHosts } from '../../../server/allowed-hosts';
import { isJsonContentType } from '../../../server/request-body';
import {
  API_PREFIX,
  SECRET_HEADER,
  WS_PROTOCOL,
  WS_SECRET_PROTOCOL_PREFIX,
  fromWireContent,
  type ClientMessage,
  type RuntimeInfo,
  type ServerMessage,
  type WireContent,
  type WireFileChangesResponse,
  type WireMountResponse,
} from '../protocol';
import { PathRefusedError, isValidProjectId } from './project-paths';
import type { FileChangeRequest, ProjectRuntime, ProjectSubscriber } from './project-runtime';
import { refuseUnauthorized, secretFromProtocols, type Refusal } from './request-auth';
import type { RuntimeHost } from './runtime-host';
import { OutputThrottle } from './output-throttle';
import { FileNotFoundError } from './workspace';
import { FileTooLargeError } from './safe-fs';

const MAX_BODY_BYTES = 200 * 1024 * 1024;
const OUTPUT_FLUSH_MS = 8;

export interface ControlChannelOptions {
  host: RuntimeHost;
  secret: string;
  enablement: LocalRuntimeEnablement;
  allowedHosts: AllowedHosts;
}

export interface ControlChannel {
  /** Handles `/api/runtime/*`; returns false for any other URL. */
  handleRequest(req: IncomingMessage, res: ServerResponse): boolean;
  /** Handles the `/api/runtime/ws` upgrade; returns false for any other URL. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  close(): void;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'The request is too large.');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Other sites may send text/plain and form bodies without asking first; this channel takes neither. */
function notJson(): HttpError {
  return new HttpError(415, 'The local runtime accepts only JSON (application/json) or raw bytes (application/octet-stream).');
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function isWireContent(value: unknown): value is WireContent {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.text === 'string' || typeof record.base64 === 'string';
}

/** The changes of a `POST …/files` body; throws before anything is applied when one of them is malformed. */
function fileChangesOf(body: unknown): FileChangeRequest[] {
  const changes = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).changes : undefined;
  if (!Array.isArray(changes)) throw new HttpError(400, 'The request has no list of changes.');
  return changes.map((change: unknown, index): FileChangeRequest => {
    const record = typeof change === 'object' && change !== null ? (change as Record<string, unknown>) : {};
    const path = typeof record.path === 'string' && record.path !== '' ? record.path : null;
    const name = `Change ${index + 1}${path === null ? '' : ` ("${path}")`}`;
    if (path === null) throw new HttpError(400, `${name} names no file.`);
    if (record.kind === 'delete') return { kind: 'delete', path };
    if (record.kind !== 'write') throw new HttpError(400, `${name} is neither a write nor a delete.`);
    if (!isWireContent(record.content)) throw new HttpError(400, `${name} has no readable content.`);
    return { kind: 'write', path, content: fromWireContent(record.content) };
  });
}

function errorStatus(error: unknown): { status: number; message: string } {
  if (error instanceof HttpError) return { status: error.status, message: error.message };
  if (error instanceof PathRefusedError) return { status: 400, message: error.message };
  if (error instanceof FileNotFoundError) return { status: 404, message: error.message };
  if (error instanceof FileTooLargeError) return { status: 413, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { status: 500, message: `The local runtime failed: ${message}` };
}

export function createControlChannel(options: ControlChannelOptions): ControlChannel {
  const { host, secret, enablement, allowedHosts } = options;
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: 16 * 1024 * 1024,
    handleProtocols: (protocols) => (protocols.has(WS_PROTOCOL) ? WS_PROTOCOL : false),
  });

  const allowedDomains = sandboxAllowedDomains(process.env);
  const info = (): RuntimeInfo => ({
    enabled: enablement.enabled,
    allowedDomains,
    confined: enablement.enabled && host.confined,
    reason: enablement.enabled
      ? host.confined
        ? null
        : 'Commands are not confined (SANDBOX=off): a command can read and change files outside the project and reach your network.'
      : enablement.reason,
  });

  function refusal(req: IncomingMessage, givenSecret: string | undefined, needsEnabled: boolean): Refusal | null {
    const refused = refuseUnauthorized(req, secret, givenSecret, allowedHosts);
    if (refused) return refused;
    if (needsEnabled && !enablement.enabled) {
      return { status: 403, reason: enablement.reason ?? 'The local runtime is switched off.' };
    }
    return null;
  }

  async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const rest = url.pathname.slice(API_PREFIX.length);
    if (rest === '/info' && req.method === 'GET') return sendJson(res, 200, info());

    const match = /^\/projects\/([^/]+)\/(mount|files|file)$/.exec(rest);
    if (!match) throw new HttpError(404, 'There is no such local runtime endpoint.');
    const projectId = decodeURIComponent(match[1]);
    if (!isValidProjectId(projectId)) throw new HttpError(400, 'The project id is not valid.');
    const project = host.project(projectId);

    if (match[2] === 'mount') {
      if (req.method !== 'POST') throw new HttpError(405, 'Use POST to mount files.');
      if (!isJsonContentType(headerValue(req.headers['content-type']))) throw notJson();
      const body = JSON.parse((await readBody(req)).toString('utf8')) as { files?: unknown; deleted?: unknown };
      if (typeof body.files !== 'object' || body.files === null) throw new HttpError(400, 'The mount request has no files.');
      const deleted: Record<string, number> = Object.create(null) as Record<string, number>;
      if (typeof body.deleted === 'object' && body.deleted !== null) {
        for (const [path, at] of Object.entries(body.deleted as Record<string, unknown>)) {
          if (typeof at === 'number' && Number.isFinite(at)) deleted[path] = at;
        }
      }
      const files: Record<string, string | Uint8Array> = {};
      for (const [path, content] of Object.entries(body.files as Record<string, unknown>)) {
        if (!isWireContent(content)) throw new HttpError(400, `The content of "${path}" is not readable.`);
        files[path] = fromWireContent(content);
      }
      const response: WireMountResponse = { ok: true, kept: await project.mount(files, deleted) };
      return sendJson(res, 200, response);
    }

    if (match[2] === 'files') {
      if (req.method !== 'POST') throw new HttpError(405, 'Use POST to apply file changes.');
      if (!isJsonContentType(headerValue(req.headers['content-type']))) throw notJson();
      const changes = fileChangesOf(JSON.parse((await readBody(req)).toString('utf8')));
      const outcomes = await project.applyChanges(changes);
      const response: WireFileChangesResponse = {
        ok: true,
        errors: outcomes.map((outcome) => (outcome === null ? null : errorStatus(outcome.error).message)),
      };
      return sendJson(res, 200, response);
    }

    const path = url.searchParams.get('path');
    if (!path) throw new HttpError(400, 'The request names no file (?path=).');
    await fileRequest(req, res, project, path);
  }

  async function fileRequest(req: IncomingMessage, res: ServerResponse, project: ProjectRuntime, path: string) {
    switch (req.method) {
      case 'GET': {
        const bytes = await project.read(path);
        res.writeHead(200, {
          'content-type': 'application/octet-stream',
          'content-length': bytes.length,
          'cache-control': 'no-store',
        });
        res.end(bytes);
        return;
      }
      case 'PUT': {
        const type = headerValue(req.headers['content-type']);
        const body = await readBody(req);
        if (isJsonContentType(type)) {
          const content: unknown = JSON.parse(body.toString('utf8'));
          if (!isWireContent(content)) throw new HttpError(400, 'The file body must be {"text": …} or {"base64": …}.');
          const value = fromWireContent(content);
          await project.write(path, value);
          return sendJson(res, 200, { ok: true, bytes: typeof value === 'string' ? Buffer.byteLength(value) : value.length });
        }
        if (type?.split(';')[0].trim().toLowerCase() !== 'application/octet-stream') throw notJson();
        await project.write(path, new Uint8Array(body));
        return sendJson(res, 200, { ok: true, bytes: body.length });
      }
      case 'DELETE':
        await project.delete(path);
        return sendJson(res, 200, { ok: true });
      default:
        throw new HttpError(405, 'Use GET, PUT or DELETE on a file.');
    }
  }

  function handleRequest(req: IncomingMessage, res: ServerResponse): boolean {
    const url = new URL(req.url ?? '/', 'http://runtime.invalid');
    if (url.pathname !== API_PREFIX && !url.pathname.startsWith(`${API_PREFIX}/`)) return false;
    const needsEnabled = url.pathname !== `${API_PREFIX}/info`;
    const refused = refusal(req, headerValue(req.headers[SECRET_HEADER]), needsEnabled);
    if (refused) {
      req.resume();
      sendJson(res, refused.status, { error: refused.reason });
      return true;
    }
    route(req, res, url).catch((error: unknown) => {
      const { status, message } = errorStatus(error instanceof SyntaxError ? new HttpError(400, 'The request body is not valid JSON.') : error);
      if (!res.headersSent) sendJson(res, status, { error: message });
      else res.destroy();
    });
    return true;
  }

  function rejectUpgrade(socket: Duplex, status: number, reason: string): void {
    const body = JSON.stringify({ error: reason });
    const statusText = status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : 'Bad Request';
    socket.end(
      `HTTP/1.1 ${status} ${statusText}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }

  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? '/', 'http://runtime.invalid');
    if (url.pathname !== `${API_PREFIX}/ws`) return false;
    const given = secretFromProtocols(headerValue(req.headers['sec-websocket-protocol']), WS_SECRET_PROTOCOL_PREFIX);
    const refused = refusal(req, given, true);
    if (refused) {
      rejectUpgrade(socket, refused.status, refused.reason);
      return true;
    }
    const projectId = url.searchParams.get('project') ?? '';
    if (!isValidProjectId(projectId)) {
      rejectUpgrade(socket, 400, 'The project id is not valid.');
      return true;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => void serveConnection(ws, host.project(projectId)));
    return true;
  }

  async function serveConnection(ws: WebSocket, project: ProjectRuntime): Promise<void> {
    const subscriber = createSubscriber(ws);
    ws.on('close', () => void project.unsubscribe(subscriber));
    ws.on('message', (data) => {
      let message: ClientMessage;
      try {
        message = JSON.parse(data.toString()) as ClientMessage;
      } catch {
        return;
      }
      void handleMessage(message, project, subscriber);
    });
    await project.subscribe(subscriber);
    subscriber.send({ type: 'hello', ports: project.openPorts(), confined: host.confined });
  }

  async function handleMessage(message: ClientMessage, project: ProjectRuntime, subscriber: ProjectSubscriber) {
    switch (message.type) {
      case 'spawn':
        try {
          if (typeof message.command !== 'string') throw new Error('The command is missing.');
          const child = await project.spawn(
            {
              command: message.command,
              cwd: message.cwd,
              env: message.env,
              terminal: message.terminal,
              ...(message.stdin === 'closed' ? { stdin: 'closed' as const } : {}),
            },
            subscriber,
          );
          subscriber.send({ type: 'spawned', requestId: message.requestId, processId: child.id });
        } catch (error) {
          subscriber.send({ type: 'request-failed', requestId: message.requestId, message: errorStatus(error).message });
        }
        return;
      case 'input':
        project.process(message.processId, subscriber)?.write(String(message.data));
        return;
      case 'resize':
        await project.process(message.processId, subscriber)?.resize(Number(message.cols), Number(message.rows));
        return;
      case 'kill':
        await project.process(message.processId, subscriber)?.kill();
        subscriber.send({ type: 'done', requestId: message.requestId });
        return;
      case 'kill-all':
        await project.killAll(subscriber);
        subscriber.send({ type: 'done', requestId: message.requestId });
        return;
    }
  }

  return {
    handleRequest,
    handleUpgrade,
    close: () => {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
    },
  };
}

/** Sends messages in order, batching output chunks briefly so long output does not become thousands of frames. */
function createSubscriber(ws: WebSocket): ProjectSubscriber {
  const pending = new Map<string, string>();
  let pendingBytes = 0;
  const throttle = new OutputThrottle(() => ws.bufferedAmount + pendingBytes);
  let timer: NodeJS.Timeout | null = null;
  const write = (message: ServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    for (const [processId, data] of pending) write({ type: 'output', processId, data });
    pending.clear();
    pendingBytes = 0;
  };
  return {
    send(message) {
      if (message.type === 'output') {
        const data = throttle.admit(message.processId, message.data);
        if (data === null) return;
        pending.set(message.processId, (pending.get(message.processId) ?? '') + data);
        pendingBytes += data.length;
        timer ??= setTimeout(flush, OUTPUT_FLUSH_MS);
        return;
      }
      if (message.type === 'exit') {
        const note = throttle.flush(message.processId);
        if (note) pending.set(message.processId, (pending.get(message.processId) ?? '') + note);
      }
      flush();
      write(message);
    },
  };
}

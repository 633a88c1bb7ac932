import type { IncomingMessage } from 'node:http';
import { parseQuery, type WireRequest } from '../dialects/common/wire.js';
import { BodyStream } from './body-stream.js';

export function toWireRequest(
  req: IncomingMessage,
  id: string,
  idleMs: number,
  beforeFirstRead?: () => void,
): WireRequest & { body: BodyStream } {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const rawPath = q < 0 ? url : url.slice(0, q);
  const rawQuery = q < 0 ? '' : url.slice(q + 1);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return {
    id,
    method: (req.method ?? 'GET').toUpperCase(),
    rawPath,
    rawQuery,
    query: parseQuery(rawQuery),
    headers,
    body: new BodyStream(req, idleMs, beforeFirstRead),
    remoteAddress: req.socket.remoteAddress ?? '',
    secure: (req.socket as { encrypted?: boolean }).encrypted === true,
    receivedAt: Date.now(),
    log: {},
  };
}

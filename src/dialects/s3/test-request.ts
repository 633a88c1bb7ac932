import { Readable } from 'node:stream';
import { parseQuery, type WireRequest } from '../common/wire.js';

/** An in-memory WireRequest for tests: `target` is the request target as sent (path and query). */
export function testRequest(method: string, target: string, headers: Record<string, string> = {}): WireRequest {
  const question = target.indexOf('?');
  const rawPath = question < 0 ? target : target.slice(0, question);
  const rawQuery = question < 0 ? '' : target.slice(question + 1);
  return {
    id: 'test-request',
    method,
    rawPath,
    rawQuery,
    query: parseQuery(rawQuery),
    headers,
    body: Readable.from([]),
    remoteAddress: '127.0.0.1',
    receivedAt: 0,
    log: {},
  };
}

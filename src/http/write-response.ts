import type { ServerResponse } from 'node:http';
import type { WireResponse } from '../dialects/common/wire.js';

/** Writes a WireResponse; resolves with the body bytes sent. Streams honour backpressure. */
export async function writeResponse(res: ServerResponse, response: WireResponse, isHead: boolean): Promise<number> {
  const headers: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(response.headers)) headers[k] = typeof v === 'string' ? v : [...v];
  const body = response.body;
  if (body === undefined || isHead) {
    res.writeHead(response.status, headers);
    res.end();
    return 0;
  }
  if (typeof body === 'string' || Buffer.isBuffer(body)) {
    const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    if (!hasHeader(headers, 'content-length')) headers['content-length'] = String(buf.length);
    res.writeHead(response.status, headers);
    res.end(buf);
    return buf.length;
  }
  res.writeHead(response.status, headers);
  // Node 20's flushHeaders writes the head as UTF-8, not latin-1 as every other path does, which would
  // re-encode a non-ASCII header value (user metadata); such a head goes out with the first chunk instead.
  if (!Object.values(headers).some((v) => /[\u0080-\uffff]/.test(String(v)))) res.flushHeaders();
  let sent = 0;
  const iterator = body[Symbol.asyncIterator]();
  try {
    for (;;) {
      const next: IteratorResult<Uint8Array> = await iterator.next();
      if (next.done === true) break;
      sent += next.value.length;
      if (!res.write(next.value)) await drained(res);
    }
    res.end();
  } catch (error) {
    // Headers are gone already: all that is left is to cut the connection so the client sees a short body.
    res.destroy(error instanceof Error ? error : new Error(String(error)));
    throw error;
  } finally {
    await iterator.return?.();
  }
  return sent;
}

function hasHeader(headers: Record<string, unknown>, name: string): boolean {
  return Object.keys(headers).some((k) => k.toLowerCase() === name);
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      res.off('drain', onDrain);
      res.off('close', onClose);
    };
    const onDrain = () => {
      cleanup();
      resolve();
    };
    const onClose = () => {
      cleanup();
      reject(new Error('client closed the connection'));
    };
    res.on('drain', onDrain);
    res.on('close', onClose);
  });
}

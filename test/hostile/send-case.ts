import { request } from 'node:http';
import { connect } from 'node:net';
import { rawHttp, type RawHttpResponse } from '../support/raw-http.js';
import type { HostileCase } from './case.js';
import { checkErrorFormat } from './wire-format.js';

/** What came back: a response, nothing (the client hung up on purpose), or a failure of the exchange. */
export type Outcome =
  | { readonly kind: 'response'; readonly res: RawHttpResponse }
  | { readonly kind: 'hung-up' }
  | { readonly kind: 'failed'; readonly error: string };

export async function sendCase(port: number, c: HostileCase): Promise<Outcome> {
  try {
    switch (c.transport ?? 'normal') {
      case 'normal':
        return { kind: 'response', res: await rawHttp(port, { ...c.request, timeoutMs: 30_000 }) };
      case 'drop-mid-body':
        await dropMidBody(port, c);
        return { kind: 'hung-up' };
      case 'drop-mid-response':
        await dropMidResponse(port, c);
        return { kind: 'hung-up' };
      case 'raw-bytes': {
        const res = await rawBytes(port, c.rawBytes ?? Buffer.alloc(0));
        return res === undefined ? { kind: 'hung-up' } : { kind: 'response', res };
      }
    }
  } catch (error) {
    return { kind: 'failed', error: String(error) };
  }
}

/** Declares the whole body, sends a part of it, then drops the connection. */
function dropMidBody(port: number, c: HostileCase): Promise<void> {
  const body = Buffer.isBuffer(c.request.body) ? c.request.body : Buffer.from(typeof c.request.body === 'string' ? c.request.body : '');
  return new Promise((resolve) => {
    const req = request({
      host: '127.0.0.1',
      port,
      method: c.request.method,
      path: c.request.rawQuery ? `${c.request.rawPath}?${c.request.rawQuery}` : c.request.rawPath,
      headers: { ...c.request.headers, 'content-length': String(body.length) },
      agent: false,
    });
    req.on('error', () => resolve());
    req.on('response', (res) => {
      res.resume();
      req.destroy();
      resolve();
    });
    req.write(body.subarray(0, Math.floor(body.length / 3)), () =>
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 20),
    );
  });
}

/** Reads the first bytes of the answer and hangs up. */
function dropMidResponse(port: number, c: HostileCase): Promise<void> {
  return new Promise((resolve) => {
    const req = request({
      host: '127.0.0.1',
      port,
      method: c.request.method,
      path: c.request.rawQuery ? `${c.request.rawPath}?${c.request.rawQuery}` : c.request.rawPath,
      headers: c.request.headers,
      agent: false,
    });
    req.on('error', () => resolve());
    req.on('response', (res) => {
      res.once('data', () => {
        req.destroy();
        resolve();
      });
      res.on('end', () => resolve());
    });
    req.end();
  });
}

/** Writes exactly these bytes; the answer, if one comes before the server closes. */
function rawBytes(port: number, bytes: Buffer): Promise<RawHttpResponse | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, '127.0.0.1', () => socket.end(bytes));
    socket.setTimeout(10_000, () => socket.destroy());
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const all = Buffer.concat(chunks);
      const split = all.indexOf('\r\n\r\n');
      if (all.length === 0 || split < 0) {
        resolve(undefined);
        return;
      }
      const [statusLine = '', ...headerLines] = all.subarray(0, split).toString('latin1').split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of headerLines) headers[line.slice(0, line.indexOf(':')).toLowerCase()] = line.slice(line.indexOf(':') + 1).trim();
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: all.subarray(split + 4) });
    });
  });
}

/** What is wrong with the answer to one case, or undefined. */
export function judgeOutcome(c: HostileCase, outcome: Outcome): string | undefined {
  if (outcome.kind === 'hung-up') return undefined;
  if (outcome.kind === 'failed') return `no answer: ${outcome.error}`;
  const { res } = outcome;
  if (res.status >= 500) return `${res.status}: ${res.body.toString().slice(0, 300)}`;
  if (res.status < 400) return c.expect === 'error' ? `accepted with ${res.status}: ${res.body.toString().slice(0, 200)}` : undefined;
  const format = checkErrorFormat(c.dialect, c.request.method, res);
  if (format.problem !== undefined) return `${res.status} not in ${c.dialect} format: ${format.problem}`;
  if (c.codes !== undefined && format.code !== undefined && !c.codes.includes(format.code))
    return `${res.status} ${format.code}, expected ${c.codes.join(' or ')}`;
  return undefined;
}

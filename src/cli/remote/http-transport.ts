import { Agent, type IncomingHttpHeaders, type IncomingMessage, request } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Readable } from 'node:stream';
import { uriEncode } from '../../auth/index.js';
import { RemoteError } from '../usage-error.js';
import type { EndpointSettings } from './endpoint-settings.js';
import { signForDialect } from './sign-for-dialect.js';
import { parseXml, text } from './xml.js';

export type Body = string | Buffer | (() => Readable);

export interface SendInput {
  readonly method: string;
  readonly bucket?: string | undefined;
  readonly key?: string;
  /** In order; names and values unencoded. A value of '' is sent as `name=` except sub-resources given as [name]. */
  readonly query?: readonly (readonly [string, string?])[];
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: Body;
  readonly contentLength?: number;
  /** Sign the body's SHA-256 (small XML bodies). */
  readonly signBody?: boolean;
  readonly signal?: AbortSignal;
  /** Statuses that are not errors (besides 2xx). */
  readonly accept?: readonly number[];
}

export interface RemoteResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: IncomingMessage;
}

const agents = { http: new Agent({ keepAlive: true, maxSockets: 64 }), https: new HttpsAgent({ keepAlive: true, maxSockets: 64 }) };

const RETRIES = 3;

/** Signs and sends one request; network failures and 500/503 are retried when the body can be sent again. */
export async function send(s: EndpointSettings, input: SendInput): Promise<RemoteResponse> {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await sendOnce(s, input);
      if (res.status >= 500 && attempt < RETRIES && res.status !== 501) {
        res.body.resume();
        await sleep(200 * 2 ** attempt, input.signal);
        continue;
      }
      return await checked(res, input);
    } catch (e) {
      if (e instanceof RemoteError || input.signal?.aborted === true || attempt >= RETRIES || !retryable(e)) throw e;
      await sleep(200 * 2 ** attempt, input.signal);
    }
  }
}

/** Reads the whole (small) response body as text. */
export async function readText(res: RemoteResponse): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of res.body) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function retryable(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNREFUSED' || code === 'ETIMEDOUT' || code === 'UND_ERR_SOCKET';
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    });
  });
}

function encodeQuery(query: SendInput['query']): string {
  return (query ?? []).map(([k, v]) => (v === undefined ? uriEncode(k) : `${uriEncode(k)}=${uriEncode(v)}`)).join('&');
}

function sendOnce(s: EndpointSettings, input: SendInput): Promise<RemoteResponse> {
  const url = new URL(s.endpoint);
  const bucket = input.bucket;
  const key = input.key ?? '';
  const virtual = s.addressing === 'virtual' && bucket !== undefined && bucket !== '';
  const host = virtual ? `${bucket}.${url.host}` : url.host;
  const path = virtual
    ? `/${uriEncode(key, true)}`
    : bucket === undefined || bucket === ''
      ? '/'
      : `/${uriEncode(bucket)}/${uriEncode(key, true)}`;
  const query = encodeQuery(input.query);
  const body = input.body;
  const headers: Record<string, string> = { host };
  for (const [k, v] of Object.entries(input.headers ?? {})) headers[k.toLowerCase()] = v;
  const length =
    input.contentLength ?? (typeof body === 'string' ? Buffer.byteLength(body) : Buffer.isBuffer(body) ? body.length : undefined);
  if (length !== undefined && (length > 0 || ['PUT', 'POST'].includes(input.method))) headers['content-length'] = String(length);
  const signed = signForDialect(s, {
    method: input.method,
    bucket,
    key,
    path,
    query,
    headers,
    ...(input.signBody === true && typeof body === 'string' ? { signedBody: body } : {}),
  });
  const https = url.protocol === 'https:';
  const send = https ? httpsRequest : request;
  return new Promise((resolve, reject) => {
    const req = send(
      {
        method: input.method,
        host: url.hostname,
        port: url.port,
        path: query === '' ? path : `${path}?${query}`,
        headers: signed,
        agent: https ? agents.https : agents.http,
        ...(input.signal === undefined ? {} : { signal: input.signal }),
      },
      (res) => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: res }),
    );
    req.on('error', reject);
    if (body === undefined) req.end();
    else if (typeof body === 'function') {
      const stream = body();
      stream.on('error', (e) => req.destroy(e));
      stream.pipe(req);
    } else req.end(body);
  });
}

async function checked(res: RemoteResponse, input: SendInput): Promise<RemoteResponse> {
  if ((res.status >= 200 && res.status < 300) || input.accept?.includes(res.status) === true) return res;
  const requestId = header(res, 'x-amz-request-id') ?? header(res, 'x-oss-request-id');
  const raw = input.method === 'HEAD' ? '' : await readText(res);
  let code = statusCode(res.status);
  let message = `HTTP ${res.status}`;
  if (raw.trimStart().startsWith('<')) {
    try {
      const error = parseXml(raw).Error;
      code = text(error, 'Code') ?? code;
      message = text(error, 'Message') ?? message;
    } catch {
      // not XML after all: keep the status
    }
  }
  throw new RemoteError(res.status, code, message, requestId);
}

export function header(res: RemoteResponse, name: string): string | undefined {
  const v = res.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function statusCode(status: number): string {
  return (
    { 301: 'PermanentRedirect', 400: 'BadRequest', 403: 'AccessDenied', 404: 'NotFound', 409: 'Conflict', 412: 'PreconditionFailed' }[
      status
    ] ?? `HTTP${status}`
  );
}

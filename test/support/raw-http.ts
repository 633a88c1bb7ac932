import { request } from 'node:http';

export interface RawHttpRequest {
  readonly method: string;
  /** Sent exactly as given: malformed escapes and all. */
  readonly rawPath: string;
  readonly rawQuery?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** One piece (sent with its content-length unless headers say otherwise), or pieces written one by one (chunked unless a content-length header is given). */
  readonly body?: Buffer | string | readonly Buffer[];
  /** Give up (and destroy the socket) after this long. */
  readonly timeoutMs?: number;
}

export interface RawHttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
}

/** One HTTP request on a fresh connection, bytes exactly as given: no client library between the test and the wire. */
export function rawHttp(port: number, r: RawHttpRequest): Promise<RawHttpResponse> {
  return new Promise((resolve, reject) => {
    const path = r.rawQuery === undefined || r.rawQuery === '' ? r.rawPath : `${r.rawPath}?${r.rawQuery}`;
    const headers: Record<string, string> = { ...r.headers };
    const oneShot = typeof r.body === 'string' || Buffer.isBuffer(r.body) ? r.body : undefined;
    if (
      oneShot !== undefined &&
      !Object.keys(headers).some((h) => h.toLowerCase() === 'content-length' || h.toLowerCase() === 'transfer-encoding')
    ) {
      headers['content-length'] = String(Buffer.byteLength(oneShot));
    }
    let answered: (() => void) | undefined;
    const req = request({ host: '127.0.0.1', port, method: r.method, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      answered = () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', answered);
      res.on('error', answered);
    });
    req.setTimeout(r.timeoutMs ?? 30_000, () =>
      req.destroy(new Error(`no answer to ${r.method} ${path} within ${r.timeoutMs ?? 30_000} ms`)),
    );
    // A server that answers before reading the whole body (a body too large) may close while we still
    // write: the answer counts, the write error does not.
    req.on('error', (error) => (answered === undefined ? reject(error) : answered()));
    if (r.body === undefined) req.end();
    else if (oneShot !== undefined) req.end(oneShot);
    else {
      for (const piece of r.body as readonly Buffer[]) req.write(piece);
      req.end();
    }
  });
}

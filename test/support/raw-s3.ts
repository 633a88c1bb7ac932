import { request } from 'node:http';
import { signRequest, uriEncode, type SignOptions } from '../../src/auth/index.js';
import { testCredentials, type CairnProcess } from './cairn-process.js';

export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

export interface RawRequest {
  readonly method: string;
  /** Bucket and key, unencoded: '/bucket/key'. */
  readonly path: string;
  readonly query?: string;
  readonly headers?: Record<string, string>;
  /** Sent as one piece, or as these pieces (with Transfer-Encoding: chunked when no content-length is set). */
  readonly body?: Buffer | string | readonly Buffer[];
  readonly sign?: Partial<SignOptions> & { readonly credentials?: { accessKeyId: string; secretAccessKey: string } };
  /** Skip signing altogether. */
  readonly anonymous?: boolean;
}

/** Sends one S3 request the way a hand-written client would: our own signer, node:http, no SDK help. */
export function rawS3(server: Pick<CairnProcess, 'url'>, r: RawRequest): Promise<RawResponse> {
  const url = new URL(server.url);
  const path = r.path
    .split('/')
    .map((s) => uriEncode(s, false))
    .join('/');
  let headers: Record<string, string> = { host: url.host, ...r.headers };
  const bodyOneShot = typeof r.body === 'string' || Buffer.isBuffer(r.body) ? r.body : undefined;
  if (!r.anonymous) {
    headers = signRequest({ method: r.method, path, query: r.query ?? '', headers }, r.sign?.credentials ?? testCredentials, {
      region: 'us-east-1',
      service: 's3',
      ...(bodyOneShot === undefined ? {} : { body: bodyOneShot }),
      ...r.sign,
    }).headers;
  }
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, method: r.method, path: r.query ? `${path}?${r.query}` : path, headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    if (r.body === undefined) req.end();
    else if (bodyOneShot !== undefined) req.end(bodyOneShot);
    else {
      for (const piece of r.body as readonly Buffer[]) req.write(piece);
      req.end();
    }
  });
}

export function errorCode(body: string): string | undefined {
  return /<Code>([^<]+)<\/Code>/.exec(body)?.[1];
}

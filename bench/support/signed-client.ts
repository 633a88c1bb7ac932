import { Agent, request } from 'node:http';
import { UNSIGNED_PAYLOAD, signRequest, uriEncode } from '../../src/auth/index.js';
import type { Credentials } from './bench-servers.js';

export interface SignedResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/**
 * A light S3 client: node:http with a keep-alive agent, requests signed with Cairn's own SigV4 signer and
 * UNSIGNED-PAYLOAD (no body hashing), so that the client costs far less CPU than the AWS SDK.
 */
export class SignedClient {
  private readonly agent: Agent;
  private readonly url: URL;

  constructor(
    url: string,
    private readonly credentials: Credentials,
    maxSockets = 32,
  ) {
    this.url = new URL(url);
    this.agent = new Agent({ keepAlive: true, maxSockets });
  }

  /** `path` is '/bucket/key', unencoded; `query` is sent as given (already encoded). */
  send(method: string, path: string, query = '', body?: Buffer | string): Promise<SignedResponse> {
    const encoded = path
      .split('/')
      .map((s) => uriEncode(s, false))
      .join('/');
    const unsigned: Record<string, string> = { host: this.url.host };
    if (body !== undefined) unsigned['content-length'] = String(Buffer.byteLength(body));
    const { headers } = signRequest({ method, path: encoded, query, headers: unsigned }, this.credentials, {
      region: 'us-east-1',
      service: 's3',
      payloadHash: UNSIGNED_PAYLOAD,
    });
    return new Promise((resolve, reject) => {
      const req = request(
        {
          agent: this.agent,
          host: this.url.hostname,
          port: this.url.port,
          method,
          path: query === '' ? encoded : `${encoded}?${query}`,
          headers,
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8').on('data', (d: string) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  /** Like send, but fails unless the status is 2xx and the body holds no S3 error. */
  async ok(method: string, path: string, query = '', body?: Buffer | string): Promise<SignedResponse> {
    const res = await this.send(method, path, query, body);
    if (res.status < 200 || res.status >= 300 || res.body.includes('<Error>')) {
      throw new Error(`${method} ${path}?${query} answered ${res.status}: ${res.body.slice(0, 500)}`);
    }
    return res;
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Runs `task(i)` for i in [0, count) with at most `concurrency` at once. */
export async function forEachConcurrently(count: number, concurrency: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

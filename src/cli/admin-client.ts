import { request } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { signRequest } from '../auth/index.js';
import type { ClientOptions } from './client-options.js';

export class AdminApiError extends Error {
  override readonly name = 'AdminApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Calls the admin API (/_cairn/admin/v1/...) with a SigV4-signed request; resolves with the JSON body. */
export type AdminTarget = Pick<ClientOptions, 'endpoint' | 'accessKeyId' | 'secretAccessKey' | 'region'>;

export async function callAdmin(
  options: AdminTarget,
  method: string,
  path: string,
  query: Readonly<Record<string, string | undefined>> = {},
  body?: unknown,
): Promise<unknown> {
  const url = new URL(options.endpoint);
  const qs = Object.entries(query)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
  const fullPath = `/_cairn/admin/v1/${path}`;
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string> = { host: url.host };
  if (payload !== undefined) headers['content-type'] = 'application/json';
  const signed = signRequest(
    { method, path: fullPath, query: qs, headers },
    { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
    { region: options.region, service: 's3', body: payload ?? '' },
  );
  const send = url.protocol === 'https:' ? httpsRequest : request;
  return new Promise((resolve, reject) => {
    const req = send(
      {
        method,
        host: url.hostname,
        port: url.port,
        path: qs === '' ? fullPath : `${fullPath}?${qs}`,
        headers: { ...signed.headers, ...(payload === undefined ? {} : { 'content-length': String(Buffer.byteLength(payload)) }) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = res.statusCode ?? 0;
          let value: unknown;
          try {
            value = text === '' ? {} : JSON.parse(text);
          } catch {
            const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1] ?? 'NotCairn';
            reject(
              new AdminApiError(
                status,
                code,
                `${options.endpoint} answered the admin API with HTTP ${status} and no JSON: not a Cairn server?`,
              ),
            );
            return;
          }
          if (status >= 400) {
            const err = (value as { error?: { code?: string; message?: string } }).error;
            reject(new AdminApiError(status, err?.code ?? 'Error', err?.message ?? `HTTP ${status}`));
          } else resolve(value);
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

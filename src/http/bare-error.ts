import { Readable } from 'node:stream';
import { renderAdminError } from '../admin-api/admin-api.js';
import type { StorageError } from '../core/errors.js';
import type { Dialect } from '../dialects/common/dialect.js';
import { parseQuery, type WireRequest, type WireResponse } from '../dialects/common/wire.js';
import { renderGlacierError } from '../dialects/glacier/render-glacier-error.js';
import { renderOssError } from '../dialects/oss/render-oss-error.js';
import { renderS3Error } from '../dialects/s3/render-s3-error.js';
import { isInternalPath } from './front-door.js';

/** What can be known of a request that never became a WireRequest: its line and headers, as far as they parsed. */
export type BareRequest = Pick<WireRequest, 'method' | 'rawPath' | 'rawQuery' | 'query' | 'headers'>;

/**
 * The request line and headers of a raw HTTP head (what Node hands a `clientError` listener), best
 * effort: whatever does not parse is left out, and a head that does not start with a request line is
 * `GET /` with no headers.
 */
export function parseRawHead(raw: Buffer | undefined): BareRequest {
  const text = raw === undefined ? '' : raw.subarray(0, 64 * 1024).toString('latin1');
  const lines = text.split('\r\n');
  const m = /^([A-Z]{1,20}) (\S+) HTTP\/1\.[01]$/.exec(lines[0] ?? '');
  const target = m?.[2] ?? '/';
  const q = target.indexOf('?');
  const rawPath = q < 0 ? target : target.slice(0, q);
  const rawQuery = q < 0 ? '' : target.slice(q + 1);
  const headers: Record<string, string> = {};
  if (m !== null) {
    for (const line of lines.slice(1)) {
      if (line === '') break;
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      const name = line.slice(0, colon).trim().toLowerCase();
      headers[name] = headers[name] === undefined ? line.slice(colon + 1).trim() : `${headers[name]}, ${line.slice(colon + 1).trim()}`;
    }
  }
  return { method: m?.[1] ?? 'GET', rawPath, rawQuery, query: parseQuery(rawQuery), headers };
}

/**
 * Renders an error for a request no dialect handled (unparsable HTTP, a head too large, a response that
 * could not be written) in the format of the dialect it was addressed to, chosen as the front door
 * chooses: the admin API under /_cairn/, else the first dialect whose detection claims it, else S3.
 */
export function bareErrorRenderer(
  dialects: readonly Dialect[],
): (req: BareRequest, error: StorageError, requestId: string) => WireResponse {
  return (req, error, requestId) => {
    if (isInternalPath(req.rawPath)) return renderAdminError(error, requestId);
    const probe: WireRequest = { ...req, id: requestId, body: Readable.from([]), remoteAddress: '', receivedAt: Date.now(), log: {} };
    const name = dialects.find((d) => d.name !== 's3' && d.detect(probe))?.name ?? 's3';
    const method = req.method;
    switch (name) {
      case 'glacier': {
        const r = renderGlacierError(error);
        return { ...r, headers: { ...r.headers, 'x-amzn-requestid': requestId } };
      }
      case 'oss': {
        const r = renderOssError(error, { requestId, hostId: (req.headers.host ?? '').replace(/:\d+$/, ''), method });
        return { ...r, headers: { ...r.headers, 'x-oss-request-id': requestId, server: 'Cairn' } };
      }
      case 's3': {
        const r = renderS3Error(error, { requestId, resource: req.rawPath, method });
        return { ...r, headers: { ...r.headers, 'x-amz-request-id': requestId, 'x-amz-id-2': requestId, server: 'Cairn' } };
      }
    }
  };
}

import { createHmac } from 'node:crypto';
import {
  OSS_UNSIGNED_PAYLOAD,
  OSS_V4_ALGORITHM,
  ossV1CanonicalResource,
  ossV1Signature,
  ossV1StringToSign,
  ossV4CanonicalHeaders,
  ossV4CanonicalQueryCandidates,
  ossV4CanonicalRequest,
  ossV4CanonicalUri,
  ossV4SigningKey,
  ossV4StringToSign,
  signRequest,
} from '../../auth/index.js';
import type { EndpointSettings } from './endpoint-settings.js';

export interface RequestToSend {
  readonly method: string;
  readonly bucket: string | undefined;
  readonly key: string;
  /** Exactly as sent (percent-encoded). */
  readonly path: string;
  /** Exactly as sent, without '?'. */
  readonly query: string;
  /** Lowercase names; host included. */
  readonly headers: Readonly<Record<string, string>>;
  /** A small body that is signed (XML); large bodies go unsigned. */
  readonly signedBody?: string;
}

/** The headers to send: the request's plus the dialect's date and Authorization. */
export function signForDialect(s: EndpointSettings, req: RequestToSend, now = Date.now()): Record<string, string> {
  if (s.dialect === 's3') {
    return signRequest(
      { method: req.method, path: req.path, query: req.query, headers: req.headers },
      {
        accessKeyId: s.accessKeyId,
        secretAccessKey: s.secretAccessKey,
        ...(s.sessionToken === undefined ? {} : { sessionToken: s.sessionToken }),
      },
      { region: s.region, service: 's3', now, ...(req.signedBody === undefined ? {} : { body: req.signedBody }) },
    ).headers;
  }
  const resource = { bucket: req.bucket, key: req.key };
  if (s.ossSignatureVersion === 'v1') {
    const headers = { ...req.headers, date: new Date(now).toUTCString() };
    const pairs = decodedQueryPairs(req.query);
    const toSign = ossV1StringToSign({
      method: req.method,
      headers,
      date: headers.date,
      resource: ossV1CanonicalResource(resource, pairs),
    });
    return { ...headers, authorization: `OSS ${s.accessKeyId}:${ossV1Signature(s.secretAccessKey, toSign)}` };
  }
  const ossDate = new Date(now)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const day = ossDate.slice(0, 8);
  const headers: Record<string, string> = { ...req.headers, 'x-oss-date': ossDate, 'x-oss-content-sha256': OSS_UNSIGNED_PAYLOAD };
  if (s.sessionToken !== undefined) headers['x-oss-security-token'] = s.sessionToken;
  const scope = `${day}/${s.region}/oss/aliyun_v4_request`;
  const canonical = ossV4CanonicalRequest({
    method: req.method,
    uri: ossV4CanonicalUri(resource),
    query: ossV4CanonicalQueryCandidates(req.query)[0] ?? '',
    headers: ossV4CanonicalHeaders(headers, []),
    additionalHeaders: [],
    payloadHash: OSS_UNSIGNED_PAYLOAD,
  });
  const signature = createHmac('sha256', ossV4SigningKey(s.secretAccessKey, day, s.region, 'oss'))
    .update(ossV4StringToSign(ossDate, scope, canonical), 'utf8')
    .digest('hex');
  headers['authorization'] = `${OSS_V4_ALGORITHM} Credential=${s.accessKeyId}/${scope},Signature=${signature}`;
  return headers;
}

function decodedQueryPairs(query: string): [string, string][] {
  if (query === '') return [];
  return query
    .split('&')
    .filter((p) => p !== '')
    .map((p) => {
      const eq = p.indexOf('=');
      const name = eq < 0 ? p : p.slice(0, eq);
      const value = eq < 0 ? '' : p.slice(eq + 1);
      return [decodeURIComponent(name), decodeURIComponent(value)];
    });
}

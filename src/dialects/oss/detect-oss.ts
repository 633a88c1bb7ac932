import type { WireRequest } from '../common/wire.js';
import { isOssHost } from './locate-oss-resource.js';

const OSS_QUERY_AUTH = ['OSSAccessKeyId', 'x-oss-signature', 'x-oss-credential', 'x-oss-signature-version'];

/**
 * Whether a request speaks OSS: an OSS Authorization scheme (`OSS ak:sig`, `OSS4-HMAC-SHA256 ...`), OSS
 * presigned-URL parameters, any x-oss-* header (or a preflight announcing one), or a Host under aliyuncs.com. A request signed the AWS way
 * (SigV2/SigV4 header or X-Amz-* query) is S3's even if it carries an x-oss-* header. Headers and query
 * only; the body is never read.
 */
export function detectOss(req: Pick<WireRequest, 'headers' | 'query'>): boolean {
  const authorization = req.headers.authorization?.trimStart();
  if (authorization !== undefined) {
    // The scheme alone decides, however malformed the rest: `OSS`, `OSS4-HMAC-SHA256,Credential=...`
    // and `oss ak:sig` are OSS requests to be refused in OSS's words, not S3's.
    const scheme = /^[^\s,]*/.exec(authorization)?.[0].toUpperCase() ?? '';
    if (scheme === 'OSS' || scheme === 'OSS4-HMAC-SHA256') return true;
    if (scheme.startsWith('AWS')) return false;
  }
  if (req.query.some(([k]) => k.startsWith('X-Amz-') || k === 'AWSAccessKeyId')) return false;
  if (req.query.some(([k]) => OSS_QUERY_AUTH.includes(k))) return true;
  if (Object.keys(req.headers).some((h) => h.startsWith('x-oss-'))) return true;
  // A browser's preflight for an OSS request names the x-oss-* headers the request will carry.
  if (/(^|,)\s*x-oss-/i.test(req.headers['access-control-request-headers'] ?? '')) return true;
  return isOssHost(req.headers.host);
}

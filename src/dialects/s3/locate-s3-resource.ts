import { StorageError } from '../../core/errors.js';
import type { WireRequest } from '../common/wire.js';
import { decodePathPart, invalidUri } from '../common/decode-path-part.js';

export interface S3RouterOptions {
  /**
   * Domains under which `<bucket>.<domain>` names a bucket (virtual-hosted style), e.g. 'localhost',
   * 's3.example.com'. An entry with a port ('localhost:9000') only matches requests to that port.
   */
  readonly virtualHostDomains: readonly string[];
}

export interface S3Resource {
  /** Undefined for requests to the service itself (`GET /` path style). */
  readonly bucket: string | undefined;
  /** Percent-decoded exactly once; '' when the request targets the bucket or the service. */
  readonly key: string;
  readonly style: 'path' | 'virtual-hosted';
}

/**
 * Which bucket and key a request is about. The bucket comes from the Host header when it is
 * `<bucket>.<domain>` for a configured domain (the longest matching domain wins, so a bucket name may
 * contain dots), else from the first path segment. The key is everything after it, decoded once and
 * otherwise kept exactly: `..`, `//`, a leading '/', '+' (a literal plus in a path), spaces, unicode.
 */
export function locateS3Resource(req: Pick<WireRequest, 'rawPath' | 'headers'>, options: S3RouterOptions): S3Resource {
  const path = req.rawPath;
  if (!path.startsWith('/')) throw invalidUri(path);
  const hostBucket = bucketFromHost(req.headers['host'], options.virtualHostDomains);
  if (hostBucket !== undefined) {
    return { bucket: hostBucket, key: decodePathPart(path.slice(1), path), style: 'virtual-hosted' };
  }
  const rest = path.slice(1);
  const slash = rest.indexOf('/');
  const bucketPart = slash < 0 ? rest : rest.slice(0, slash);
  const keyPart = slash < 0 ? '' : rest.slice(slash + 1);
  if (bucketPart === '') {
    if (keyPart !== '') throw new StorageError('InvalidBucketName', undefined, { BucketName: '' });
    return { bucket: undefined, key: '', style: 'path' };
  }
  return { bucket: decodePathPart(bucketPart, path), key: decodePathPart(keyPart, path), style: 'path' };
}

/** The bucket named by a Host header, or undefined when the host is not `<bucket>.<configured domain>`. */
export function bucketFromHost(host: string | undefined, domains: readonly string[]): string | undefined {
  if (host === undefined || host === '') return undefined;
  const authority = host.trim().toLowerCase();
  const hostname = stripPort(authority).replace(/\.$/, '');
  const withPort = hostname + authority.slice(stripPort(authority).length);
  let best: { bucket: string; domainLength: number } | undefined;
  for (const raw of domains) {
    const domain = raw.trim().toLowerCase().replace(/^\./, '');
    if (domain === '') continue;
    const candidate = hasPort(domain) ? withPort : hostname;
    const suffix = '.' + domain;
    if (!candidate.endsWith(suffix) || candidate.length === suffix.length) continue;
    if (best !== undefined && best.domainLength >= domain.length) continue;
    best = { bucket: candidate.slice(0, -suffix.length), domainLength: domain.length };
  }
  return best?.bucket;
}

function stripPort(authority: string): string {
  if (authority.startsWith('[')) {
    const end = authority.indexOf(']');
    return end < 0 ? authority : authority.slice(0, end + 1);
  }
  const colon = authority.lastIndexOf(':');
  return colon < 0 ? authority : authority.slice(0, colon);
}

function hasPort(domain: string): boolean {
  return stripPort(domain) !== domain;
}

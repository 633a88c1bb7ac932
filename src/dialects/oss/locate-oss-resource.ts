import { isIP } from 'node:net';
import { StorageError } from '../../core/errors.js';
import type { WireRequest } from '../common/wire.js';
import { decodePathPart, invalidUri } from '../common/decode-path-part.js';

export interface OssRouterOptions {
  /**
   * Cairn's own domains (`--domain`): the host itself is path style, `<bucket>.<domain>` virtual-hosted.
   * `*.aliyuncs.com` is always understood, as ali-oss writes it for IP endpoints.
   */
  readonly domains: readonly string[];
}

export interface OssResourceLocation {
  /** Undefined for service-level requests (ListBuckets). */
  readonly bucket: string | undefined;
  /** Percent-decoded exactly once ('+' stays a plus); '' when the request targets the bucket or the service. */
  readonly key: string;
  readonly style: 'path' | 'virtual-hosted';
}

const OSS_DOMAIN = 'aliyuncs.com';

/**
 * Which bucket and key an OSS request names:
 * - a Host starting with '.' has no bucket (ali-oss's listBuckets with an IP endpoint sends
 *   `.oss-cn-hangzhou.aliyuncs.com`): the service;
 * - an IP literal, `localhost`, or one of Cairn's domains: path style, `/bucket/key`;
 * - `<bucket>.<endpoint>.aliyuncs.com` (what ali-oss sends, also for IP endpoints) or `<bucket>.<domain>`:
 *   virtual-hosted, the path is the key; `oss-<region>.aliyuncs.com` alone is the endpoint, path style;
 * - anything else: path style.
 */
export function locateOssResource(req: Pick<WireRequest, 'rawPath' | 'headers'>, options: OssRouterOptions): OssResourceLocation {
  const path = req.rawPath;
  if (!path.startsWith('/')) throw invalidUri(path);
  const host = hostname(req.headers.host);
  if (host.startsWith('.')) return { bucket: undefined, key: '', style: 'virtual-hosted' };
  const bucket = bucketFromHost(host, options.domains);
  if (bucket !== undefined) return { bucket, key: decodePathPart(path.slice(1), path), style: 'virtual-hosted' };
  const rest = path.slice(1);
  const slash = rest.indexOf('/');
  const bucketPart = slash < 0 ? rest : rest.slice(0, slash);
  const keyPart = slash < 0 ? '' : rest.slice(slash + 1);
  if (bucketPart === '') {
    if (keyPart !== '') throw new StorageError('InvalidBucketName', 'The specified bucket is not valid.', { BucketName: '' });
    return { bucket: undefined, key: '', style: 'path' };
  }
  return { bucket: decodePathPart(bucketPart, path), key: decodePathPart(keyPart, path), style: 'path' };
}

/** Whether the Host header names an OSS endpoint (`*.aliyuncs.com`, or ali-oss's bucket-less `.oss-…`). */
export function isOssHost(host: string | undefined): boolean {
  const name = hostname(host);
  return name.startsWith('.') || name === OSS_DOMAIN || name.endsWith(`.${OSS_DOMAIN}`);
}

function bucketFromHost(host: string, domains: readonly string[]): string | undefined {
  if (host === '' || host === 'localhost' || isIP(host.replace(/^\[|\]$/g, '')) !== 0) return undefined;
  if (host.endsWith(`.${OSS_DOMAIN}`)) {
    const rest = host.slice(0, -OSS_DOMAIN.length - 1);
    const dot = rest.indexOf('.');
    return dot <= 0 ? undefined : rest.slice(0, dot);
  }
  let best: string | undefined;
  for (const raw of domains) {
    const domain = raw.trim().toLowerCase().replace(/^\./, '').replace(/:\d+$/, '');
    if (domain === '' || host === domain) continue;
    if (host.endsWith(`.${domain}`)) {
      const candidate = host.slice(0, -domain.length - 1);
      if (best === undefined || candidate.length < best.length) best = candidate;
    }
  }
  return best;
}

function hostname(host: string | undefined): string {
  if (host === undefined) return '';
  const h = host.trim().toLowerCase();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    return end < 0 ? h : h.slice(0, end + 1);
  }
  const colon = h.lastIndexOf(':');
  return (colon < 0 ? h : h.slice(0, colon)).replace(/\.$/, '');
}

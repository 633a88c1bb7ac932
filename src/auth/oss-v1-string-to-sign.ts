import type { OssResource } from './oss-resource.js';

/**
 * The query parameters OSS V1 signs ("sub-resources"): the union of OSS's documented list, oss2's set and
 * the Go SDK v2's extras. Any other `x-oss-*` query parameter is signed too (Go v2's rule). Ordinary
 * parameters (prefix, marker, max-keys, OSSAccessKeyId, Expires, Signature...) are not.
 */
export const ossV1SubResources: ReadonlySet<string> = new Set([
  'acl',
  'uploads',
  'location',
  'cors',
  'logging',
  'website',
  'referer',
  'lifecycle',
  'delete',
  'append',
  'tagging',
  'objectMeta',
  'uploadId',
  'partNumber',
  'security-token',
  'position',
  'img',
  'style',
  'styleName',
  'replication',
  'replicationProgress',
  'replicationLocation',
  'cname',
  'bucketInfo',
  'comp',
  'qos',
  'live',
  'status',
  'vod',
  'startTime',
  'endTime',
  'symlink',
  'x-oss-process',
  'response-content-type',
  'response-content-language',
  'response-expires',
  'response-cache-control',
  'response-content-disposition',
  'response-content-encoding',
  'restore',
  'callback',
  'callback-var',
  'versions',
  'versioning',
  'versionId',
  'policy',
  'requestPayment',
  'x-oss-traffic-limit',
  'qosInfo',
  'asyncFetch',
  'x-oss-request-payer',
  'sequential',
  'inventory',
  'inventoryId',
  'continuation-token',
  'worm',
  'wormId',
  'wormExtend',
  'stat',
  'encryption',
  'transferAcceleration',
  'regionList',
  'cloudboxes',
  'metaQuery',
  'resourceGroup',
  'x-oss-async-process',
  'accessPoint',
  'accessPointPolicy',
  'publicAccessBlock',
]);

export function isOssV1SubResource(name: string): boolean {
  return ossV1SubResources.has(name) || name.startsWith('x-oss-');
}

/**
 * `/`, `/bucket/` or `/bucket/key` (the key decoded, not re-encoded), then `?` and the sub-resources sorted
 * by name, each `name=value` or a bare `name` when its value is empty. `params` are decoded query pairs.
 */
export function ossV1CanonicalResource(resource: OssResource, params: readonly (readonly [string, string])[]): string {
  let base = '/';
  if (resource.bucket !== undefined && resource.bucket !== '') base += `${resource.bucket}/${resource.key ?? ''}`;
  const seen = new Set<string>();
  const subs: [string, string][] = [];
  for (const [name, value] of params) {
    if (!isOssV1SubResource(name) || seen.has(name)) continue;
    seen.add(name);
    subs.push([name, value]);
  }
  if (subs.length === 0) return base;
  subs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return `${base}?${subs.map(([n, v]) => (v === '' ? n : `${n}=${v}`)).join('&')}`;
}

export interface OssV1StringToSignParts {
  readonly method: string;
  /** Lowercase names. */
  readonly headers: Readonly<Record<string, string>>;
  /** x-oss-date or Date for a header signature; the Expires parameter for a presigned URL. */
  readonly date: string;
  readonly resource: string;
}

/** VERB, Content-MD5, Content-Type, date, then every x-oss-* header as `name:value` sorted, then the resource. */
export function ossV1StringToSign(p: OssV1StringToSignParts): string {
  const ossHeaders = Object.keys(p.headers)
    .filter((h) => h.startsWith('x-oss-'))
    .sort()
    .map((h) => `${h}:${(p.headers[h] ?? '').trim()}\n`)
    .join('');
  const md5 = (p.headers['content-md5'] ?? '').trim();
  const type = (p.headers['content-type'] ?? '').trim();
  return `${p.method.toUpperCase()}\n${md5}\n${type}\n${p.date}\n${ossHeaders}${p.resource}`;
}

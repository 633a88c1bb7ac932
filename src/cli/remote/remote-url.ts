import { UsageError } from '../usage-error.js';
import type { Dialect } from './endpoint-settings.js';

/** `s3://bucket/key` or `oss://bucket/key`; key '' names the bucket (or a prefix ending in '/'). */
export interface RemoteUrl {
  readonly dialect: Dialect;
  readonly bucket: string;
  readonly key: string;
}

export function isRemote(arg: string): boolean {
  return /^(s3|oss):\/\//i.test(arg);
}

export function parseRemoteUrl(arg: string, usage?: string): RemoteUrl {
  const m = /^(s3|oss):\/\/([^/]*)\/?(.*)$/is.exec(arg);
  if (m === null) throw new UsageError(`'${arg}' is not an s3:// or oss:// URL`, usage);
  const [, scheme = '', bucket = '', key = ''] = m;
  return { dialect: scheme.toLowerCase() === 'oss' ? 'oss' : 's3', bucket, key };
}

/** A URL that must name a bucket (and may name a key or prefix). */
export function bucketUrl(arg: string, usage?: string): RemoteUrl {
  const u = parseRemoteUrl(arg, usage);
  if (u.bucket === '') throw new UsageError(`'${arg}' names no bucket`, usage);
  return u;
}

/** A URL that must name an object. */
export function objectUrl(arg: string, usage?: string): RemoteUrl {
  const u = bucketUrl(arg, usage);
  if (u.key === '') throw new UsageError(`'${arg}' names no object (s3://bucket/key)`, usage);
  return u;
}

export function formatRemoteUrl(u: Pick<RemoteUrl, 'dialect' | 'bucket' | 'key'>): string {
  return `${u.dialect}://${u.bucket}/${u.key}`;
}

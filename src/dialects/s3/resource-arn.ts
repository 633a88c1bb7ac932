import type { CopySource, S3Endpoint } from './endpoint.js';

/**
 * The resource a request acts on, as policies name it: `arn:aws:s3:::bucket/key` for operations on an
 * object, `arn:aws:s3:::bucket` for operations on a bucket, `arn:aws:s3:::*` for the service (ListBuckets
 * is authorized on every resource, so only a policy granting `*` or `arn:aws:s3:::*` matches it).
 * Keys appear as they are, not URL-encoded, as in Amazon's policies.
 */
export function s3ResourceArn(endpoint: S3Endpoint): string {
  if (!('bucket' in endpoint)) return 'arn:aws:s3:::*';
  if ('key' in endpoint) return `arn:aws:s3:::${endpoint.bucket}/${endpoint.key}`;
  return `arn:aws:s3:::${endpoint.bucket}`;
}

/** The object a CopyObject or UploadPartCopy reads, which needs s3:GetObject too. */
export function copySourceArn(source: CopySource): string {
  return `arn:aws:s3:::${source.bucket}/${source.key}`;
}

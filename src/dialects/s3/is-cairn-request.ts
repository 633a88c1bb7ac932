import type { WireRequest } from '../common/wire.js';
import { safeDecode } from '../common/wire.js';
import { bucketFromHost, type S3RouterOptions } from './locate-s3-resource.js';

/**
 * True for requests Cairn serves for itself (`/_cairn/...`), which are not S3. Bucket names never start
 * with '_', so a path-style `/_cairn` can never be a bucket; on a virtual-hosted bucket the same path
 * is an ordinary key of that bucket.
 */
export function isCairnRequest(req: Pick<WireRequest, 'rawPath' | 'headers'>, options: S3RouterOptions): boolean {
  if (bucketFromHost(req.headers['host'], options.virtualHostDomains) !== undefined) return false;
  const first = req.rawPath.split('/')[1] ?? '';
  return req.rawPath.startsWith('/') && safeDecode(first) === '_cairn';
}

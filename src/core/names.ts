import { StorageError } from './errors.js';
import type { Limits } from './limits.js';

/** Amazon S3's bucket naming rules (general purpose buckets). Names never start with '_'. */
export function validateBucketName(name: string): void {
  const fail = (why: string): never => {
    throw new StorageError('InvalidBucketName', `The specified bucket is not valid. ${why}`, { BucketName: name });
  };
  if (name.length < 3 || name.length > 63) fail('Bucket names must be between 3 and 63 characters long.');
  if (!/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(name))
    fail('Bucket names can consist only of lowercase letters, numbers, dots and hyphens, and must begin and end with a letter or number.');
  if (name.includes('..')) fail('Bucket names must not contain two adjacent periods.');
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) fail('Bucket names must not be formatted as an IP address.');
  for (const p of ['xn--', 'sthree-', 'amzn-s3-demo-']) if (name.startsWith(p)) fail(`Bucket names must not start with '${p}'.`);
  for (const s of ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'])
    if (name.endsWith(s)) fail(`Bucket names must not end with '${s}'.`);
}

/** Object keys are any UTF-8 string of 1..maxKeyBytes bytes; they never become file paths. */
export function validateObjectKey(key: string, limits: Limits): void {
  if (key.length === 0) throw new StorageError('InvalidKey', 'Object keys must not be empty.');
  if (Buffer.byteLength(key, 'utf8') > limits.maxKeyBytes) {
    throw new StorageError('KeyTooLong', 'The key is longer than the limit.', {
      Size: Buffer.byteLength(key, 'utf8'),
      MaxSizeAllowed: limits.maxKeyBytes,
    });
  }
  if (!key.isWellFormed()) throw new StorageError('InvalidKey', 'Object keys must be valid UTF-8.');
}

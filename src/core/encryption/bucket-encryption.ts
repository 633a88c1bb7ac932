import { findBucketConfig } from '../buckets/bucket-config.js';
import type { CoreContext } from '../context.js';
import type { Bucket } from '../types.js';
import { storedEncryptionFor, type EncryptionRequest, type StoredEncryption } from './object-encryption.js';

/** A bucket's default encryption (S3 PutBucketEncryption, OSS PutBucketEncryption): one rule. */
export interface BucketEncryption {
  readonly kind: 'sse-s3' | 'sse-kms';
  readonly kmsKeyId?: string;
  readonly bucketKeyEnabled?: boolean;
}

export async function bucketDefaultEncryption(ctx: CoreContext, bucket: Bucket): Promise<BucketEncryption | undefined> {
  return findBucketConfig<BucketEncryption>(ctx, bucket, 'encryption');
}

/**
 * How a new object or upload will be stored: what the request asked, else the bucket's default, else
 * plaintext. Returns the record to keep with it (and checks that a named KMS key exists).
 */
export async function resolveWriteEncryption(
  ctx: CoreContext,
  bucket: Bucket,
  request: EncryptionRequest | undefined,
): Promise<StoredEncryption | undefined> {
  const effective = request ?? defaultRequest(await bucketDefaultEncryption(ctx, bucket));
  return effective === undefined ? undefined : storedEncryptionFor(ctx, effective);
}

function defaultRequest(rule: BucketEncryption | undefined): EncryptionRequest | undefined {
  if (rule === undefined) return undefined;
  if (rule.kind === 'sse-s3') return { kind: 'sse-s3' };
  return {
    kind: 'sse-kms',
    keyId: rule.kmsKeyId ?? '',
    ...(rule.bucketKeyEnabled === undefined ? {} : { bucketKeyEnabled: rule.bucketKeyEnabled }),
  };
}

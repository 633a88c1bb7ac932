import { findBucketConfig, getBucketConfig, putBucketConfig } from '../../../core/buckets/bucket-config.js';
import type { BucketEncryption } from '../../../core/encryption/bucket-encryption.js';
import { findKmsKey } from '../../../core/encryption/kms-keys.js';
import { StorageError } from '../../../core/errors.js';
import { parseServerSideEncryptionRule, renderServerSideEncryptionRule } from '../xml/bucket-encryption-xml.js';
import { readXmlBody } from '../headers/body-input.js';
import { emptyResponse, requireBucket, xmlResponse, type OssHandlerTable } from './handler-context.js';

const ENCRYPTION_BODY_LIMIT = 64 * 1024;

/** A bucket's default encryption: the same `encryption` document S3's PutBucketEncryption writes. */
export const encryptionHandlers: OssHandlerTable = {
  PutBucketEncryption: async (h) => {
    const bucket = requireBucket(h);
    const config = parseServerSideEncryptionRule(await readXmlBody(h.req.headers, h.body(), ENCRYPTION_BODY_LIMIT, h.req.body));
    if (config.kind === 'sse-kms' && (await findKmsKey(h.ctx, config.kmsKeyId ?? '')) === undefined) {
      throw new StorageError('InvalidArgument', `The KMS key ${config.kmsKeyId ?? ''} does not exist.`, { ArgumentName: 'KMSMasterKeyID' });
    }
    await putBucketConfig(h.ctx, bucket, 'encryption', config);
    return emptyResponse(200);
  },

  GetBucketEncryption: async (h) => {
    const config = await getBucketConfig<BucketEncryption>(h.ctx, requireBucket(h), 'encryption');
    return xmlResponse(200, renderServerSideEncryptionRule(config));
  },

  DeleteBucketEncryption: async (h) => {
    const bucket = requireBucket(h);
    if ((await findBucketConfig(h.ctx, bucket, 'encryption')) !== undefined) await putBucketConfig(h.ctx, bucket, 'encryption', null);
    return emptyResponse(204);
  },
};

import { findBucketConfig, getBucketConfig, putBucketConfig } from '../../../core/buckets/bucket-config.js';
import type { BucketEncryption } from '../../../core/encryption/bucket-encryption.js';
import { findKmsKey } from '../../../core/encryption/kms-keys.js';
import { StorageError } from '../../../core/errors.js';
import { parseServerSideEncryptionConfiguration, renderServerSideEncryptionConfiguration } from '../xml/bucket-encryption-xml.js';
import { emptyResponse, requireBucket, xmlResponse, type S3HandlerTable } from './handler-context.js';
import { readXmlBody } from '../headers/body-input.js';

const ENCRYPTION_BODY_LIMIT = 64 * 1024;

export const encryptionHandlers: S3HandlerTable = {
  PutBucketEncryption: async (h) => {
    const bucket = requireBucket(h);
    const config = parseServerSideEncryptionConfiguration(await readXmlBody(h.req.headers, h.body(), ENCRYPTION_BODY_LIMIT, h.req.body));
    if (config.kind === 'sse-kms' && (await findKmsKey(h.ctx, config.kmsKeyId ?? '')) === undefined) {
      throw new StorageError('InvalidArgument', `Invalid keyId ${config.kmsKeyId ?? ''}`, { ArgumentName: 'KMSMasterKeyID' });
    }
    await putBucketConfig(h.ctx, bucket, 'encryption', config);
    return emptyResponse(200);
  },

  GetBucketEncryption: async (h) => {
    const config = await getBucketConfig<BucketEncryption>(h.ctx, requireBucket(h), 'encryption');
    return xmlResponse(200, renderServerSideEncryptionConfiguration(config));
  },

  DeleteBucketEncryption: async (h) => {
    const bucket = requireBucket(h);
    if ((await findBucketConfig(h.ctx, bucket, 'encryption')) !== undefined) await putBucketConfig(h.ctx, bucket, 'encryption', null);
    return emptyResponse(204);
  },
};

import { findBucketConfig, getBucketConfig, putBucketConfig } from '../../../core/buckets/bucket-config.js';
import { StorageError } from '../../../core/errors.js';
import type { LifecycleConfiguration } from '../../../core/lifecycle/lifecycle-rules.js';
import { parseLifecycleConfiguration } from '../xml/parse-lifecycle-configuration.js';
import { renderLifecycleConfiguration } from '../xml/render-lifecycle-configuration.js';
import { readXmlBody } from '../headers/body-input.js';
import { emptyResponse, requireBucket, xmlResponse, type S3HandlerTable } from './handler-context.js';

/** Up to 1,000 rules, each a few hundred bytes. */
const LIFECYCLE_BODY_LIMIT = 2 * 1024 * 1024;

export const lifecycleHandlers: S3HandlerTable = {
  PutBucketLifecycleConfiguration: async (h) => {
    const bucket = requireBucket(h);
    // S3 requires an integrity check on this body: Content-MD5 or a flexible checksum.
    const headers = h.req.headers;
    const hasChecksum =
      headers['content-md5'] !== undefined ||
      Object.keys(headers).some(
        (k) => k.startsWith('x-amz-checksum-') && k !== 'x-amz-checksum-algorithm' && k !== 'x-amz-checksum-type',
      ) ||
      /x-amz-checksum-/i.test(headers['x-amz-trailer'] ?? '');
    if (!hasChecksum) throw new StorageError('InvalidRequest', 'Missing required header for this request: Content-MD5');
    const config = parseLifecycleConfiguration(await readXmlBody(h.req.headers, h.body(), LIFECYCLE_BODY_LIMIT, h.req.body));
    await putBucketConfig(h.ctx, bucket, 'lifecycle', config);
    return emptyResponse(200);
  },

  GetBucketLifecycleConfiguration: async (h) => {
    const config = await getBucketConfig<LifecycleConfiguration>(h.ctx, requireBucket(h), 'lifecycle');
    return xmlResponse(200, renderLifecycleConfiguration(config));
  },

  DeleteBucketLifecycle: async (h) => {
    const bucket = requireBucket(h);
    if ((await findBucketConfig(h.ctx, bucket, 'lifecycle')) !== undefined) await putBucketConfig(h.ctx, bucket, 'lifecycle', null);
    return emptyResponse(204);
  },
};

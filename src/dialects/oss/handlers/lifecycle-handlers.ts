import { getBucketConfig, putBucketConfig } from '../../../core/buckets/bucket-config.js';
import type { LifecycleConfiguration } from '../../../core/lifecycle/lifecycle-rules.js';
import { parseOssLifecycle, renderOssLifecycle } from '../xml/lifecycle-xml.js';
import { readXmlBody } from '../headers/body-input.js';
import { emptyResponse, requireBucket, xmlResponse, type OssHandlerTable } from './handler-context.js';

/** 1000 rules with long prefixes and tags stay well below this. */
const LIFECYCLE_BODY_LIMIT = 2 * 1024 * 1024;

/** Lifecycle rules are stored as the core's model, the same document S3's lifecycle configuration uses. */
export const lifecycleHandlers: OssHandlerTable = {
  PutBucketLifecycle: async (h) => {
    const bucket = requireBucket(h);
    const config = parseOssLifecycle(await readXmlBody(h.req.headers, h.body(), LIFECYCLE_BODY_LIMIT, h.req.body));
    await putBucketConfig(h.ctx, bucket, 'lifecycle', config);
    return emptyResponse(200);
  },

  GetBucketLifecycle: async (h) => {
    const config = await getBucketConfig<LifecycleConfiguration>(h.ctx, requireBucket(h), 'lifecycle');
    return xmlResponse(200, renderOssLifecycle(config));
  },

  DeleteBucketLifecycle: async (h) => {
    await putBucketConfig(h.ctx, requireBucket(h), 'lifecycle', null);
    return emptyResponse(204);
  },
};

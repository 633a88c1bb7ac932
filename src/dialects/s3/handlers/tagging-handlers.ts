import { deleteBucketTagging, getBucketTagging, putBucketTagging } from '../../../core/buckets/bucket-tagging.js';
import { deleteObjectTagging, getObjectTagging, putObjectTagging } from '../../../core/objects/object-tagging.js';
import { parseVersionId, versionIdHeader } from '../headers/version-headers.js';
import { parseTagging } from '../xml/request-xml.js';
import { renderTagging } from '../xml/response-xml.js';
import { emptyResponse, requireBucket, xmlResponse, type S3HandlerTable } from './handler-context.js';
import { readXmlBody } from '../headers/body-input.js';

const TAGGING_BODY_LIMIT = 64 * 1024;

export const taggingHandlers: S3HandlerTable = {
  GetObjectTagging: async (h, e) => {
    const bucket = requireBucket(h);
    const version = await getObjectTagging(h.ctx, bucket, e.key, parseVersionId(e.versionId));
    return xmlResponse(200, renderTagging(version.tags), versionIdHeader(bucket, version.versionId));
  },

  PutObjectTagging: async (h, e) => {
    const bucket = requireBucket(h);
    const tags = parseTagging(await readXmlBody(h.req.headers, h.body(), TAGGING_BODY_LIMIT, h.req.body));
    const version = await putObjectTagging(h.ctx, bucket, e.key, parseVersionId(e.versionId), tags);
    return emptyResponse(200, versionIdHeader(bucket, version.versionId));
  },

  DeleteObjectTagging: async (h, e) => {
    const bucket = requireBucket(h);
    const version = await deleteObjectTagging(h.ctx, bucket, e.key, parseVersionId(e.versionId));
    return emptyResponse(204, versionIdHeader(bucket, version.versionId));
  },

  GetBucketTagging: async (h) => xmlResponse(200, renderTagging(await getBucketTagging(h.ctx, requireBucket(h)))),

  PutBucketTagging: async (h) => {
    const bucket = requireBucket(h);
    await putBucketTagging(h.ctx, bucket, parseTagging(await readXmlBody(h.req.headers, h.body(), TAGGING_BODY_LIMIT, h.req.body)));
    return emptyResponse(204);
  },

  DeleteBucketTagging: async (h) => {
    await deleteBucketTagging(h.ctx, requireBucket(h));
    return emptyResponse(204);
  },
};

import { isStorageError } from '../../../core/errors.js';
import { deleteBucketTagging, getBucketTagging, putBucketTagging } from '../../../core/buckets/bucket-tagging.js';
import { bucketVersioning, putBucketVersioning } from '../../../core/buckets/bucket-versioning.js';
import { deleteObjectTagging, getObjectTagging, putObjectTagging } from '../../../core/objects/object-tagging.js';
import { listObjectVersions } from '../../../core/versions/list-object-versions.js';
import { ossVersionHeader, parseOssVersionId } from '../headers/version-headers.js';
import {
  parseOssTagging,
  parseOssVersioning,
  renderOssListVersions,
  renderOssTagging,
  renderOssVersioning,
} from '../xml/versioning-xml.js';
import { readXmlBody } from '../headers/body-input.js';
import { emptyResponse, requireBucket, xmlResponse, type OssHandlerTable } from './handler-context.js';

const CONFIG_BODY_LIMIT = 64 * 1024;

/** OSS versioning and tagging on the same core as S3's: a version written through one dialect is read through the other. */
export const versioningHandlers: OssHandlerTable = {
  PutBucketVersioning: async (h) => {
    const bucket = requireBucket(h);
    const state = parseOssVersioning(await readXmlBody(h.req.headers, h.body(), CONFIG_BODY_LIMIT, h.req.body));
    await putBucketVersioning(h.ctx, bucket, { state });
    return emptyResponse(200);
  },

  GetBucketVersioning: async (h) => xmlResponse(200, renderOssVersioning(bucketVersioning(requireBucket(h)))),

  ListObjectVersions: async (h, e) => {
    const bucket = requireBucket(h);
    const page = await listObjectVersions(h.ctx, {
      bucket,
      prefix: e.prefix,
      ...(e.delimiter === undefined ? {} : { delimiter: e.delimiter }),
      ...(e.keyMarker === undefined ? {} : { keyMarker: e.keyMarker }),
      ...(e.versionIdMarker === undefined ? {} : { versionIdMarker: e.versionIdMarker }),
      maxKeys: e.maxKeys,
    });
    return xmlResponse(
      200,
      renderOssListVersions({
        bucket: bucket.name,
        prefix: e.prefix,
        keyMarker: e.keyMarker ?? '',
        versionIdMarker: e.versionIdMarker ?? '',
        maxKeys: e.maxKeys,
        delimiter: e.delimiter ?? '',
        isTruncated: page.isTruncated,
        ...(page.nextKeyMarker === undefined ? {} : { nextKeyMarker: page.nextKeyMarker }),
        ...(page.nextVersionIdMarker === undefined ? {} : { nextVersionIdMarker: page.nextVersionIdMarker }),
        ...(e.encodingType === undefined ? {} : { encodingType: e.encodingType }),
        versions: page.versions,
        commonPrefixes: page.commonPrefixes,
        owner: await h.owner(bucket.accountId),
      }),
    );
  },

  PutObjectTagging: async (h, e) => {
    const bucket = requireBucket(h);
    const tags = parseOssTagging(await readXmlBody(h.req.headers, h.body(), CONFIG_BODY_LIMIT, h.req.body));
    const version = await putObjectTagging(h.ctx, bucket, e.key, parseOssVersionId(e.versionId), tags);
    return emptyResponse(200, ossVersionHeader(bucket, version.versionId));
  },

  GetObjectTagging: async (h, e) => {
    const bucket = requireBucket(h);
    const version = await getObjectTagging(h.ctx, bucket, e.key, parseOssVersionId(e.versionId));
    return xmlResponse(200, renderOssTagging(version.tags), ossVersionHeader(bucket, version.versionId));
  },

  DeleteObjectTagging: async (h, e) => {
    const bucket = requireBucket(h);
    const version = await deleteObjectTagging(h.ctx, bucket, e.key, parseOssVersionId(e.versionId));
    return emptyResponse(204, ossVersionHeader(bucket, version.versionId));
  },

  PutBucketTags: async (h) => {
    const bucket = requireBucket(h);
    await putBucketTagging(h.ctx, bucket, parseOssTagging(await readXmlBody(h.req.headers, h.body(), CONFIG_BODY_LIMIT, h.req.body)));
    return emptyResponse(200);
  },

  GetBucketTags: async (h) => {
    const bucket = requireBucket(h);
    // OSS answers an empty TagSet for a bucket that has none.
    const tags = await getBucketTagging(h.ctx, bucket).catch((error: unknown) => {
      if (isStorageError(error, 'NoSuchConfiguration')) return [];
      throw error;
    });
    return xmlResponse(200, renderOssTagging(tags));
  },

  DeleteBucketTags: async (h) => {
    await deleteBucketTagging(h.ctx, requireBucket(h));
    return emptyResponse(204);
  },
};

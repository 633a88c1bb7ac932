import { createBucket } from '../../../core/buckets/create-bucket.js';
import { listBuckets } from '../../../core/buckets/list-buckets.js';
import { deleteBucket } from '../../../core/buckets/delete-bucket.js';
import { StorageError } from '../../../core/errors.js';
import { parseCreateBucketConfiguration } from '../xml/request-xml.js';
import { renderBucketInfo, renderListBuckets, renderLocation } from '../xml/response-xml.js';
import { ossStorageClassName, parseOssStorageClass } from '../headers/storage-class.js';
import { readXmlBody } from '../headers/body-input.js';
import { emptyResponse, requireBucket, xmlResponse, type OssHandlerContext, type OssHandlerTable } from './handler-context.js';
import { refusePublicAcl } from './unsupported-headers.js';

/** OSS's bucket names: 3-63 of lower-case letters, digits and hyphens, starting and ending with a letter or digit. */
const OSS_BUCKET_NAME = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

export const bucketHandlers: OssHandlerTable = {
  ListBuckets: async (h, e) => {
    const all = await listBuckets(h.ctx, 's3', h.principal.accountId);
    const prefix = e.prefix ?? '';
    const matching = all.filter((b) => b.name.startsWith(prefix) && (e.marker === undefined || b.name > e.marker));
    const page = e.maxKeys === undefined ? matching : matching.slice(0, e.maxKeys);
    const truncated = page.length < matching.length;
    return xmlResponse(
      200,
      renderListBuckets({
        owner: await h.owner(h.principal.accountId),
        buckets: page.map((b) => ({ name: b.name, createdAt: b.createdAt, storageClass: ossStorageClassName(b.storageClass) })),
        names: h.names,
        ...(e.prefix === undefined ? {} : { prefix: e.prefix }),
        ...(e.marker === undefined ? {} : { marker: e.marker }),
        ...(e.maxKeys === undefined ? {} : { maxKeys: e.maxKeys }),
        isTruncated: truncated,
        ...(truncated && page.length > 0 ? { nextMarker: page[page.length - 1]!.name } : {}),
      }),
    );
  },

  PutBucket: async (h, e) => {
    if (!OSS_BUCKET_NAME.test(e.bucket)) {
      throw new StorageError(
        'InvalidBucketName',
        'The specified bucket is not valid: use 3 to 63 lower-case letters, digits and hyphens, starting and ending with a letter or digit.',
        { BucketName: e.bucket },
      );
    }
    refusePublicAcl(h.req.headers, 'x-oss-acl');
    const config = parseCreateBucketConfiguration(await readXmlBody(h.req.headers, h.body(), 64 * 1024, h.req.body));
    const storageClass = config.storageClass ?? parseOssStorageClass(h.req.headers['x-oss-storage-class']);
    await createBucket(h.ctx, {
      principal: h.principal,
      namespace: 's3',
      name: e.bucket,
      region: h.bucketRegion,
      ...(storageClass === undefined ? {} : { storageClass }),
    });
    return emptyResponse(200, { location: `/${e.bucket}` });
  },

  DeleteBucket: async (h) => {
    await deleteBucket(h.ctx, requireBucket(h));
    return emptyResponse(204);
  },

  GetBucketInfo: async (h) => {
    const bucket = requireBucket(h);
    return xmlResponse(
      200,
      renderBucketInfo({
        bucket: { name: bucket.name, createdAt: bucket.createdAt, storageClass: ossStorageClassName(bucket.storageClass) },
        owner: await h.owner(bucket.accountId),
        names: h.names,
      }),
    );
  },

  GetBucketLocation: async (h: OssHandlerContext) => {
    requireBucket(h);
    return xmlResponse(200, renderLocation(h.names.location));
  },
};

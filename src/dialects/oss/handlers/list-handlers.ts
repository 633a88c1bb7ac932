import { decodeContinuationToken, encodeContinuationToken } from '../../common/continuation-token.js';
import { listObjects } from '../../../core/objects/list-objects.js';
import type { ObjectRecord } from '../../../core/types.js';
import { listUploads } from '../../../core/uploads/list-uploads.js';
import { ossObjectType } from '../headers/object-headers.js';
import {
  renderListMultipartUploads,
  renderListObjects,
  renderListObjectsV2,
  type ListedObject,
  type OssOwner,
} from '../xml/response-xml.js';
import { ossStorageClassName } from '../headers/storage-class.js';
import { requireBucket, xmlResponse, type OssHandlerTable } from './handler-context.js';

export const listHandlers: OssHandlerTable = {
  ListObjects: async (h, e) => {
    const bucket = requireBucket(h);
    const page = await listObjects(h.ctx, {
      bucket,
      prefix: e.prefix,
      ...(e.delimiter === undefined ? {} : { delimiter: e.delimiter }),
      ...(e.marker === undefined ? {} : { after: e.marker }),
      maxKeys: e.maxKeys,
    });
    const owner = await h.owner(bucket.accountId);
    return xmlResponse(
      200,
      renderListObjects({
        bucket: bucket.name,
        prefix: e.prefix,
        marker: e.marker ?? '',
        maxKeys: e.maxKeys,
        delimiter: e.delimiter ?? '',
        isTruncated: page.isTruncated,
        ...(page.isTruncated && page.last !== undefined ? { nextMarker: page.last } : {}),
        ...(e.encodingType === undefined ? {} : { encodingType: e.encodingType }),
        objects: page.objects.map((o) => listed(o, owner)),
        commonPrefixes: page.commonPrefixes,
      }),
    );
  },

  ListObjectsV2: async (h, e) => {
    const bucket = requireBucket(h);
    const after =
      e.continuationToken !== undefined
        ? decodeContinuationToken(e.continuationToken, 'The continuation token provided is incorrect.')
        : e.startAfter;
    const page = await listObjects(h.ctx, {
      bucket,
      prefix: e.prefix,
      ...(e.delimiter === undefined ? {} : { delimiter: e.delimiter }),
      ...(after === undefined ? {} : { after }),
      maxKeys: e.maxKeys,
    });
    const owner = e.fetchOwner ? await h.owner(bucket.accountId) : undefined;
    return xmlResponse(
      200,
      renderListObjectsV2({
        bucket: bucket.name,
        prefix: e.prefix,
        maxKeys: e.maxKeys,
        delimiter: e.delimiter ?? '',
        ...(e.startAfter === undefined ? {} : { startAfter: e.startAfter }),
        ...(e.continuationToken === undefined ? {} : { continuationToken: e.continuationToken }),
        ...(page.isTruncated && page.last !== undefined ? { nextContinuationToken: encodeContinuationToken(page.last) } : {}),
        isTruncated: page.isTruncated,
        ...(e.encodingType === undefined ? {} : { encodingType: e.encodingType }),
        objects: page.objects.map((o) => listed(o, owner)),
        commonPrefixes: page.commonPrefixes,
      }),
    );
  },

  ListMultipartUploads: async (h, e) => {
    const bucket = requireBucket(h);
    const page = await listUploads(h.ctx, {
      bucket,
      prefix: e.prefix,
      ...(e.delimiter === undefined ? {} : { delimiter: e.delimiter }),
      ...(e.keyMarker === undefined ? {} : { keyMarker: e.keyMarker }),
      ...(e.uploadIdMarker === undefined ? {} : { uploadIdMarker: e.uploadIdMarker }),
      maxUploads: e.maxUploads,
    });
    return xmlResponse(
      200,
      renderListMultipartUploads({
        bucket: bucket.name,
        keyMarker: e.keyMarker ?? '',
        uploadIdMarker: e.keyMarker === undefined ? '' : (e.uploadIdMarker ?? ''),
        nextKeyMarker: page.nextKeyMarker ?? '',
        nextUploadIdMarker: page.nextUploadIdMarker ?? '',
        delimiter: e.delimiter ?? '',
        prefix: e.prefix,
        maxUploads: e.maxUploads,
        isTruncated: page.isTruncated,
        ...(e.encodingType === undefined ? {} : { encodingType: e.encodingType }),
        uploads: page.uploads.map((u) => ({
          key: u.key,
          uploadId: u.id,
          initiated: u.initiatedAt,
          storageClass: ossStorageClassName(u.attributes.storageClass),
        })),
        commonPrefixes: page.commonPrefixes,
      }),
    );
  },
};

function listed(o: ObjectRecord, owner: OssOwner | undefined): ListedObject {
  return {
    key: o.key,
    lastModified: o.lastModified,
    etag: o.etag,
    type: ossObjectType(o),
    size: o.size,
    storageClass: ossStorageClassName(o.attributes.storageClass),
    ...(owner === undefined ? {} : { owner }),
  };
}

import { listObjects } from '../../../core/objects/list-objects.js';
import type { ObjectRecord } from '../../../core/types.js';
import { decodeContinuationToken, encodeContinuationToken } from '../../common/continuation-token.js';
import { s3StorageClassName } from '../headers/storage-class.js';
import type { ListedObject } from '../xml/listed-object.js';
import type { S3Owner } from '../xml/response-elements.js';
import { listObjectVersions } from '../../../core/versions/list-object-versions.js';
import { renderListObjectVersions, renderListObjects, renderListObjectsV2 } from '../xml/response-xml.js';
import { requireBucket, xmlResponse, type S3HandlerTable } from './handler-context.js';

function listed(o: ObjectRecord, owner?: S3Owner): ListedObject {
  return {
    key: o.key,
    lastModified: o.lastModified,
    etag: o.etag,
    size: o.size,
    storageClass: s3StorageClassName(o.attributes.storageClass),
    ...(owner === undefined ? {} : { owner }),
    ...(o.checksum === null ? {} : { checksumAlgorithm: o.checksum.algorithm, checksumType: o.checksum.type }),
  };
}

export const listHandlers: S3HandlerTable = {
  ListObjects: async (h, e) => {
    const bucket = requireBucket(h);
    const page = await listObjects(h.ctx, {
      bucket,
      prefix: e.prefix,
      ...(e.delimiter === undefined ? {} : { delimiter: e.delimiter }),
      ...(e.marker === undefined || e.marker === '' ? {} : { after: e.marker }),
      maxKeys: e.maxKeys,
    });
    const owner = await h.owner(bucket.accountId);
    return xmlResponse(
      200,
      renderListObjects({
        bucket: bucket.name,
        prefix: e.prefix,
        ...(e.delimiter === undefined ? {} : { delimiter: e.delimiter }),
        ...(e.marker === undefined ? {} : { marker: e.marker }),
        ...(page.isTruncated && e.delimiter !== undefined && page.last !== undefined ? { nextMarker: page.last } : {}),
        maxKeys: e.maxKeys,
        isTruncated: page.isTruncated,
        ...(e.encodingType === undefined ? {} : { encodingType: e.encodingType }),
        objects: page.objects.map((o) => listed(o, owner)),
        commonPrefixes: page.commonPrefixes,
      }),
    );
  },

  ListObjectsV2: async (h, e) => {
    const bucket = requireBucket(h);
    const after =
      e.continuationToken !== undefined && e.continuationToken !== '' ? decodeContinuationToken(e.continuationToken) : e.startAfter;
    const page = await listObjects(h.ctx, {
      bucket,
      prefix: e.prefix,
      ...(e.delimiter === undefined ? {} : { delimiter: e.delimiter }),
      ...(after === undefined || after === '' ? {} : { after }),
      maxKeys: e.maxKeys,
    });
    const owner = e.fetchOwner ? await h.owner(bucket.accountId) : undefined;
    return xmlResponse(
      200,
      renderListObjectsV2({
        bucket: bucket.name,
        prefix: e.prefix,
        ...(e.delimiter === undefined ? {} : { delimiter: e.delimiter }),
        maxKeys: e.maxKeys,
        isTruncated: page.isTruncated,
        ...(e.continuationToken === undefined ? {} : { continuationToken: e.continuationToken }),
        ...(page.isTruncated && page.last !== undefined ? { nextContinuationToken: encodeContinuationToken(page.last) } : {}),
        ...(e.startAfter === undefined ? {} : { startAfter: e.startAfter }),
        ...(e.encodingType === undefined ? {} : { encodingType: e.encodingType }),
        fetchOwner: e.fetchOwner,
        objects: page.objects.map((o) => listed(o, owner)),
        commonPrefixes: page.commonPrefixes,
      }),
    );
  },

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
    const owner = await h.owner(bucket.accountId);
    return xmlResponse(
      200,
      renderListObjectVersions({
        bucket: bucket.name,
        prefix: e.prefix,
        ...(e.delimiter === undefined ? {} : { delimiter: e.delimiter }),
        ...(e.keyMarker === undefined ? {} : { keyMarker: e.keyMarker }),
        ...(e.versionIdMarker === undefined ? {} : { versionIdMarker: e.versionIdMarker }),
        ...(page.nextKeyMarker === undefined ? {} : { nextKeyMarker: page.nextKeyMarker }),
        ...(page.nextVersionIdMarker === undefined ? {} : { nextVersionIdMarker: page.nextVersionIdMarker }),
        maxKeys: e.maxKeys,
        isTruncated: page.isTruncated,
        ...(e.encodingType === undefined ? {} : { encodingType: e.encodingType }),
        versions: page.versions.map((v) => ({
          ...listed(v, owner),
          versionId: v.versionId ?? 'null',
          isLatest: v.isLatest,
          deleteMarker: v.deleteMarker,
        })),
        commonPrefixes: page.commonPrefixes,
      }),
    );
  },
};

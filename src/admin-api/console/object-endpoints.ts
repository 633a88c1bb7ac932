import { deleteObject } from '../../core/objects/delete-object.js';
import { listObjects } from '../../core/objects/list-objects.js';
import { readObject } from '../../core/objects/read-object.js';
import { hexToBase64 } from '../../core/checksums/encoding.js';
import { StorageError } from '../../core/errors.js';
import type { ObjectRecord } from '../../core/types.js';
import { iso, json, routeBucket, type ConsoleCall, type ConsoleEndpoint } from './console-call.js';
import { decodeToken, encodeToken, queryInteger, queryText } from './console-input.js';

const isAfterToken = (v: unknown): v is { after: string } =>
  typeof v === 'object' && v !== null && typeof (v as { after?: unknown }).after === 'string';

function requiredKey(call: ConsoleCall): string {
  const key = queryText(call.query('key'), 'key', 1024);
  if (key === undefined || key === '') throw new StorageError('MissingParameter', 'key: is required', { ArgumentName: 'key' });
  return key;
}

/** One page of a folder: keys under `prefix`, with deeper keys rolled up into folders at `/`. */
export const listObjectsEndpoint: ConsoleEndpoint = async (call) => {
  const bucket = await routeBucket(call, 's3:ListBucket');
  const prefix = queryText(call.query('prefix'), 'prefix', 1024) ?? '';
  const flat = call.query('flat') === 'true';
  const limit = queryInteger(call.query('limit'), 'limit', 1, 1000, 100);
  const token = decodeToken(call.query('pageToken'), isAfterToken);
  const page = await listObjects(call.deps.ctx, {
    bucket,
    prefix,
    ...(flat ? {} : { delimiter: '/' }),
    ...(token === undefined ? {} : { after: token.after }),
    maxKeys: limit,
  });
  return json(200, {
    bucket: bucket.name,
    prefix,
    folders: page.commonPrefixes,
    objects: page.objects.map((o) => ({
      key: o.key,
      size: o.size,
      etag: o.etag,
      lastModified: iso(o.lastModified),
      storageClass: o.attributes.storageClass,
    })),
    ...(page.isTruncated && page.last !== undefined ? { nextPageToken: encodeToken({ after: page.last }) } : {}),
  });
};

export const objectDetailsEndpoint: ConsoleEndpoint = async (call) => {
  const key = requiredKey(call);
  const bucket = await routeBucket(call, 's3:GetObject', key);
  const { object } = await readObject(call.deps.ctx, { bucket, key });
  return json(200, { object: detailsJson(object) });
};

/**
 * The object's bytes as a download. Always an attachment of type application/octet-stream, so that no
 * stored content is ever rendered in the console's origin.
 */
export const downloadObjectEndpoint: ConsoleEndpoint = async (call) => {
  const key = requiredKey(call);
  const bucket = await routeBucket(call, 's3:GetObject', key);
  const read = await readObject(call.deps.ctx, { bucket, key });
  const name = key.slice(key.lastIndexOf('/') + 1) || 'download';
  return {
    status: 200,
    headers: {
      'content-type': 'application/octet-stream',
      'content-length': String(read.object.size),
      'content-disposition': `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      etag: `"${read.object.etag}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
    },
    body: read.body(),
  };
};

export const deleteObjectEndpoint: ConsoleEndpoint = async (call) => {
  const key = requiredKey(call);
  const bucket = await routeBucket(call, 's3:DeleteObject', key);
  const removed = await deleteObject(call.deps.ctx, bucket, key);
  return json(200, { deleted: removed !== undefined, key });
};

function detailsJson(o: ObjectRecord) {
  const a = o.attributes;
  return {
    key: o.key,
    size: o.size,
    etag: o.etag,
    lastModified: iso(o.lastModified),
    partsCount: o.partsCount,
    storageClass: a.storageClass,
    contentType: a.contentType ?? null,
    contentEncoding: a.contentEncoding ?? null,
    cacheControl: a.cacheControl ?? null,
    contentDisposition: a.contentDisposition ?? null,
    metadata: a.userMetadata,
    checksum: o.checksum === null ? null : { algorithm: o.checksum.algorithm, type: o.checksum.type, value: o.checksum.value },
    checksums: checksumsOf(o.digests),
  };
}

/** The whole-object digests known without reading the object, base64 as S3 shows them. */
export function checksumsOf(digests: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ['crc32', 'crc32c', 'crc64nvme', 'sha1', 'sha256'] as const) {
    const hex = digests[name];
    if (hex !== undefined) out[name] = hexToBase64(hex);
  }
  return out;
}

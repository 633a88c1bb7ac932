import { StorageError, isStorageError } from '../../core/errors.js';
import type { Bucket, UploadRecord } from '../../core/types.js';
import { abortUpload } from '../../core/uploads/abort-upload.js';
import { findActiveUpload, findUpload } from '../../core/uploads/find-upload.js';
import { listParts } from '../../core/uploads/list-parts.js';
import { countUploads, pageUploads, type UploadPageEntry } from '../../core/uploads/page-uploads.js';
import type { UploadSort } from '../../core/ports/metadata-store.js';
import { findBucket } from '../../core/buckets/find-bucket.js';
import { iso, json, may, requireMay, routeBucket, type ConsoleCall, type ConsoleEndpoint } from './console-call.js';
import { ConsoleError } from './console-errors.js';
import {
  bodyObject,
  decodeToken,
  encodeToken,
  optionalString,
  queryInteger,
  queryOneOf,
  queryText,
  requiredArray,
} from './console-input.js';
import { checksumsOf } from './object-endpoints.js';
import type { AbortJob } from './abort-jobs.js';

interface UploadsToken {
  readonly v: number;
  readonly id: string;
  readonly asOf: number;
  readonly sort: UploadSort;
  readonly order: 'asc' | 'desc';
  readonly prefix: string;
}

const isUploadsToken = (t: unknown): t is UploadsToken => {
  const o = t as Partial<UploadsToken> | null;
  return (
    typeof o === 'object' &&
    o !== null &&
    typeof o.v === 'number' &&
    typeof o.id === 'string' &&
    typeof o.asOf === 'number' &&
    (o.sort === 'initiated' || o.sort === 'size' || o.sort === 'cost') &&
    (o.order === 'asc' || o.order === 'desc') &&
    typeof o.prefix === 'string'
  );
};

/**
 * Part Management: one page of the bucket's incomplete uploads, sorted on the server by initiation
 * (age), size or cost so far, with what each has cost from the usage ledger's prices, and whether the
 * principal may delete it.
 */
export const listUploadsEndpoint: ConsoleEndpoint = async (call) => {
  const bucket = await routeBucket(call, 's3:ListBucketMultipartUploads');
  const prefix = queryText(call.query('prefix'), 'prefix', 1024) ?? '';
  const sort = queryOneOf(call.query('sort'), 'sort', ['initiated', 'size', 'cost'] as const, 'initiated');
  const order = queryOneOf(call.query('order'), 'order', ['asc', 'desc'] as const, sort === 'initiated' ? 'asc' : 'desc');
  const limit = queryInteger(call.query('limit'), 'limit', 1, 500, 50);
  const token = decodeToken(call.query('pageToken'), isUploadsToken);
  if (token !== undefined && (token.sort !== sort || token.order !== order || token.prefix !== prefix)) {
    throw new StorageError('InvalidArgument', 'pageToken: belongs to a listing with another sort, order or prefix', {
      ArgumentName: 'pageToken',
    });
  }
  const page = await pageUploads(call.deps.ctx, {
    bucket,
    prefix,
    sort,
    descending: order === 'desc',
    ...(token === undefined ? {} : { after: { value: token.v, uploadId: token.id, asOf: token.asOf } }),
    limit,
    prices: call.deps.prices,
  });
  const total = await countUploads(call.deps.ctx, bucket, prefix);
  const uploads = await Promise.all(
    page.uploads.map(async (e) => uploadJson(e, await may(call, 's3:AbortMultipartUpload', bucket, e.upload.key))),
  );
  return json(200, {
    bucket: bucket.name,
    asOf: iso(page.asOf),
    currency: call.deps.prices.currency,
    prefix,
    sort,
    order,
    total,
    bucketTotals: { uploads: bucket.counters.uploads, parts: bucket.counters.parts, bytes: bucket.counters.partBytes },
    uploads,
    ...(page.next === undefined
      ? {}
      : {
          nextPageToken: encodeToken({
            v: page.next.value,
            id: page.next.uploadId,
            asOf: page.next.asOf,
            sort,
            order,
            prefix,
          } satisfies UploadsToken),
        }),
  });
};

function uploadJson(e: UploadPageEntry, mayAbort: boolean) {
  const u = e.upload;
  return {
    key: u.key,
    uploadId: u.id,
    initiated: iso(u.initiatedAt),
    partCount: u.partCount,
    bytes: u.bytes,
    storageClass: u.attributes.storageClass,
    byteHoursSoFar: e.byteHoursSoFar,
    costSoFar: e.costSoFar,
    initiator: { accountId: u.initiator.accountId, userName: u.initiator.userName },
    mayAbort,
  };
}

async function activeUpload(call: ConsoleCall, bucket: Bucket): Promise<UploadRecord> {
  return findActiveUpload(call.deps.ctx, bucket, undefined, call.params.uploadId ?? '');
}

async function bucketOf(call: ConsoleCall): Promise<Bucket> {
  return findBucket(call.deps.ctx, 's3', call.params.bucket ?? '');
}

/** Drill-down: one upload's parts (number, size, ETag, checksums, uploaded at). */
export const listPartsEndpoint: ConsoleEndpoint = async (call) => {
  const bucket = await bucketOf(call);
  const upload = await activeUpload(call, bucket);
  await requireMay(call, 's3:ListMultipartUploadParts', bucket, upload.key);
  const page = await listParts(call.deps.ctx, {
    bucket,
    key: upload.key,
    uploadId: upload.id,
    partNumberMarker: queryInteger(call.query('after'), 'after', 0, 10_000, 0),
    maxParts: queryInteger(call.query('limit'), 'limit', 1, 1000, 100),
  });
  return json(200, {
    upload: { key: upload.key, uploadId: upload.id, initiated: iso(upload.initiatedAt), partCount: upload.partCount, bytes: upload.bytes },
    parts: page.parts.map((p) => ({
      partNumber: p.partNumber,
      size: p.size,
      etag: p.etag,
      checksums: checksumsOf(p.digests),
      uploaded: iso(p.lastModified),
    })),
    ...(page.isTruncated ? { nextAfter: page.nextPartNumberMarker } : {}),
  });
};

/** Delete in one row's Actions column: aborts the upload and frees every byte of its parts. */
export const deleteUploadEndpoint: ConsoleEndpoint = async (call) => {
  const bucket = await bucketOf(call);
  const upload = await activeUpload(call, bucket);
  await requireMay(call, 's3:AbortMultipartUpload', bucket, upload.key);
  await abortUpload(call.deps.ctx, bucket, upload.key, upload.id);
  return json(200, { aborted: 1, parts: upload.partCount, bytes: upload.bytes });
};

/** Delete of the selected rows: each is authorized and aborted on its own; the answer says what became of each. */
export const deleteUploadsEndpoint: ConsoleEndpoint = async (call) => {
  const body = bodyObject(await call.body(), ['uploadIds']);
  const ids = requiredArray(body, 'uploadIds', 1, 1000).map((id, i) => {
    if (typeof id !== 'string' || id.length === 0 || id.length > 256)
      throw new StorageError('InvalidArgument', `uploadIds[${i}]: must be an upload id`, { ArgumentName: 'uploadIds' });
    return id;
  });
  const bucket = await bucketOf(call);
  const results = [];
  let aborted = 0;
  let parts = 0;
  let bytes = 0;
  for (const uploadId of new Set(ids)) {
    const upload = await findUpload(call.deps.ctx, bucket, undefined, uploadId);
    if (upload?.state !== 'active') {
      results.push({ uploadId, outcome: 'not-found' });
      continue;
    }
    if (!(await may(call, 's3:AbortMultipartUpload', bucket, upload.key))) {
      results.push({ uploadId, outcome: 'denied' });
      continue;
    }
    try {
      await abortUpload(call.deps.ctx, bucket, upload.key, upload.id);
    } catch (error) {
      if (!isStorageError(error, 'NoSuchUpload')) throw error;
      results.push({ uploadId, outcome: 'not-found' });
      continue;
    }
    aborted++;
    parts += upload.partCount;
    bytes += upload.bytes;
    results.push({ uploadId, outcome: 'aborted', parts: upload.partCount, bytes: upload.bytes });
  }
  return json(200, { aborted, parts, bytes, results });
};

/** Delete All: a server-side job over every incomplete upload of the bucket (under a prefix, if given). */
export const deleteAllUploadsEndpoint: ConsoleEndpoint = async (call) => {
  const body = bodyObject(await call.body(), ['prefix']);
  const prefix = optionalString(body, 'prefix', 1024) ?? '';
  const bucket = await routeBucket(call, 's3:ListBucketMultipartUploads');
  const total = (await countUploads(call.deps.ctx, bucket, prefix)).uploads;
  const job = call.jobs.start({
    owner: call.principal.accessKeyId,
    bucket,
    prefix,
    total,
    mayAbort: (u) => may(call, 's3:AbortMultipartUpload', bucket, u.key),
  });
  return json(202, { job: jobJson(job) });
};

export const jobEndpoint: ConsoleEndpoint = async (call) => {
  const job = call.jobs.get(call.params.jobId ?? '');
  if (job === undefined || job.owner !== call.principal.accessKeyId) throw new ConsoleError(404, 'NotFound', 'There is no such job.');
  return json(200, { job: jobJson(job) });
};

function jobJson(j: AbortJob) {
  return {
    id: j.id,
    bucket: j.bucket,
    prefix: j.prefix,
    state: j.state,
    total: j.total,
    aborted: j.aborted,
    parts: j.parts,
    bytes: j.bytes,
    denied: j.denied,
    gone: j.gone,
    startedAt: iso(j.startedAt),
    finishedAt: iso(j.finishedAt),
    ...(j.error === null ? {} : { error: j.error }),
  };
}

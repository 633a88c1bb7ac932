import { createBucket } from '../../core/buckets/create-bucket.js';
import { deleteBucket } from '../../core/buckets/delete-bucket.js';
import { listBuckets } from '../../core/buckets/list-buckets.js';
import { StorageError } from '../../core/errors.js';
import { storageClasses, type StorageClass } from '../../core/types.js';
import { iso, json, requireMay, routeBucket, type ConsoleEndpoint } from './console-call.js';
import { invalidField } from './console-errors.js';
import { bodyObject, optionalString, requiredString } from './console-input.js';

/** The principal's buckets with their counters as stored (no listing of objects or uploads). */
export const listBucketsEndpoint: ConsoleEndpoint = async (call) => {
  await requireMay(call, 's3:ListAllMyBuckets', undefined);
  const buckets = await listBuckets(call.deps.ctx, 's3', call.principal.accountId);
  return json(200, {
    buckets: buckets.map((b) => ({
      name: b.name,
      region: b.region,
      storageClass: b.storageClass,
      createdAt: iso(b.createdAt),
      objects: b.counters.objects,
      objectBytes: b.counters.objectBytes,
      uploads: b.counters.uploads,
      parts: b.counters.parts,
      partBytes: b.counters.partBytes,
    })),
  });
};

export const createBucketEndpoint: ConsoleEndpoint = async (call) => {
  const body = bodyObject(await call.body(), ['name', 'storageClass']);
  const name = requiredString(body, 'name', 63);
  const storageClass = optionalString(body, 'storageClass', 32);
  if (storageClass !== undefined && !(storageClasses as readonly string[]).includes(storageClass)) {
    throw invalidField('storageClass', `must be one of ${storageClasses.join(', ')}`);
  }
  await requireMay(call, 's3:CreateBucket', undefined);
  const bucket = await createBucket(call.deps.ctx, {
    principal: call.principal,
    namespace: 's3',
    name,
    region: call.deps.region,
    ...(storageClass === undefined ? {} : { storageClass: storageClass as StorageClass }),
  });
  return json(201, { bucket: { name: bucket.name, createdAt: iso(bucket.createdAt) } });
};

/**
 * The console never deletes parts as a side effect: while incomplete uploads remain the delete is
 * refused (409 BucketNotEmpty, with how many and how many bytes), and the page sends the user to the
 * bucket's Part Management, where deleting parts is an explicit, confirmed act. S3's DeleteBucket, by
 * contrast, aborts the uploads of an otherwise empty bucket, as AWS does.
 */
export const deleteBucketEndpoint: ConsoleEndpoint = async (call) => {
  const bucket = await routeBucket(call, 's3:DeleteBucket');
  const { objects, uploads, partBytes } = bucket.counters;
  if (uploads > 0) {
    throw new StorageError(
      'BucketNotEmpty',
      `${bucket.name} holds ${uploads} incomplete multipart upload${uploads === 1 ? '' : 's'} whose parts take ${partBytes} bytes` +
        (objects > 0 ? `, and ${objects} object${objects === 1 ? '' : 's'}` : '') +
        '. The console does not delete parts together with a bucket: delete them in Part Management first (deleted parts cannot be restored).',
      { BucketName: bucket.name, ObjectCount: objects, IncompleteUploadCount: uploads, PartBytes: partBytes },
    );
  }
  // An upload started meanwhile makes the core refuse too, with its own count.
  await deleteBucket(call.deps.ctx, bucket);
  return json(200, { deleted: bucket.name });
};

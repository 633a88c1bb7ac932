import { findBucket } from '../../core/buckets/find-bucket.js';
import { isServerAdmin, json, may, type ConsoleEndpoint } from './console-call.js';
import { queryText } from './console-input.js';

/** Actions on the bucket itself, and on its keys (asked for `bucket/*`). */
const bucketActions = [
  's3:ListBucket',
  's3:ListBucketMultipartUploads',
  's3:GetLifecycleConfiguration',
  's3:PutLifecycleConfiguration',
  's3:DeleteBucket',
] as const;
const keyActions = ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:ListMultipartUploadParts', 's3:AbortMultipartUpload'] as const;
const accountActions = ['s3:ListAllMyBuckets', 's3:CreateBucket', 'cairn:AdminUsage'] as const;

/**
 * What the signed-in principal may do, so that a page disables what would be refused (the server
 * refuses it anyway). Asked of the same authorizer that decides every request.
 */
export const permissionsEndpoint: ConsoleEndpoint = async (call) => {
  const actions: Record<string, boolean> = {};
  for (const a of accountActions) actions[a] = await may(call, a, undefined);
  const name = queryText(call.query('bucket'), 'bucket', 255);
  if (name !== undefined && name !== '') {
    const bucket = await findBucket(call.deps.ctx, 's3', name);
    for (const a of bucketActions) actions[a] = await may(call, a, bucket);
    for (const a of keyActions) actions[a] = await may(call, a, bucket, '*');
  }
  return json(200, { admin: isServerAdmin(call.deps, call.principal), ...(name === undefined ? {} : { bucket: name }), actions });
};

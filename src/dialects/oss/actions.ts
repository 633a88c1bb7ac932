import type { OssEndpoint, OssOperation } from './endpoint.js';

/**
 * The RAM action each operation needs (`oss:PutObject`...), as Alibaba Cloud's RAM names them: the
 * multipart steps and appends are PutObject, reads of metadata are GetObject.
 */
const actionOverrides: Partial<Record<OssOperation, string>> = {
  HeadObject: 'oss:GetObject',
  GetObjectMeta: 'oss:GetObject',
  CopyObject: 'oss:PutObject',
  AppendObject: 'oss:PutObject',
  PostObject: 'oss:PutObject',
  InitiateMultipartUpload: 'oss:PutObject',
  UploadPart: 'oss:PutObject',
  UploadPartCopy: 'oss:PutObject',
  CompleteMultipartUpload: 'oss:PutObject',
  DeleteMultipleObjects: 'oss:DeleteObject',
  ListObjectsV2: 'oss:ListObjects',
  ListBuckets: 'oss:ListBuckets',
  PutBucketTags: 'oss:PutBucketTagging',
  GetBucketTags: 'oss:GetBucketTagging',
  DeleteBucketTags: 'oss:DeleteBucketTagging',
};

export function ossAction(endpoint: OssEndpoint): string {
  return actionOverrides[endpoint.operation] ?? `oss:${endpoint.operation}`;
}

/** `acs:oss:*:*:bucket/key`, `acs:oss:*:*:bucket` or `acs:oss:*:*:*` (RAM's resource names). */
export function ossResource(endpoint: OssEndpoint): string {
  if (!('bucket' in endpoint)) return 'acs:oss:*:*:*';
  return 'key' in endpoint ? `acs:oss:*:*:${endpoint.bucket}/${endpoint.key}` : `acs:oss:*:*:${endpoint.bucket}`;
}

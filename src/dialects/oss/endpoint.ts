/**
 * Every OSS operation Cairn answers, as a typed endpoint named with OSS's own operation name. The router
 * (router.ts) turns a request into one of these; handlers receive the one they serve.
 */

export type EncodingType = 'url';

export interface CopySource {
  readonly bucket: string;
  readonly key: string;
  readonly versionId?: string;
}

/** response-* query parameters of GetObject that override response headers. */
export interface ResponseOverrides {
  readonly contentType?: string;
  readonly contentLanguage?: string;
  readonly expires?: string;
  readonly cacheControl?: string;
  readonly contentDisposition?: string;
  readonly contentEncoding?: string;
}

export type OssServiceEndpoint = {
  readonly operation: 'ListBuckets';
  readonly prefix?: string;
  readonly marker?: string;
  readonly maxKeys?: number;
};

interface OnBucket {
  readonly bucket: string;
}

export type OssBucketEndpoint = OnBucket &
  (
    | { readonly operation: 'PutBucket' }
    | { readonly operation: 'DeleteBucket' }
    | { readonly operation: 'GetBucketInfo' }
    | { readonly operation: 'GetBucketLocation' }
    | {
        readonly operation: 'ListObjects';
        readonly prefix: string;
        readonly delimiter?: string;
        readonly marker?: string;
        readonly maxKeys: number;
        readonly encodingType?: EncodingType;
      }
    | {
        readonly operation: 'ListObjectsV2';
        readonly prefix: string;
        readonly delimiter?: string;
        readonly continuationToken?: string;
        readonly startAfter?: string;
        readonly maxKeys: number;
        readonly fetchOwner: boolean;
        readonly encodingType?: EncodingType;
      }
    | {
        readonly operation: 'ListMultipartUploads';
        readonly prefix: string;
        readonly delimiter?: string;
        readonly keyMarker?: string;
        readonly uploadIdMarker?: string;
        readonly maxUploads: number;
        readonly encodingType?: EncodingType;
      }
    | { readonly operation: 'DeleteMultipleObjects'; readonly encodingType?: EncodingType }
    | { readonly operation: 'PutBucketLifecycle' }
    | { readonly operation: 'GetBucketLifecycle' }
    | { readonly operation: 'DeleteBucketLifecycle' }
    | { readonly operation: 'PostObject' }
    | { readonly operation: 'PutBucketCors' }
    | { readonly operation: 'GetBucketCors' }
    | { readonly operation: 'DeleteBucketCors' }
    | { readonly operation: 'PutBucketEncryption' }
    | { readonly operation: 'GetBucketEncryption' }
    | { readonly operation: 'DeleteBucketEncryption' }
    | { readonly operation: 'PutBucketVersioning' }
    | { readonly operation: 'GetBucketVersioning' }
    | {
        readonly operation: 'ListObjectVersions';
        readonly prefix: string;
        readonly delimiter?: string;
        readonly keyMarker?: string;
        readonly versionIdMarker?: string;
        readonly maxKeys: number;
        readonly encodingType?: EncodingType;
      }
    | { readonly operation: 'PutBucketTags' }
    | { readonly operation: 'GetBucketTags' }
    | { readonly operation: 'DeleteBucketTags' }
  );

interface OnObject {
  readonly bucket: string;
  readonly key: string;
}

export type OssObjectEndpoint = OnObject &
  (
    | { readonly operation: 'PutObject' }
    | { readonly operation: 'CopyObject'; readonly copySource: CopySource }
    | { readonly operation: 'AppendObject'; readonly position: number }
    | { readonly operation: 'GetObject'; readonly overrides: ResponseOverrides; readonly versionId?: string }
    | { readonly operation: 'HeadObject'; readonly versionId?: string }
    | { readonly operation: 'GetObjectMeta'; readonly versionId?: string }
    | { readonly operation: 'DeleteObject'; readonly versionId?: string }
    | { readonly operation: 'PutObjectTagging'; readonly versionId?: string }
    | { readonly operation: 'GetObjectTagging'; readonly versionId?: string }
    | { readonly operation: 'DeleteObjectTagging'; readonly versionId?: string }
    | { readonly operation: 'InitiateMultipartUpload'; readonly encodingType?: EncodingType }
    | { readonly operation: 'UploadPart'; readonly uploadId: string; readonly partNumber: number }
    | { readonly operation: 'UploadPartCopy'; readonly uploadId: string; readonly partNumber: number; readonly copySource: CopySource }
    | { readonly operation: 'CompleteMultipartUpload'; readonly uploadId: string; readonly encodingType?: EncodingType }
    | { readonly operation: 'AbortMultipartUpload'; readonly uploadId: string }
    | {
        readonly operation: 'ListParts';
        readonly uploadId: string;
        readonly partNumberMarker: number;
        readonly maxParts: number;
        readonly encodingType?: EncodingType;
      }
  );

export type OssEndpoint = OssServiceEndpoint | OssBucketEndpoint | OssObjectEndpoint;
export type OssOperation = OssEndpoint['operation'];
export type OssEndpointOf<O extends OssOperation> = Extract<OssEndpoint, { readonly operation: O }>;

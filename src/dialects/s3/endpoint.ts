/**
 * Every S3 operation, as a typed endpoint named exactly as Amazon names it. The router fills in what
 * the URL carries (bucket, key, query parameters) and the headers that decide which operation it is
 * (x-amz-copy-source). Everything else a handler reads from the request itself.
 *
 * Operations Cairn does not implement yet are listed too, so that the dispatcher answers them
 * NotImplemented by name instead of mistaking `PUT /key?retention` for PutObject.
 */

/** The only value S3 accepts for `encoding-type`. */
export type EncodingType = 'url';

/** `response-*` query parameters of GetObject and HeadObject. */
export interface ResponseOverrides {
  readonly cacheControl?: string;
  readonly contentDisposition?: string;
  readonly contentEncoding?: string;
  readonly contentLanguage?: string;
  readonly contentType?: string;
  readonly expires?: string;
}

/** The parsed `x-amz-copy-source` header. */
export interface CopySource {
  readonly bucket: string;
  readonly key: string;
  readonly versionId?: string;
}

interface Versioned {
  /** Present and non-empty when the request names a version ('null' names the null version). */
  readonly versionId?: string;
}

interface ConfigurationId {
  readonly id: string;
}

interface ContinuationToken {
  readonly continuationToken?: string;
}

export interface ListBucketsParams {
  /** 1..10000; absent means no limit (S3 then answers every bucket). */
  readonly maxBuckets?: number;
  readonly continuationToken?: string;
  readonly prefix?: string;
  readonly bucketRegion?: string;
}

export interface ListObjectsParams {
  readonly prefix: string;
  readonly delimiter?: string;
  readonly marker?: string;
  /** 0..1000 (larger requests are capped at 1000, as S3 does); default 1000. */
  readonly maxKeys: number;
  readonly encodingType?: EncodingType;
}

export interface ListObjectsV2Params {
  readonly prefix: string;
  readonly delimiter?: string;
  /** Raw token as sent; decode it with decodeContinuationToken. When present, S3 ignores startAfter. */
  readonly continuationToken?: string;
  readonly startAfter?: string;
  readonly maxKeys: number;
  readonly encodingType?: EncodingType;
  readonly fetchOwner: boolean;
}

export interface ListObjectVersionsParams {
  readonly prefix: string;
  readonly delimiter?: string;
  readonly keyMarker?: string;
  readonly versionIdMarker?: string;
  readonly maxKeys: number;
  readonly encodingType?: EncodingType;
}

export interface ListMultipartUploadsParams {
  readonly prefix: string;
  readonly delimiter?: string;
  readonly keyMarker?: string;
  /** S3 ignores it unless keyMarker is given too. */
  readonly uploadIdMarker?: string;
  /** 0..1000, default 1000. */
  readonly maxUploads: number;
  readonly encodingType?: EncodingType;
}

export interface ListPartsParams {
  readonly uploadId: string;
  /** 0..1000, default 1000. */
  readonly maxParts: number;
  /** 0 when absent: list from the first part. */
  readonly partNumberMarker: number;
}

export interface GetObjectParams extends Versioned {
  /** 1..10000. */
  readonly partNumber?: number;
  readonly overrides: ResponseOverrides;
}

/** Operations on the service itself (no bucket). */
interface ServiceOperations {
  ListBuckets: ListBucketsParams;
  ListDirectoryBuckets: ContinuationToken;
}

/** Operations on a bucket (no key). */
interface BucketOperations {
  CreateBucket: object;
  HeadBucket: object;
  DeleteBucket: object;
  GetBucketLocation: object;
  ListObjects: ListObjectsParams;
  ListObjectsV2: ListObjectsV2Params;
  ListObjectVersions: ListObjectVersionsParams;
  ListMultipartUploads: ListMultipartUploadsParams;
  DeleteObjects: object;
  /** Browser upload: POST of multipart/form-data to the bucket. */
  PostObject: object;
  CreateSession: object;

  GetBucketAbac: object;
  PutBucketAbac: object;
  GetBucketAccelerateConfiguration: object;
  PutBucketAccelerateConfiguration: object;
  GetBucketAcl: object;
  PutBucketAcl: object;
  GetBucketAnalyticsConfiguration: ConfigurationId;
  PutBucketAnalyticsConfiguration: ConfigurationId;
  DeleteBucketAnalyticsConfiguration: ConfigurationId;
  ListBucketAnalyticsConfigurations: ContinuationToken;
  GetBucketCors: object;
  PutBucketCors: object;
  DeleteBucketCors: object;
  GetBucketEncryption: object;
  PutBucketEncryption: object;
  DeleteBucketEncryption: object;
  GetBucketIntelligentTieringConfiguration: ConfigurationId;
  PutBucketIntelligentTieringConfiguration: ConfigurationId;
  DeleteBucketIntelligentTieringConfiguration: ConfigurationId;
  ListBucketIntelligentTieringConfigurations: ContinuationToken;
  GetBucketInventoryConfiguration: ConfigurationId;
  PutBucketInventoryConfiguration: ConfigurationId;
  DeleteBucketInventoryConfiguration: ConfigurationId;
  ListBucketInventoryConfigurations: ContinuationToken;
  GetBucketLifecycleConfiguration: object;
  PutBucketLifecycleConfiguration: object;
  DeleteBucketLifecycle: object;
  GetBucketLogging: object;
  PutBucketLogging: object;
  CreateBucketMetadataConfiguration: object;
  GetBucketMetadataConfiguration: object;
  DeleteBucketMetadataConfiguration: object;
  CreateBucketMetadataTableConfiguration: object;
  GetBucketMetadataTableConfiguration: object;
  DeleteBucketMetadataTableConfiguration: object;
  UpdateBucketMetadataAnnotationTableConfiguration: object;
  UpdateBucketMetadataInventoryTableConfiguration: object;
  UpdateBucketMetadataJournalTableConfiguration: object;
  GetBucketMetricsConfiguration: ConfigurationId;
  PutBucketMetricsConfiguration: ConfigurationId;
  DeleteBucketMetricsConfiguration: ConfigurationId;
  ListBucketMetricsConfigurations: ContinuationToken;
  GetBucketNotificationConfiguration: object;
  PutBucketNotificationConfiguration: object;
  GetObjectLockConfiguration: object;
  PutObjectLockConfiguration: object;
  GetBucketOwnershipControls: object;
  PutBucketOwnershipControls: object;
  DeleteBucketOwnershipControls: object;
  GetBucketPolicy: object;
  PutBucketPolicy: object;
  DeleteBucketPolicy: object;
  GetBucketPolicyStatus: object;
  GetPublicAccessBlock: object;
  PutPublicAccessBlock: object;
  DeletePublicAccessBlock: object;
  GetBucketReplication: object;
  PutBucketReplication: object;
  DeleteBucketReplication: object;
  GetBucketRequestPayment: object;
  PutBucketRequestPayment: object;
  GetBucketTagging: object;
  PutBucketTagging: object;
  DeleteBucketTagging: object;
  GetBucketVersioning: object;
  PutBucketVersioning: object;
  GetBucketWebsite: object;
  PutBucketWebsite: object;
  DeleteBucketWebsite: object;
}

/** Operations on an object (non-empty key). */
interface ObjectOperations {
  PutObject: object;
  CopyObject: { readonly copySource: CopySource };
  GetObject: GetObjectParams;
  HeadObject: GetObjectParams;
  DeleteObject: Versioned;
  GetObjectAttributes: Versioned;

  CreateMultipartUpload: object;
  UploadPart: { readonly partNumber: number; readonly uploadId: string };
  UploadPartCopy: { readonly partNumber: number; readonly uploadId: string; readonly copySource: CopySource };
  CompleteMultipartUpload: { readonly uploadId: string };
  AbortMultipartUpload: { readonly uploadId: string };
  ListParts: ListPartsParams;

  GetObjectAcl: Versioned;
  PutObjectAcl: Versioned;
  GetObjectTagging: Versioned;
  PutObjectTagging: Versioned;
  DeleteObjectTagging: Versioned;
  GetObjectLegalHold: Versioned;
  PutObjectLegalHold: Versioned;
  GetObjectRetention: Versioned;
  PutObjectRetention: Versioned;
  GetObjectTorrent: object;
  RestoreObject: Versioned;
  SelectObjectContent: object;
  UpdateObjectEncryption: Versioned;
  RenameObject: object;
  GetObjectAnnotation: Versioned & { readonly annotationName: string };
  PutObjectAnnotation: Versioned & { readonly annotationName: string };
  DeleteObjectAnnotation: Versioned & { readonly annotationName: string };
  ListObjectAnnotations: Versioned &
    ContinuationToken & {
      readonly annotationPrefix?: string;
      readonly maxAnnotationResults?: number;
    };
}

type Endpoints<Ops, Target> = {
  [O in keyof Ops & string]: { readonly operation: O } & Target & Readonly<Ops[O]>;
}[keyof Ops & string];

export type S3ServiceEndpoint = Endpoints<ServiceOperations, object>;
export type S3BucketEndpoint = Endpoints<BucketOperations, { readonly bucket: string }>;
export type S3ObjectEndpoint = Endpoints<ObjectOperations, { readonly bucket: string; readonly key: string }>;

type WithoutParams<Ops> = {
  [O in keyof Ops & string]: keyof Ops[O] extends never ? O : never;
}[keyof Ops & string];

/** Bucket operations that carry nothing but the bucket. */
export type PlainBucketOperation = WithoutParams<BucketOperations>;
/** Object operations that carry nothing but the bucket and the key. */
export type PlainObjectOperation = WithoutParams<ObjectOperations>;

export type S3Endpoint = S3ServiceEndpoint | S3BucketEndpoint | S3ObjectEndpoint;
export type S3Operation = S3Endpoint['operation'];
export type S3EndpointOf<O extends S3Operation> = Extract<S3Endpoint, { readonly operation: O }>;

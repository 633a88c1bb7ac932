import { StorageError } from '../../core/errors.js';
import type { PlainBucketOperation, S3BucketEndpoint } from './endpoint.js';
import { invalidArgument, present, type QueryReader } from './query-reader.js';
import { methodNotAllowed, requiredParam } from './route-errors.js';

type BucketRoute = (bucket: string, q: QueryReader) => S3BucketEndpoint;
type Table = Readonly<Record<string, BucketRoute>>;

const LIST_LIMIT = 1000;

/** GET /bucket: ListObjectsV2 when list-type=2, ListObjects when list-type is absent. */
function listObjects(bucket: string, q: QueryReader): S3BucketEndpoint {
  const listType = q.get('list-type');
  const common = {
    bucket,
    prefix: q.get('prefix') ?? '',
    ...present('delimiter', q.optional('delimiter')),
    maxKeys: q.listLimit('max-keys', 'maxKeys', LIST_LIMIT),
    ...present('encodingType', q.encodingType()),
  };
  if (listType === undefined) {
    return { operation: 'ListObjects', ...common, ...present('marker', q.optional('marker')) };
  }
  if (listType !== '2') throw invalidArgument('Invalid List Type specified in Request', 'list-type', listType);
  // An empty continuation-token lists from the start, and S3 echoes it.
  const continuationToken = q.get('continuation-token');
  return {
    operation: 'ListObjectsV2',
    ...common,
    ...present('continuationToken', continuationToken),
    ...present('startAfter', q.optional('start-after')),
    fetchOwner: q.boolean('fetch-owner') ?? false,
  };
}

/** Configurations addressed by id: without an id a GET lists them. */
function byId(
  get:
    | 'GetBucketAnalyticsConfiguration'
    | 'GetBucketIntelligentTieringConfiguration'
    | 'GetBucketInventoryConfiguration'
    | 'GetBucketMetricsConfiguration',
  list:
    | 'ListBucketAnalyticsConfigurations'
    | 'ListBucketIntelligentTieringConfigurations'
    | 'ListBucketInventoryConfigurations'
    | 'ListBucketMetricsConfigurations',
): BucketRoute {
  return (bucket, q) => {
    const id = q.get('id');
    return id === undefined
      ? { operation: list, bucket, ...present('continuationToken', q.get('continuation-token')) }
      : { operation: get, bucket, id };
  };
}

function withId(
  operation:
    | 'PutBucketAnalyticsConfiguration'
    | 'DeleteBucketAnalyticsConfiguration'
    | 'PutBucketIntelligentTieringConfiguration'
    | 'DeleteBucketIntelligentTieringConfiguration'
    | 'PutBucketInventoryConfiguration'
    | 'DeleteBucketInventoryConfiguration'
    | 'PutBucketMetricsConfiguration'
    | 'DeleteBucketMetricsConfiguration',
): BucketRoute {
  return (bucket, q) => ({ operation, bucket, id: requiredParam(q, 'id') });
}

/** For the many operations that carry nothing but the bucket. */
function plain(operation: PlainBucketOperation): BucketRoute {
  // Sound by the parameter type; TypeScript checks a literal against a union of at most 25 members.
  return (bucket) => ({ operation, bucket }) as S3BucketEndpoint;
}

const GET: Table = {
  '': listObjects,
  uploads: (bucket, q) => ({
    operation: 'ListMultipartUploads',
    bucket,
    prefix: q.get('prefix') ?? '',
    ...present('delimiter', q.optional('delimiter')),
    ...present('keyMarker', q.optional('key-marker')),
    ...present('uploadIdMarker', q.optional('upload-id-marker')),
    maxUploads: q.listLimit('max-uploads', 'max-uploads', LIST_LIMIT),
    ...present('encodingType', q.encodingType()),
  }),
  versions: (bucket, q) => ({
    operation: 'ListObjectVersions',
    bucket,
    prefix: q.get('prefix') ?? '',
    ...present('delimiter', q.optional('delimiter')),
    ...present('keyMarker', q.optional('key-marker')),
    ...present('versionIdMarker', q.optional('version-id-marker')),
    maxKeys: q.listLimit('max-keys', 'maxKeys', LIST_LIMIT),
    ...present('encodingType', q.encodingType()),
  }),
  location: plain('GetBucketLocation'),
  session: plain('CreateSession'),
  abac: plain('GetBucketAbac'),
  accelerate: plain('GetBucketAccelerateConfiguration'),
  acl: plain('GetBucketAcl'),
  analytics: byId('GetBucketAnalyticsConfiguration', 'ListBucketAnalyticsConfigurations'),
  cors: plain('GetBucketCors'),
  encryption: plain('GetBucketEncryption'),
  'intelligent-tiering': byId('GetBucketIntelligentTieringConfiguration', 'ListBucketIntelligentTieringConfigurations'),
  inventory: byId('GetBucketInventoryConfiguration', 'ListBucketInventoryConfigurations'),
  lifecycle: plain('GetBucketLifecycleConfiguration'),
  logging: plain('GetBucketLogging'),
  metadataConfiguration: plain('GetBucketMetadataConfiguration'),
  metadataTable: plain('GetBucketMetadataTableConfiguration'),
  metrics: byId('GetBucketMetricsConfiguration', 'ListBucketMetricsConfigurations'),
  notification: plain('GetBucketNotificationConfiguration'),
  'object-lock': plain('GetObjectLockConfiguration'),
  ownershipControls: plain('GetBucketOwnershipControls'),
  policy: plain('GetBucketPolicy'),
  policyStatus: plain('GetBucketPolicyStatus'),
  publicAccessBlock: plain('GetPublicAccessBlock'),
  replication: plain('GetBucketReplication'),
  requestPayment: plain('GetBucketRequestPayment'),
  tagging: plain('GetBucketTagging'),
  versioning: plain('GetBucketVersioning'),
  website: plain('GetBucketWebsite'),
};

const PUT: Table = {
  '': plain('CreateBucket'),
  abac: plain('PutBucketAbac'),
  accelerate: plain('PutBucketAccelerateConfiguration'),
  acl: plain('PutBucketAcl'),
  analytics: withId('PutBucketAnalyticsConfiguration'),
  cors: plain('PutBucketCors'),
  encryption: plain('PutBucketEncryption'),
  'intelligent-tiering': withId('PutBucketIntelligentTieringConfiguration'),
  inventory: withId('PutBucketInventoryConfiguration'),
  lifecycle: plain('PutBucketLifecycleConfiguration'),
  logging: plain('PutBucketLogging'),
  metadataAnnotationTable: plain('UpdateBucketMetadataAnnotationTableConfiguration'),
  metadataInventoryTable: plain('UpdateBucketMetadataInventoryTableConfiguration'),
  metadataJournalTable: plain('UpdateBucketMetadataJournalTableConfiguration'),
  metrics: withId('PutBucketMetricsConfiguration'),
  notification: plain('PutBucketNotificationConfiguration'),
  'object-lock': plain('PutObjectLockConfiguration'),
  ownershipControls: plain('PutBucketOwnershipControls'),
  policy: plain('PutBucketPolicy'),
  publicAccessBlock: plain('PutPublicAccessBlock'),
  replication: plain('PutBucketReplication'),
  requestPayment: plain('PutBucketRequestPayment'),
  tagging: plain('PutBucketTagging'),
  versioning: plain('PutBucketVersioning'),
  website: plain('PutBucketWebsite'),
};

const POST: Table = {
  '': plain('PostObject'),
  delete: plain('DeleteObjects'),
  metadataConfiguration: plain('CreateBucketMetadataConfiguration'),
  metadataTable: plain('CreateBucketMetadataTableConfiguration'),
};

const DELETE: Table = {
  '': plain('DeleteBucket'),
  analytics: withId('DeleteBucketAnalyticsConfiguration'),
  cors: plain('DeleteBucketCors'),
  encryption: plain('DeleteBucketEncryption'),
  'intelligent-tiering': withId('DeleteBucketIntelligentTieringConfiguration'),
  inventory: withId('DeleteBucketInventoryConfiguration'),
  lifecycle: plain('DeleteBucketLifecycle'),
  metadataConfiguration: plain('DeleteBucketMetadataConfiguration'),
  metadataTable: plain('DeleteBucketMetadataTableConfiguration'),
  metrics: withId('DeleteBucketMetricsConfiguration'),
  ownershipControls: plain('DeleteBucketOwnershipControls'),
  policy: plain('DeleteBucketPolicy'),
  publicAccessBlock: plain('DeletePublicAccessBlock'),
  replication: plain('DeleteBucketReplication'),
  tagging: plain('DeleteBucketTagging'),
  website: plain('DeleteBucketWebsite'),
};

const TABLES: Readonly<Record<string, Table>> = { GET, PUT, POST, DELETE };

/** Subresource keywords that address a bucket (for some method). */
export const bucketSubresources: ReadonlySet<string> = new Set(
  Object.values(TABLES).flatMap((t) => Object.keys(t).filter((k) => k !== '')),
);

function bucketRoute(method: string, keyword: string | undefined): BucketRoute | undefined {
  const table = Object.hasOwn(TABLES, method) ? TABLES[method] : undefined;
  const k = keyword ?? '';
  return table !== undefined && Object.hasOwn(table, k) ? table[k] : undefined;
}

/** Whether this method and subresource name a bucket operation. */
export function hasBucketRoute(method: string, keyword: string | undefined): boolean {
  return method === 'HEAD' || bucketRoute(method, keyword) !== undefined;
}

/**
 * Routes a request whose target is a bucket (no key). HEAD is always HeadBucket. A request that carries
 * uploadId or partNumber needs a key: answering it as a bucket operation (DeleteBucket for a DELETE)
 * would be a misroute.
 */
export function routeBucket(method: string, bucket: string, keyword: string | undefined, q: QueryReader): S3BucketEndpoint {
  if (method === 'HEAD') return { operation: 'HeadBucket', bucket };
  if (keyword === undefined && (q.has('uploadId') || q.has('partNumber'))) throw keyRequired();
  const route = bucketRoute(method, keyword);
  if (route === undefined) throw methodNotAllowed(method, 'BUCKET');
  return route(bucket, q);
}

export function keyRequired(): StorageError {
  return new StorageError('InvalidRequest', 'A key must be specified');
}

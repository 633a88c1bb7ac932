import { findBucketConfig, putBucketConfig } from '../buckets/bucket-config.js';
import type { CoreContext } from '../context.js';
import { StorageError } from '../errors.js';
import { findVersion } from '../versions/find-version.js';
import type { Bucket, ObjectLockState, ObjectRetention, ObjectVersionRecord, RetentionMode } from '../types.js';

/** A bucket's object lock configuration: whether it is on, and the retention new versions get by default. */
export interface ObjectLockConfiguration {
  readonly enabled: boolean;
  readonly defaultRetention?: { readonly mode: RetentionMode; readonly days?: number; readonly years?: number };
}

/** What a write asks for: retention and legal hold headers (x-amz-object-lock-*). */
export interface RequestedLock {
  readonly retention?: ObjectRetention;
  readonly legalHold?: boolean;
}

const DAY = 86_400_000;

export async function getObjectLockConfiguration(ctx: CoreContext, bucket: Bucket): Promise<ObjectLockConfiguration> {
  if (!bucket.objectLockEnabled) {
    throw new StorageError('NoSuchConfiguration', 'Object Lock configuration does not exist for this bucket', {
      BucketName: bucket.name,
      Configuration: 'lock',
    });
  }
  const stored = await findBucketConfig<ObjectLockConfiguration>(ctx, bucket, 'lock');
  return stored ?? { enabled: true };
}

/**
 * PutObjectLockConfiguration: turns lock on (only for a versioned bucket; never off again) and sets
 * or clears the default retention.
 */
export async function putObjectLockConfiguration(ctx: CoreContext, bucket: Bucket, config: ObjectLockConfiguration): Promise<void> {
  if (!config.enabled) {
    throw new StorageError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');
  }
  const rule = config.defaultRetention;
  if (rule !== undefined) {
    const { days, years } = rule;
    if ((days === undefined) === (years === undefined)) {
      throw new StorageError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');
    }
    if ((days !== undefined && days <= 0) || (years !== undefined && years <= 0)) {
      throw new StorageError('InvalidRetentionPeriod', 'Default retention period must be a positive integer value.', {
        ArgumentName: days === undefined ? 'Years' : 'Days',
        ArgumentValue: String(days ?? years),
      });
    }
  }
  if (!bucket.objectLockEnabled) await ctx.meta.enableObjectLock(bucket.id);
  await putBucketConfig(ctx, bucket, 'lock', config);
}

/**
 * The lock a new version gets: what the request asks for, else the bucket's default retention. Lock
 * headers on a bucket without object lock are refused, as S3 does.
 */
export async function lockForNewVersion(ctx: CoreContext, bucket: Bucket, requested: RequestedLock | undefined): Promise<ObjectLockState> {
  const asked = requested !== undefined && (requested.retention !== undefined || requested.legalHold !== undefined);
  if (!bucket.objectLockEnabled) {
    if (asked) throw new StorageError('InvalidRequest', 'Bucket is missing Object Lock Configuration');
    return {};
  }
  if (requested?.retention !== undefined && requested.retention.retainUntil <= ctx.clock()) {
    throw new StorageError('InvalidArgument', 'The retain until date must be in the future!', {
      ArgumentName: 'x-amz-object-lock-retain-until-date',
    });
  }
  let retention = requested?.retention;
  if (retention === undefined) {
    const config = await findBucketConfig<ObjectLockConfiguration>(ctx, bucket, 'lock');
    const rule = config?.defaultRetention;
    if (rule !== undefined) {
      const now = ctx.clock();
      const until = rule.days !== undefined ? now + rule.days * DAY : addYears(now, rule.years ?? 0);
      retention = { mode: rule.mode, retainUntil: until };
    }
  }
  return { ...(retention === undefined ? {} : { retention }), ...(requested?.legalHold === true ? { legalHold: true } : {}) };
}

function addYears(at: number, years: number): number {
  const d = new Date(at);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.getTime();
}

function requireLock(bucket: Bucket): void {
  if (!bucket.objectLockEnabled) throw new StorageError('InvalidRequest', 'Bucket is missing Object Lock Configuration');
}

export async function getObjectRetention(
  ctx: CoreContext,
  bucket: Bucket,
  key: string,
  versionId: string | null | undefined,
): Promise<ObjectRetention> {
  requireLock(bucket);
  const version = await findVersion(ctx, bucket, key, versionId);
  if (version.lock.retention === undefined) throw noLock();
  return version.lock.retention;
}

/**
 * PutObjectRetention. Compliance retention can only be lengthened; governance retention can be
 * shortened, removed or changed to another mode only with the bypass (already authorized).
 */
export async function putObjectRetention(
  ctx: CoreContext,
  bucket: Bucket,
  key: string,
  versionId: string | null | undefined,
  retention: ObjectRetention | undefined,
  bypassGovernance: boolean,
): Promise<ObjectVersionRecord> {
  requireLock(bucket);
  const version = await findVersion(ctx, bucket, key, versionId);
  const now = ctx.clock();
  if (retention !== undefined && retention.retainUntil <= now) {
    throw new StorageError('InvalidArgument', 'The retain until date must be in the future!', { ArgumentName: 'RetainUntilDate' });
  }
  const old = version.lock.retention;
  if (old !== undefined && old.retainUntil > now) {
    const weakens = retention === undefined || retention.retainUntil < old.retainUntil || retention.mode !== old.mode;
    if (weakens && (old.mode === 'compliance' || !bypassGovernance)) {
      throw new StorageError('AccessDenied', 'Access Denied because object protected by object lock.');
    }
  }
  const lock: ObjectLockState = {
    ...(retention === undefined ? {} : { retention }),
    ...(version.lock.legalHold === true ? { legalHold: true } : {}),
  };
  await ctx.meta.updateObjectVersion(version.id, { lock });
  return { ...version, lock };
}

export async function getObjectLegalHold(
  ctx: CoreContext,
  bucket: Bucket,
  key: string,
  versionId: string | null | undefined,
): Promise<boolean> {
  requireLock(bucket);
  const version = await findVersion(ctx, bucket, key, versionId);
  if (version.lock.legalHold === undefined) throw noLock();
  return version.lock.legalHold;
}

export async function putObjectLegalHold(
  ctx: CoreContext,
  bucket: Bucket,
  key: string,
  versionId: string | null | undefined,
  on: boolean,
): Promise<ObjectVersionRecord> {
  requireLock(bucket);
  const version = await findVersion(ctx, bucket, key, versionId);
  const lock: ObjectLockState = { ...(version.lock.retention === undefined ? {} : { retention: version.lock.retention }), legalHold: on };
  await ctx.meta.updateObjectVersion(version.id, { lock });
  return { ...version, lock };
}

function noLock(): StorageError {
  return new StorageError('NoSuchObjectLockConfiguration', 'The specified object does not have a ObjectLock configuration');
}

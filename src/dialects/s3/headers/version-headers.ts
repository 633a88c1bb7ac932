import { StorageError } from '../../../core/errors.js';
import { isValidVersionId } from '../../../core/ids.js';
import type { RequestedLock } from '../../../core/objects/object-lock.js';
import type { Bucket, ObjectLockState, ObjectRecord, ObjectRetention, ObjectTag, RetentionMode } from '../../../core/types.js';

type Headers = Readonly<Record<string, string>>;

/** The versionId query parameter: 'null' names the null version; anything not a Cairn id is InvalidArgument. */
export function parseVersionId(value: string | undefined): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === 'null') return null;
  if (!isValidVersionId(value)) {
    throw new StorageError('InvalidArgument', 'Invalid version id specified', { ArgumentName: 'versionId', ArgumentValue: value });
  }
  return value;
}

/** x-amz-version-id: on every versioned or suspended bucket ('null' for the null version), never on an unversioned one. */
export function versionIdHeader(bucket: Bucket, versionId: string | null | undefined): Record<string, string> {
  if (versionId === undefined) return {};
  if (versionId === null && bucket.versioning === 'unversioned') return {};
  return { 'x-amz-version-id': versionId ?? 'null' };
}

/** x-amz-version-id of a write: only a real version id (S3 answers a write into a suspended bucket without one). */
export function writtenVersionHeader(versionId: string | null | undefined): Record<string, string> {
  return versionId === undefined || versionId === null ? {} : { 'x-amz-version-id': versionId };
}

/** The x-amz-tagging header (URL query encoded, `k1=v1&k2=v2`). */
export function parseTaggingHeader(value: string | undefined): ObjectTag[] | undefined {
  if (value === undefined) return undefined;
  const tags: ObjectTag[] = [];
  for (const [key, v] of new URLSearchParams(value)) tags.push({ key, value: v });
  return tags;
}

/** x-amz-object-lock-mode, -retain-until-date and -legal-hold of PutObject, CopyObject and CreateMultipartUpload. */
export function parseLockHeaders(headers: Headers): RequestedLock | undefined {
  const mode = headers['x-amz-object-lock-mode'];
  const until = headers['x-amz-object-lock-retain-until-date'];
  const hold = headers['x-amz-object-lock-legal-hold'];
  if (mode === undefined && until === undefined && hold === undefined) return undefined;
  if ((mode === undefined) !== (until === undefined)) {
    throw new StorageError('InvalidArgument', 'x-amz-object-lock-retain-until-date and x-amz-object-lock-mode must both be supplied', {
      ArgumentName: mode === undefined ? 'x-amz-object-lock-mode' : 'x-amz-object-lock-retain-until-date',
    });
  }
  const lock: { retention?: ObjectRetention; legalHold?: boolean } = {};
  if (mode !== undefined && until !== undefined)
    lock.retention = { mode: parseRetentionMode(mode, 'x-amz-object-lock-mode'), retainUntil: parseDate(until) };
  if (hold !== undefined) {
    if (hold !== 'ON' && hold !== 'OFF') {
      throw new StorageError('InvalidArgument', 'Legal Hold must be either of ON or OFF', {
        ArgumentName: 'x-amz-object-lock-legal-hold',
        ArgumentValue: hold,
      });
    }
    lock.legalHold = hold === 'ON';
  }
  return lock;
}

export function parseRetentionMode(value: string, argument: string): RetentionMode {
  if (value === 'GOVERNANCE') return 'governance';
  if (value === 'COMPLIANCE') return 'compliance';
  throw new StorageError('InvalidArgument', 'Unknown wormMode directive.', { ArgumentName: argument, ArgumentValue: value });
}

function parseDate(value: string): number {
  const at = Date.parse(value);
  if (Number.isNaN(at)) {
    throw new StorageError('InvalidArgument', 'The retain until date must be provided in ISO 8601 format', {
      ArgumentName: 'x-amz-object-lock-retain-until-date',
      ArgumentValue: value,
    });
  }
  return at;
}

export function retentionModeName(mode: RetentionMode): 'GOVERNANCE' | 'COMPLIANCE' {
  return mode === 'governance' ? 'GOVERNANCE' : 'COMPLIANCE';
}

/** The lock and tag facts GET and HEAD answer with. */
export function versionFactHeaders(bucket: Bucket, object: ObjectRecord): Record<string, string> {
  const headers: Record<string, string> = versionIdHeader(bucket, object.versionId);
  if (object.tags.length > 0) headers['x-amz-tagging-count'] = String(object.tags.length);
  Object.assign(headers, lockHeaders(object.lock));
  return headers;
}

function lockHeaders(lock: ObjectLockState): Record<string, string> {
  const out: Record<string, string> = {};
  if (lock.retention !== undefined) {
    out['x-amz-object-lock-mode'] = retentionModeName(lock.retention.mode);
    out['x-amz-object-lock-retain-until-date'] = new Date(lock.retention.retainUntil).toISOString();
  }
  if (lock.legalHold !== undefined) out['x-amz-object-lock-legal-hold'] = lock.legalHold ? 'ON' : 'OFF';
  return out;
}

/** x-amz-bypass-governance-retention: true. */
export function bypassGovernance(headers: Headers): boolean {
  return headers['x-amz-bypass-governance-retention']?.trim().toLowerCase() === 'true';
}

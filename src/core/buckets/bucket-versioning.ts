import type { CoreContext } from '../context.js';
import { StorageError } from '../errors.js';
import type { Bucket, VersioningState } from '../types.js';

export interface BucketVersioningInput {
  readonly state: Exclude<VersioningState, 'unversioned'>;
  /** MFA delete is not offered: asking to enable it is refused, asking to keep it disabled is fine. */
  readonly mfaDelete?: 'enabled' | 'disabled';
}

/** PutBucketVersioning: Enabled or Suspended (a versioned bucket never becomes unversioned again). */
export async function putBucketVersioning(ctx: CoreContext, bucket: Bucket, input: BucketVersioningInput): Promise<Bucket> {
  if (input.mfaDelete === 'enabled') {
    throw new StorageError('NotImplemented', 'Cairn does not offer MFA delete: it keeps no MFA devices.', { Header: 'MfaDelete' });
  }
  return ctx.meta.setBucketVersioning(bucket.id, input.state);
}

/** The state as GetBucketVersioning tells it: nothing for a bucket that was never versioned. */
export function bucketVersioning(bucket: Bucket): VersioningState {
  return bucket.versioning;
}

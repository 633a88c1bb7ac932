import type { CoreContext } from '../context.js';
import { validateBucketName } from '../names.js';
import type { Bucket, BucketNamespace, Principal, StorageClass } from '../types.js';

export interface CreateBucketInput {
  readonly principal: Principal;
  readonly namespace: BucketNamespace;
  readonly name: string;
  readonly region: string;
  readonly storageClass?: StorageClass;
  /** Dialects with their own naming rules (Glacier vaults, OSS) validate before calling. */
  readonly skipNameRules?: boolean;
  /** S3 x-amz-bucket-object-lock-enabled: the bucket is versioned from the start and lock is on for good. */
  readonly objectLockEnabled?: boolean;
}

export async function createBucket(ctx: CoreContext, input: CreateBucketInput): Promise<Bucket> {
  if (input.skipNameRules !== true) validateBucketName(input.name);
  return ctx.meta.createBucket({
    namespace: input.namespace,
    name: input.name,
    accountId: input.principal.accountId,
    region: input.region,
    storageClass: input.storageClass ?? 'standard',
    createdAt: ctx.clock(),
    ...(input.objectLockEnabled === true ? { objectLockEnabled: true } : {}),
  });
}

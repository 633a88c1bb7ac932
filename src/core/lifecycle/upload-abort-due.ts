import { findBucketConfig } from '../buckets/bucket-config.js';
import type { CoreContext } from '../context.js';
import type { Bucket } from '../types.js';
import { dueTime } from './due-date.js';
import type { LifecycleConfiguration } from './lifecycle-rules.js';
import { ruleSelectsUpload } from './rule-selection.js';

/** When a rule's action falls due, and which rule it is. */
export interface ScheduledAction {
  readonly at: number;
  readonly ruleId: string;
}

/**
 * Which rule aborts this upload, and when: the earliest due of the enabled rules with an
 * abort action that select the upload (on a tie, the first rule in the configuration).
 */
export function uploadAbortDue(
  config: LifecycleConfiguration | undefined,
  upload: { readonly key: string; readonly initiatedAt: number },
): ScheduledAction | undefined {
  let best: ScheduledAction | undefined;
  for (const rule of config?.rules ?? []) {
    if (rule.abortIncompleteUploads === undefined || !ruleSelectsUpload(rule, upload)) continue;
    const at = dueTime(rule.abortIncompleteUploads, upload.initiatedAt);
    if (at !== undefined && (best === undefined || at < best.at)) best = { at, ruleId: rule.id };
  }
  return best;
}

/** The same, reading the bucket's lifecycle configuration (for x-amz-abort-date and its kin). */
export async function findUploadAbortDue(
  ctx: CoreContext,
  bucket: Bucket,
  upload: { readonly key: string; readonly initiatedAt: number },
): Promise<ScheduledAction | undefined> {
  return uploadAbortDue(await findBucketConfig<LifecycleConfiguration>(ctx, bucket, 'lifecycle'), upload);
}

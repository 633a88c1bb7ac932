import type { CoreContext } from '../context.js';
import { reapGarbage } from '../maintenance/reap-garbage.js';
import type { Bucket } from '../types.js';
import { findUpload, noSuchUpload } from './find-upload.js';

/**
 * Aborts an upload and frees every byte of its parts before returning. Aborting an aborted upload
 * succeeds while its tombstone lasts; aborting a completed or unknown upload is NoSuchUpload.
 */
export async function abortUpload(ctx: CoreContext, bucket: Bucket, key: string | undefined, uploadId: string): Promise<void> {
  const upload = await findUpload(ctx, bucket, key, uploadId);
  if (upload === undefined || upload.state === 'completed') throw noSuchUpload(uploadId);
  if (upload.state === 'aborted') return;
  const previous = await ctx.meta.abortUpload(uploadId, ctx.clock());
  if (previous === 'completed' || previous === undefined) throw noSuchUpload(uploadId);
  await reapGarbage(ctx);
}

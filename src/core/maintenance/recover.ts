import type { CoreContext } from '../context.js';
import { reapGarbage } from './reap-garbage.js';

export interface RecoveryReport {
  readonly temporaryFiles: number;
  readonly orphanBlobs: number;
  readonly garbageBlobs: number;
}

/**
 * Start-up recovery, before the server takes requests: removes half-written temp files and blob files
 * that no metadata names (a crash between a blob write and its metadata commit), then reaps the garbage
 * list. A blob that metadata references is never touched.
 */
export async function recover(ctx: CoreContext): Promise<RecoveryReport> {
  const temporaryFiles = await ctx.blobs.removeTemporaryFiles();
  let orphanBlobs = 0;
  for await (const batch of ctx.blobs.list()) {
    const known = await ctx.meta.knownBlobs(batch);
    const orphans = batch.filter((id) => !known.has(id));
    if (orphans.length > 0) {
      await ctx.blobs.remove(orphans);
      orphanBlobs += orphans.length;
    }
  }
  const garbageBlobs = await reapGarbage(ctx);
  return { temporaryFiles, orphanBlobs, garbageBlobs };
}

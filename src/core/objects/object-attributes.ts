import type { CoreContext } from '../context.js';
import { checkEncryptionKeys, storedEncryptionOf, type EncryptionKeys } from '../encryption/object-encryption.js';
import { findVersion } from '../versions/find-version.js';
import type { Bucket, ObjectPartRecord, ObjectVersionRecord } from '../types.js';

export interface ObjectAttributesInput {
  readonly bucket: Bucket;
  readonly key: string;
  readonly versionId?: string | null;
  /** Parts after this part number (0: from the first). */
  readonly partNumberMarker: number;
  readonly maxParts: number;
  /** Whether ObjectParts was asked for: only then is the layout read. */
  readonly withParts: boolean;
  /** The SSE-C key of the request: an SSE-C object's attributes are read with its key, as its bytes are. */
  readonly keys?: EncryptionKeys;
}

export interface ObjectPartsPage {
  readonly totalPartsCount: number;
  readonly partNumberMarker: number;
  readonly nextPartNumberMarker: number;
  readonly maxParts: number;
  readonly isTruncated: boolean;
  readonly parts: readonly ObjectPartRecord[];
}

export interface ObjectAttributesResult {
  readonly version: ObjectVersionRecord;
  /** Only for an object made by a multipart upload, as S3 answers. */
  readonly parts?: ObjectPartsPage;
}

/** GetObjectAttributes: a version's facts, and a page of its parts with their sizes and checksums. */
export async function getObjectAttributes(ctx: CoreContext, input: ObjectAttributesInput): Promise<ObjectAttributesResult> {
  const version = await findVersion(ctx, input.bucket, input.key, input.versionId);
  checkEncryptionKeys(storedEncryptionOf(version.extra), input.keys);
  if (!input.withParts || version.partsCount === null) return { version };
  const layout = await ctx.meta.getObjectLayout(version.id);
  const after = layout.filter((p) => p.partNumber > input.partNumberMarker);
  const page = after.slice(0, input.maxParts);
  return {
    version,
    parts: {
      totalPartsCount: version.partsCount,
      partNumberMarker: input.partNumberMarker,
      nextPartNumberMarker: page.at(-1)?.partNumber ?? input.partNumberMarker,
      maxParts: input.maxParts,
      isTruncated: after.length > page.length,
      parts: page.map(({ segments: _segments, ...part }) => part),
    },
  };
}

import { el, optionalEl } from '../../common/xml.js';
import { s3Document } from './response-elements.js';

export interface DeletedKey {
  readonly key: string;
  readonly versionId?: string;
  readonly deleteMarker?: boolean;
  readonly deleteMarkerVersionId?: string;
}

export interface FailedKey {
  readonly key: string;
  readonly versionId?: string;
  /** S3's wire code and message, e.g. from s3ErrorFor(error). */
  readonly code: string;
  readonly message: string;
}

export interface DeleteResultOutput {
  /** Quiet mode leaves out the keys that were deleted. */
  readonly quiet: boolean;
  readonly deleted: readonly DeletedKey[];
  readonly errors: readonly FailedKey[];
}

/** `DeleteResult`, the answer to DeleteObjects. Keys are written as they are (no encoding-type here). */
export function renderDeleteResult(output: DeleteResultOutput): string {
  const deleted = output.quiet ? [] : output.deleted;
  return s3Document('DeleteResult', [
    ...deleted.map((d) =>
      el('Deleted', [
        el('Key', d.key),
        optionalEl('VersionId', d.versionId),
        optionalEl('DeleteMarker', d.deleteMarker),
        optionalEl('DeleteMarkerVersionId', d.deleteMarkerVersionId),
      ]),
    ),
    ...output.errors.map((e) =>
      el('Error', [el('Key', e.key), optionalEl('VersionId', e.versionId), el('Code', e.code), el('Message', e.message)]),
    ),
  ]);
}

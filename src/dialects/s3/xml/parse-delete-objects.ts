import { childrenNamed, expectRoot, malformedXml, optionalChild, parseXml, requiredChild } from '../../common/xml.js';

/** S3 deletes at most this many keys per DeleteObjects request. */
export const MAX_DELETE_OBJECTS = 1000;

export interface ObjectToDelete {
  /** Exactly as sent: keys may begin or end with whitespace. */
  readonly key: string;
  readonly versionId?: string;
  /** Conditional delete: only if the object's ETag matches. */
  readonly etag?: string;
}

export interface DeleteObjectsInput {
  readonly objects: readonly ObjectToDelete[];
  /** Quiet mode: the response lists only the keys that failed. */
  readonly quiet: boolean;
}

/**
 * The `<Delete>` body of DeleteObjects. No Object, more than 1000, an Object without Key, or a Quiet
 * that is not a boolean is MalformedXML, as S3 answers.
 */
export function parseDeleteObjects(xml: string): DeleteObjectsInput {
  const root = expectRoot(parseXml(xml), 'Delete');
  const elements = childrenNamed(root, 'Object');
  if (elements.length === 0 || elements.length > MAX_DELETE_OBJECTS) throw malformedXml();
  const objects = elements.map((object): ObjectToDelete => {
    const key = requiredChild(object, 'Key').text;
    const versionId = optionalChild(object, 'VersionId')?.text;
    const etag = optionalChild(object, 'ETag')?.text.trim();
    return {
      key,
      ...(versionId === undefined ? {} : { versionId }),
      ...(etag === undefined ? {} : { etag }),
    };
  });
  const quiet = optionalChild(root, 'Quiet')?.text.trim().toLowerCase() ?? 'false';
  if (quiet !== 'true' && quiet !== 'false') throw malformedXml();
  return { objects, quiet: quiet === 'true' };
}

import type { ObjectTag } from '../../../core/types.js';
import { childrenNamed, expectRoot, parseXml, requiredChild } from '../../common/xml.js';

/**
 * The `<Tagging><TagSet>` body of PutObjectTagging and PutBucketTagging. Structure errors are
 * MalformedXML; the limits (count, lengths, duplicates) are the core's (InvalidTag).
 */
export function parseTagging(xml: string): readonly ObjectTag[] {
  const root = expectRoot(parseXml(xml), 'Tagging');
  return childrenNamed(requiredChild(root, 'TagSet'), 'Tag').map((tag): ObjectTag => ({
    key: requiredChild(tag, 'Key').text,
    value: requiredChild(tag, 'Value').text,
  }));
}

import { StorageError } from '../../../core/errors.js';
import { childrenNamed, expectRoot, parseXml, requiredChild } from '../../common/xml.js';

export interface Tag {
  readonly key: string;
  readonly value: string;
}

export interface TaggingLimits {
  /** 10 for objects, 50 for buckets. */
  readonly maxTags: number;
  readonly tooManyMessage: string;
}

export const OBJECT_TAGGING: TaggingLimits = {
  maxTags: 10,
  tooManyMessage: 'Object tags cannot be greater than 10',
};
export const BUCKET_TAGGING: TaggingLimits = {
  maxTags: 50,
  tooManyMessage: 'Bucket tag count cannot be greater than 50',
};

const MAX_KEY_LENGTH = 128;
const MAX_VALUE_LENGTH = 256;

/**
 * The `<Tagging><TagSet>` body of PutObjectTagging and PutBucketTagging. Structure errors are
 * MalformedXML. S3 reports a bad tag as InvalidTag (and too many object tags as BadRequest); the core
 * has no such codes yet, so those are InvalidArgument here, with S3's messages.
 */
export function parseTagging(xml: string, limits: TaggingLimits): readonly Tag[] {
  const root = expectRoot(parseXml(xml), 'Tagging');
  const tags = childrenNamed(requiredChild(root, 'TagSet'), 'Tag').map((tag): Tag => ({
    key: requiredChild(tag, 'Key').text,
    value: requiredChild(tag, 'Value').text,
  }));
  if (tags.length > limits.maxTags) throw invalidTag(limits.tooManyMessage);
  const seen = new Set<string>();
  for (const { key, value } of tags) {
    if (key === '') throw invalidTag('The TagKey you have provided is invalid', key);
    if ([...key].length > MAX_KEY_LENGTH) {
      throw invalidTag(`The TagKey you have provided is too long, max ${MAX_KEY_LENGTH}`, key);
    }
    if ([...value].length > MAX_VALUE_LENGTH) {
      throw invalidTag(`The TagValue you have provided is too long, max ${MAX_VALUE_LENGTH}`, key);
    }
    if (seen.has(key)) throw invalidTag('Cannot provide multiple Tags with the same key', key);
    seen.add(key);
  }
  return tags;
}

function invalidTag(message: string, key?: string): StorageError {
  return new StorageError('InvalidArgument', message, key === undefined ? {} : { TagKey: key });
}

import { StorageError } from '../errors.js';
import type { ObjectTag } from '../types.js';

export interface TagLimits {
  readonly maxTags: number;
  readonly tooManyMessage: string;
}

/** S3's limits: 10 tags per object, 50 per bucket; keys up to 128 characters, values up to 256. */
export const OBJECT_TAG_LIMITS: TagLimits = { maxTags: 10, tooManyMessage: 'Object tags cannot be greater than 10' };
export const BUCKET_TAG_LIMITS: TagLimits = { maxTags: 50, tooManyMessage: 'Bucket tag count cannot be greater than 50' };

const MAX_KEY_LENGTH = 128;
const MAX_VALUE_LENGTH = 256;

/** Checks a tag set against the limits (InvalidTag with S3's messages); returns it ordered by key, as S3 answers tag sets. */
export function validateTags(tags: readonly ObjectTag[], limits: TagLimits): readonly ObjectTag[] {
  if (tags.length > limits.maxTags) throw invalidTag(limits.tooManyMessage);
  const seen = new Set<string>();
  for (const { key, value } of tags) {
    if (key === '') throw invalidTag('The TagKey you have provided is invalid', key);
    if ([...key].length > MAX_KEY_LENGTH) throw invalidTag(`The TagKey you have provided is too long, max ${MAX_KEY_LENGTH}`, key);
    if ([...value].length > MAX_VALUE_LENGTH) {
      throw invalidTag(`The TagValue you have provided is too long, max ${MAX_VALUE_LENGTH}`, key);
    }
    if (key.toLowerCase().startsWith('aws:')) throw invalidTag('Your TagKey cannot be prefixed with aws:', key);
    if (seen.has(key)) throw invalidTag('Cannot provide multiple Tags with the same key', key);
    seen.add(key);
  }
  return [...tags].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function invalidTag(message: string, key?: string): StorageError {
  return new StorageError('InvalidTag', message, key === undefined ? {} : { TagKey: key });
}

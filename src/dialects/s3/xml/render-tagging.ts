import type { ObjectTag } from '../../../core/types.js';
import { el } from '../../common/xml.js';
import { s3Document } from './response-elements.js';

/** `<Tagging><TagSet>` of GetObjectTagging and GetBucketTagging. */
export function renderTagging(tags: readonly ObjectTag[]): string {
  return s3Document('Tagging', [
    el(
      'TagSet',
      tags.map((t) => el('Tag', [el('Key', t.key), el('Value', t.value)])),
    ),
  ]);
}

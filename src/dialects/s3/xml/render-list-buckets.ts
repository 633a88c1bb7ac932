import { el, optionalEl } from '../../common/xml.js';
import { isoTime, ownerElement, s3Document, type S3Owner } from './response-elements.js';

export interface ListBucketsOutput {
  readonly owner: S3Owner;
  readonly buckets: readonly { readonly name: string; readonly creationDate: number; readonly region?: string }[];
  /** Present when the listing was cut at max-buckets. */
  readonly continuationToken?: string;
  readonly prefix?: string;
}

/** `ListAllMyBucketsResult`, the answer to ListBuckets. */
export function renderListBuckets(output: ListBucketsOutput): string {
  return s3Document('ListAllMyBucketsResult', [
    ownerElement('Owner', output.owner),
    el(
      'Buckets',
      output.buckets.map((b) =>
        el('Bucket', [el('Name', b.name), el('CreationDate', isoTime(b.creationDate)), optionalEl('BucketRegion', b.region)]),
      ),
    ),
    optionalEl('ContinuationToken', output.continuationToken),
    optionalEl('Prefix', output.prefix),
  ]);
}

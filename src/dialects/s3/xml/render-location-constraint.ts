import { s3Document } from './response-elements.js';

/**
 * `LocationConstraint`, the answer to GetBucketLocation: the bucket's region as text, and an empty
 * element for us-east-1, as S3 answers for its oldest region.
 */
export function renderLocationConstraint(region: string): string {
  return s3Document('LocationConstraint', region === 'us-east-1' ? '' : region);
}

import { expectRoot, optionalChild, parseXml } from '../../common/xml.js';

export interface CreateBucketConfigurationInput {
  /** Absent when the body, or the element, is absent or empty (which S3 reads as us-east-1). */
  readonly locationConstraint?: string;
}

/** The optional body of CreateBucket. An empty body is no configuration at all. */
export function parseCreateBucketConfiguration(xml: string): CreateBucketConfigurationInput {
  if (xml.trim() === '') return {};
  const root = expectRoot(parseXml(xml), 'CreateBucketConfiguration');
  const location = optionalChild(root, 'LocationConstraint')?.text.trim();
  return location === undefined || location === '' ? {} : { locationConstraint: location };
}

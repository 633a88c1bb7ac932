import type { BucketVersioningInput } from '../../../core/buckets/bucket-versioning.js';
import { expectRoot, malformedXml, optionalChild, parseXml } from '../../common/xml.js';

/** `<VersioningConfiguration><Status>Enabled|Suspended</Status><MfaDelete>...</MfaDelete>`; anything else is MalformedXML. */
export function parseVersioningConfiguration(xml: string): BucketVersioningInput {
  const root = expectRoot(parseXml(xml), 'VersioningConfiguration');
  const status = optionalChild(root, 'Status')?.text.trim();
  const mfa = optionalChild(root, 'MfaDelete')?.text.trim();
  if (status !== 'Enabled' && status !== 'Suspended') throw malformedXml();
  if (mfa !== undefined && mfa !== 'Enabled' && mfa !== 'Disabled') throw malformedXml();
  return {
    state: status === 'Enabled' ? 'enabled' : 'suspended',
    ...(mfa === undefined ? {} : { mfaDelete: mfa === 'Enabled' ? 'enabled' : 'disabled' }),
  };
}

import type { VersioningState } from '../../../core/types.js';
import { el } from '../../common/xml.js';
import { s3Document } from './response-elements.js';

/** GetBucketVersioning: no Status for a bucket that was never versioned; MfaDelete only where versioning was set. */
export function renderVersioningConfiguration(state: VersioningState): string {
  if (state === 'unversioned') return s3Document('VersioningConfiguration', []);
  return s3Document('VersioningConfiguration', [el('Status', state === 'enabled' ? 'Enabled' : 'Suspended'), el('MfaDelete', 'Disabled')]);
}

import { StorageError } from '../../../core/errors.js';
import type { ObjectLockConfiguration } from '../../../core/objects/object-lock.js';
import type { ObjectRetention, RetentionMode } from '../../../core/types.js';
import { expectRoot, malformedXml, optionalChild, parseXml, requiredChild } from '../../common/xml.js';

/** `<ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled><Rule><DefaultRetention>...`. */
export function parseObjectLockConfiguration(xml: string): ObjectLockConfiguration {
  const root = expectRoot(parseXml(xml), 'ObjectLockConfiguration');
  const enabled = optionalChild(root, 'ObjectLockEnabled')?.text.trim();
  if (enabled !== 'Enabled') throw malformedXml();
  const rule = optionalChild(root, 'Rule');
  if (rule === undefined) return { enabled: true };
  const retention = requiredChild(rule, 'DefaultRetention');
  const mode = xmlMode(requiredChild(retention, 'Mode').text.trim());
  const days = optionalChild(retention, 'Days')?.text.trim();
  const years = optionalChild(retention, 'Years')?.text.trim();
  if ((days === undefined) === (years === undefined)) throw malformedXml();
  return {
    enabled: true,
    defaultRetention: {
      mode,
      ...(days === undefined ? {} : { days: period(days, 'Days') }),
      ...(years === undefined ? {} : { years: period(years, 'Years') }),
    },
  };
}

/** In a document an unknown mode breaks the schema: MalformedXML (a header's is InvalidArgument). */
function xmlMode(text: string): RetentionMode {
  if (text === 'GOVERNANCE') return 'governance';
  if (text === 'COMPLIANCE') return 'compliance';
  throw malformedXml();
}

function period(text: string, name: string): number {
  if (!/^-?\d+$/.test(text)) throw malformedXml();
  const n = Number(text);
  if (n <= 0) {
    throw new StorageError('InvalidRetentionPeriod', 'Default retention period must be a positive integer value.', {
      ArgumentName: name,
      ArgumentValue: text,
    });
  }
  return n;
}

/** `<Retention><Mode/><RetainUntilDate/></Retention>`; an empty Retention removes it (governance bypass needed). */
export function parseRetention(xml: string): ObjectRetention | undefined {
  const root = expectRoot(parseXml(xml), 'Retention');
  const mode = optionalChild(root, 'Mode')?.text.trim();
  const until = optionalChild(root, 'RetainUntilDate')?.text.trim();
  if (mode === undefined && until === undefined) return undefined;
  if (mode === undefined || until === undefined) throw malformedXml();
  const at = Date.parse(until);
  if (Number.isNaN(at)) throw malformedXml();
  return { mode: xmlMode(mode), retainUntil: at };
}

/** `<LegalHold><Status>ON|OFF</Status></LegalHold>`. */
export function parseLegalHold(xml: string): boolean {
  const root = expectRoot(parseXml(xml), 'LegalHold');
  const status = optionalChild(root, 'Status')?.text.trim();
  if (status !== 'ON' && status !== 'OFF') throw malformedXml();
  return status === 'ON';
}

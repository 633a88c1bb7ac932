import type { ObjectLockConfiguration } from '../../../core/objects/object-lock.js';
import type { ObjectRetention } from '../../../core/types.js';
import { el } from '../../common/xml.js';
import { retentionModeName } from '../headers/version-headers.js';
import { s3Document } from './response-elements.js';

export function renderObjectLockConfiguration(config: ObjectLockConfiguration): string {
  const rule = config.defaultRetention;
  return s3Document('ObjectLockConfiguration', [
    el('ObjectLockEnabled', 'Enabled'),
    rule !== undefined &&
      el('Rule', [
        el('DefaultRetention', [
          el('Mode', retentionModeName(rule.mode)),
          rule.days !== undefined && el('Days', rule.days),
          rule.years !== undefined && el('Years', rule.years),
        ]),
      ]),
  ]);
}

export function renderRetention(retention: ObjectRetention): string {
  return s3Document('Retention', [
    el('Mode', retentionModeName(retention.mode)),
    el('RetainUntilDate', new Date(retention.retainUntil).toISOString()),
  ]);
}

export function renderLegalHold(on: boolean): string {
  return s3Document('LegalHold', [el('Status', on ? 'ON' : 'OFF')]);
}

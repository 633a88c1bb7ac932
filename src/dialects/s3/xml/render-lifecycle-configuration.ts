import type {
  LifecycleConfiguration,
  LifecycleFilter,
  LifecycleRule,
  LifecycleTrigger,
  NoncurrentAction,
} from '../../../core/lifecycle/lifecycle-rules.js';
import { el, optionalEl, type XmlElement } from '../../common/xml.js';
import { s3StorageClassName } from '../headers/storage-class.js';
import { isoTime, s3Document } from './response-elements.js';

/**
 * GetBucketLifecycleConfiguration: each rule as S3 writes it back, ID, then the filter in the form it
 * was given (the rule's own Prefix, or a Filter: empty, one predicate, or an And), Status, then the
 * actions. Triggers the S3 API cannot express (OSS's CreatedBeforeDate) are left out.
 */
export function renderLifecycleConfiguration(config: LifecycleConfiguration): string {
  return s3Document('LifecycleConfiguration', config.rules.map(ruleElement));
}

function ruleElement(rule: LifecycleRule): XmlElement {
  return el('Rule', [
    el('ID', rule.id),
    rule.legacyPrefix === true ? el('Prefix', rule.filter.prefix ?? '') : el('Filter', filterContent(rule.filter)),
    el('Status', rule.enabled ? 'Enabled' : 'Disabled'),
    rule.expiration !== undefined &&
      (rule.expiration.days !== undefined || rule.expiration.date !== undefined) &&
      el('Expiration', triggerContent(rule.expiration)),
    rule.expiredObjectDeleteMarker !== undefined && el('Expiration', [el('ExpiredObjectDeleteMarker', rule.expiredObjectDeleteMarker)]),
    ...(rule.transitions ?? [])
      .filter((t) => t.days !== undefined || t.date !== undefined)
      .map((t) => el('Transition', [...triggerContent(t), el('StorageClass', s3StorageClassName(t.storageClass))])),
    ...(rule.noncurrentTransitions ?? []).map((t) =>
      el('NoncurrentVersionTransition', [...noncurrentContent(t), el('StorageClass', s3StorageClassName(t.storageClass))]),
    ),
    rule.noncurrentExpiration !== undefined && el('NoncurrentVersionExpiration', noncurrentContent(rule.noncurrentExpiration)),
    rule.abortIncompleteUploads?.days !== undefined &&
      el('AbortIncompleteMultipartUpload', [el('DaysAfterInitiation', rule.abortIncompleteUploads.days)]),
  ]);
}

function noncurrentContent(a: NoncurrentAction): XmlElement[] {
  return [
    el('NoncurrentDays', a.days),
    ...(a.newerNoncurrentVersions === undefined ? [] : [el('NewerNoncurrentVersions', a.newerNoncurrentVersions)]),
  ];
}

function filterContent(f: LifecycleFilter): XmlElement[] {
  const predicates: XmlElement[] = [
    ...(f.prefix === undefined ? [] : [el('Prefix', f.prefix)]),
    ...(f.tags ?? []).map((t) => el('Tag', [el('Key', t.key), el('Value', t.value)])),
    ...(f.objectSizeGreaterThan === undefined ? [] : [el('ObjectSizeGreaterThan', f.objectSizeGreaterThan)]),
    ...(f.objectSizeLessThan === undefined ? [] : [el('ObjectSizeLessThan', f.objectSizeLessThan)]),
  ];
  return predicates.length > 1 ? [el('And', predicates)] : predicates;
}

function triggerContent(t: LifecycleTrigger): XmlElement[] {
  if (t.days !== undefined) return [el('Days', t.days)];
  return [optionalEl('Date', t.date === undefined ? undefined : isoTime(t.date))].filter((e): e is XmlElement => e !== undefined);
}

import { storageClasses, type StorageClass } from '../types.js';
import { dueTime } from './due-date.js';
import type { LifecycleConfiguration } from './lifecycle-rules.js';
import { ruleSelectsObject, type LifecycleObjectView } from './rule-selection.js';

export type NoncurrentActionDue =
  | { readonly kind: 'expire'; readonly ruleId: string; readonly dueAt: number }
  | { readonly kind: 'transition'; readonly ruleId: string; readonly dueAt: number; readonly storageClass: StorageClass };

export interface NoncurrentVersionView extends LifecycleObjectView {
  /** When the version became noncurrent: its noncurrent days count from here, as S3 counts them. */
  readonly noncurrentSince: number;
  readonly storageClass: StorageClass;
  readonly deleteMarker: boolean;
}

const coldness = (c: StorageClass) => storageClasses.indexOf(c);

/**
 * What lifecycle does to a noncurrent version as of `at`: NoncurrentVersionExpiration wins over
 * NoncurrentVersionTransition (to the coldest due class colder than its own). A rule with
 * NewerNoncurrentVersions N acts only while at least N newer noncurrent versions of the key exist,
 * which `newerNoncurrent` tells (called only for such rules). Delete markers only expire.
 */
export function noncurrentActionAt(
  config: LifecycleConfiguration | undefined,
  version: NoncurrentVersionView,
  at: number,
  newerNoncurrent: () => number,
): NoncurrentActionDue | undefined {
  let expire: NoncurrentActionDue | undefined;
  let transition: (NoncurrentActionDue & { kind: 'transition' }) | undefined;
  const enough = (n: number | undefined) => n === undefined || newerNoncurrent() >= n;
  for (const rule of config?.rules ?? []) {
    if (rule.noncurrentExpiration === undefined && (rule.noncurrentTransitions?.length ?? 0) === 0) continue;
    if (!ruleSelectsObject(rule, version)) continue;
    const e = rule.noncurrentExpiration;
    if (e !== undefined) {
      const due = dueTime({ days: e.days }, version.noncurrentSince);
      if (due !== undefined && due <= at && (expire === undefined || due < expire.dueAt) && enough(e.newerNoncurrentVersions)) {
        expire = { kind: 'expire', ruleId: rule.id, dueAt: due };
      }
    }
    if (version.deleteMarker) continue;
    for (const t of rule.noncurrentTransitions ?? []) {
      if (coldness(t.storageClass) <= coldness(version.storageClass)) continue;
      const due = dueTime({ days: t.days }, version.noncurrentSince);
      if (due === undefined || due > at || !enough(t.newerNoncurrentVersions)) continue;
      if (transition === undefined || coldness(t.storageClass) > coldness(transition.storageClass)) {
        transition = { kind: 'transition', ruleId: rule.id, dueAt: due, storageClass: t.storageClass };
      }
    }
  }
  return expire ?? transition;
}

/** The rule that removes an expired delete marker (the only version left of its key), if any selects it. */
export function expiredMarkerRule(config: LifecycleConfiguration | undefined, key: string): string | undefined {
  for (const rule of config?.rules ?? []) {
    if (rule.expiredObjectDeleteMarker !== true || !rule.enabled) continue;
    if (rule.filter.prefix === undefined || key.startsWith(rule.filter.prefix)) return rule.id;
  }
  return undefined;
}

import { storageClasses, type StorageClass } from '../types.js';
import { dueTime } from './due-date.js';
import type { LifecycleConfiguration } from './lifecycle-rules.js';
import { ruleSelectsObject, type LifecycleObjectView } from './rule-selection.js';

export type ObjectAction =
  | { readonly kind: 'expire'; readonly ruleId: string; readonly dueAt: number }
  | { readonly kind: 'transition'; readonly ruleId: string; readonly dueAt: number; readonly storageClass: StorageClass };

export interface LifecycleObject extends LifecycleObjectView {
  readonly lastModified: number;
  readonly storageClass: StorageClass;
}

/** Colder classes come later in the core's list: standard, infrequent access, archive, cold, deep cold. */
const coldness = (c: StorageClass) => storageClasses.indexOf(c);

/**
 * What lifecycle does to an object as of `at`. An expiration that is due wins over any transition
 * (S3: "expiration takes precedence"). Otherwise the coldest due transition to a class colder than the
 * object's own: objects only move down the classes, never back up, so rules cannot make an object
 * bounce between classes. Undefined: nothing to do.
 */
export function objectActionAt(config: LifecycleConfiguration | undefined, object: LifecycleObject, at: number): ObjectAction | undefined {
  let expire: ObjectAction | undefined;
  let transition: (ObjectAction & { kind: 'transition' }) | undefined;
  for (const rule of config?.rules ?? []) {
    if ((rule.expiration === undefined && (rule.transitions?.length ?? 0) === 0) || !ruleSelectsObject(rule, object)) continue;
    if (rule.expiration !== undefined) {
      const due = dueTime(rule.expiration, object.lastModified);
      if (due !== undefined && due <= at && (expire === undefined || due < expire.dueAt))
        expire = { kind: 'expire', ruleId: rule.id, dueAt: due };
    }
    for (const t of rule.transitions ?? []) {
      if (coldness(t.storageClass) <= coldness(object.storageClass)) continue;
      const due = dueTime(t, object.lastModified);
      if (due === undefined || due > at) continue;
      const better =
        transition === undefined ||
        coldness(t.storageClass) > coldness(transition.storageClass) ||
        (t.storageClass === transition.storageClass && due < transition.dueAt);
      if (better) transition = { kind: 'transition', ruleId: rule.id, dueAt: due, storageClass: t.storageClass };
    }
  }
  return expire ?? transition;
}

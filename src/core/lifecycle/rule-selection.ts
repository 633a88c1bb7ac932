import type { LifecycleRule } from './lifecycle-rules.js';

export interface ObjectTag {
  readonly key: string;
  readonly value: string;
}

/** What a rule's filter reads of an object. */
export interface LifecycleObjectView {
  readonly key: string;
  readonly size: number;
  /** The object's tags; the core keeps none yet, so a rule that names tags selects no object. */
  readonly tags?: readonly ObjectTag[];
}

/** Whether an enabled rule applies to this object: prefix, every tag it names, and the size bounds. */
export function ruleSelectsObject(rule: LifecycleRule, object: LifecycleObjectView): boolean {
  if (!rule.enabled) return false;
  const f = rule.filter;
  if (f.prefix !== undefined && !object.key.startsWith(f.prefix)) return false;
  if (f.objectSizeGreaterThan !== undefined && !(object.size > f.objectSizeGreaterThan)) return false;
  if (f.objectSizeLessThan !== undefined && !(object.size < f.objectSizeLessThan)) return false;
  const tags = object.tags ?? [];
  for (const want of f.tags ?? []) {
    if (!tags.some((t) => t.key === want.key && t.value === want.value)) return false;
  }
  return true;
}

/**
 * Whether an enabled rule applies to an incomplete upload. An upload has a key but neither tags nor a
 * final size, so a rule that filters on tags or sizes never selects one (S3 refuses such rules with
 * AbortIncompleteMultipartUpload, and OSS says tags cannot match parts).
 */
export function ruleSelectsUpload(rule: LifecycleRule, upload: { readonly key: string }): boolean {
  if (!rule.enabled) return false;
  const f = rule.filter;
  if ((f.tags?.length ?? 0) > 0 || f.objectSizeGreaterThan !== undefined || f.objectSizeLessThan !== undefined) return false;
  return f.prefix === undefined || upload.key.startsWith(f.prefix);
}

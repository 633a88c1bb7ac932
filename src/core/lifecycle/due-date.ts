import type { LifecycleTrigger } from './lifecycle-rules.js';

export const DAY_MS = 86_400_000;

/** The next 00:00 UTC at or after `t` (a time already at midnight is its own ceiling). */
export function ceilUtcDay(t: number): number {
  return Math.ceil(t / DAY_MS) * DAY_MS;
}

/**
 * When an action with this trigger falls due for something created (an object's last modification, an
 * upload's initiation) at `start`, as S3 and OSS compute it: `days` counts from `start` rounded up to the
 * next 00:00 UTC; `date` is a fixed moment (or the creation, if later); `createdBefore` applies at once to what was created before
 * it and never to anything else. Several conditions in one trigger must all hold. Undefined: never due.
 */
export function dueTime(trigger: LifecycleTrigger, start: number): number | undefined {
  let due: number | undefined;
  const atLeast = (t: number) => {
    due = due === undefined ? t : Math.max(due, t);
  };
  if (trigger.days !== undefined) atLeast(ceilUtcDay(start) + trigger.days * DAY_MS);
  // Something created after the date is due as soon as it exists.
  if (trigger.date !== undefined) atLeast(Math.max(trigger.date, start));
  if (trigger.createdBefore !== undefined) {
    if (start >= trigger.createdBefore) return undefined;
    atLeast(start);
  }
  return due;
}

/**
 * The latest creation time that can be due by `at` under this trigger: anything created later is not
 * due yet (-Infinity: nothing is). Lets a pass seek its time-ordered indexes instead of reading everything.
 */
export function latestStartDueBy(trigger: LifecycleTrigger, at: number): number {
  if (trigger.date !== undefined && trigger.date > at) return Number.NEGATIVE_INFINITY;
  let bound = at;
  if (trigger.days !== undefined) bound = Math.min(bound, at - trigger.days * DAY_MS);
  if (trigger.createdBefore !== undefined) bound = Math.min(bound, trigger.createdBefore - 1);
  return bound;
}

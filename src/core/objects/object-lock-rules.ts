import type { ObjectLockState } from '../types.js';

/**
 * Whether object lock forbids removing a version now: a legal hold always does, compliance retention
 * until its date, governance retention until its date unless the caller bypasses it.
 */
export function lockBlocksRemoval(lock: ObjectLockState, now: number, bypassGovernance: boolean): boolean {
  if (lock.legalHold === true) return true;
  const r = lock.retention;
  if (r === undefined || r.retainUntil <= now) return false;
  return r.mode === 'compliance' || !bypassGovernance;
}

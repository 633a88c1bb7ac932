import type { ObjectRecord, ObjectVersionRecord, StorageClass } from '../types.js';

/** Why a pass ran: the daily schedule, an overdue pass caught up at start-up, or an operator. */
export type PassReason = 'scheduled' | 'startup' | 'manual';
export type PassState = 'running' | 'completed' | 'failed';

/** Where a pass stands: the bucket it works on, the phase, and the last item it finished. */
export interface PassCursor {
  readonly bucketId: number;
  readonly phase: 'uploads' | 'objects' | 'versions';
  /**
   * (initiatedAt, uploadId) in the uploads phase, (lastModified, objectId) in the objects phase,
   * (noncurrent since or, for a latest delete marker, its creation; object id) in the versions phase.
   */
  readonly after?: { readonly time: number; readonly id: string };
}

export interface LifecyclePassRecord {
  readonly id: number;
  readonly reason: PassReason;
  /** The moment the rules were evaluated as of (now, or an operator's `--at`). */
  readonly evaluatedAt: number;
  readonly startedAt: number;
  readonly finishedAt: number | null;
  readonly state: PassState;
  readonly cursor: PassCursor | null;
  readonly error: string | null;
  /** How many times the pass was resumed after its process stopped. */
  readonly resumed: number;
}

export type LifecycleActionKind =
  'abort-upload' | 'expire-object' | 'transition-object' | 'expire-version' | 'transition-version' | 'expire-delete-marker';
/** pending: about to be carried out (written first, so that a crash leaves a trace); done; skipped: the target changed under the pass. */
export type LifecycleActionState = 'pending' | 'done' | 'skipped';

export interface LifecycleActionRecord {
  readonly passId: number;
  readonly kind: LifecycleActionKind;
  /** The upload id, or the object id as a string: one action per target and pass. */
  readonly target: string;
  readonly bucketId: number;
  readonly bucketName: string;
  readonly ruleId: string;
  readonly key: string;
  /** Parts freed by an abort (0 for objects). */
  readonly parts: number;
  /** Bytes freed, expired or transitioned. */
  readonly bytes: number;
  readonly fromClass: StorageClass;
  /** Target class of a transition. */
  readonly toClass: StorageClass | null;
  readonly dueAt: number;
  readonly state: LifecycleActionState;
  /** When the action was settled (done or skipped). */
  readonly settledAt: number | null;
}

/** What a pass did under one rule of one bucket (only done actions count). */
export interface LifecycleRuleTotals {
  readonly bucketId: number;
  readonly bucketName: string;
  readonly ruleId: string;
  readonly uploadsAborted: number;
  readonly partsFreed: number;
  readonly bytesFreed: number;
  readonly objectsExpired: number;
  readonly bytesExpired: number;
  readonly objectsTransitioned: number;
  readonly bytesTransitioned: number;
  /** Noncurrent versions removed for good, and their bytes. */
  readonly versionsExpired: number;
  readonly versionBytesExpired: number;
  readonly versionsTransitioned: number;
  readonly versionBytesTransitioned: number;
  readonly deleteMarkersExpired: number;
}

export interface ObjectAgeQuery {
  readonly bucketId: number;
  /** Objects last modified at or before this moment. */
  readonly modifiedBefore: number;
  /** Resume after this (lastModified, objectId). */
  readonly after?: { readonly lastModified: number; readonly objectId: number };
  readonly limit: number;
}

export interface VersionAgeQuery {
  readonly bucketId: number;
  /** Versions noncurrent since (latest delete markers: made) at or before this moment. */
  readonly before: number;
  readonly after?: { readonly time: number; readonly objectId: number };
  readonly limit: number;
}

/** A noncurrent version or a delete marker, with the moment its age counts from. */
export interface AgedVersion extends ObjectVersionRecord {
  /** When it became noncurrent; for a latest delete marker, when it was made. */
  readonly since: number;
}

/**
 * The lifecycle engine's own storage: which buckets carry a lifecycle configuration, objects in
 * last-modified order, and the record of passes and of every action they took. Each method is one
 * atomic write or a consistent read.
 */
export interface LifecycleStore {
  /** Buckets holding a lifecycle configuration document, by ascending bucket id, after `afterBucketId`. */
  lifecycleBuckets(afterBucketId: number, limit: number): Promise<{ bucketId: number; config: string }[]>;
  /** A bucket's objects oldest first (by last modification, then id). */
  listObjectsByAge(query: ObjectAgeQuery): Promise<ObjectRecord[]>;
  /** A bucket's noncurrent versions and delete markers, oldest first by `since`, then id. */
  listVersionsByAge(query: VersionAgeQuery): Promise<AgedVersion[]>;

  createPass(input: { reason: PassReason; evaluatedAt: number; startedAt: number }): Promise<LifecyclePassRecord>;
  getPass(passId: number): Promise<LifecyclePassRecord | undefined>;
  /** Newest first. */
  listPasses(limit: number, beforeId?: number): Promise<LifecyclePassRecord[]>;
  /** Passes left running by a process that stopped (at start-up: passes to resume). */
  runningPasses(): Promise<LifecyclePassRecord[]>;
  savePassCursor(passId: number, cursor: PassCursor): Promise<void>;
  markPassResumed(passId: number): Promise<void>;
  finishPass(passId: number, state: 'completed' | 'failed', finishedAt: number, error?: string): Promise<void>;

  /** Records intended actions as pending; an action already recorded for the same pass and target is left as it is. */
  recordActions(actions: readonly LifecycleActionRecord[]): Promise<void>;
  settleAction(
    passId: number,
    target: string,
    state: 'done' | 'skipped',
    settledAt: number,
    measured?: { parts: number; bytes: number },
  ): Promise<void>;
  pendingActions(passId: number): Promise<LifecycleActionRecord[]>;
  /** Actions of a pass in the order they were recorded. */
  listActions(passId: number, offset: number, limit: number): Promise<LifecycleActionRecord[]>;
  passTotals(passId: number): Promise<LifecycleRuleTotals[]>;
}

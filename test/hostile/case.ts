import type { RawHttpRequest } from '../support/raw-http.js';
import type { Dice } from './prng.js';
import type { DialectName } from './wire-format.js';
import type { Wire } from './wire.js';
import type { World } from './world.js';

/** One generated request and what the server must do with it. */
export interface HostileCase {
  /** `dialect/family/variant`: what the summary counts. */
  readonly label: string;
  /** The dialect whose error format the answer must have. */
  readonly dialect: DialectName;
  readonly request: RawHttpRequest;
  /**
   * `error`: bad input, to be refused with a 4xx; `any`: may be answered with success (reads of odd but
   * legal requests), but never with a 5xx, and any 4xx still in the dialect's format.
   */
  readonly expect: 'error' | 'any';
  /** When given, the error code must be one of these. */
  readonly codes?: readonly string[];
  /**
   * How the request goes on the wire: answered normally, or the client hangs up halfway through the
   * body it declared, or right after the first bytes of the answer.
   */
  readonly transport?: 'normal' | 'drop-mid-body' | 'drop-mid-response' | 'raw-bytes';
  /** For `raw-bytes`: exactly what is written on the socket. */
  readonly rawBytes?: Buffer;
}

export interface CaseContext {
  readonly d: Dice;
  readonly w: World;
  readonly wire: Wire;
  /** A fresh name for things that must not come to exist (buckets, keys). */
  readonly fresh: (prefix: string) => string;
}

/** A family of cases: a weight (how often it is drawn) and a generator. */
export interface CaseFamily {
  readonly name: string;
  readonly weight: number;
  readonly make: (c: CaseContext) => HostileCase;
}

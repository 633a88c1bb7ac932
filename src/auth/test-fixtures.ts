import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { type StorageErrorCode, isStorageError } from '../core/errors.js';
import type { AccessKey } from '../core/types.js';
import type { AuthRequest } from './auth-request.js';

/** Shared by the auth tests: the AWS documentation's example credentials and request builders. */

export const EXAMPLE_AKID = 'AKIAIOSFODNN7EXAMPLE';
export const EXAMPLE_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
/** 20130524T000000Z, the time of the SigV4 examples. */
export const EXAMPLE_TIME = Date.UTC(2013, 4, 24, 0, 0, 0);

export const exampleKey: AccessKey = {
  accessKeyId: EXAMPLE_AKID,
  secretAccessKey: EXAMPLE_SECRET,
  accountId: '123456789012',
  userName: null,
  createdAt: 0,
};

export function lookupOf(...keys: AccessKey[]): (id: string) => Promise<AccessKey | undefined> {
  return async (id) => keys.find((k) => k.accessKeyId === id);
}

export interface TestRequestInit {
  readonly method?: string;
  readonly path: string;
  readonly query?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Wire bytes, delivered as these pieces. */
  readonly body?: string | Buffer | readonly Buffer[];
}

export function testRequest(init: TestRequestInit): AuthRequest {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(init.headers ?? {})) headers[k.toLowerCase()] = v;
  const body = init.body ?? [];
  const pieces = typeof body === 'string' ? [Buffer.from(body)] : Buffer.isBuffer(body) ? [body] : body;
  return {
    method: init.method ?? 'GET',
    rawPath: init.path,
    rawQuery: init.query ?? '',
    headers,
    body: Readable.from(pieces.filter((p) => p.length > 0)),
  };
}

export async function collect(body: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of body) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

/** Asserts that `action` rejects with a StorageError of `code`, and returns it for further checks. */
export async function rejectsWith(action: Promise<unknown> | (() => Promise<unknown>), code: StorageErrorCode) {
  let caught: unknown;
  try {
    await (typeof action === 'function' ? action() : action);
  } catch (e) {
    caught = e;
  }
  assert.ok(isStorageError(caught), `expected StorageError ${code}, got ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  return caught;
}

/** A small seeded PRNG (mulberry32) so that randomised tests replay. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Cuts `data` into pieces at random points (some of them 1 byte long). */
export function splitRandomly(data: Buffer, random: () => number, maxPiece = 4096): Buffer[] {
  const out: Buffer[] = [];
  let pos = 0;
  while (pos < data.length) {
    const r = random();
    const n = r < 0.2 ? 1 : 1 + Math.floor(random() * maxPiece);
    out.push(data.subarray(pos, pos + n));
    pos += n;
  }
  return out;
}

import { randomBytes } from 'node:crypto';
import { wrapKey } from './key-wrap.js';
import type { BlobSeal } from './package-sealer.js';
import { DATA_KEY_BYTES, NONCE_PREFIX_BYTES, encodeHeader, type SealedHeader } from './sealed-format.js';
import { unwrapKey } from './key-wrap.js';

/** A key that wraps data keys, with the context its wrapping authenticates ('sse-s3', 'sse-kms:<arn>'...). */
export interface WrappingKey {
  readonly key: Buffer;
  readonly context: string;
}

/** A fresh data key for one blob, wrapped by `wrapping`, and the header that records it. */
export function newSeal(wrapping: WrappingKey): BlobSeal {
  const dataKey = randomBytes(DATA_KEY_BYTES);
  const noncePrefix = randomBytes(NONCE_PREFIX_BYTES);
  const w = wrapKey(wrapping.key, dataKey, wrapping.context);
  return {
    header: encodeHeader({ noncePrefix, wrapIv: w.iv, wrappedKey: w.wrapped, wrapTag: w.tag, plainLength: 0 }),
    dataKey,
    noncePrefix,
  };
}

/** The data key of a sealed blob. Throws AccessDenied when `wrapping` is not the key that sealed it. */
export function dataKeyOf(header: SealedHeader, wrapping: WrappingKey): Buffer {
  return unwrapKey(wrapping.key, { iv: header.wrapIv, wrapped: header.wrappedKey, tag: header.wrapTag }, wrapping.context);
}

import { createDecipheriv } from 'node:crypto';
import { PACKAGE_BYTES, SEALED_PACKAGE_BYTES, TAG_BYTES, packageIv, sealedRange } from './sealed-format.js';

/**
 * Yields plaintext [offset, offset + length) of a sealed blob, given a reader of its sealed bytes. Only
 * the packages holding the range are read; each package's tag is checked before any of its bytes leave.
 */
export async function* openSealed(
  readSealed: (offset: number, length: number) => AsyncIterable<Buffer>,
  dataKey: Buffer,
  noncePrefix: Buffer,
  blobPlainLength: number,
  offset: number,
  length: number,
): AsyncIterable<Buffer> {
  if (length <= 0) return;
  if (offset + length > blobPlainLength) throw new Error('read past the end of a sealed blob');
  const range = sealedRange(offset, length, blobPlainLength);
  let index = range.firstPackage;
  let skip = offset - index * PACKAGE_BYTES;
  let remaining = length;
  let left = range.length;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const open = (sealed: Buffer): Buffer => {
    const decipher = createDecipheriv('aes-256-gcm', dataKey, packageIv(noncePrefix, index));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    const plain = Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]);
    index++;
    const slice = plain.subarray(skip, Math.min(plain.length, skip + remaining));
    skip = 0;
    remaining -= slice.length;
    return slice;
  };
  for await (const chunk of readSealed(range.start, range.length)) {
    pending.push(chunk);
    pendingBytes += chunk.length;
    left -= chunk.length;
    while (pendingBytes >= SEALED_PACKAGE_BYTES || (left <= 0 && pendingBytes > 0)) {
      const all = pending.length === 1 ? (pending[0] as Buffer) : Buffer.concat(pending);
      const take = Math.min(SEALED_PACKAGE_BYTES, all.length);
      const out = open(all.subarray(0, take));
      const rest = all.subarray(take);
      pending = rest.length === 0 ? [] : [rest];
      pendingBytes = rest.length;
      if (out.length > 0) yield out;
    }
  }
  if (remaining !== 0) throw new Error(`sealed blob ended early (${remaining} bytes missing)`);
}

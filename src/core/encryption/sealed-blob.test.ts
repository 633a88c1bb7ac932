import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { newSeal, dataKeyOf } from './new-seal.js';
import { openSealed } from './open-sealed.js';
import { PackageSealer } from './package-sealer.js';
import { HEADER_BYTES, PACKAGE_BYTES, PLAIN_LENGTH_OFFSET, decodeHeader, plainLengthField, sealedLength } from './sealed-format.js';
import { isStorageError } from '../errors.js';

const wrapping = { key: randomBytes(32), context: 'sse-s3' };

function seal(plain: Buffer, chunk: number): Buffer {
  const s = newSeal(wrapping);
  const sealer = new PackageSealer(s);
  const out: Buffer[] = [Buffer.from(s.header)];
  for (let i = 0; i < plain.length; i += chunk) out.push(...sealer.update(plain.subarray(i, i + chunk)));
  out.push(...sealer.final());
  const blob = Buffer.concat(out);
  plainLengthField(plain.length).copy(blob, PLAIN_LENGTH_OFFSET);
  return blob;
}

async function open(blob: Buffer, offset: number, length: number, key = wrapping): Promise<Buffer> {
  const header = decodeHeader(blob.subarray(0, HEADER_BYTES));
  const parts: Buffer[] = [];
  const reader = async function* (o: number, l: number) {
    // Hand the bytes over in awkward pieces, as a file read or a socket would.
    for (let i = o; i < o + l; i += 7777) yield blob.subarray(i, Math.min(o + l, i + 7777));
  };
  for await (const c of openSealed(reader, dataKeyOf(header, key), header.noncePrefix, header.plainLength, offset, length)) parts.push(c);
  return Buffer.concat(parts);
}

describe('sealed blobs (AES-256-GCM packages)', () => {
  it('round-trips any length written in any chunking, and takes the documented space', async () => {
    for (const [size, chunk] of [
      [1, 1],
      [PACKAGE_BYTES, 1000],
      [PACKAGE_BYTES + 1, PACKAGE_BYTES],
      [3 * PACKAGE_BYTES + 123, 512 * 1024],
    ] as const) {
      const plain = randomBytes(size);
      const blob = seal(plain, chunk);
      assert.equal(blob.length, sealedLength(size));
      assert.deepEqual(await open(blob, 0, size), plain);
    }
  });

  it('reads ranges that start and end inside packages, across package boundaries', async () => {
    const plain = randomBytes(5 * PACKAGE_BYTES + 999);
    const blob = seal(plain, 100_000);
    for (const [o, l] of [
      [0, 1],
      [PACKAGE_BYTES - 1, 2],
      [PACKAGE_BYTES * 2 + 5, PACKAGE_BYTES * 2],
      [plain.length - 1, 1],
      [12345, plain.length - 12345],
    ] as const) {
      assert.deepEqual(await open(blob, o, l), plain.subarray(o, o + l));
    }
  });

  it('refuses a tampered package and a wrong wrapping key', async () => {
    const plain = randomBytes(2 * PACKAGE_BYTES);
    const blob = seal(plain, PACKAGE_BYTES);
    const tampered = Buffer.from(blob);
    const at = HEADER_BYTES + PACKAGE_BYTES + 20;
    tampered.writeUInt8(tampered.readUInt8(at) ^ 1, at);
    await assert.rejects(open(tampered, PACKAGE_BYTES, 10));
    assert.deepEqual(await open(tampered, 0, 10), plain.subarray(0, 10));
    await assert.rejects(open(blob, 0, 10, { key: randomBytes(32), context: 'sse-s3' }), (e) => isStorageError(e, 'AccessDenied'));
    await assert.rejects(open(blob, 0, 10, { key: wrapping.key, context: 'sse-kms:x' }), (e) => isStorageError(e, 'AccessDenied'));
  });

  it('never writes a run of the plaintext', () => {
    const plain = Buffer.alloc(3 * PACKAGE_BYTES, 'A');
    const blob = seal(plain, 4096);
    assert.equal(blob.indexOf(Buffer.alloc(64, 'A')), -1);
  });
});

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { isStorageError, type StorageErrorCode } from '../errors.js';
import { collectSmallBody, readSmallBody } from './read-small-body.js';

const doc = Buffer.from('<Delete><Object><Key>a</Key></Object></Delete>');
const hex = (algorithm: string, data: Buffer) => createHash(algorithm).update(data).digest('hex');

async function* chunks(data: Buffer, size = 7): AsyncIterable<Uint8Array> {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}

async function rejects(p: Promise<unknown>, code: StorageErrorCode): Promise<void> {
  await assert.rejects(p, (e: unknown) => isStorageError(e, code));
}

describe('readSmallBody', () => {
  it('returns the whole document when its digests and signed hash match', async () => {
    const bytes = await readSmallBody(
      { stream: chunks(doc), length: doc.length, expected: () => ({ md5: hex('md5', doc) }), payloadSha256: hex('sha256', doc) },
      1024,
    );
    assert.deepEqual(bytes, doc);
  });

  it('refuses a body over the limit, declared or streamed, with RequestBodyTooLarge and the limit', async () => {
    await assert.rejects(
      readSmallBody({ stream: chunks(doc), length: doc.length }, 10),
      (e: unknown) => isStorageError(e, 'RequestBodyTooLarge') && e.details.MaxMessageLengthBytes === 10,
    );
    await rejects(readSmallBody({ stream: chunks(doc) }, 10), 'RequestBodyTooLarge');
  });

  it('checks Content-MD5, checksums, the signed payload hash and the declared length as any body', async () => {
    await rejects(readSmallBody({ stream: chunks(doc), expected: () => ({ md5: hex('md5', Buffer.from('x')) }) }, 1024), 'BadDigest');
    await rejects(
      readSmallBody({ stream: chunks(doc), expected: () => ({ sha1: hex('sha1', Buffer.from('x')) }) }, 1024),
      'ChecksumMismatch',
    );
    await rejects(readSmallBody({ stream: chunks(doc), payloadSha256: hex('sha256', Buffer.from('x')) }, 1024), 'ContentSha256Mismatch');
    await rejects(readSmallBody({ stream: chunks(doc), length: doc.length + 1 }, 1024), 'IncompleteBody');
  });
});

describe('collectSmallBody', () => {
  it('collects strings and bytes, and gives up past the limit', async () => {
    async function* mixed(): AsyncIterable<Uint8Array | string> {
      yield 'ab';
      yield Buffer.from('cd');
    }
    assert.deepEqual(await collectSmallBody(mixed(), 4), Buffer.from('abcd'));
    assert.equal(await collectSmallBody(chunks(doc), 5), undefined);
  });
});

import { createDigester } from '../checksums/digester.js';
import type { CoreContext } from '../context.js';
import { StorageError } from '../errors.js';
import type { NewBlob } from '../ports/metadata-store.js';
import type { DigestName, Digests } from '../types.js';
import type { BodyInput } from './body-input.js';

export interface IngestedBody {
  readonly blob: NewBlob;
  readonly digests: Digests;
}

/**
 * Streams a body into a new blob, computing every requested digest in the same pass and checking the
 * size and the client's digests before the blob is finalized. The caller owns the blob afterwards: it
 * either commits metadata that references it or removes it.
 */
export async function ingestBody(
  ctx: CoreContext,
  body: BodyInput,
  options: { readonly digests: readonly DigestName[]; readonly maxSize: number },
): Promise<IngestedBody> {
  if (body.length !== undefined && body.length > options.maxSize) throw tooLarge(body.length, options.maxSize);
  const names = new Set<DigestName>(['md5', ...options.digests, ...(body.announced ?? [])]);
  for (const name of Object.keys(body.expected?.() ?? {}) as DigestName[]) names.add(name);
  const digester = createDigester([...names]);
  let size = 0;
  let digests: Digests = {};

  async function* hashed(): AsyncIterable<Uint8Array> {
    for await (const chunk of body.stream) {
      size += chunk.length;
      if (size > options.maxSize) throw tooLarge(size, options.maxSize);
      digester.update(chunk);
      yield chunk;
    }
    if (body.length !== undefined && size !== body.length) {
      throw new StorageError(
        'IncompleteBody',
        'You did not provide the number of bytes specified by the Content-Length HTTP header.',
        { ExpectedSize: body.length, ReceivedSize: size },
      );
    }
    digests = digester.digest();
    verifyDigests(digests, body.expected?.() ?? {});
  }

  const written = await ctx.blobs.write(hashed());
  return { blob: { blobId: written.blobId, size: written.size }, digests };
}

function tooLarge(size: number, max: number): StorageError {
  return new StorageError('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', {
    ProposedSize: size,
    MaxSizeAllowed: max,
  });
}

function verifyDigests(actual: Digests, expected: Digests): void {
  for (const [name, want] of Object.entries(expected) as [DigestName, string | undefined][]) {
    if (want === undefined) continue;
    const got = actual[name];
    if (got === want.toLowerCase()) continue;
    if (name === 'md5') {
      throw new StorageError('BadDigest', 'The Content-MD5 you specified did not match what we received.', {
        ExpectedDigest: want,
        CalculatedDigest: got,
      });
    }
    throw new StorageError('ChecksumMismatch', `The ${name} you specified did not match the calculated checksum.`, {
      Algorithm: name,
      Expected: want,
      Calculated: got,
    });
  }
}

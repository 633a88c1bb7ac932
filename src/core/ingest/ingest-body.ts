import { createDigester } from '../checksums/digester.js';
import type { CoreContext } from '../context.js';
import { StorageError } from '../errors.js';
import { newInlineBlobId } from '../ids.js';
import type { NewBlob } from '../ports/metadata-store.js';
import type { DigestName, Digests } from '../types.js';
import type { BodyInput } from './body-input.js';
import { PackageSealer, type BlobSeal } from '../encryption/package-sealer.js';
import { PLAIN_LENGTH_OFFSET, plainLengthField } from '../encryption/sealed-format.js';

export interface IngestedBody {
  readonly blob: NewBlob;
  readonly digests: Digests;
}

/**
 * Streams a body into a new blob. The blob store computes every requested digest in the same pass as it
 * writes; the size and the client's digests (and the signed payload hash) are checked before the blob
 * takes its final name. The caller owns the blob afterwards: it either commits metadata that references
 * it or removes it.
 */
export async function ingestBody(
  ctx: CoreContext,
  body: BodyInput,
  options: { readonly digests: readonly DigestName[]; readonly maxSize: number; readonly seal?: BlobSeal },
): Promise<IngestedBody> {
  if (body.length !== undefined && body.length > options.maxSize) throw tooLarge(body.length, options.maxSize);
  const names = digestsToCheck(body, ['md5', ...options.digests]);

  async function* counted(): AsyncIterable<Uint8Array> {
    let size = 0;
    for await (const chunk of body.stream) {
      size += chunk.length;
      if (size > options.maxSize) throw tooLarge(size, options.maxSize);
      yield chunk;
    }
    checkLength(body, size);
  }

  const check = ({ digests }: { readonly digests: Digests }) => checkBody(body, digests);
  if (body.length !== undefined && body.length <= ctx.limits.inlineMaxBytes) {
    return ingestInline(counted(), names, check, options.seal);
  }
  const written = await ctx.blobs.write(counted(), {
    digests: names,
    ...(body.length === undefined ? {} : { sizeHint: body.length }),
    beforeCommit: check,
    ...(options.seal === undefined ? {} : { seal: options.seal }),
  });
  return { blob: { blobId: written.blobId, size: written.size }, digests: written.digests };
}

/** The digests a body needs besides `wanted`: the ones the client announces or asserts, and the signed SHA-256. */
export function digestsToCheck(body: BodyInput, wanted: readonly DigestName[]): DigestName[] {
  const names = new Set<DigestName>([...wanted, ...(body.announced ?? [])]);
  for (const name of Object.keys(body.expected?.() ?? {}) as DigestName[]) names.add(name);
  if (body.payloadSha256 !== undefined) names.add('sha256');
  return [...names];
}

/** IncompleteBody when the body's size is not the length the client declared. */
export function checkLength(body: BodyInput, size: number): void {
  if (body.length !== undefined && size !== body.length) {
    throw new StorageError('IncompleteBody', 'You did not provide the number of bytes specified by the Content-Length HTTP header.', {
      ExpectedSize: body.length,
      ReceivedSize: size,
    });
  }
}

/** The signed payload hash first (ContentSha256Mismatch), then every digest the client asserts. */
export function checkBody(body: BodyInput, digests: Digests): void {
  if (body.payloadSha256 !== undefined && digests.sha256 !== body.payloadSha256.toLowerCase()) {
    throw new StorageError('ContentSha256Mismatch', 'The body does not match the SHA-256 its signature covers (x-amz-content-sha256).', {
      ClientComputedContentSHA256: body.payloadSha256,
      S3ComputedContentSHA256: digests.sha256,
    });
  }
  verifyDigests(digests, body.expected?.() ?? {});
}

/**
 * A body declared no longer than the inline limit (at most one network read or so) is kept in memory
 * and stored with the metadata that references it, in the same transaction: no file, no extra fsync.
 */
async function ingestInline(
  source: AsyncIterable<Uint8Array>,
  names: readonly DigestName[],
  check: (written: { readonly digests: Digests }) => void,
  seal: BlobSeal | undefined,
): Promise<IngestedBody> {
  const digester = createDigester(names);
  const chunks: Buffer[] = [];
  for await (const chunk of source) {
    digester.update(chunk);
    chunks.push(Buffer.from(chunk));
  }
  const plain = Buffer.concat(chunks);
  const digests = digester.digest();
  check({ digests });
  return { blob: { blobId: newInlineBlobId(), size: plain.length, data: seal === undefined ? plain : sealInMemory(plain, seal) }, digests };
}

function sealInMemory(plain: Buffer, seal: BlobSeal): Buffer {
  const sealer = new PackageSealer(seal);
  const header = Buffer.from(seal.header);
  plainLengthField(plain.length).copy(header, PLAIN_LENGTH_OFFSET);
  return Buffer.concat([header, ...sealer.update(plain), ...sealer.final()]);
}

function tooLarge(size: number, max: number): StorageError {
  return new StorageError('EntityTooLarge', 'The body is larger than the limit.', {
    ProposedSize: size,
    MaxSizeAllowed: max,
  });
}

export function verifyDigests(actual: Digests, expected: Digests): void {
  for (const [name, want] of Object.entries(expected) as [DigestName, string | undefined][]) {
    if (want === undefined) continue;
    const got = actual[name];
    if (got === want.toLowerCase()) continue;
    if (name === 'md5') {
      throw new StorageError('BadDigest', 'The body does not match its Content-MD5.', {
        ExpectedDigest: want,
        CalculatedDigest: got,
      });
    }
    throw new StorageError('ChecksumMismatch', `The body does not match its ${name} checksum.`, {
      Algorithm: name,
      Expected: want,
      Calculated: got,
    });
  }
}

import { base64ToHex } from '../../../core/checksums/encoding.js';
import { StorageError } from '../../../core/errors.js';
import type { BodyInput } from '../../../core/ingest/body-input.js';
import type { RequestEnd } from '../../../core/ingest/buffer-budget.js';
import { readSmallBody } from '../../../core/ingest/read-small-body.js';
import { xmlText } from '../../common/xml.js';
import { checksumAlgorithms, type ChecksumAlgorithm, type DigestName, type Digests } from '../../../core/types.js';

/** What authentication hands over: the decoded body and the trailers it carried. */
export interface DecodedBody {
  readonly stream: AsyncIterable<Uint8Array>;
  readonly decodedLength?: number;
  readonly trailers: () => Readonly<Record<string, string>>;
  /** The signed payload hash the reader must check (auth's deferPayloadHash). */
  readonly payloadSha256?: string;
}

const CHECKSUM_HEADER = /^x-amz-checksum-(crc32|crc32c|crc64nvme|sha1|sha256)$/;

/**
 * The core's view of an S3 request body: declared length, Content-MD5 and x-amz-checksum-* from the
 * headers, or from the trailers named by x-amz-trailer once the body has ended.
 */
export function s3BodyInput(
  headers: Readonly<Record<string, string>>,
  body: DecodedBody,
  options: { readonly checksumHeadersNameTheObject?: boolean } = {},
): BodyInput {
  const expected: Record<string, string> = {};
  const md5 = headers['content-md5'];
  if (md5 !== undefined)
    expected.md5 = decodeDigest(md5, 16, () => new StorageError('InvalidDigest', 'The Content-MD5 you specified was invalid.'));
  // On CompleteMultipartUpload, x-amz-checksum-* is the whole object's checksum, not the body's.
  for (const [name, value] of options.checksumHeadersNameTheObject === true ? [] : Object.entries(headers)) {
    const m = CHECKSUM_HEADER.exec(name);
    if (m?.[1] !== undefined) expected[m[1]] = decodeChecksum(m[1] as ChecksumAlgorithm, value);
  }
  const trailerNames = (headers['x-amz-trailer'] ?? '')
    .split(',')
    .map((t) => t.trim().toLowerCase())
    .filter((t) => t !== '');
  const announced: DigestName[] = [];
  for (const t of trailerNames) {
    const m = CHECKSUM_HEADER.exec(t);
    if (m?.[1] === undefined)
      throw new StorageError('InvalidRequest', `The value specified in the x-amz-trailer header is not supported: ${t}`);
    announced.push(m[1] as DigestName);
  }
  const length = body.decodedLength ?? contentLength(headers);
  return {
    stream: body.stream,
    ...(length === undefined ? {} : { length }),
    ...(body.payloadSha256 === undefined ? {} : { payloadSha256: body.payloadSha256 }),
    announced,
    expected: (): Digests => {
      const all: Record<string, string> = { ...expected };
      if (trailerNames.length === 0) return all;
      let trailers: Readonly<Record<string, string>>;
      try {
        trailers = body.trailers();
      } catch {
        // Trailers arrive with the end of the body; before that only the headers' values are known.
        return all;
      }
      for (const t of trailerNames) {
        const value = trailers[t];
        const m = CHECKSUM_HEADER.exec(t);
        if (value !== undefined && m?.[1] !== undefined) all[m[1]] = decodeChecksum(m[1] as ChecksumAlgorithm, value);
      }
      return all;
    },
  };
}

/**
 * A small XML request document (DeleteObjects, CompleteMultipartUpload, lifecycle...), up to `limit`
 * bytes, checked like any body: Content-MD5, x-amz-checksum-*, the signed payload hash. It stays in the
 * buffer budget until `requestEnd` (the request's body stream) closes; invalid UTF-8 is MalformedXML.
 */
export async function readXmlBody(
  headers: Readonly<Record<string, string>>,
  body: DecodedBody,
  limit: number,
  requestEnd: RequestEnd,
  options: { readonly checksumHeadersNameTheObject?: boolean } = {},
): Promise<string> {
  return xmlText(await readSmallBody(s3BodyInput(headers, body, options), limit, requestEnd));
}

export function contentLength(headers: Readonly<Record<string, string>>): number | undefined {
  const value = headers['content-length'];
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value))
    throw new StorageError('InvalidArgument', 'Content-Length must be a non-negative integer', {
      ArgumentName: 'Content-Length',
      ArgumentValue: value,
    });
  return Number(value);
}

/** x-amz-checksum-algorithm / x-amz-sdk-checksum-algorithm -> core algorithm. */
export function parseChecksumAlgorithm(value: string | undefined): ChecksumAlgorithm | undefined {
  if (value === undefined || value === '') return undefined;
  const lower = value.toLowerCase();
  if (!(checksumAlgorithms as readonly string[]).includes(lower)) {
    throw new StorageError(
      'InvalidRequest',
      `Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]`,
    );
  }
  return lower as ChecksumAlgorithm;
}

const CHECKSUM_BYTES: Record<ChecksumAlgorithm, number> = { crc32: 4, crc32c: 4, crc64nvme: 8, sha1: 20, sha256: 32 };

/** A value that is not the base64 of a digest of the right length cannot match: S3 answers BadDigest. */
export function decodeChecksum(algorithm: ChecksumAlgorithm, value: string): string {
  return decodeDigest(
    value,
    CHECKSUM_BYTES[algorithm],
    () =>
      new StorageError('ChecksumMismatch', `The ${algorithm.toUpperCase()} you specified did not match the calculated checksum.`, {
        Algorithm: algorithm,
        Expected: value,
      }),
  );
}

function decodeDigest(value: string, bytes: number, error: () => StorageError): string {
  let hex: string;
  try {
    hex = base64ToHex(value.trim());
  } catch {
    throw error();
  }
  if (hex.length !== bytes * 2) throw error();
  return hex;
}

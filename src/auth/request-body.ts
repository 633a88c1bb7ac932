import { createHash } from 'node:crypto';
import { StorageError } from '../core/errors.js';
import { invalidArgument } from './auth-errors.js';
import type { AuthRequest } from './auth-request.js';
import { AwsChunkedDecoder } from './aws-chunked-decoder.js';
import type { PayloadSpec } from './payload-spec.js';

/** The request body as the rest of the server reads it: decoded bytes, verified as they pass. */
export interface DecodedBody extends AsyncIterable<Buffer> {
  /** Length of the decoded body when declared (x-amz-decoded-content-length for aws-chunked, else Content-Length). */
  readonly contentLength: number | undefined;
  /**
   * Trailing headers (lowercase names; the trailer signature is not among them), available once the body
   * has been read to its end without error; {} for bodies without trailers. Checking their checksum
   * values is the reader's job.
   */
  trailers(): Readonly<Record<string, string>>;
  /**
   * Only with `deferPayloadHash`: the hex SHA-256 the client signed (x-amz-content-sha256). The body is then
   * NOT hashed here; the reader must compute the SHA-256 in its own pass and compare (see
   * payloadHashMismatch), or it accepts a body the signature does not cover.
   */
  readonly payloadSha256?: string;
}

export interface RequestBodyOptions {
  /**
   * Leave the payload's SHA-256 to the reader, who computes it together with its other digests in the
   * pass that stores the bytes (possibly off the event loop) instead of in a separate pass here.
   */
  readonly deferPayloadHash?: boolean;
}

/**
 * Wraps the request body according to what authentication learnt. The iterator throws StorageError
 * (ContentSha256Mismatch, SignatureDoesNotMatch, IncompleteBody, InvalidRequest) at the point the body
 * proves bad, at the latest when it ends: a consumer must commit nothing before the iteration finished.
 * Can be iterated once.
 */
export function requestBody(
  req: Pick<AuthRequest, 'headers' | 'body'>,
  auth: { readonly payload: PayloadSpec },
  options: RequestBodyOptions = {},
): DecodedBody {
  const payload = auth.payload;
  if (payload.mode === 'aws-chunked') {
    const decodedContentLength = lengthHeader(req.headers, 'x-amz-decoded-content-length');
    const decoder = new AwsChunkedDecoder({
      signing: payload.signing,
      trailers: payload.trailers,
      declaredTrailers: payload.declaredTrailers,
      ...(decodedContentLength !== undefined ? { decodedContentLength } : {}),
    });
    return once(
      decodedContentLength,
      decodeChunked(req.body, decoder),
      () => decoder.trailers(),
      () => decoder.finished,
    );
  }
  const contentLength = payload.mode === 'buffered' ? payload.bytes.length : lengthHeader(req.headers, 'content-length');
  let done = false;
  const finished = (): boolean => done;
  const noTrailers = (): Readonly<Record<string, string>> => ({});
  switch (payload.mode) {
    case 'unsigned':
      return once(
        contentLength,
        passThrough(req.body, () => (done = true)),
        noTrailers,
        finished,
      );
    case 'buffered':
      return once(
        contentLength,
        bufferedBody(payload.bytes, () => (done = true)),
        noTrailers,
        finished,
      );
    case 'sha256':
      if (options.deferPayloadHash === true) {
        return {
          ...once(
            contentLength,
            passThrough(req.body, () => (done = true)),
            noTrailers,
            finished,
          ),
          payloadSha256: payload.sha256,
        };
      }
      return once(
        contentLength,
        hashedBody(req.body, payload.sha256, () => (done = true)),
        noTrailers,
        finished,
      );
  }
}

function once(
  contentLength: number | undefined,
  source: AsyncGenerator<Buffer, void, undefined>,
  trailers: () => Readonly<Record<string, string>>,
  finished: () => boolean,
): DecodedBody {
  let taken = false;
  return {
    contentLength,
    trailers() {
      if (!finished()) throw new Error('trailers() called before the request body was read to its end');
      return trailers();
    },
    [Symbol.asyncIterator]() {
      if (taken) throw new Error('the request body can be read only once');
      taken = true;
      return source;
    },
  };
}

function lengthHeader(headers: Readonly<Record<string, string>>, name: string): number | undefined {
  const raw = headers[name];
  if (raw === undefined) return undefined;
  const v = raw.trim();
  if (!/^\d{1,16}$/.test(v)) throw invalidArgument(`${name} must be a non-negative integer`, name, raw);
  return Number(v);
}

function toBuffer(chunk: Uint8Array | string): Buffer {
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

async function* passThrough(body: AsyncIterable<Uint8Array | string>, ended: () => void): AsyncGenerator<Buffer, void, undefined> {
  for await (const chunk of body) yield toBuffer(chunk);
  ended();
}

async function* bufferedBody(bytes: Buffer, ended: () => void): AsyncGenerator<Buffer, void, undefined> {
  if (bytes.length > 0) yield bytes;
  ended();
}

async function* hashedBody(
  body: AsyncIterable<Uint8Array | string>,
  expected: string,
  ended: () => void,
): AsyncGenerator<Buffer, void, undefined> {
  const hash = createHash('sha256');
  for await (const chunk of body) {
    const buf = toBuffer(chunk);
    hash.update(buf);
    yield buf;
  }
  const computed = hash.digest('hex');
  if (computed !== expected) throw payloadHashMismatch(expected, computed);
  ended();
}

export function payloadHashMismatch(expected: string, computed: string | undefined): StorageError {
  return new StorageError('ContentSha256Mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.", {
    ClientComputedContentSHA256: expected,
    S3ComputedContentSHA256: computed,
  });
}

async function* decodeChunked(
  body: AsyncIterable<Uint8Array | string>,
  decoder: AwsChunkedDecoder,
): AsyncGenerator<Buffer, void, undefined> {
  const out: Buffer[] = [];
  for await (const chunk of body) {
    decoder.push(toBuffer(chunk), out);
    for (const piece of out) yield piece;
    out.length = 0;
  }
  decoder.end();
}

import { type Hash, createHash } from 'node:crypto';
import { incompleteBody, invalidRequest, signatureMismatch } from './auth-errors.js';
import { type ChunkSigning, chunkStringToSign, signString, trailerStringToSign } from './chunk-signature.js';
import { EMPTY_SHA256 } from './hashes.js';
import { signaturesEqual } from './signatures-equal.js';

export interface AwsChunkedDecoderOptions {
  /** Verify chunk signatures chained from this seed; null for unsigned chunks. */
  readonly signing: ChunkSigning | null;
  /** Whether trailing headers may follow the last chunk (the *-TRAILER payload modes). */
  readonly trailers: boolean;
  /** Trailer names announced in x-amz-trailer; each must arrive. */
  readonly declaredTrailers: readonly string[];
  /** x-amz-decoded-content-length, when sent: the decoded bytes must add up to it. */
  readonly decodedContentLength?: number;
}

const CR = 0x0d;
const LF = 0x0a;
const MAX_CHUNK_HEADER = 4096;
const MAX_TRAILER_BYTES = 16 * 1024;
const chunkSize = /^[0-9a-fA-F]{1,13}$/;

const enum State {
  ChunkHeader,
  Data,
  DataEnd,
  Trailer,
  Done,
}

/**
 * A push parser for aws-chunked bodies: `size[;chunk-signature=sig]\r\n data \r\n ... 0[;...]\r\n`
 * then trailer lines `name:value\r\n` and a final `\r\n`. Input may be split anywhere. Decoded data is
 * handed out as slices of the input buffers (no copy); only header and trailer lines are gathered.
 *
 * A chunk's signature is checked once its last byte has been seen, so a consumer may already hold data
 * of a tampered chunk when the error is thrown: it must commit nothing until the body has ended
 * without error (the same contract as the end-of-body SHA-256 check).
 */
export class AwsChunkedDecoder {
  private state = State.ChunkHeader;
  private lineParts: Buffer[] = [];
  private lineLength = 0;
  private remaining = 0;
  private crlfSeen = 0;
  private chunkHash: Hash | undefined;
  private chunkSignature = '';
  private previousSignature: string;
  private decoded = 0;
  private trailerBytes = 0;
  private readonly received: [string, string][] = [];
  private trailerSignature: string | undefined;
  private blankAfterLastChunk = false;
  private readonly trailerMap: Record<string, string> = {};

  constructor(private readonly options: AwsChunkedDecoderOptions) {
    this.previousSignature = options.signing?.seedSignature ?? '';
  }

  get decodedLength(): number {
    return this.decoded;
  }

  get finished(): boolean {
    return this.state === State.Done;
  }

  /** Trailing headers received (lowercase names, the trailer signature excluded). */
  trailers(): Readonly<Record<string, string>> {
    return this.trailerMap;
  }

  /** Decodes `input`, appending data slices to `out`. Throws StorageError on framing or signature errors. */
  push(input: Buffer, out: Buffer[]): void {
    let pos = 0;
    const end = input.length;
    while (pos < end) {
      switch (this.state) {
        case State.ChunkHeader: {
          const line = this.readLine(input, pos, MAX_CHUNK_HEADER);
          if (line === undefined) return;
          pos = line.next;
          this.startChunk(line.text);
          break;
        }
        case State.Data: {
          const n = Math.min(this.remaining, end - pos);
          const piece = input.subarray(pos, pos + n);
          this.chunkHash?.update(piece);
          out.push(piece);
          pos += n;
          this.remaining -= n;
          if (this.remaining === 0) {
            this.endChunkData();
            this.state = State.DataEnd;
            this.crlfSeen = 0;
          }
          break;
        }
        case State.DataEnd: {
          if (this.crlfSeen === 0 && pos + 1 < end && input[pos] === CR && input[pos + 1] === LF) {
            pos += 2;
            this.state = State.ChunkHeader;
            break;
          }
          const expected = this.crlfSeen === 0 ? CR : LF;
          if (input[pos] !== expected) throw invalidRequest('aws-chunked: chunk data is not followed by CRLF (chunk size wrong?)');
          pos++;
          if (++this.crlfSeen === 2) this.state = State.ChunkHeader;
          break;
        }
        case State.Trailer: {
          const line = this.readLine(input, pos, MAX_TRAILER_BYTES - this.trailerBytes);
          if (line === undefined) return;
          pos = line.next;
          this.trailerBytes += line.text.length + 2;
          this.trailerLine(line.text);
          break;
        }
        case State.Done: {
          for (; pos < end; pos++) {
            if (input[pos] !== CR && input[pos] !== LF) throw invalidRequest('aws-chunked: data after the end of the body');
          }
          break;
        }
      }
    }
  }

  /** Signals the end of input. Throws IncompleteBody when the body stopped early. */
  end(): void {
    if (this.state === State.Trailer && this.lineLength === 0) this.finish();
    if (this.state !== State.Done) throw incompleteBody('The aws-chunked body ended before its final chunk');
  }

  private readLine(input: Buffer, pos: number, max: number): { text: string; next: number } | undefined {
    const lf = input.indexOf(LF, pos);
    if (lf < 0) {
      this.lineLength += input.length - pos;
      if (this.lineLength > max) throw invalidRequest('aws-chunked: chunk header or trailer line too long');
      this.lineParts.push(input.subarray(pos));
      return undefined;
    }
    let text: string;
    if (this.lineParts.length === 0) {
      text = input.toString('latin1', pos, lf);
    } else {
      this.lineParts.push(input.subarray(pos, lf));
      text = Buffer.concat(this.lineParts).toString('latin1');
      this.lineParts = [];
    }
    this.lineLength = 0;
    if (text.length > max) throw invalidRequest('aws-chunked: chunk header or trailer line too long');
    if (!text.endsWith('\r')) throw invalidRequest('aws-chunked: line not terminated by CRLF');
    return { text: text.slice(0, -1), next: lf + 1 };
  }

  private startChunk(header: string): void {
    const semi = header.indexOf(';');
    const sizeText = (semi < 0 ? header : header.slice(0, semi)).trim();
    if (!chunkSize.test(sizeText)) throw invalidRequest(`aws-chunked: invalid chunk size '${sizeText.slice(0, 20)}'`);
    const size = parseInt(sizeText, 16);
    const declared = this.options.decodedContentLength;
    if (declared !== undefined && this.decoded + size > declared) {
      throw incompleteBody('The aws-chunked body is longer than x-amz-decoded-content-length');
    }
    if (this.options.signing !== null) {
      const sig = semi < 0 ? undefined : extension(header.slice(semi + 1), 'chunk-signature');
      if (sig === undefined) throw invalidRequest('aws-chunked: chunk-signature missing from a signed chunk');
      this.chunkSignature = sig;
      this.chunkHash = size > 0 ? createHash('sha256') : undefined;
    }
    this.decoded += size;
    if (size === 0) {
      this.verifyChunk(EMPTY_SHA256);
      this.state = State.Trailer;
      return;
    }
    this.remaining = size;
    this.state = State.Data;
  }

  private endChunkData(): void {
    if (this.chunkHash !== undefined) {
      this.verifyChunk(this.chunkHash.digest('hex'));
      this.chunkHash = undefined;
    }
  }

  private verifyChunk(dataSha256: string): void {
    const signing = this.options.signing;
    if (signing === null) return;
    const toSign = chunkStringToSign(signing, this.previousSignature, dataSha256);
    const expected = signString(signing.signingKey, toSign);
    if (!signaturesEqual(expected, this.chunkSignature)) {
      throw signatureMismatch({ stringToSign: toSign, signatureProvided: this.chunkSignature });
    }
    this.previousSignature = expected;
  }

  private trailerLine(line: string): void {
    if (line === '') {
      // Some signers put a blank line between the last chunk and the trailers; a blank line ends the
      // trailers only once some have been seen (or when trailers cannot follow).
      if (this.received.length === 0 && this.trailerSignature === undefined && this.options.trailers && !this.blankAfterLastChunk) {
        this.blankAfterLastChunk = true;
        return;
      }
      this.finish();
      return;
    }
    if (!this.options.trailers) throw invalidRequest('aws-chunked: trailing headers sent but x-amz-content-sha256 announces none');
    const colon = line.indexOf(':');
    if (colon <= 0) throw invalidRequest('aws-chunked: malformed trailer line');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'x-amz-trailer-signature') this.trailerSignature = value;
    else this.received.push([name, value]);
  }

  private finish(): void {
    const signing = this.options.signing;
    if (signing !== null && this.options.trailers && (this.received.length > 0 || this.trailerSignature !== undefined)) {
      this.verifyTrailer(signing);
    }
    for (const [name, value] of this.received) this.trailerMap[name] = value;
    for (const name of this.options.declaredTrailers) {
      if (!(name in this.trailerMap)) throw invalidRequest(`The trailer ${name} announced in x-amz-trailer was not sent`);
    }
    const declared = this.options.decodedContentLength;
    if (declared !== undefined && this.decoded !== declared) {
      throw incompleteBody('The aws-chunked body is shorter than x-amz-decoded-content-length');
    }
    this.state = State.Done;
  }

  private verifyTrailer(signing: ChunkSigning): void {
    const provided = this.trailerSignature ?? '';
    const asSent = this.received.map(([n, v]) => `${n}:${v}\n`).join('');
    const sorted = [...this.received]
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([n, v]) => `${n}:${v}\n`)
      .join('');
    const orders = sorted === asSent ? [asSent] : [asSent, sorted];
    for (const lines of orders) {
      if (signaturesEqual(signString(signing.signingKey, trailerStringToSign(signing, this.previousSignature, lines)), provided)) return;
    }
    throw signatureMismatch({
      stringToSign: trailerStringToSign(signing, this.previousSignature, asSent),
      signatureProvided: provided,
    });
  }
}

/** The value of `name=value` among `;`-separated chunk extensions. */
function extension(extensions: string, name: string): string | undefined {
  for (const part of extensions.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

import { StorageError } from '../../core/errors.js';

/** A browser upload form up to its file field: the fields before it, and the file as a stream. */
export interface PostForm {
  /** Fields in order, names as sent. */
  readonly fields: readonly (readonly [string, string])[];
  readonly file?: { readonly filename: string; readonly contentType?: string; readonly stream: AsyncIterable<Buffer> };
}

const MAX_HEADER_BYTES = 8 * 1024;

function malformed(message = 'The body of your POST request is not well-formed multipart/form-data.'): StorageError {
  return new StorageError('InvalidArgument', message, { ArgumentName: 'Content-Type' });
}

/** The boundary of a `multipart/form-data; boundary=...` content type, or undefined for anything else. */
export function formBoundary(contentType: string | undefined): string | undefined {
  if (contentType === undefined || !/^\s*multipart\/form-data\s*(;|$)/i.test(contentType)) return undefined;
  const m = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const b = m?.[1] ?? m?.[2];
  return b === undefined || b.length > 200 ? undefined : b;
}

/**
 * Reads multipart/form-data from `body` until the field named `fileField` (S3: `file`, the last field
 * that counts). Fields before it are read into memory up to `maxFieldBytes` in all; the file is not: its
 * stream yields the bytes as they arrive, holding back only what could be the start of the boundary.
 * Anything after the file is not read.
 */
export async function readPostForm(
  body: AsyncIterable<Uint8Array>,
  boundary: string,
  options: { readonly fileField: string; readonly maxFieldBytes: number },
): Promise<PostForm> {
  const reader = new ByteReader(body);
  const dash = Buffer.from(`--${boundary}`);
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  // The preamble ends at the first boundary line.
  if (!(await reader.skipPast(dash, 64 * 1024))) throw malformed();
  const fields: [string, string][] = [];
  let fieldBytes = 0;
  for (;;) {
    const after = await reader.take(2);
    if (after === undefined) throw malformed();
    if (after.toString('latin1') === '--') return { fields };
    if (after.toString('latin1') !== '\r\n') throw malformed();
    const headerBytes = await reader.readUntil(Buffer.from('\r\n\r\n'), MAX_HEADER_BYTES);
    if (headerBytes === undefined) throw malformed();
    const part = parsePartHeaders(headerBytes.toString('utf8'));
    if (part.name.toLowerCase() === options.fileField) {
      return {
        fields,
        file: {
          filename: part.filename ?? '',
          ...(part.contentType === undefined ? {} : { contentType: part.contentType }),
          stream: reader.streamUntil(delimiter),
        },
      };
    }
    const value = await reader.readUntil(delimiter, options.maxFieldBytes - fieldBytes);
    if (value === undefined) throw malformed('Your POST form fields are too large or the form does not end.');
    fieldBytes += value.length + part.name.length;
    fields.push([part.name, value.toString('utf8')]);
  }
}

function parsePartHeaders(text: string): { name: string; filename?: string; contentType?: string } {
  let name: string | undefined;
  let filename: string | undefined;
  let contentType: string | undefined;
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const header = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (header === 'content-type') contentType = value;
    if (header !== 'content-disposition') continue;
    for (const m of value.matchAll(/;\s*([a-zA-Z*]+)=(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g)) {
      const v = (m[2] ?? m[3] ?? '').replace(/\\(.)/g, '$1');
      if (m[1]?.toLowerCase() === 'name') name = v;
      if (m[1]?.toLowerCase() === 'filename') filename = v;
    }
  }
  if (name === undefined) throw malformed();
  return { name, ...(filename === undefined ? {} : { filename }), ...(contentType === undefined ? {} : { contentType }) };
}

/** Pull-style reading of a byte stream with a small look-ahead buffer. */
class ByteReader {
  private buffer = Buffer.alloc(0);
  private readonly source: AsyncIterator<Uint8Array>;
  private ended = false;

  constructor(body: AsyncIterable<Uint8Array>) {
    this.source = body[Symbol.asyncIterator]();
  }

  private async more(): Promise<boolean> {
    if (this.ended) return false;
    const next = await this.source.next();
    if (next.done === true) {
      this.ended = true;
      return false;
    }
    this.buffer = this.buffer.length === 0 ? Buffer.from(next.value) : Buffer.concat([this.buffer, next.value]);
    return true;
  }

  async take(n: number): Promise<Buffer | undefined> {
    while (this.buffer.length < n) if (!(await this.more())) return undefined;
    const out = this.buffer.subarray(0, n);
    this.buffer = this.buffer.subarray(n);
    return out;
  }

  /** Drops everything up to and including `marker`. */
  async skipPast(marker: Buffer, limit: number): Promise<boolean> {
    const got = await this.readUntil(marker, limit, true);
    return got !== undefined;
  }

  /** Bytes before `marker` (which is consumed), or undefined past `limit` bytes or at the end. */
  async readUntil(marker: Buffer, limit: number, startOfStream = false): Promise<Buffer | undefined> {
    for (;;) {
      const at = this.buffer.indexOf(marker);
      if (at >= 0 && (!startOfStream || at <= limit)) {
        const out = Buffer.from(this.buffer.subarray(0, at));
        this.buffer = this.buffer.subarray(at + marker.length);
        return out;
      }
      if (this.buffer.length > limit + marker.length) return undefined;
      if (!(await this.more())) return undefined;
    }
  }

  /** Yields bytes until `marker`, keeping back only a possible partial marker; fails if the stream ends first. */
  async *streamUntil(marker: Buffer): AsyncIterable<Buffer> {
    for (;;) {
      const at = this.buffer.indexOf(marker);
      if (at >= 0) {
        if (at > 0) yield Buffer.from(this.buffer.subarray(0, at));
        this.buffer = this.buffer.subarray(at + marker.length);
        return;
      }
      const safe = this.buffer.length - (marker.length - 1);
      if (safe > 0) {
        yield Buffer.from(this.buffer.subarray(0, safe));
        this.buffer = this.buffer.subarray(safe);
      }
      if (!(await this.more())) throw malformed('The POST form ended inside the file field.');
    }
  }
}

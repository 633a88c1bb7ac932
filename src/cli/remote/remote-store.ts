import { createHash } from 'node:crypto';
import { RemoteError } from '../usage-error.js';
import type { EndpointSettings } from './endpoint-settings.js';
import { type Body, header, readText, send, type RemoteResponse, type SendInput } from './http-transport.js';
import { escapeXml, list, parseXml, text, type XmlValue } from './xml.js';

export interface ObjectEntry {
  readonly key: string;
  readonly size: number;
  readonly etag: string;
  readonly lastModified: string;
  readonly storageClass: string;
}

export interface ObjectHead {
  readonly size: number;
  readonly etag: string;
  readonly lastModified: string;
  readonly contentType: string | undefined;
  readonly storageClass: string;
  readonly metadata: Record<string, string>;
  /** Set when asked for one part: how many parts the object was uploaded in. */
  readonly partsCount: number | undefined;
  readonly checksums: Record<string, string>;
}

export interface UploadEntry {
  readonly key: string;
  readonly uploadId: string;
  readonly initiated: string;
  readonly storageClass: string;
}

export interface PartEntry {
  readonly partNumber: number;
  readonly size: number;
  readonly etag: string;
  readonly lastModified: string;
}

export interface ListPage<T> {
  readonly items: T[];
  readonly prefixes: string[];
}

/** Strips the quotes of an ETag and lowercases it (OSS writes uppercase hex). */
export const plainEtag = (etag: string | undefined) => (etag ?? '').replace(/^W\//, '').replace(/"/g, '').toLowerCase();

/**
 * The object operations the CLI needs, over S3 or OSS: the two speak the same XML for everything used
 * here and differ in header prefix (x-amz- / x-oss-), signatures and lifecycle documents.
 */
export class RemoteStore {
  readonly prefix: 'x-amz-' | 'x-oss-';
  constructor(readonly settings: EndpointSettings) {
    this.prefix = settings.dialect === 'oss' ? 'x-oss-' : 'x-amz-';
  }

  get dialect() {
    return this.settings.dialect;
  }

  request(input: SendInput): Promise<RemoteResponse> {
    return send(this.settings, input);
  }

  private async xml(input: SendInput): Promise<XmlValue> {
    const res = await send(this.settings, input);
    const raw = await readText(res);
    const doc = parseXml(raw);
    const root = Object.keys(doc)[0];
    return root === undefined ? {} : (doc[root] ?? {});
  }

  async listBuckets(): Promise<{ name: string; created: string }[]> {
    const root = await this.xml({ method: 'GET' });
    return list(root && typeof root === 'object' && !Array.isArray(root) ? root.Buckets : undefined, 'Bucket').map((b) => ({
      name: text(b, 'Name') ?? '',
      created: text(b, 'CreationDate') ?? '',
    }));
  }

  /** Every object under a prefix (one level with a delimiter), page after page; `onPage` sees each page. */
  async listObjects(
    bucket: string,
    prefix: string,
    delimiter: string | undefined,
    onPage: (page: ListPage<ObjectEntry>) => Promise<void> | void,
  ): Promise<void> {
    let token: string | undefined;
    do {
      const root = await this.xml({
        method: 'GET',
        bucket,
        query: [
          ['list-type', '2'],
          ['prefix', prefix],
          ...(delimiter === undefined ? [] : ([['delimiter', delimiter]] as const)),
          ...(token === undefined ? [] : ([['continuation-token', token]] as const)),
          ['max-keys', '1000'],
        ],
      });
      await onPage({
        items: list(root, 'Contents').map((c) => ({
          key: text(c, 'Key') ?? '',
          size: Number(text(c, 'Size') ?? 0),
          etag: plainEtag(text(c, 'ETag')),
          lastModified: text(c, 'LastModified') ?? '',
          storageClass: text(c, 'StorageClass') ?? 'STANDARD',
        })),
        prefixes: list(root, 'CommonPrefixes').map((p) => text(p, 'Prefix') ?? ''),
      });
      token = text(root, 'IsTruncated') === 'true' ? text(root, 'NextContinuationToken') : undefined;
    } while (token !== undefined && token !== '');
  }

  async headObject(bucket: string, key: string): Promise<ObjectHead> {
    const res = await send(this.settings, { method: 'HEAD', bucket, key }).catch((e: unknown) => {
      if (e instanceof RemoteError && e.status === 404)
        throw new RemoteError(404, 'NoSuchKey', `${this.dialect}://${bucket}/${key} does not exist`, e.requestId);
      throw e;
    });
    res.body.resume();
    return this.headOf(res);
  }

  headOf(res: RemoteResponse): ObjectHead {
    const metadata: Record<string, string> = {};
    const checksums: Record<string, string> = {};
    for (const [name, value] of Object.entries(res.headers)) {
      if (typeof value !== 'string') continue;
      if (name.startsWith(`${this.prefix}meta-`)) metadata[name.slice(this.prefix.length + 5)] = value;
      if (name.startsWith('x-amz-checksum-') || name === 'x-oss-hash-crc64ecma') checksums[name] = value;
    }
    const parts = header(res, 'x-amz-mp-parts-count');
    const range = header(res, 'content-range');
    const total = range === undefined ? undefined : /\/(\d+)$/.exec(range)?.[1];
    return {
      size: Number(total ?? header(res, 'content-length') ?? 0),
      etag: plainEtag(header(res, 'etag')),
      lastModified: header(res, 'last-modified') ?? '',
      contentType: header(res, 'content-type'),
      storageClass: header(res, `${this.prefix}storage-class`) ?? 'STANDARD',
      metadata,
      partsCount: parts === undefined ? undefined : Number(parts),
      checksums,
    };
  }

  /** The object's bytes (a range of them: `start` to `end` inclusive), streaming. */
  getObject(
    bucket: string,
    key: string,
    options: { range?: [number, number]; partNumber?: number; ifMatch?: string; signal?: AbortSignal } = {},
  ): Promise<RemoteResponse> {
    const headers: Record<string, string> = {};
    if (options.range !== undefined) headers['range'] = `bytes=${options.range[0]}-${options.range[1]}`;
    if (options.ifMatch !== undefined) headers['if-match'] = `"${options.ifMatch}"`;
    return send(this.settings, {
      method: 'GET',
      bucket,
      key,
      headers,
      ...(options.partNumber === undefined ? {} : { query: [['partNumber', String(options.partNumber)]] }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
  }

  async putObject(
    bucket: string,
    key: string,
    body: Body,
    size: number,
    options: { md5?: Buffer; contentType?: string; signal?: AbortSignal } = {},
  ): Promise<string> {
    const res = await send(this.settings, {
      method: 'PUT',
      bucket,
      key,
      body,
      contentLength: size,
      headers: {
        ...(options.md5 === undefined ? {} : { 'content-md5': options.md5.toString('base64') }),
        ...(options.contentType === undefined ? {} : { 'content-type': options.contentType }),
      },
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    res.body.resume();
    return plainEtag(header(res, 'etag'));
  }

  async deleteObject(bucket: string, key: string): Promise<void> {
    const res = await send(this.settings, { method: 'DELETE', bucket, key });
    res.body.resume();
  }

  /** DeleteObjects, up to 1000 keys; resolves with the keys that failed and why. */
  async deleteObjects(bucket: string, keys: readonly string[]): Promise<{ key: string; code: string; message: string }[]> {
    const doc = `<?xml version="1.0" encoding="UTF-8"?><Delete><Quiet>true</Quiet>${keys.map((k) => `<Object><Key>${escapeXml(k)}</Key></Object>`).join('')}</Delete>`;
    const root = await this.xml({
      method: 'POST',
      bucket,
      query: [['delete']],
      body: doc,
      signBody: true,
      headers: { 'content-md5': createHash('md5').update(doc).digest('base64'), 'content-type': 'application/xml' },
    });
    return list(root, 'Error').map((e) => ({ key: text(e, 'Key') ?? '', code: text(e, 'Code') ?? '', message: text(e, 'Message') ?? '' }));
  }

  async copyObject(from: { bucket: string; key: string }, bucket: string, key: string): Promise<string> {
    const root = await this.xml({
      method: 'PUT',
      bucket,
      key,
      headers: { [`${this.prefix}copy-source`]: copySource(from) },
    });
    return plainEtag(text(root, 'ETag'));
  }

  async createBucket(bucket: string): Promise<void> {
    const region = this.settings.region;
    const body =
      this.dialect === 's3' && region !== 'us-east-1'
        ? `<CreateBucketConfiguration><LocationConstraint>${escapeXml(region)}</LocationConstraint></CreateBucketConfiguration>`
        : undefined;
    const res = await send(this.settings, { method: 'PUT', bucket, ...(body === undefined ? {} : { body, signBody: true }) });
    res.body.resume();
  }

  async deleteBucket(bucket: string): Promise<void> {
    const res = await send(this.settings, { method: 'DELETE', bucket });
    res.body.resume();
  }

  async createUpload(bucket: string, key: string, contentType?: string): Promise<string> {
    const root = await this.xml({
      method: 'POST',
      bucket,
      key,
      query: [['uploads']],
      headers: contentType === undefined ? {} : { 'content-type': contentType },
    });
    return text(root, 'UploadId') ?? '';
  }

  async uploadPart(
    bucket: string,
    key: string,
    uploadId: string,
    partNumber: number,
    body: Body,
    size: number,
    md5: Buffer,
    signal?: AbortSignal,
  ): Promise<string> {
    const res = await send(this.settings, {
      method: 'PUT',
      bucket,
      key,
      query: [
        ['partNumber', String(partNumber)],
        ['uploadId', uploadId],
      ],
      body,
      contentLength: size,
      headers: { 'content-md5': md5.toString('base64') },
      ...(signal === undefined ? {} : { signal }),
    });
    res.body.resume();
    return plainEtag(header(res, 'etag'));
  }

  async uploadPartCopy(
    from: { bucket: string; key: string },
    range: [number, number],
    bucket: string,
    key: string,
    uploadId: string,
    partNumber: number,
  ): Promise<string> {
    const root = await this.xml({
      method: 'PUT',
      bucket,
      key,
      query: [
        ['partNumber', String(partNumber)],
        ['uploadId', uploadId],
      ],
      headers: { [`${this.prefix}copy-source`]: copySource(from), [`${this.prefix}copy-source-range`]: `bytes=${range[0]}-${range[1]}` },
    });
    return plainEtag(text(root, 'ETag'));
  }

  async listParts(bucket: string, key: string, uploadId: string): Promise<PartEntry[]> {
    const parts: PartEntry[] = [];
    let marker: string | undefined;
    do {
      const root = await this.xml({
        method: 'GET',
        bucket,
        key,
        query: [['uploadId', uploadId], ...(marker === undefined ? [] : ([['part-number-marker', marker]] as const))],
      });
      for (const p of list(root, 'Part')) {
        parts.push({
          partNumber: Number(text(p, 'PartNumber')),
          size: Number(text(p, 'Size') ?? 0),
          etag: plainEtag(text(p, 'ETag')),
          lastModified: text(p, 'LastModified') ?? '',
        });
      }
      marker = text(root, 'IsTruncated') === 'true' ? text(root, 'NextPartNumberMarker') : undefined;
    } while (marker !== undefined && marker !== '');
    return parts;
  }

  async completeUpload(
    bucket: string,
    key: string,
    uploadId: string,
    parts: readonly { partNumber: number; etag: string }[],
  ): Promise<string> {
    const doc = `<CompleteMultipartUpload>${parts.map((p) => `<Part><PartNumber>${p.partNumber}</PartNumber><ETag>"${p.etag}"</ETag></Part>`).join('')}</CompleteMultipartUpload>`;
    const root = await this.xml({ method: 'POST', bucket, key, query: [['uploadId', uploadId]], body: doc, signBody: true });
    return plainEtag(text(root, 'ETag'));
  }

  async abortUpload(bucket: string, key: string, uploadId: string): Promise<void> {
    const res = await send(this.settings, { method: 'DELETE', bucket, key, query: [['uploadId', uploadId]] });
    res.body.resume();
  }

  /** Every incomplete upload of the bucket under a prefix, page after page. */
  async listUploads(bucket: string, prefix: string): Promise<UploadEntry[]> {
    const out: UploadEntry[] = [];
    let keyMarker: string | undefined;
    let idMarker: string | undefined;
    for (;;) {
      const root = await this.xml({
        method: 'GET',
        bucket,
        query: [
          ['uploads'],
          ['prefix', prefix],
          ...(keyMarker === undefined ? [] : ([['key-marker', keyMarker]] as const)),
          ...(idMarker === undefined ? [] : ([['upload-id-marker', idMarker]] as const)),
        ],
      });
      for (const u of list(root, 'Upload')) {
        out.push({
          key: text(u, 'Key') ?? '',
          uploadId: text(u, 'UploadId') ?? '',
          initiated: text(u, 'Initiated') ?? '',
          storageClass: text(u, 'StorageClass') ?? 'STANDARD',
        });
      }
      if (text(root, 'IsTruncated') !== 'true') return out;
      keyMarker = text(root, 'NextKeyMarker');
      idMarker = text(root, 'NextUploadIdMarker');
      if (keyMarker === undefined || keyMarker === '') return out;
    }
  }

  /** The bucket's lifecycle document, or undefined when it has none. */
  async getLifecycle(bucket: string): Promise<string | undefined> {
    const res = await send(this.settings, { method: 'GET', bucket, query: [['lifecycle']], accept: [404] });
    const raw = await readText(res);
    if (res.status === 404) {
      if (/<Code>NoSuchLifecycle(Configuration)?<\/Code>/.test(raw)) return undefined;
      const code = /<Code>([^<]*)<\/Code>/.exec(raw)?.[1] ?? 'NotFound';
      throw new RemoteError(404, code, /<Message>([^<]*)<\/Message>/.exec(raw)?.[1] ?? 'Not Found');
    }
    return raw;
  }

  async putLifecycle(bucket: string, doc: string): Promise<void> {
    const res = await send(this.settings, {
      method: 'PUT',
      bucket,
      query: [['lifecycle']],
      body: doc,
      signBody: true,
      headers: { 'content-md5': createHash('md5').update(doc).digest('base64'), 'content-type': 'application/xml' },
    });
    res.body.resume();
  }

  async deleteLifecycle(bucket: string): Promise<void> {
    const res = await send(this.settings, { method: 'DELETE', bucket, query: [['lifecycle']] });
    res.body.resume();
  }
}

function copySource(from: { bucket: string; key: string }): string {
  return `/${from.bucket}/${encodeURIComponent(from.key).replace(/%2F/g, '/')}`;
}

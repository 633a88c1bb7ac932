import assert from 'node:assert/strict';
import type { Agent } from 'node:http';
import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import { testCredentials, type CairnProcess } from './cairn-process.js';

/**
 * The unmodified ali-oss 6.x client (it ships no type declarations), typed for the calls the tests make,
 * and helpers to point it at a Cairn process.
 */

export interface AliOssResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | undefined>>;
}

export interface AliOssOptions {
  readonly region?: string;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly authorizationV4?: boolean;
  readonly bucket?: string;
  readonly endpoint?: string;
  readonly secure?: boolean;
  readonly sldEnable?: boolean;
  readonly agent?: Agent;
  readonly timeout?: number;
}

export interface AliOssCheckpoint {
  readonly uploadId: string;
  readonly doneParts: readonly { number: number; etag: string }[];
  readonly [k: string]: unknown;
}

type Res = { readonly res: AliOssResponse };

export interface AliOssClient {
  useBucket(name: string): void;
  putBucket(name: string, options?: Record<string, unknown>): Promise<Res & { bucket: string | null }>;
  deleteBucket(name: string): Promise<Res>;
  listBuckets(
    query?: Record<string, unknown>,
  ): Promise<
    Res & { buckets: { name: string; region: string; storageClass: string }[] | null; owner: { id: string; displayName: string } }
  >;
  getBucketInfo(name: string): Promise<Res & { bucket: Record<string, unknown> }>;
  getBucketLocation(name: string): Promise<Res & { location: string }>;
  put(name: string, file: Buffer | string | Readable, options?: Record<string, unknown>): Promise<Res & { name: string }>;
  putStream(name: string, stream: Readable, options?: Record<string, unknown>): Promise<Res & { name: string }>;
  get(name: string, file?: string | null, options?: Record<string, unknown>): Promise<Res & { content: Buffer }>;
  head(name: string, options?: Record<string, unknown>): Promise<Res & { status: number; meta: Record<string, string> | null }>;
  getObjectMeta(name: string): Promise<Res & { status: number }>;
  delete(name: string, options?: Record<string, unknown>): Promise<Res>;
  putBucketVersioning(name: string, status: 'Enabled' | 'Suspended'): Promise<Res>;
  getBucketVersioning(name: string): Promise<Res & { versionStatus: string | undefined }>;
  getBucketVersions(query?: Record<string, unknown>): Promise<
    Res & {
      objects: { name: string; versionId: string; isLatest: boolean; size: number }[];
      deleteMarker: { name: string; versionId: string; isLatest: boolean }[];
      nextKeyMarker: string | null;
      nextVersionIdMarker: string | null;
      isTruncated: boolean;
    }
  >;
  putObjectTagging(name: string, tag: Record<string, string>, options?: Record<string, unknown>): Promise<Res & { status: number }>;
  getObjectTagging(name: string, options?: Record<string, unknown>): Promise<Res & { tag: Record<string, string> }>;
  deleteObjectTagging(name: string, options?: Record<string, unknown>): Promise<Res & { status: number }>;
  putBucketTags(name: string, tag: Record<string, string>): Promise<Res & { status: number }>;
  getBucketTags(name: string): Promise<Res & { tag: Record<string, string> }>;
  deleteBucketTags(name: string): Promise<Res & { status: number }>;
  deleteMulti(names: string[], options?: Record<string, unknown>): Promise<Res & { deleted: { Key: string }[] }>;
  copy(
    name: string,
    sourceName: string,
    options?: Record<string, unknown>,
  ): Promise<Res & { data: { etag: string; lastModified: string } | null }>;
  append(name: string, file: Buffer, options?: Record<string, unknown>): Promise<Res & { nextAppendPosition: string }>;
  list(
    query?: Record<string, unknown> | null,
    options?: Record<string, unknown>,
  ): Promise<
    Res & {
      objects: { name: string; size: number; type: string; etag: string; storageClass: string }[];
      prefixes: string[] | null;
      isTruncated: boolean;
      nextMarker: string | null;
    }
  >;
  listV2(
    query?: Record<string, unknown>,
    options?: Record<string, unknown>,
  ): Promise<
    Res & { objects: { name: string; size: number }[]; keyCount: number; isTruncated: boolean; nextContinuationToken: string | null }
  >;
  initMultipartUpload(name: string, options?: Record<string, unknown>): Promise<Res & { uploadId: string; bucket: string; name: string }>;
  uploadPart(name: string, uploadId: string, partNo: number, file: string, start: number, end: number): Promise<Res & { etag: string }>;
  completeMultipartUpload(
    name: string,
    uploadId: string,
    parts: { number: number; etag: string }[],
    options?: Record<string, unknown>,
  ): Promise<Res & { etag: string }>;
  abortMultipartUpload(name: string, uploadId: string): Promise<Res>;
  listUploads(
    query: Record<string, unknown>,
    options?: Record<string, unknown>,
  ): Promise<
    Res & {
      uploads: { name: string; uploadId: string; initiated: string }[];
      nextKeyMarker: string;
      nextUploadIdMarker: string;
      isTruncated: boolean;
    }
  >;
  listParts(
    name: string,
    uploadId: string,
    query?: Record<string, unknown>,
  ): Promise<Res & { parts: unknown; uploadId: string; isTruncated: string }>;
  multipartUpload(
    name: string,
    file: string | Buffer,
    options?: {
      progress?: (p: number, checkpoint: AliOssCheckpoint | undefined) => void | Promise<void>;
      checkpoint?: AliOssCheckpoint;
      partSize?: number;
      parallel?: number;
      headers?: Record<string, string>;
    },
  ): Promise<Res & { etag: string; name: string }>;
  cancel(): void;
  signatureUrl(name: string, options?: Record<string, unknown>): string;
  signatureUrlV4(
    method: string,
    expires: number,
    request?: { headers?: Record<string, string>; queries?: Record<string, unknown> },
    objectName?: string,
  ): Promise<string>;
  putBucketLifecycle(name: string, rules: Record<string, unknown>[]): Promise<Res>;
  getBucketLifecycle(name: string): Promise<Res & { rules: Record<string, unknown>[] | null }>;
  deleteBucketLifecycle(name: string): Promise<Res>;
  putBucketEncryption(name: string, rule: { SSEAlgorithm: string; KMSMasterKeyID?: string }): Promise<Res & { status: number }>;
  getBucketEncryption(name: string): Promise<Res & { encryption: { SSEAlgorithm: string; KMSMasterKeyID?: string } }>;
  deleteBucketEncryption(name: string): Promise<Res & { status: number }>;
  putBucketCORS(name: string, rules: Record<string, unknown>[]): Promise<Res>;
  getBucketCORS(name: string): Promise<Res & { rules: Record<string, unknown>[] }>;
  deleteBucketCORS(name: string): Promise<Res>;
  /** ali-oss's own request machinery, for requests it has no method for (a malformed body). */
  _objectRequestParams(method: string, name: string, options?: Record<string, unknown>): Record<string, unknown>;
  _bucketRequestParams(method: string, bucket: string, subres: string, options?: Record<string, unknown>): Record<string, unknown>;
  request(params: Record<string, unknown>): Promise<Res & { status: number; data: unknown }>;
}

/** An ali-oss failure: `code` is OSS's `<Code>`, `name` is `${code}Error`. */
export interface AliOssError extends Error {
  readonly code: string;
  readonly status: number;
  readonly requestId?: string;
  readonly ecCode?: string;
  readonly hostId?: string;
}

const require = createRequire(import.meta.url);
export const OSS = require('ali-oss') as new (options: AliOssOptions) => AliOssClient;

export type SignatureVersion = 'V1' | 'V4';

/**
 * A client of the test account for this server: `endpoint: 'http://127.0.0.1:PORT'` (an IP, so ali-oss
 * puts `<bucket>.oss-cn-hangzhou.aliyuncs.com` in the Host header, as real OSS traffic has it).
 */
export function aliOss(proc: CairnProcess, version: SignatureVersion, extra: Partial<AliOssOptions> = {}): AliOssClient {
  return new OSS({
    region: 'oss-cn-hangzhou',
    accessKeyId: testCredentials.accessKeyId,
    accessKeySecret: testCredentials.secretAccessKey,
    authorizationV4: version === 'V4',
    endpoint: `http://127.0.0.1:${proc.port}`,
    secure: false,
    ...extra,
  });
}

/** Path-style addressing (`http://localhost:PORT/bucket/key`): what signatureUrl needs, as it refuses IP endpoints. */
export function aliOssPathStyle(proc: CairnProcess, version: SignatureVersion, bucket: string): AliOssClient {
  return aliOss(proc, version, { endpoint: `http://localhost:${proc.port}`, sldEnable: true, bucket });
}

/** Awaits an ali-oss call that must fail, checks OSS's status and code, and returns the error. */
export async function ossRejects(call: Promise<unknown>, status: number, code: string): Promise<AliOssError> {
  let caught: unknown;
  try {
    await call;
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof Error, `expected an OSS ${code} error, the call succeeded`);
  const e = caught as AliOssError;
  assert.equal(e.code, code, `${e.name}: ${e.message}`);
  assert.equal(e.status, status);
  return e;
}

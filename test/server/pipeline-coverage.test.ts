// Every operation of every dialect goes through the one request pipeline (dialects/common/request-pipeline.ts).
// One signed request per operation goes to a real server; the pipeline records each step in the access log
// (`stage`), and each operation must show up there, by its vendor name, as having reached its handler.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { ossV1CanonicalResource, ossV1Signature, ossV1StringToSign, signRequest } from '../../src/auth/index.js';
import { parseQuery } from '../../src/dialects/common/wire.js';
import type { GlacierOperation } from '../../src/dialects/glacier/endpoint.js';
import type { OssOperation } from '../../src/dialects/oss/endpoint.js';
import { s3Operations } from '../../src/dialects/s3/actions.js';
import { bucketExamples, serviceExamples } from '../../src/dialects/s3/router-examples.js';
import { startCairnProcess, testCredentials, type CairnProcess } from '../support/cairn-process.js';

interface Sent {
  readonly dialect: 's3' | 'oss' | 'glacier';
  readonly operation: string;
  readonly method: string;
  /** Path and query exactly as sent. */
  readonly target: string;
  readonly headers: Record<string, string>;
}

interface LogLine {
  readonly requestId?: string;
  readonly dialect?: string;
  readonly operation?: string;
  readonly stage?: string;
  readonly errorCode?: string;
}

const upload = 'OW2fM5iVylEpFEMM9_HpKowRapC3vn5sSL39_396UW9zLFUWVrnRHaPjUJddQ5OxSHVXjYtrN47NBZ-khxOjyEXAMPLE';
const job = 'HkF9p6o7yjhFx-K3CGl6fuSm6VzW9T7esGQfco8nUXVYwS0jlb5gq1JZ55yHgt5vP54ZShjoQzQVVh7vEXAMPLE';
const vault = '/-/vaults/examplevault';

/** One request per Glacier operation (the record's type makes it exhaustive). */
const glacierRequests: Record<GlacierOperation, readonly [method: string, target: string]> = {
  CreateVault: ['PUT', vault],
  DescribeVault: ['GET', vault],
  ListVaults: ['GET', '/-/vaults?limit=2'],
  DeleteVault: ['DELETE', vault],
  SetVaultAccessPolicy: ['PUT', `${vault}/access-policy`],
  GetVaultAccessPolicy: ['GET', `${vault}/access-policy`],
  DeleteVaultAccessPolicy: ['DELETE', `${vault}/access-policy`],
  SetVaultNotifications: ['PUT', `${vault}/notification-configuration`],
  GetVaultNotifications: ['GET', `${vault}/notification-configuration`],
  DeleteVaultNotifications: ['DELETE', `${vault}/notification-configuration`],
  InitiateVaultLock: ['POST', `${vault}/lock-policy`],
  GetVaultLock: ['GET', `${vault}/lock-policy`],
  CompleteVaultLock: ['POST', `${vault}/lock-policy/AE863rKkWZU53SLW5be4DUcW`],
  AbortVaultLock: ['DELETE', `${vault}/lock-policy`],
  AddTagsToVault: ['POST', `${vault}/tags?operation=add`],
  ListTagsForVault: ['GET', `${vault}/tags`],
  RemoveTagsFromVault: ['POST', `${vault}/tags?operation=remove`],
  UploadArchive: ['POST', `${vault}/archives`],
  DeleteArchive: ['DELETE', `${vault}/archives/NkbByEejwEggmBz2fTHgJrg0XBoDfjP4q6iu87`],
  InitiateMultipartUpload: ['POST', `${vault}/multipart-uploads`],
  UploadMultipartPart: ['PUT', `${vault}/multipart-uploads/${upload}`],
  CompleteMultipartUpload: ['POST', `${vault}/multipart-uploads/${upload}`],
  AbortMultipartUpload: ['DELETE', `${vault}/multipart-uploads/${upload}`],
  ListParts: ['GET', `${vault}/multipart-uploads/${upload}?limit=1`],
  ListMultipartUploads: ['GET', `${vault}/multipart-uploads?limit=1`],
  InitiateJob: ['POST', `${vault}/jobs`],
  DescribeJob: ['GET', `${vault}/jobs/${job}`],
  ListJobs: ['GET', `${vault}/jobs?statuscode=Succeeded&completed=true`],
  GetJobOutput: ['GET', `${vault}/jobs/${job}/output`],
  GetDataRetrievalPolicy: ['GET', '/-/policies/data-retrieval'],
  SetDataRetrievalPolicy: ['PUT', '/-/policies/data-retrieval'],
  ListProvisionedCapacity: ['GET', '/-/provisioned-capacity'],
  PurchaseProvisionedCapacity: ['POST', '/-/provisioned-capacity'],
};

/** One request per OSS operation, path style under the bucket `oss-example` (ListBuckets: the service). */
const ossRequests: Record<OssOperation, readonly [method: string, target: string, headers?: Record<string, string>]> = {
  ListBuckets: ['GET', '/'],
  PutBucket: ['PUT', '/'],
  DeleteBucket: ['DELETE', '/'],
  GetBucketInfo: ['GET', '/?bucketInfo'],
  GetBucketLocation: ['GET', '/?location'],
  ListObjects: ['GET', '/?prefix=fun/&delimiter=/&max-keys=10'],
  ListObjectsV2: ['GET', '/?list-type=2&fetch-owner=true'],
  ListMultipartUploads: ['GET', '/?uploads&max-uploads=20'],
  DeleteMultipleObjects: ['POST', '/?delete'],
  PutBucketLifecycle: ['PUT', '/?lifecycle'],
  GetBucketLifecycle: ['GET', '/?lifecycle'],
  DeleteBucketLifecycle: ['DELETE', '/?lifecycle'],
  PostObject: ['POST', '/', { 'content-type': 'multipart/form-data; boundary=9431149156168' }],
  PutBucketCors: ['PUT', '/?cors'],
  GetBucketCors: ['GET', '/?cors'],
  DeleteBucketCors: ['DELETE', '/?cors'],
  PutBucketEncryption: ['PUT', '/?encryption'],
  GetBucketEncryption: ['GET', '/?encryption'],
  DeleteBucketEncryption: ['DELETE', '/?encryption'],
  PutBucketVersioning: ['PUT', '/?versioning'],
  GetBucketVersioning: ['GET', '/?versioning'],
  ListObjectVersions: ['GET', '/?versions&prefix=fun/&max-keys=10'],
  PutBucketTags: ['PUT', '/?tagging'],
  GetBucketTags: ['GET', '/?tagging'],
  DeleteBucketTags: ['DELETE', '/?tagging'],
  PutObject: ['PUT', '/nelson'],
  CopyObject: ['PUT', '/copy', { 'x-oss-copy-source': '/oss-example/nelson' }],
  AppendObject: ['POST', '/log?append&position=0'],
  GetObject: ['GET', '/nelson'],
  HeadObject: ['HEAD', '/nelson'],
  GetObjectMeta: ['HEAD', '/nelson?objectMeta'],
  DeleteObject: ['DELETE', '/nelson'],
  PutObjectTagging: ['PUT', '/nelson?tagging'],
  GetObjectTagging: ['GET', '/nelson?tagging'],
  DeleteObjectTagging: ['DELETE', '/nelson?tagging'],
  InitiateMultipartUpload: ['POST', '/multipart.data?uploads'],
  UploadPart: ['PUT', '/multipart.data?partNumber=1&uploadId=0004B9895DBBB6EC98E36'],
  UploadPartCopy: ['PUT', '/multipart.data?partNumber=1&uploadId=u', { 'x-oss-copy-source': '/oss-example/nelson' }],
  CompleteMultipartUpload: ['POST', '/multipart.data?uploadId=u'],
  AbortMultipartUpload: ['DELETE', '/multipart.data?uploadId=u'],
  ListParts: ['GET', '/multipart.data?uploadId=u&max-parts=5'],
};

/** Deleting the bucket (or vault) every other request names comes last. */
const lastOperations = new Set(['DeleteBucket', 'DeleteVault']);

function s3Requests(): Sent[] {
  const out: Sent[] = [];
  for (const [method, target, operation, , headers = {}] of bucketExamples) {
    out.push({ dialect: 's3', operation, method, target: `/examplebucket${target}`, headers });
  }
  for (const [method, target, operation, , headers = {}] of serviceExamples)
    out.push({ dialect: 's3', operation, method, target, headers });
  return out;
}

function ossTarget(target: string): string {
  return target === '/' ? '/oss-example/' : `/oss-example${target.startsWith('/?') ? target.slice(1) : target}`;
}

function allRequests(): Sent[] {
  const sent: Sent[] = [
    ...s3Requests(),
    ...Object.entries(glacierRequests).map(([operation, [method, target]]): Sent => ({
      dialect: 'glacier',
      operation,
      method,
      target,
      headers: {},
    })),
    ...Object.entries(ossRequests).map(([operation, [method, target, headers = {}]]): Sent => ({
      dialect: 'oss',
      operation,
      method,
      target: operation === 'ListBuckets' ? '/' : ossTarget(target),
      headers,
    })),
  ];
  return [...sent.filter((s) => !lastOperations.has(s.operation)), ...sent.filter((s) => lastOperations.has(s.operation))];
}

function signed(server: CairnProcess, s: Sent): Record<string, string> {
  const host = new URL(server.url).host;
  const q = s.target.indexOf('?');
  const path = q < 0 ? s.target : s.target.slice(0, q);
  const query = q < 0 ? '' : s.target.slice(q + 1);
  const headers: Record<string, string> = { host, 'content-length': '0', ...s.headers };
  if (s.dialect === 'oss') {
    const date = new Date().toUTCString();
    const [bucket, ...key] = path.slice(1).split('/');
    const resource = ossV1CanonicalResource(bucket === '' ? {} : { bucket, key: key.join('/') }, parseQuery(query));
    const signature = ossV1Signature(
      testCredentials.secretAccessKey,
      ossV1StringToSign({ method: s.method, headers: { ...headers, date }, date, resource }),
    );
    return { ...headers, date, authorization: `OSS ${testCredentials.accessKeyId}:${signature}` };
  }
  const service = s.dialect === 'glacier' ? 'glacier' : 's3';
  if (service === 'glacier') headers['x-amz-glacier-version'] = '2012-06-01';
  return signRequest({ method: s.method, path, query, headers }, testCredentials, { region: 'us-east-1', service }).headers;
}

/** Sends the request; its status and the request id the response names. */
function send(server: CairnProcess, s: Sent): Promise<{ status: number; requestId: string }> {
  const url = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method: s.method, path: s.target, headers: signed(server, s) }, (res) => {
      res.resume();
      const id = res.headers['x-amz-request-id'] ?? res.headers['x-oss-request-id'] ?? res.headers['x-amzn-requestid'];
      res.on('end', () => resolve({ status: res.statusCode ?? 0, requestId: String(id) }));
    });
    req.on('error', reject);
    req.end();
  });
}

function accessLog(server: CairnProcess): LogLine[] {
  return server
    .stdout()
    .split('\n')
    .filter((line) => line.startsWith('{') && line.includes('"requestId"'))
    .map((line) => JSON.parse(line) as LogLine);
}

describe('the one request pipeline', () => {
  let server: CairnProcess;
  const sent = allRequests();
  const ids = new Map<Sent, string>();

  before(async () => {
    server = await startCairnProcess({ env: { CAIRN_ACCESS_LOG: 'true' } });
    // The containers the requests name: a bucket for S3, one for OSS (buckets are shared), a vault.
    for (const s of [
      { dialect: 's3', operation: 'CreateBucket', method: 'PUT', target: '/examplebucket', headers: {} },
      { dialect: 's3', operation: 'CreateBucket', method: 'PUT', target: '/oss-example', headers: {} },
      { dialect: 'glacier', operation: 'CreateVault', method: 'PUT', target: vault, headers: {} },
    ] satisfies Sent[]) {
      assert.ok([200, 201].includes((await send(server, s)).status), `${s.target} could not be created`);
    }
    for (const s of sent) ids.set(s, (await send(server, s)).requestId);
    // Each line is written when its response has gone out; wait for the last ones to arrive.
    for (let i = 0; i < 100 && accessLog(server).length < sent.length + 3; i++) await new Promise((r) => setTimeout(r, 50));
  });
  after(async () => {
    await server?.dispose();
  });

  it('has a request for every operation of every dialect', () => {
    const covered = new Set(sent.filter((s) => s.dialect === 's3').map((s) => s.operation));
    assert.deepEqual(
      s3Operations.filter((o) => !covered.has(o)),
      [],
    );
    assert.equal(Object.keys(glacierRequests).length, 33);
    assert.equal(Object.keys(ossRequests).length, 41);
  });

  for (const dialect of ['s3', 'oss', 'glacier'] as const) {
    it(`takes every ${dialect} operation through routing, authentication, bucket resolution and authorization to its handler`, () => {
      const lines = new Map(accessLog(server).map((l) => [l.requestId, l]));
      const missing: string[] = [];
      for (const s of sent.filter((x) => x.dialect === dialect)) {
        const line = lines.get(ids.get(s));
        const through = line?.dialect === dialect && line.operation === s.operation && line.stage === 'handle';
        if (!through) missing.push(`${s.method} ${s.target} ${s.operation}: ${JSON.stringify(line)}`);
      }
      assert.deepEqual(missing, []);
    });
  }

  it('logs how far a refused request got', async () => {
    const before = accessLog(server).length;
    const url = new URL(server.url);
    await new Promise<void>((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, method: 'GET', path: '/examplebucket/k' }, (res) => {
        res.resume();
        res.on('end', () => resolve());
      });
      req.on('error', reject);
      req.end();
    });
    for (let i = 0; i < 100 && accessLog(server).length === before; i++) await new Promise((r) => setTimeout(r, 20));
    const line = accessLog(server).at(-1);
    assert.deepEqual([line?.operation, line?.stage, line?.errorCode], ['GetObject', 'authenticate', 'AccessDenied']);
  });
});

import assert from 'node:assert/strict';
import { type Hash, type Hmac, createHash, createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { S3Client, GetObjectCommand, PutObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { SignatureV4 } from '@smithy/signature-v4';
import { EMPTY_SHA256, sha256Hex } from './hashes.js';
import { presignRequest, signRequest } from './sign-request.js';
import { verifySigV4, type SigV4VerifyOptions } from './sigv4-verify.js';
import { EXAMPLE_AKID, EXAMPLE_SECRET, exampleKey, lookupOf, rejectsWith, testRequest } from './test-fixtures.js';

const now = Date.UTC(2024, 5, 1, 12, 0, 0);
const credentials = { accessKeyId: EXAMPLE_AKID, secretAccessKey: EXAMPLE_SECRET };
const s3: SigV4VerifyOptions = { region: 'us-east-1', services: ['s3'], lookupKey: lookupOf(exampleKey), now };
const glacier: SigV4VerifyOptions = { ...s3, services: ['glacier'] };

type Source = string | ArrayBuffer | ArrayBufferView;
const bytes = (d: Source): Buffer =>
  typeof d === 'string' ? Buffer.from(d) : ArrayBuffer.isView(d) ? Buffer.from(d.buffer, d.byteOffset, d.byteLength) : Buffer.from(d);

/** node:crypto behind the Hash interface @smithy/signature-v4 expects (HMAC when given a secret). */
class NodeSha256 {
  private readonly h: Hash | Hmac;
  constructor(secret?: Source) {
    this.h = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: Source): void {
    this.h.update(bytes(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.h.digest()));
  }
}

/** How the AWS SDKs put a key into a path: encodeURIComponent plus !'()*, per segment. */
const sdkEncode = (s: string): string => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const sdkPath = (bucket: string, key: string): string => `/${bucket}/${key.split('/').map(sdkEncode).join('/')}`;
const sdkQuery = (query: Record<string, string>): string =>
  Object.entries(query)
    .map(([k, v]) => `${sdkEncode(k)}=${sdkEncode(v)}`)
    .join('&');

async function smithySign(
  service: string,
  method: string,
  path: string,
  query: Record<string, string>,
  headers: Record<string, string>,
  body?: string,
) {
  const signer = new SignatureV4({ service, region: 'us-east-1', credentials, sha256: NodeSha256, uriEscapePath: service !== 's3' });
  const signed = await signer.sign(
    {
      method,
      protocol: 'http:',
      hostname: 'localhost',
      port: 9000,
      path,
      query,
      headers: { host: 'localhost:9000', ...headers },
      ...(body !== undefined ? { body } : {}),
    },
    { signingDate: new Date(now) },
  );
  return testRequest({ method, path, query: sdkQuery(query), headers: signed.headers, ...(body !== undefined ? { body } : {}) });
}

const oddKeys = [
  'photos/été 2024/naïve café.jpg',
  'a b/c+d',
  '100%/done',
  'x/../y',
  'double//slash/',
  "punct !'()*$&,;=@:~",
  '日本語/ファイル名.txt',
  '+leading plus',
  'trailing space ',
];

describe('verifySigV4 with signatures made by @smithy/signature-v4', () => {
  for (const key of oddKeys) {
    it(`accepts an S3 GET of the key ${JSON.stringify(key)}`, async () => {
      const req = await smithySign('s3', 'GET', sdkPath('bucket', key), {}, { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' });
      assert.equal((await verifySigV4(req, s3)).kind, 'sigv4');
    });
  }

  it('accepts odd query values (spaces, +, %, /, =, &, unicode, empty)', async () => {
    const query = { prefix: 'a b+c%d/e=f&g', delimiter: '/', 'start-after': 'ü', 'encoding-type': 'url', 'list-type': '2', marker: '' };
    const req = await smithySign('s3', 'GET', '/bucket', query, { 'x-amz-content-sha256': EMPTY_SHA256 });
    assert.equal((await verifySigV4(req, s3)).kind, 'sigv4');
  });

  it('accepts a PUT whose body hash is signed, and refuses it when a path byte changes', async () => {
    const body = 'some bytes';
    const req = await smithySign(
      's3',
      'PUT',
      '/bucket/k%20ey',
      {},
      { 'x-amz-content-sha256': sha256Hex(body), 'content-type': 'text/plain' },
      body,
    );
    assert.equal((await verifySigV4(req, s3)).kind, 'sigv4');
    await rejectsWith(verifySigV4({ ...req, rawPath: '/bucket/k%20eY' }, s3), 'SignatureDoesNotMatch');
  });

  it('accepts headers with runs of inner whitespace', async () => {
    const req = await smithySign(
      's3',
      'GET',
      '/b/k',
      {},
      { 'x-amz-content-sha256': EMPTY_SHA256, 'x-amz-meta-note': '  two   spaces  here ' },
    );
    assert.equal((await verifySigV4(req, s3)).kind, 'sigv4');
  });

  it('accepts Glacier requests, whose path is encoded a second time', async () => {
    const req = await smithySign(
      'glacier',
      'GET',
      '/-/vaults/my%20vault/jobs',
      { marker: 'arn:aws:glacier:x', limit: '10' },
      {
        'x-amz-glacier-version': '2012-06-01',
        'x-amz-content-sha256': EMPTY_SHA256,
      },
    );
    assert.equal((await verifySigV4(req, glacier)).kind, 'sigv4');
  });
});

describe('signRequest', () => {
  it('produces the same signature as @smithy/signature-v4', async () => {
    for (const [service, path] of [
      ['s3', sdkPath('bucket', 'a b/c+d/é')],
      ['glacier', '/-/vaults/v%201/archives'],
    ] as const) {
      const headers = { 'x-amz-content-sha256': EMPTY_SHA256, 'x-amz-meta-a': 'b' };
      const theirs = await smithySign(service, 'POST', path, { uploads: '', 'x-id': 'A B' }, headers);
      const ours = signRequest(
        { method: 'POST', path, query: 'uploads=&x-id=A%20B', headers: { host: 'localhost:9000', ...headers } },
        credentials,
        {
          region: 'us-east-1',
          service,
          now,
          payloadHash: EMPTY_SHA256,
        },
      );
      assert.equal(ours.headers['authorization'], theirs.headers['authorization'], service);
    }
  });

  it('round-trips through verifySigV4 for every odd key, and tells the verifier the payload mode', async () => {
    for (const key of oddKeys) {
      const path = sdkPath('bucket', key);
      const signed = signRequest({ method: 'PUT', path, headers: { Host: 'localhost' } }, credentials, {
        region: 'us-east-1',
        service: 's3',
        now,
        body: 'x',
      });
      const result = await verifySigV4(testRequest({ method: 'PUT', path, headers: signed.headers, body: 'x' }), s3);
      assert.equal(result.kind, 'sigv4', key);
      assert.deepEqual(result.payload, { mode: 'sha256', sha256: sha256Hex('x') });
    }
  });

  it('signs the session token and adds x-amz-date and x-amz-content-sha256', () => {
    const signed = signRequest(
      { method: 'GET', path: '/', headers: { host: 'h' } },
      { ...credentials, sessionToken: 'tok' },
      { region: 'us-east-1', service: 's3', now },
    );
    assert.equal(signed.headers['x-amz-date'], '20240601T120000Z');
    assert.equal(signed.headers['x-amz-content-sha256'], 'UNSIGNED-PAYLOAD');
    assert.match(signed.headers['authorization']!, /SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token,/);
  });
});

describe('presignRequest', () => {
  it('round-trips through verifySigV4 and expires on time', async () => {
    const path = sdkPath('bucket', 'a b/ü+%');
    const { query } = presignRequest(
      { method: 'GET', path, query: 'response-content-type=text%2Fplain', headers: { host: 'localhost' } },
      credentials,
      {
        region: 'us-east-1',
        service: 's3',
        now,
        expiresIn: 60,
      },
    );
    const req = testRequest({ path, query, headers: { host: 'localhost' } });
    const result = await verifySigV4(req, s3);
    assert.equal(result.kind === 'sigv4' && result.expiresAt, now + 60_000);
    await rejectsWith(verifySigV4(req, { ...s3, now: now + 60_001 }), 'AccessDenied');
  });
});

describe('verifySigV4 with URLs from @aws-sdk/s3-request-presigner', () => {
  const client = new S3Client({ region: 'us-east-1', endpoint: 'http://localhost:9000', forcePathStyle: true, credentials });
  const verifyUrl = async (url: string, method: string) => {
    // Not URL.pathname: it would resolve the `..` of a key, which the SDK sends as it is.
    const u = new URL(url);
    const q = url.indexOf('?');
    const path = url.slice(u.origin.length, q < 0 ? undefined : q);
    return verifySigV4(testRequest({ method, path, query: q < 0 ? '' : url.slice(q + 1), headers: { host: u.host } }), s3);
  };

  for (const key of oddKeys) {
    it(`accepts a presigned GetObject for ${JSON.stringify(key)}`, async () => {
      const url = await getSignedUrl(
        client,
        new GetObjectCommand({ Bucket: 'bucket', Key: key, ResponseContentDisposition: 'attachment; filename="a b.txt"' }),
        {
          expiresIn: 900,
          signingDate: new Date(now),
        },
      );
      assert.equal((await verifyUrl(url, 'GET')).kind, 'sigv4');
    });
  }

  it('accepts a presigned PutObject with hoisted checksum parameters', async () => {
    const url = await getSignedUrl(client, new PutObjectCommand({ Bucket: 'bucket', Key: 'up load', ChecksumAlgorithm: 'CRC32' }), {
      expiresIn: 604800,
      signingDate: new Date(now),
    });
    const result = await verifyUrl(url, 'PUT');
    assert.equal(result.kind, 'sigv4');
    assert.deepEqual(result.payload, { mode: 'unsigned' });
  });

  it('accepts a presigned ListObjectsV2 with a prefix that needs encoding', async () => {
    const url = await getSignedUrl(client, new ListObjectsV2Command({ Bucket: 'bucket', Prefix: 'a b/+c', Delimiter: '/' }), {
      signingDate: new Date(now),
    });
    assert.equal((await verifyUrl(url, 'GET')).kind, 'sigv4');
  });

  it('refuses a presigned URL used with another method', async () => {
    const url = await getSignedUrl(client, new GetObjectCommand({ Bucket: 'bucket', Key: 'k' }), { signingDate: new Date(now) });
    await rejectsWith(verifyUrl(url, 'DELETE'), 'SignatureDoesNotMatch');
  });
});

describe('verifySigV4 for Glacier (glacier.md §2)', () => {
  const glacierDoc: SigV4VerifyOptions = { ...glacier, now: Date.UTC(2012, 4, 25, 0, 24, 53) };
  const docRequest = (signature: string) =>
    testRequest({
      method: 'PUT',
      path: '/-/vaults/examplevault',
      headers: {
        host: 'glacier.us-east-1.amazonaws.com',
        'x-amz-date': '20120525T002453Z',
        'x-amz-glacier-version': '2012-06-01',
        authorization: `AWS4-HMAC-SHA256 Credential=${EXAMPLE_AKID}/20120525/us-east-1/glacier/aws4_request,SignedHeaders=host;x-amz-date;x-amz-glacier-version,Signature=${signature}`,
      },
    });

  it('accepts the official CreateVault vector (no x-amz-content-sha256: the empty body is hashed)', async () => {
    const result = await verifySigV4(docRequest('3ce5b2f2fffac9262b4da9256f8d086b4aaf42eba5f111c21681a65a127b7c2a'), glacierDoc);
    assert.equal(result.kind, 'sigv4');
    assert.equal(result.payload.mode, 'buffered');
  });

  it('reports the canonical request whose hash the guide gives when the signature is wrong', async () => {
    const err = await rejectsWith(verifySigV4(docRequest('0'.repeat(64)), glacierDoc), 'SignatureDoesNotMatch');
    assert.equal(sha256Hex(String(err.details['CanonicalRequest'])), '5f1da1a2d0feb614dd03d71e87928b8e449ac87614479332aced3a701f916743');
  });

  it('hashes a JSON body sent without x-amz-content-sha256 (boto3) and refuses one that was changed', async () => {
    const body = '{"Policy":"{}"}';
    const signer = new SignatureV4({ service: 'glacier', region: 'us-east-1', credentials, sha256: NodeSha256, applyChecksum: false });
    const signed = await signer.sign(
      {
        method: 'PUT',
        protocol: 'http:',
        hostname: 'h',
        path: '/-/vaults/v/access-policy',
        headers: { host: 'h', 'x-amz-glacier-version': '2012-06-01' },
        body,
      },
      { signingDate: new Date(now) },
    );
    const headers = { ...signed.headers };
    delete headers['x-amz-content-sha256'];
    assert.match(headers['authorization']!, /SignedHeaders=host;x-amz-date;x-amz-glacier-version,/);
    const ok = await verifySigV4(testRequest({ method: 'PUT', path: '/-/vaults/v/access-policy', headers, body }), glacier);
    assert.equal(ok.kind === 'sigv4' && ok.payload.mode === 'buffered' && ok.payload.bytes.toString(), body);
    await rejectsWith(
      verifySigV4(testRequest({ method: 'PUT', path: '/-/vaults/v/access-policy', headers, body: body + ' ' }), glacier),
      'SignatureDoesNotMatch',
    );
  });

  it('refuses with MissingSecurityHeader a body too large to hash before answering', async () => {
    const signed = signRequest({ method: 'POST', path: '/-/vaults/v/archives', headers: { host: 'h' } }, credentials, {
      region: 'us-east-1',
      service: 'glacier',
      now,
    });
    const headers = { ...signed.headers };
    delete headers['x-amz-content-sha256'];
    const err = await rejectsWith(
      verifySigV4(testRequest({ method: 'POST', path: '/-/vaults/v/archives', headers, body: Buffer.alloc(100) }), {
        ...glacier,
        maxBufferedBody: 99,
      }),
      'MissingSecurityHeader',
    );
    assert.equal(err.details['MissingHeaderName'], 'x-amz-content-sha256');
  });
});

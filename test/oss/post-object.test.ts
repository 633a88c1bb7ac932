import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { aliOss, ossRejects, type AliOssClient } from '../support/ali-oss.js';
import { startCairnProcess, testCredentials, type CairnProcess } from '../support/cairn-process.js';

const bucket = 'oss-post';
const boundary = '----CairnOssPostBoundary7MA4YWxkTrZu0gW';

interface Posted {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** The policy and OSS V1 form signature a page gets from its backend: base64(HMAC-SHA1(secret, base64 policy)). */
function signedFields(
  options: { conditions?: unknown[]; expiresAt?: Date; rawPolicy?: string; secret?: string } = {},
): Record<string, string> {
  const doc = {
    expiration: (options.expiresAt ?? new Date(Date.now() + 10 * 60_000)).toISOString(),
    conditions: options.conditions ?? [{ bucket }, ['starts-with', '$key', 'uploads/'], ['content-length-range', 1, 4 * 1024 * 1024]],
  };
  const policy = options.rawPolicy ?? Buffer.from(JSON.stringify(doc)).toString('base64');
  const signature = createHmac('sha1', options.secret ?? testCredentials.secretAccessKey)
    .update(policy)
    .digest('base64');
  return { OSSAccessKeyId: testCredentials.accessKeyId, policy, Signature: signature };
}

function formBody(fields: Record<string, string>, file: { name: string; data: Buffer; type?: string } | undefined): Buffer[] {
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file !== undefined) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
    );
    // The file in 64 KiB pieces, as a browser streams it.
    for (let i = 0; i < file.data.length; i += 65536) parts.push(file.data.subarray(i, i + 65536));
    parts.push(Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return parts;
}

/** POST / to `<bucket>.oss-cn-hangzhou.aliyuncs.com`, unsigned, as a browser form sends it (chunked). */
function post(proc: CairnProcess, body: Buffer[], headers: Record<string, string> = {}): Promise<Posted> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: proc.port,
        method: 'POST',
        path: '/',
        headers: {
          host: `${bucket}.oss-cn-hangzhou.aliyuncs.com`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    for (const b of body) req.write(b);
    req.end();
  });
}

function code(p: Posted): string | undefined {
  return /<Code>([^<]*)<\/Code>/.exec(p.body)?.[1];
}

describe('OSS PostObject (browser form upload, V1 policy signature)', () => {
  let proc: CairnProcess;
  let client: AliOssClient;

  before(async () => {
    proc = await startCairnProcess();
    client = aliOss(proc, 'V4', { bucket });
    await client.putBucket(bucket);
  });
  after(async () => proc.dispose());

  it('stores the streamed file with its fields (metadata, type, encryption); 204 by default', async () => {
    const data = randomBytes(2 * 1024 * 1024 + 123);
    const fields = {
      key: 'uploads/${filename}',
      ...signedFields(),
      'x-oss-meta-owner': 'alice',
      'x-oss-server-side-encryption': 'AES256',
      'x-oss-tagging': 'team=web&kind=photo',
    };
    const res = await post(proc, formBody(fields, { name: 'photo.bin', data, type: 'image/png' }));
    assert.equal(res.status, 204, res.body);
    assert.match(String(res.headers.etag), /^"[0-9A-F]{32}"$/);
    assert.ok(res.headers['x-oss-hash-crc64ecma']);
    assert.equal(res.headers['x-oss-server-side-encryption'], 'AES256');
    const got = await client.get('uploads/photo.bin');
    assert.deepEqual(got.content, data);
    assert.equal(got.res.headers['content-type'], 'image/png');
    assert.equal(got.res.headers['x-oss-meta-owner'], 'alice');
    assert.equal(got.res.headers['x-oss-server-side-encryption'], 'AES256');
    assert.equal(got.res.headers.etag, res.headers.etag);
    assert.equal(got.res.headers['x-oss-tagging-count'], '2');
  });

  it('answers success_action_status 201 with a PostResponse, 200 with nothing, and follows success_action_redirect', async () => {
    const data = Buffer.from('hello form');
    const created = await post(
      proc,
      formBody({ key: 'uploads/201', ...signedFields(), success_action_status: '201' }, { name: 'a', data }),
    );
    assert.equal(created.status, 201);
    assert.match(
      created.body,
      /<PostResponse><Bucket>oss-post<\/Bucket><Location>http:\/\/oss-post\.oss-cn-hangzhou\.aliyuncs\.com(:\d+)?\/uploads\/201<\/Location><Key>uploads\/201<\/Key><ETag>(&quot;|")[0-9A-F]{32}(&quot;|")<\/ETag><\/PostResponse>/,
    );
    const ok = await post(proc, formBody({ key: 'uploads/200', ...signedFields(), success_action_status: '200' }, { name: 'a', data }));
    assert.equal(ok.status, 200);
    assert.equal(ok.body, '');
    const redirected = await post(
      proc,
      formBody({ key: 'uploads/r', ...signedFields(), success_action_redirect: 'https://app.example.com/done' }, { name: 'a', data }),
    );
    assert.equal(redirected.status, 303);
    const location = new URL(String(redirected.headers.location));
    assert.equal(location.origin + location.pathname, 'https://app.example.com/done');
    assert.equal(location.searchParams.get('bucket'), bucket);
    assert.equal(location.searchParams.get('key'), 'uploads/r');
    assert.equal((await client.get('uploads/r')).content.toString(), 'hello form');
  });

  it('refuses expired, violated, malformed or badly signed policies, a missing file and a non-form body, storing nothing', async () => {
    const data = Buffer.from('nope');
    const cases: [string, Buffer[], number, string][] = [
      [
        'expired',
        formBody({ key: 'uploads/x1', ...signedFields({ expiresAt: new Date(Date.now() - 60_000) }) }, { name: 'a', data }),
        403,
        'AccessDenied',
      ],
      ['key outside the prefix', formBody({ key: 'elsewhere/x2', ...signedFields() }, { name: 'a', data }), 403, 'AccessDenied'],
      [
        'malformed policy',
        formBody({ key: 'uploads/x3', ...signedFields({ rawPolicy: 'bm90IGpzb24=' }) }, { name: 'a', data }),
        400,
        'InvalidPolicyDocument',
      ],
      [
        'wrong secret',
        formBody({ key: 'uploads/x4', ...signedFields({ secret: 'not-the-secret' }) }, { name: 'a', data }),
        403,
        'SignatureDoesNotMatch',
      ],
      [
        'unknown key id',
        formBody({ key: 'uploads/x5', ...signedFields(), OSSAccessKeyId: 'NOSUCHKEY' }, { name: 'a', data }),
        403,
        'InvalidAccessKeyId',
      ],
      ['no file field', formBody({ key: 'uploads/x6', ...signedFields() }, undefined), 400, 'InvalidArgument'],
      [
        'too large',
        formBody({ key: 'uploads/x7', ...signedFields() }, { name: 'a', data: Buffer.alloc(4 * 1024 * 1024 + 1) }),
        400,
        'EntityTooLarge',
      ],
      ['unsigned', formBody({ key: 'uploads/x8' }, { name: 'a', data }), 403, 'AccessDenied'],
      [
        'V4 form signature',
        formBody({ key: 'uploads/x9', 'x-oss-signature-version': 'OSS4-HMAC-SHA256' }, { name: 'a', data }),
        400,
        'NotImplemented',
      ],
      ['callback', formBody({ key: 'uploads/x10', ...signedFields(), callback: 'e30=' }, { name: 'a', data }), 400, 'NotImplemented'],
      [
        'bad encryption',
        formBody({ key: 'uploads/x11', ...signedFields(), 'x-oss-server-side-encryption': 'DES' }, { name: 'a', data }),
        400,
        'InvalidEncryptionAlgorithmError',
      ],
      [
        'broken form',
        [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="key"\r\n\r\nuploads/x12`)],
        400,
        'MalformedPOSTRequest',
      ],
    ];
    for (const [label, body, status, expected] of cases) {
      const res = await post(proc, body);
      assert.equal(res.status, status, `${label}: ${res.body}`);
      assert.equal(code(res), expected, label);
      assert.ok(res.headers['x-oss-request-id'], label);
    }
    const notForm = await post(proc, [Buffer.from('key=uploads/x13')], { 'content-type': 'application/x-www-form-urlencoded' });
    assert.equal(notForm.status, 400);
    assert.equal(code(notForm), 'RequestIsNotMultiPartContent');
    for (let i = 1; i <= 13; i++) await ossRejects(client.head(`uploads/x${i}`), 404, 'NoSuchKey');
    await ossRejects(client.head('elsewhere/x2'), 404, 'NoSuchKey');
  });

  it('carries the Access-Control-* headers the bucket allows for a form posted from another origin', async () => {
    await client.putBucketCORS(bucket, [{ allowedOrigin: 'https://app.example.com', allowedMethod: 'POST' }]);
    const res = await post(proc, formBody({ key: 'uploads/cors', ...signedFields() }, { name: 'a', data: Buffer.from('x') }), {
      origin: 'https://app.example.com',
    });
    assert.equal(res.status, 204);
    assert.equal(res.headers['access-control-allow-origin'], 'https://app.example.com');
  });
});

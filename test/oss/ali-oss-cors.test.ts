import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { aliOss, ossRejects, type AliOssClient } from '../support/ali-oss.js';
import { startCairnProcess, type CairnProcess } from '../support/cairn-process.js';

interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** A request as a browser sends a preflight: unsigned, to `<bucket>.oss-cn-hangzhou.aliyuncs.com`. */
function raw(proc: CairnProcess, method: string, bucket: string, path: string, headers: Record<string, string>): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: proc.port, method, path, headers: { host: `${bucket}.oss-cn-hangzhou.aliyuncs.com`, ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const origin = 'https://app.example.com';

describe('OSS CORS with ali-oss and browser preflights', () => {
  let proc: CairnProcess;
  let client: AliOssClient;
  const bucket = 'oss-cors';
  const plain = 'oss-cors-off';

  before(async () => {
    proc = await startCairnProcess();
    client = aliOss(proc, 'V4', { bucket });
    await client.putBucket(bucket);
    await client.putBucket(plain);
    await client.put('page.txt', Buffer.from('hello'));
  });
  after(async () => proc.dispose());

  it('Put/Get/DeleteBucketCors round-trip the rules; NoSuchCORSConfiguration without any', async () => {
    await ossRejects(client.getBucketCORS(bucket), 404, 'NoSuchCORSConfiguration');
    await client.putBucketCORS(bucket, [
      {
        allowedOrigin: [origin, 'http://*.local.test'],
        allowedMethod: ['GET', 'PUT'],
        allowedHeader: ['content-type', 'x-oss-*'],
        exposeHeader: ['ETag', 'x-oss-request-id'],
        maxAgeSeconds: '600',
      },
      { allowedOrigin: '*', allowedMethod: 'HEAD' },
    ]);
    const got = await client.getBucketCORS(bucket);
    assert.deepEqual(got.rules, [
      {
        allowedOrigin: [origin, 'http://*.local.test'],
        allowedMethod: ['GET', 'PUT'],
        allowedHeader: ['content-type', 'x-oss-*'],
        exposeHeader: ['ETag', 'x-oss-request-id'],
        maxAgeSeconds: '600',
      },
      { allowedOrigin: '*', allowedMethod: 'HEAD' },
    ]);
    // A rule with a method CORS does not know is refused, and the rules stay as they were.
    await ossRejects(client.putBucketCORS(bucket, [{ allowedOrigin: '*', allowedMethod: 'PATCH' }]), 400, 'InvalidArgument');
    assert.equal((await client.getBucketCORS(bucket)).rules.length, 2);
  });

  it('keeps OSS ResponseVary, and refuses a document that is not CORSConfiguration', async () => {
    const name = 'oss-cors-vary';
    await client.putBucket(name);
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?><CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin>' +
      '<AllowedMethod>GET</AllowedMethod></CORSRule><ResponseVary>true</ResponseVary></CORSConfiguration>';
    const put = { ...client._bucketRequestParams('PUT', name, 'cors'), content: xml, mime: 'xml', successStatuses: [200] };
    await client.request(put);
    const get = await client.request({ ...client._bucketRequestParams('GET', name, 'cors'), successStatuses: [200], xmlResponse: true });
    assert.equal((get.data as { ResponseVary: string }).ResponseVary, 'true');
    const bad = { ...put, content: '<CORSConfiguration><Nonsense/></CORSConfiguration>' };
    await ossRejects(client.request(bad), 400, 'MalformedXML');
  });

  it('answers preflights from the rules: allowed, wrong origin, disallowed header, CORS off, no Origin', async () => {
    const ok = await raw(proc, 'OPTIONS', bucket, '/page.txt', {
      origin,
      'access-control-request-method': 'PUT',
      'access-control-request-headers': 'Content-Type, x-oss-date',
    });
    assert.equal(ok.status, 200, ok.body);
    assert.equal(ok.headers['access-control-allow-origin'], origin);
    assert.equal(ok.headers['access-control-allow-methods'], 'GET, PUT');
    assert.equal(ok.headers['access-control-allow-headers'], 'content-type, x-oss-date');
    assert.equal(ok.headers['access-control-expose-headers'], 'ETag, x-oss-request-id');
    assert.equal(ok.headers['access-control-max-age'], '600');
    assert.ok(ok.headers['x-oss-request-id'], 'an OSS answer');

    const wildcard = await raw(proc, 'OPTIONS', bucket, '/page.txt', {
      origin: 'http://dev.local.test',
      'access-control-request-method': 'GET',
    });
    assert.equal(wildcard.status, 200);
    assert.equal(wildcard.headers['access-control-allow-origin'], 'http://dev.local.test');

    for (const headers of [
      { origin: 'https://evil.example.com', 'access-control-request-method': 'GET' },
      { origin, 'access-control-request-method': 'DELETE' },
      { origin, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'x-amz-date' },
    ]) {
      const denied = await raw(proc, 'OPTIONS', bucket, '/page.txt', headers);
      assert.equal(denied.status, 403, JSON.stringify(headers));
      assert.match(denied.body, /<Code>AccessForbidden<\/Code>/);
      assert.match(denied.body, /<RequestId>/);
      assert.equal(denied.headers['access-control-allow-origin'], undefined);
    }
    const off = await raw(proc, 'OPTIONS', plain, '/x', { origin, 'access-control-request-method': 'GET' });
    assert.equal(off.status, 403);
    assert.match(off.body, /CORS is not enabled for this bucket/);
    const noOrigin = await raw(proc, 'OPTIONS', bucket, '/page.txt', { 'access-control-request-method': 'GET' });
    assert.equal(noOrigin.status, 400);
  });

  it('adds Access-Control-* headers to actual responses the rules allow, errors included, and none otherwise', async () => {
    const got = await client.get('page.txt', null, { headers: { origin } });
    assert.equal(got.content.toString(), 'hello');
    assert.equal(got.res.headers['access-control-allow-origin'], origin);
    assert.equal(got.res.headers['access-control-expose-headers'], 'ETag, x-oss-request-id');
    assert.match(got.res.headers.vary ?? '', /Origin/);
    const missing = await ossRejects(client.get('missing.txt', null, { headers: { origin } }), 404, 'NoSuchKey');
    assert.ok(missing);
    const rawMissing = await raw(proc, 'GET', bucket, '/missing.txt', { origin });
    assert.equal(rawMissing.headers['access-control-allow-origin'], origin, 'a refusal is readable by the page too');
    const other = await client.get('page.txt', null, { headers: { origin: 'https://evil.example.com' } });
    assert.equal(other.res.headers['access-control-allow-origin'], undefined);
  });

  it('DeleteBucketCors turns CORS off: preflights are refused again', async () => {
    const name = 'oss-cors-delete';
    await client.putBucket(name);
    await client.putBucketCORS(name, [{ allowedOrigin: '*', allowedMethod: 'GET' }]);
    const before = await raw(proc, 'OPTIONS', name, '/k', { origin, 'access-control-request-method': 'GET' });
    assert.equal(before.status, 200);
    assert.equal(before.headers['access-control-allow-origin'], '*');
    assert.equal((await client.deleteBucketCORS(name)).res.status, 204);
    await ossRejects(client.getBucketCORS(name), 404, 'NoSuchCORSConfiguration');
    const afterDelete = await raw(proc, 'OPTIONS', name, '/k', { origin, 'access-control-request-method': 'GET' });
    assert.equal(afterDelete.status, 403);
  });
});

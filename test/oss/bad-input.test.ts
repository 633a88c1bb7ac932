import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { aliOss, aliOssPathStyle, ossRejects, type AliOssClient, type SignatureVersion } from '../support/ali-oss.js';
import { startCairnProcess, testCredentials, type CairnProcess } from '../support/cairn-process.js';

function ossDate(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** Sends a request through ali-oss's own signing and transport, with a body of our choosing. */
async function rawObjectRequest(client: AliOssClient, method: string, name: string, subres: Record<string, unknown>, content: string) {
  return client.request({
    ...client._objectRequestParams(method, name, { subres }),
    content: Buffer.from(content),
    mime: 'xml',
    successStatuses: [200],
  });
}

describe('OSS requests that must fail, and fail the OSS way', () => {
  let proc: CairnProcess;
  before(async () => {
    proc = await startCairnProcess();
    await aliOss(proc, 'V4').putBucket('bad-input');
  });
  after(async () => proc.dispose());

  it('answers a wrong V4 signature with SignatureDoesNotMatch and what the server signed, and changes nothing', async () => {
    const wrong = aliOss(proc, 'V4', { bucket: 'bad-input', accessKeySecret: 'not-the-secret' });
    const e = await ossRejects(wrong.put('never.txt', Buffer.from('x')), 403, 'SignatureDoesNotMatch');
    assert.equal(e.ecCode, '0002-00000040');
    assert.equal(e.hostId, 'bad-input.oss-cn-hangzhou.aliyuncs.com');
    await ossRejects(aliOss(proc, 'V4', { bucket: 'bad-input' }).get('never.txt'), 404, 'NoSuchKey');

    const now = Date.now();
    const date = ossDate(now);
    const response = await fetch(`http://127.0.0.1:${proc.port}/bad-input/never.txt`, {
      headers: {
        'x-oss-date': date,
        'x-oss-content-sha256': 'UNSIGNED-PAYLOAD',
        authorization: `OSS4-HMAC-SHA256 Credential=${testCredentials.accessKeyId}/${date.slice(0, 8)}/cn-hangzhou/oss/aliyun_v4_request,Signature=${'0'.repeat(64)}`,
      },
    });
    assert.equal(response.status, 403);
    assert.equal(response.headers.get('x-oss-ec'), '0002-00000040');
    const xml = await response.text();
    assert.ok(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SignatureDoesNotMatch</Code>'), xml);
    assert.ok(xml.includes(`<RequestId>${response.headers.get('x-oss-request-id') ?? '?'}</RequestId>`));
    assert.ok(xml.includes(`<StringToSign>OSS4-HMAC-SHA256\n${date}\n${date.slice(0, 8)}/cn-hangzhou/oss/aliyun_v4_request\n`));
    assert.match(xml, /<StringToSignBytes>4F 53 53 34 2D /);
    assert.ok(xml.includes('<CanonicalRequest>GET\n/bad-input/never.txt\n\nx-oss-content-sha256:UNSIGNED-PAYLOAD\n'));
    assert.ok(
      xml.includes('<EC>0002-00000040</EC><RecommendDoc>https://api.aliyun.com/troubleshoot?q=0002-00000040</RecommendDoc></Error>'),
    );
  });

  it('sends HEAD errors in x-oss-err, which ali-oss decodes into the error code', async () => {
    const wrong = aliOss(proc, 'V1', { bucket: 'bad-input', accessKeySecret: 'not-the-secret' });
    const e = await ossRejects(wrong.head('anything.txt'), 403, 'SignatureDoesNotMatch');
    assert.equal(e.ecCode, '0002-00000040');
  });

  it('refuses an unknown AccessKeyId, naming it', async () => {
    const stranger = aliOss(proc, 'V4', { bucket: 'bad-input', accessKeyId: 'LTAINOBODY' });
    await ossRejects(stranger.list(), 403, 'InvalidAccessKeyId');
  });

  it('refuses a V4 request signed for another region', async () => {
    const beijing = aliOss(proc, 'V4', { bucket: 'bad-input', region: 'oss-cn-beijing' });
    const e = await ossRejects(beijing.list(), 400, 'InvalidArgument');
    assert.equal(e.ecCode, '0002-00000228');
    assert.match(e.message, /cn-beijing/);
  });

  for (const version of ['V4', 'V1'] as const satisfies readonly SignatureVersion[]) {
    it(`accepts empty-valued query parameters as ali-oss signs them (${version})`, async () => {
      const client = aliOss(proc, version, { bucket: 'bad-input' });
      const { uploadId } = await client.initMultipartUpload('empty-params.bin');
      const listed = await client.listUploads({ prefix: '', delimiter: '', 'key-marker': '', 'upload-id-marker': '', 'max-uploads': 10 });
      assert.deepEqual(
        listed.uploads.map((u) => u.uploadId),
        [uploadId],
      );
      assert.ok(Array.isArray((await client.list({ prefix: '', marker: '', delimiter: '' })).objects));
      await client.abortMultipartUpload('empty-params.bin', uploadId);
    });
  }

  it('answers malformed CompleteMultipartUpload XML with MalformedXML and leaves the upload as it was', async () => {
    const client = aliOss(proc, 'V4', { bucket: 'bad-input' });
    const name = 'malformed.bin';
    const { uploadId } = await client.initMultipartUpload(name);
    const part = await rawObjectRequest(client, 'PUT', name, { partNumber: 1, uploadId }, 'part one');
    const etag = part.res.headers.etag ?? '';

    for (const body of [
      '<CompleteMultipartUpload><Part><PartNumber>1</PartNumber>',
      'not xml at all',
      '<CompleteMultipartUpload></CompleteMultipartUpload>',
    ]) {
      const e = await ossRejects(rawObjectRequest(client, 'POST', name, { uploadId }, body), 400, 'MalformedXML');
      assert.match(e.requestId ?? '', /^[0-9A-F]+$/);
    }
    const unordered = `<CompleteMultipartUpload><Part><PartNumber>2</PartNumber><ETag>${etag}</ETag></Part><Part><PartNumber>1</PartNumber><ETag>${etag}</ETag></Part></CompleteMultipartUpload>`;
    const order = await ossRejects(rawObjectRequest(client, 'POST', name, { uploadId }, unordered), 400, 'InvalidPartOrder');
    assert.equal(order.ecCode, '0042-00000209');
    const wrongTag =
      '<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>"00000000000000000000000000000000"</ETag></Part></CompleteMultipartUpload>';
    await ossRejects(rawObjectRequest(client, 'POST', name, { uploadId }, wrongTag), 400, 'InvalidPart');
    await ossRejects(rawObjectRequest(client, 'POST', name, { uploadId: 'B'.repeat(43) }, 'not xml at all'), 404, 'NoSuchUpload');

    // Nothing changed: the upload and its part are still there, no object exists, and it still completes.
    assert.deepEqual(
      (await client.listUploads({ prefix: name })).uploads.map((u) => u.uploadId),
      [uploadId],
    );
    assert.equal(((await client.listParts(name, uploadId)).parts as { ETag: string }).ETag, etag);
    await ossRejects(client.get(name), 404, 'NoSuchKey');
    await client.completeMultipartUpload(name, uploadId, [{ number: 1, etag }]);
    assert.equal((await client.get(name)).content.toString(), 'part one');
  });

  it('refuses part numbers outside 1 to 10000 with InvalidArgument', async () => {
    const client = aliOss(proc, 'V1', { bucket: 'bad-input' });
    const { uploadId } = await client.initMultipartUpload('parts.bin');
    await ossRejects(rawObjectRequest(client, 'PUT', 'parts.bin', { partNumber: 10001, uploadId }, 'x'), 400, 'InvalidArgument');
    await ossRejects(rawObjectRequest(client, 'PUT', 'parts.bin', { partNumber: 0, uploadId }, 'x'), 400, 'InvalidArgument');
    await client.abortMultipartUpload('parts.bin', uploadId);
  });

  it('answers an expired presigned URL with AccessDenied', async () => {
    const client = aliOssPathStyle(proc, 'V1', 'bad-input');
    await client.put('expiring.txt', Buffer.from('x'));
    const url = client.signatureUrl('expiring.txt', { expires: -10 });
    const response = await fetch(url);
    assert.equal(response.status, 403);
    const xml = await response.text();
    assert.match(xml, /<Code>AccessDenied<\/Code><Message>Request has expired.<\/Message>/);
    assert.match(xml, /<Expires>.*<\/Expires><ServerTime>.*<\/ServerTime>/);
  });

  it('refuses anonymous OSS requests with AccessDenied', async () => {
    const response = await fetch(`http://127.0.0.1:${proc.port}/bad-input/expiring.txt`, {
      headers: { 'x-oss-date': new Date().toUTCString() },
    });
    assert.equal(response.status, 403);
    assert.match(await response.text(), /<Code>AccessDenied<\/Code>/);
    assert.ok(response.headers.get('x-oss-request-id'));
  });
});

describe('the OSS region setting', () => {
  let proc: CairnProcess;
  before(async () => {
    proc = await startCairnProcess({ env: { CAIRN_OSS_REGION: 'oss-cn-shanghai' } });
  });
  after(async () => proc.dispose());

  it('accepts clients configured with the ali-oss region form (oss-cn-shanghai) and refuses other regions', async () => {
    const shanghai = aliOss(proc, 'V4', { region: 'oss-cn-shanghai' });
    await shanghai.putBucket('shanghai');
    assert.equal((await shanghai.getBucketLocation('shanghai')).location, 'oss-cn-shanghai');
    const hangzhou = aliOss(proc, 'V4', { region: 'oss-cn-hangzhou' });
    await ossRejects(hangzhou.getBucketLocation('shanghai'), 400, 'InvalidArgument');
  });
});

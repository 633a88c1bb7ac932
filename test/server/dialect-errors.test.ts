import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startCairnProcess, type CairnProcess } from '../support/cairn-process.js';
import { rawHttp, type RawHttpResponse } from '../support/raw-http.js';
import { signGlacier, signOssV1, signOssV4, signS3 } from '../support/signers.js';

/** The three shapes of error body, told apart the way a client's parser would. */
function assertS3Error(res: RawHttpResponse, code: string): void {
  const xml = res.body.toString();
  assert.equal(res.headers['content-type'], 'application/xml', xml);
  assert.match(
    xml,
    new RegExp(`^<\\?xml version="1.0" encoding="UTF-8"\\?>\\n<Error><Code>${code}</Code><Message>[^<]+</Message><Resource>`),
  );
  assert.ok(res.headers['x-amz-request-id'], 'S3 errors carry x-amz-request-id');
  assert.equal(res.headers['x-oss-request-id'], undefined);
}

function assertOssError(res: RawHttpResponse, code: string): void {
  const xml = res.body.toString();
  assert.equal(res.headers['content-type'], 'application/xml', xml);
  assert.match(
    xml,
    new RegExp(
      `^<\\?xml version="1.0" encoding="UTF-8"\\?>\\n<Error><Code>${code}</Code><Message>[^<]+</Message><RequestId>[0-9A-F]+</RequestId><HostId>`,
    ),
  );
  assert.doesNotMatch(xml, /<Resource>/, 'OSS errors have no Resource element');
  assert.ok(res.headers['x-oss-request-id'], 'OSS errors carry x-oss-request-id');
  assert.equal(res.headers['x-amz-request-id'], undefined);
}

function assertGlacierError(res: RawHttpResponse, code: string): void {
  assert.equal(res.headers['content-type'], 'application/json');
  const body = JSON.parse(res.body.toString()) as { code: string; message: string; type: string };
  assert.equal(body.code, code);
  assert.equal(body.type, 'Client');
  assert.ok(body.message.length > 0);
  assert.ok(res.headers['x-amzn-requestid']);
}

function assertAdminError(res: RawHttpResponse, code: string): void {
  assert.equal(res.headers['content-type'], 'application/json');
  const body = JSON.parse(res.body.toString()) as { error: { code: string; requestId: string } };
  assert.equal(body.error.code, code);
  assert.match(body.error.requestId, /^[0-9A-F]+$/);
}

/** Writes bytes on a socket as they are and reads until the server closes. */
function rawSocket(port: number, bytes: Buffer | string): Promise<RawHttpResponse> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, '127.0.0.1', () => socket.end(bytes));
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      const all = Buffer.concat(chunks).toString('latin1');
      const split = all.indexOf('\r\n\r\n');
      const [statusLine, ...headerLines] = all.slice(0, split).split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of headerLines) headers[line.slice(0, line.indexOf(':')).toLowerCase()] = line.slice(line.indexOf(':') + 1).trim();
      resolve({ status: Number(statusLine?.split(' ')[1]), headers, body: Buffer.from(all.slice(split + 4), 'latin1') });
    });
  });
}

describe('every error speaks the dialect of the request it answers', () => {
  let server: CairnProcess;
  let host: string;
  const bucket = 'dialects';
  before(async () => {
    server = await startCairnProcess();
    host = `127.0.0.1:${server.port}`;
    const put = await rawHttp(server.port, {
      method: 'PUT',
      rawPath: `/${bucket}`,
      headers: signS3({ method: 'PUT', rawPath: `/${bucket}`, headers: { host } }),
    });
    assert.equal(put.status, 200);
  });
  after(async () => server?.dispose());

  it('answers a malformed OSS DeleteMultipleObjects in OSS format, signed V1 or V4 or not signed at all', async () => {
    const send = (headers: Record<string, string>, body: string) =>
      rawHttp(server.port, { method: 'POST', rawPath: `/${bucket}/`, rawQuery: 'delete', headers, body });
    const r = { method: 'POST', rawPath: `/${bucket}/`, rawQuery: 'delete', headers: { host, 'content-type': 'application/xml' } };
    for (const body of [
      'garbage',
      '<Delete><Object></Object></Delete>',
      '<Delete/>',
      '<Delete><Quiet>maybe</Quiet><Object><Key>k</Key></Object></Delete>',
    ]) {
      assertOssError(await send(signOssV1(r, { bucket, key: '' }), body), 'MalformedXML');
      assertOssError(await send(signOssV4(r, { bucket, key: '' }), body), 'MalformedXML');
    }
    for (const authorization of ['OSS', 'OSS4-HMAC-SHA256', 'OSS4-HMAC-SHA256,Credential=x', 'oss ak:sig', 'OSS :']) {
      const res = await send({ host, authorization, 'content-type': 'application/xml' }, 'garbage');
      assert.equal(res.status < 500 && res.status >= 400, true);
      assertOssError(res, res.status === 403 ? 'AccessDenied' : 'InvalidArgument');
    }
  });

  it('answers malformed percent-escapes with 400 in each dialect', async () => {
    const s3 = await rawHttp(server.port, {
      method: 'GET',
      rawPath: '/%ZZ/key',
      headers: signS3({ method: 'GET', rawPath: '/%ZZ/key', headers: { host } }),
    });
    assert.equal(s3.status, 400);
    assertS3Error(s3, 'InvalidURI');
    const ossReq = { method: 'GET', rawPath: `/${bucket}/%E0%A4%A`, headers: { host } };
    const oss = await rawHttp(server.port, { ...ossReq, headers: signOssV4(ossReq, { bucket, key: 'x' }) });
    assert.equal(oss.status, 400);
    assertOssError(oss, 'InvalidArgument');
    for (const rawPath of ['/-/vaults/%ZZ', '/-/vaults/v/archives/%C0%AF', '/-/vaults/v/multipart-uploads/%']) {
      const glacier = await rawHttp(server.port, {
        method: 'DELETE',
        rawPath,
        headers: signGlacier({ method: 'DELETE', rawPath, headers: { host } }),
      });
      assert.equal(glacier.status, 400);
      assertGlacierError(glacier, 'InvalidParameterValueException');
    }
    for (const rawPath of ['/_cairn/console/%ZZ', '/console/%E0%A4%A', '/_cairn/%FF']) {
      const res = await rawHttp(server.port, { method: 'GET', rawPath, headers: { host } });
      assert.equal(res.status, 400, rawPath);
      assertAdminError(res, 'InvalidURI');
    }
  });

  it('answers a header section over 16 KiB in the format of the dialect it was meant for', async () => {
    const flood = 'x'.repeat(20_000);
    const s3 = await rawHttp(server.port, { method: 'GET', rawPath: `/${bucket}/k`, headers: { host, 'x-amz-meta-flood': flood } });
    assert.equal(s3.status, 400);
    assertS3Error(s3, 'RequestHeaderSectionTooLarge');
    const oss = await rawHttp(server.port, {
      method: 'GET',
      rawPath: `/${bucket}/k`,
      headers: { host, authorization: 'OSS ak:sig', 'x-oss-meta-flood': flood },
    });
    assert.equal(oss.status, 400);
    assertOssError(oss, 'InvalidArgument');
    const glacier = await rawHttp(server.port, {
      method: 'GET',
      rawPath: '/-/vaults/v',
      headers: { host, 'x-amz-glacier-version': '2012-06-01', 'x-flood': flood },
    });
    assert.equal(glacier.status, 400);
    assertGlacierError(glacier, 'InvalidParameterValueException');
    const admin = await rawHttp(server.port, { method: 'GET', rawPath: '/_cairn/admin/v1/whoami', headers: { host, 'x-flood': flood } });
    assert.equal(admin.status, 431);
    assertAdminError(admin, 'RequestHeaderTooLarge');
    const many: Record<string, string> = { host };
    for (let i = 0; i < 1500; i++) many[`x-amz-meta-h${i}`] = 'vvvvvvvvvv';
    const s3Many = await rawHttp(server.port, { method: 'PUT', rawPath: `/${bucket}/many`, headers: many, body: 'x' });
    assertS3Error(s3Many, 'RequestHeaderSectionTooLarge');
    assert.equal((await fetch(`${server.url}/_cairn/health`)).status, 200);
  });

  it('answers bytes that are not HTTP with a 400 in S3 format (nothing says which dialect they meant)', async () => {
    for (const junk of ['GARBAGE\r\n\r\n', 'GET /a b HTTP/1.1\r\n\r\n', 'GET /\xff HTTP/1.1\r\nHost: x\r\n\r\n']) {
      const res = await rawSocket(server.port, Buffer.from(junk, 'latin1'));
      assert.equal(res.status, 400, junk);
      assertS3Error(res, 'InvalidRequest');
    }
    const glacierish = await rawSocket(server.port, 'GET /-/vaults/v HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n');
    assert.equal(glacierish.status, 400);
    assertGlacierError(glacierish, 'InvalidParameterValueException');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StorageError, storageErrorCodes } from '../../core/errors.js';
import { parseXml, requiredChild } from '../common/xml.js';
import { OSS_CODE_DETAIL, ossErrorFor, ossErrors } from './error-table.js';
import { renderOssError } from './render-oss-error.js';

const ctx = { requestId: '5C3D8D2A0ACA54D87B43C048', hostId: 'test.oss-cn-hangzhou.aliyuncs.com', method: 'DELETE' };

function body(r: ReturnType<typeof renderOssError>): string {
  assert.equal(typeof r.body, 'string');
  return r.body as string;
}

describe('renderOssError', () => {
  it('writes OSS’s error document: Code, Message, RequestId, HostId, details, EC and RecommendDoc, no namespace', () => {
    const e = new StorageError('BucketNotEmpty', 'The bucket you tried to delete is not empty: it holds 1 incomplete multipart upload.', {
      BucketName: 'test',
      IncompleteUploadCount: 1,
    });
    const r = renderOssError(e, ctx);
    assert.equal(r.status, 409);
    assert.equal(r.headers['x-oss-ec'], '0015-00000301');
    assert.equal(r.headers['content-type'], 'application/xml');
    assert.equal(
      body(r),
      '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>BucketNotEmpty</Code>' +
        '<Message>The bucket you tried to delete is not empty: it holds 1 incomplete multipart upload.</Message>' +
        '<RequestId>5C3D8D2A0ACA54D87B43C048</RequestId><HostId>test.oss-cn-hangzhou.aliyuncs.com</HostId>' +
        '<BucketName>test</BucketName><IncompleteUploadCount>1</IncompleteUploadCount>' +
        '<EC>0015-00000301</EC><RecommendDoc>https://api.aliyun.com/troubleshoot?q=0015-00000301</RecommendDoc></Error>',
    );
  });

  it('puts the document of a HEAD error base64-encoded in x-oss-err and sends no body', () => {
    const r = renderOssError(new StorageError('SignatureDoesNotMatch', 'mismatch', { StringToSign: 'HEAD\n\n\n' }), {
      ...ctx,
      method: 'HEAD',
    });
    assert.equal(r.status, 403);
    assert.equal(r.body, undefined);
    const xml = parseXml(Buffer.from(String(r.headers['x-oss-err']), 'base64').toString('utf8'));
    assert.equal(requiredChild(xml, 'Code').text, 'SignatureDoesNotMatch');
    assert.equal(requiredChild(xml, 'StringToSign').text, 'HEAD\n\n\n');
    assert.equal(requiredChild(xml, 'EC').text, '0002-00000040');
  });

  it("uses OSS's own message for codes whose core message is S3's, and keeps internal details out", () => {
    const e = new StorageError('InvalidPart', 'One or more of the specified parts could not be found.  The part may not...', {
      UploadId: 'u',
      conflict: 1,
    });
    const xml = body(renderOssError(e, ctx));
    assert.match(
      xml,
      /<Message>One or more of the specified parts could not be found or the specified entity tag might not have matched the part's entity tag.<\/Message>/,
    );
    assert.match(xml, /<UploadId>u<\/UploadId>/);
    assert.doesNotMatch(xml, /conflict/);
  });

  it('renders an EC the error carries over the table’s', () => {
    const e = new StorageError('InvalidArgument', 'The signing region in credential is invalid.', {
      ArgumentName: 'Credential',
      EC: '0002-00000228',
    });
    const r = renderOssError(e, ctx);
    assert.equal(r.headers['x-oss-ec'], '0002-00000228');
    assert.match(body(r), /<ArgumentName>Credential<\/ArgumentName><EC>0002-00000228<\/EC>/);
  });

  it('answers OSS-only codes carried in OssCode (FileAlreadyExists, PositionNotEqualToLength with the next position)', () => {
    const exists = renderOssError(new StorageError('PreconditionFailed', 'x', { [OSS_CODE_DETAIL]: 'FileAlreadyExists' }), ctx);
    assert.equal(exists.status, 409);
    assert.match(body(exists), /<Code>FileAlreadyExists<\/Code>/);
    assert.doesNotMatch(body(exists), /OssCode/);
    const position = renderOssError(
      new StorageError('PreconditionFailed', 'x', { [OSS_CODE_DETAIL]: 'PositionNotEqualToLength', NextAppendPosition: 14 }),
      ctx,
    );
    assert.equal(position.status, 409);
    assert.equal(position.headers['x-oss-next-append-position'], '14');
  });

  it('names a missing lifecycle configuration NoSuchLifecycle', () => {
    const r = renderOssError(
      new StorageError('NoSuchConfiguration', 'The lifecycle configuration does not exist', {
        BucketName: 'b',
        Configuration: 'lifecycle',
      }),
      ctx,
    );
    assert.equal(r.status, 404);
    assert.match(body(r), /<Code>NoSuchLifecycle<\/Code><Message>No Row found in Lifecycle Table.<\/Message>/);
    assert.doesNotMatch(body(r), /<Configuration>/);
  });

  it('answers 304 bare and an internal error without its cause', () => {
    assert.deepEqual(renderOssError(new StorageError('NotModified'), ctx), { status: 304, headers: {} });
    const r = renderOssError(new StorageError('InternalError', 'the disk is on fire'), ctx);
    assert.equal(r.status, 500);
    assert.doesNotMatch(body(r), /fire/);
  });

  it('maps every core error code to an HTTP status and an OSS code', () => {
    for (const code of storageErrorCodes) {
      const entry = ossErrorFor(new StorageError(code));
      assert.ok(entry.status >= 300 && entry.status < 600, code);
      assert.match(entry.code, /^[A-Z][A-Za-z]+$/, code);
      assert.equal(entry, ossErrors[code]);
    }
  });
});

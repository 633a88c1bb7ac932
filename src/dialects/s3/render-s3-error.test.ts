// node:test tracks the promises describe() and it() return; nothing here may await them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { StorageError, storageErrorCodes } from '../../core/errors.js';
import { parseXml, requiredChild } from '../common/xml.js';
import { noSuchUpload } from '../../core/uploads/find-upload.js';
import { wordError } from '../common/error-wording.js';
import { s3ErrorFor, s3Errors } from './error-table.js';
import { renderS3Error } from './render-s3-error.js';

const ctx = { requestId: 'REQ123', resource: '/bucket/key', method: 'GET' };

function elements(body: unknown): Record<string, string> {
  assert.equal(typeof body, 'string');
  const root = parseXml(body as string);
  assert.equal(root.name, 'Error');
  return Object.fromEntries(root.children.map((c) => [c.name, c.text]));
}

describe('s3 error table', () => {
  it('maps every core error code, at run time too', () => {
    assert.deepEqual(Object.keys(s3Errors).sort(), [...storageErrorCodes].sort());
    for (const code of storageErrorCodes) {
      const entry = s3Errors[code];
      assert.ok(entry.status >= 300 && entry.status < 600, code);
      assert.match(entry.code, /^[A-Za-z0-9]+$/, code);
      assert.ok(wordError(entry.message, new StorageError(code)).length > 0, code);
    }
  });

  it('uses S3 codes and statuses for the multipart errors', () => {
    assert.deepEqual(s3Errors.NoSuchUpload, {
      status: 404,
      code: 'NoSuchUpload',
      message: 'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
    });
    assert.equal(s3Errors.EntityTooSmall.message, 'Your proposed upload is smaller than the minimum allowed object size.');
    assert.deepEqual([s3Errors.InvalidPart.status, s3Errors.InvalidPartOrder.status, s3Errors.BucketNotEmpty.status], [400, 400, 409]);
    assert.equal(s3Errors.InvalidUploadState.code, 'NoSuchUpload');
  });

  it('renames core codes S3 spells differently', () => {
    assert.equal(s3Errors.ContentSha256Mismatch.code, 'XAmzContentSHA256Mismatch');
    assert.equal(s3Errors.ChecksumMismatch.code, 'BadDigest');
    assert.equal(s3Errors.AuthorizationMalformed.code, 'AuthorizationHeaderMalformed');
    assert.equal(s3Errors.KeyTooLong.code, 'KeyTooLongError');
    assert.equal(s3Errors.RequestBodyTooLarge.code, 'MaxMessageLengthExceeded');
    assert.deepEqual([s3Errors.InvalidRange.status, s3Errors.PreconditionFailed.status, s3Errors.NotModified.status], [416, 412, 304]);
    assert.deepEqual([s3Errors.NotImplemented.status, s3Errors.ServiceUnavailable.status, s3Errors.InternalError.status], [501, 503, 500]);
  });

  it('names the missing configuration when the core says which', () => {
    const lifecycle = new StorageError('NoSuchConfiguration', undefined, { Configuration: 'lifecycle' });
    assert.deepEqual(s3ErrorFor(lifecycle), {
      status: 404,
      code: 'NoSuchLifecycleConfiguration',
      message: 'The lifecycle configuration does not exist',
    });
    assert.equal(s3ErrorFor(new StorageError('NoSuchConfiguration', undefined, { Configuration: 'tags' })).code, 'NoSuchTagSet');
    assert.equal(s3ErrorFor(new StorageError('NoSuchConfiguration')).code, 'NoSuchConfiguration');
    assert.equal(s3ErrorFor(new StorageError('NoSuchConfiguration', undefined, { Configuration: 'toString' })).code, 'NoSuchConfiguration');
  });
});

describe('renderS3Error', () => {
  it('renders every code as a well-formed S3 error document', () => {
    for (const code of storageErrorCodes) {
      const response = renderS3Error(new StorageError(code), ctx);
      assert.equal(response.status, s3Errors[code].status, code);
      assert.equal(response.headers['x-amz-request-id'], 'REQ123');
      if (response.status === 304) {
        assert.equal(response.body, undefined);
        continue;
      }
      assert.equal(response.headers['content-type'], 'application/xml');
      assert.ok(typeof response.body === 'string' && response.body.startsWith('<?xml version="1.0" encoding="UTF-8"?>'));
      assert.deepEqual(elements(response.body), {
        Code: s3Errors[code].code,
        Message: wordError(s3Errors[code].message, new StorageError(code)),
        Resource: '/bucket/key',
        RequestId: 'REQ123',
      });
    }
  });

  it("words core errors in S3's sentences: the core's neutral message stays out", () => {
    const upload = elements(renderS3Error(noSuchUpload('u1'), ctx).body as string);
    assert.equal(upload.Message, s3Errors.NoSuchUpload.message);
    assert.equal(upload.UploadId, 'u1');
    const checksum = elements(
      renderS3Error(new StorageError('ChecksumMismatch', 'The body does not match its crc32 checksum.', { Algorithm: 'crc32' }), ctx)
        .body as string,
    );
    assert.equal(checksum.Message, 'The crc32 you specified did not match the calculated checksum.');
  });

  it('puts the message of the error and its details in the document', () => {
    const error = new StorageError('InvalidArgument', 'Part number must be an integer between 1 and 10000, inclusive', {
      ArgumentName: 'partNumber',
      ArgumentValue: '0 <&>',
      Skipped: undefined,
    });
    const response = renderS3Error(error, ctx);
    assert.deepEqual(elements(response.body), {
      Code: 'InvalidArgument',
      Message: 'Part number must be an integer between 1 and 10000, inclusive',
      Resource: '/bucket/key',
      RequestId: 'REQ123',
      ArgumentName: 'partNumber',
      ArgumentValue: '0 <&>',
    });
  });

  it('writes details in order after the fixed elements and skips names XML cannot carry', () => {
    const error = new StorageError('BucketNotEmpty', undefined, { BucketName: 'b', 'bad name': 'x', Code: 'Fake', objects: 3 });
    const root = parseXml(renderS3Error(error, ctx).body as string);
    assert.deepEqual(
      root.children.map((c) => c.name),
      ['Code', 'Message', 'Resource', 'RequestId', 'BucketName', 'objects'],
    );
    assert.equal(requiredChild(root, 'Code').text, 'BucketNotEmpty');
  });

  it('keeps the message of an internal error out of the response', () => {
    const response = renderS3Error(new StorageError('InternalError', 'SQLITE_CORRUPT at /var/lib/cairn'), ctx);
    assert.equal(elements(response.body)['Message'], 'We encountered an internal error. Please try again.');
  });

  it('sends no body for HEAD requests or 304', () => {
    const head = renderS3Error(new StorageError('NoSuchKey'), { ...ctx, method: 'head' });
    assert.deepEqual(head, { status: 404, headers: { 'x-amz-request-id': 'REQ123' } });
    const notModified = renderS3Error(new StorageError('NotModified'), ctx);
    assert.deepEqual(notModified, { status: 304, headers: { 'x-amz-request-id': 'REQ123' } });
  });

  it('escapes a resource holding markup or control characters', () => {
    const response = renderS3Error(new StorageError('NoSuchKey'), { ...ctx, resource: '/b/<a>&\u0001' });
    assert.equal(elements(response.body)['Resource'], '/b/<a>&\uFFFD');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StorageError, storageErrorCodes } from '../../core/errors.js';
import { glacierErrors } from './error-table.js';
import { renderGlacierError } from './render-glacier-error.js';

describe('Glacier error rendering', () => {
  it('maps every core error code', () => {
    assert.deepEqual(Object.keys(glacierErrors).sort(), [...storageErrorCodes].sort());
  });

  it('writes {code, message, type} JSON with the documented statuses', () => {
    const expected: [StorageError['code'], number, string, string, string?][] = [
      ['NoSuchBucket', 404, 'ResourceNotFoundException', 'Client'],
      // Codes with one meaning are worded by the table, whatever the (neutral) core message says.
      ['NoSuchUpload', 404, 'ResourceNotFoundException', 'Client', 'The multipart upload was not found.'],
      ['NoSuchJob', 404, 'ResourceNotFoundException', 'Client', 'The job ID was not found.'],
      ['InvalidArgument', 400, 'InvalidParameterValueException', 'Client'],
      ['MissingParameter', 400, 'MissingParameterValueException', 'Client'],
      ['RequestTimeout', 408, 'RequestTimeoutException', 'Client'],
      ['LimitExceeded', 400, 'LimitExceededException', 'Client'],
      ['TooManyBuckets', 400, 'LimitExceededException', 'Client'],
      ['InternalError', 500, 'ServiceUnavailableException', 'Server', 'The service cannot serve the request right now. Try again later.'],
      ['ServiceUnavailable', 500, 'ServiceUnavailableException', 'Server'],
      ['AccessDenied', 403, 'AccessDeniedException', 'Client'],
      ['SignatureDoesNotMatch', 403, 'AccessDeniedException', 'Client'],
      ['MissingSecurityHeader', 400, 'MissingAuthenticationTokenException', 'Client'],
    ];
    for (const [code, status, wire, type, message = 'what happened'] of expected) {
      const response = renderGlacierError(new StorageError(code, 'what happened'));
      assert.equal(response.status, status, code);
      assert.equal(response.headers['content-type'], 'application/json');
      assert.deepEqual(JSON.parse(response.body as string), { code: wire, message, type });
    }
  });

  it("uses the table's message when the error has none", () => {
    const body = JSON.parse(renderGlacierError(new StorageError('NoSuchBucket')).body as string) as { message: string };
    assert.equal(body.message, 'Vault not found.');
  });

  it('never uses an error code that is outside Glacier vocabulary', () => {
    const known = new Set([
      'ResourceNotFoundException',
      'InvalidParameterValueException',
      'MissingParameterValueException',
      'RequestTimeoutException',
      'LimitExceededException',
      'ServiceUnavailableException',
      'AccessDeniedException',
      'UnrecognizedClientException',
      'MissingAuthenticationTokenException',
      'SerializationException',
    ]);
    for (const entry of Object.values(glacierErrors)) assert.ok(known.has(entry.code), entry.code);
  });
});

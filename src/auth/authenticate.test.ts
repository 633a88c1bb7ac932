import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { authenticate, type AuthenticateOptions } from './authenticate.js';
import { presignRequest, signRequest } from './sign-request.js';
import { EXAMPLE_AKID, EXAMPLE_SECRET, exampleKey, lookupOf, rejectsWith, testRequest } from './test-fixtures.js';

const now = Date.UTC(2024, 2, 3, 4, 5, 6);
const options: AuthenticateOptions = { region: 'us-east-1', services: ['s3'], lookupKey: lookupOf(exampleKey), now };
const credentials = { accessKeyId: EXAMPLE_AKID, secretAccessKey: EXAMPLE_SECRET };
const v2Header = (() => {
  const date = new Date(now).toUTCString();
  const signature = createHmac('sha1', EXAMPLE_SECRET).update(`GET\n\n\n${date}\n/b/k`).digest('base64');
  return { date, authorization: `AWS ${EXAMPLE_AKID}:${signature}` };
})();

describe('authenticate', () => {
  it('dispatches an Authorization: AWS4-HMAC-SHA256 header to SigV4', async () => {
    const signed = signRequest({ method: 'GET', path: '/b/k', headers: { host: 'h' } }, credentials, {
      region: 'us-east-1',
      service: 's3',
      now,
    });
    assert.equal((await authenticate(testRequest({ path: '/b/k', headers: signed.headers }), options)).kind, 'sigv4');
  });

  it('dispatches presigned X-Amz-* parameters to SigV4', async () => {
    const { query } = presignRequest({ method: 'GET', path: '/b/k', headers: { host: 'h' } }, credentials, {
      region: 'us-east-1',
      service: 's3',
      now,
      expiresIn: 10,
    });
    assert.equal((await authenticate(testRequest({ path: '/b/k', query, headers: { host: 'h' } }), options)).kind, 'sigv4');
  });

  it('verifies SigV2 only when allowed', async () => {
    const req = testRequest({ path: '/b/k', headers: v2Header });
    assert.equal((await authenticate(req, { ...options, allowSigV2: true })).kind, 'sigv2');
    const err = await rejectsWith(authenticate(req, options), 'InvalidArgument');
    assert.equal(err.message, 'Unsupported Authorization Type');
  });

  it('answers InvalidArgument for an unknown scheme or two mechanisms at once', async () => {
    await rejectsWith(authenticate(testRequest({ path: '/', headers: { authorization: 'Bearer abc' } }), options), 'InvalidArgument');
    await rejectsWith(
      authenticate(testRequest({ path: '/', query: 'X-Amz-Algorithm=AWS4-HMAC-SHA256', headers: v2Header }), {
        ...options,
        allowSigV2: true,
      }),
      'InvalidArgument',
    );
    await rejectsWith(
      authenticate(testRequest({ path: '/', query: 'AWSAccessKeyId=a&Signature=b&Expires=1&X-Amz-Signature=c' }), options),
      'InvalidArgument',
    );
  });

  it('returns anonymous when the request carries no authentication', async () => {
    assert.deepEqual(await authenticate(testRequest({ path: '/b/k' }), options), {
      kind: 'anonymous',
      principal: null,
      payload: { mode: 'unsigned' },
    });
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isStorageError } from '../../core/errors.js';
import { routeConsole } from './console-routes.js';

const P = '/_cairn/console/api/v1/';

describe('console routes', () => {
  it('parses each endpoint with its decoded path parameters', () => {
    assert.deepEqual(routeConsole('POST', `${P}session`), { name: 'signIn', params: {} });
    assert.deepEqual(routeConsole('GET', `${P}buckets/photos/uploads`), { name: 'listUploads', params: { bucket: 'photos' } });
    assert.deepEqual(routeConsole('DELETE', `${P}buckets/photos/uploads/abc%2Bdef`), {
      name: 'deleteUpload',
      params: { bucket: 'photos', uploadId: 'abc+def' },
    });
    assert.deepEqual(routeConsole('PUT', `${P}buckets/b/uploads/u1/parts/7`), {
      name: 'uploadPart',
      params: { bucket: 'b', uploadId: 'u1', partNumber: '7' },
    });
    assert.deepEqual(routeConsole('POST', `${P}buckets/b/uploads/delete-all`), { name: 'deleteAllUploads', params: { bucket: 'b' } });
  });

  it('knows no endpoint for other methods, empty segments or other paths', () => {
    assert.equal(routeConsole('PATCH', `${P}buckets`), undefined);
    assert.equal(routeConsole('DELETE', `${P}buckets/`), undefined);
    assert.equal(routeConsole('GET', `${P}buckets/b/uploads/x/y`), undefined);
    assert.equal(routeConsole('GET', '/_cairn/admin/v1/buckets'), undefined);
  });

  it('refuses a path escape that does not decode with InvalidURI', () => {
    assert.throws(
      () => routeConsole('DELETE', `${P}buckets/%E0%A4%A/uploads/x`),
      (e: unknown) => isStorageError(e, 'InvalidURI'),
    );
  });
});

// node:test tracks the promises describe() and it() return; nothing here may await them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isCairnRequest } from './is-cairn-request.js';
import { testRequest } from './test-request.js';

const options = { virtualHostDomains: ['localhost'] };
const cairn = (target: string, host = 'localhost:9000') => isCairnRequest(testRequest('GET', target, { host }), options);

describe('isCairnRequest', () => {
  it('claims /_cairn and everything under it, path style', () => {
    assert.equal(cairn('/_cairn'), true);
    assert.equal(cairn('/_cairn/'), true);
    assert.equal(cairn('/_cairn/health'), true);
    assert.equal(cairn('/%5Fcairn/health'), true);
    assert.equal(cairn('/_cairn/api/v1/buckets?x=1'.split('?')[0] ?? ''), true);
  });

  it('leaves S3 paths alone', () => {
    assert.equal(cairn('/'), false);
    assert.equal(cairn('/bucket/_cairn/x'), false);
    assert.equal(cairn('/_cairnx/y'), false);
    assert.equal(cairn('/cairn/health'), false);
  });

  it('leaves a key named _cairn/... of a virtual-hosted bucket to S3', () => {
    assert.equal(cairn('/_cairn/health', 'photos.localhost:9000'), false);
  });
});

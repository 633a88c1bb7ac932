// node:test tracks the promises describe() and it() return; nothing here may await them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { s3Action, s3Actions, s3Operations } from './actions.js';
import { copySourceArn, s3ResourceArn } from './resource-arn.js';
import { routeS3 } from './router.js';
import { testRequest } from './test-request.js';

const options = { virtualHostDomains: ['localhost'] };
const route = (method: string, target: string, headers: Record<string, string> = {}) =>
  routeS3(testRequest(method, target, headers), options);

describe('s3 actions', () => {
  it('names an IAM action for every operation', () => {
    assert.ok(s3Operations.length > 100);
    for (const operation of s3Operations) {
      assert.match(s3Actions[operation], /^s3(express)?:[A-Z][A-Za-z0-9]+$/, operation);
    }
  });

  it('uses the actions Amazon documents for the operations Cairn serves', () => {
    const cases: readonly (readonly [string, string, string])[] = [
      ['PUT', '/b/k', 's3:PutObject'],
      ['POST', '/b/k?uploads', 's3:PutObject'],
      ['PUT', '/b/k?partNumber=1&uploadId=u', 's3:PutObject'],
      ['POST', '/b/k?uploadId=u', 's3:PutObject'],
      ['DELETE', '/b/k?uploadId=u', 's3:AbortMultipartUpload'],
      ['GET', '/b/k?uploadId=u', 's3:ListMultipartUploadParts'],
      ['GET', '/b?uploads', 's3:ListBucketMultipartUploads'],
      ['GET', '/b', 's3:ListBucket'],
      ['GET', '/b?list-type=2', 's3:ListBucket'],
      ['HEAD', '/b', 's3:ListBucket'],
      ['GET', '/b?versions', 's3:ListBucketVersions'],
      ['GET', '/', 's3:ListAllMyBuckets'],
      ['GET', '/b/k', 's3:GetObject'],
      ['HEAD', '/b/k', 's3:GetObject'],
      ['DELETE', '/b/k', 's3:DeleteObject'],
      ['POST', '/b?delete', 's3:DeleteObject'],
      ['GET', '/b?lifecycle', 's3:GetLifecycleConfiguration'],
      ['PUT', '/b?lifecycle', 's3:PutLifecycleConfiguration'],
      ['DELETE', '/b?lifecycle', 's3:PutLifecycleConfiguration'],
      ['GET', '/b?location', 's3:GetBucketLocation'],
      ['PUT', '/b', 's3:CreateBucket'],
      ['DELETE', '/b', 's3:DeleteBucket'],
      ['DELETE', '/b?cors', 's3:PutBucketCORS'],
      ['GET', '/b/k?tagging', 's3:GetObjectTagging'],
    ];
    for (const [method, target, action] of cases) {
      assert.equal(s3Action(route(method, target)), action, `${method} ${target}`);
    }
  });
});

describe('s3 resource ARNs', () => {
  it('names the object for object operations, the bucket for bucket operations, everything for the service', () => {
    assert.equal(s3ResourceArn(route('GET', '/b/dir/a%20b.txt')), 'arn:aws:s3:::b/dir/a b.txt');
    assert.equal(s3ResourceArn(route('DELETE', '/b/k?uploadId=u')), 'arn:aws:s3:::b/k');
    assert.equal(s3ResourceArn(route('GET', '/b?uploads')), 'arn:aws:s3:::b');
    assert.equal(s3ResourceArn(route('GET', '/', { host: 'b.localhost' })), 'arn:aws:s3:::b');
    assert.equal(s3ResourceArn(route('GET', '/')), 'arn:aws:s3:::*');
  });

  it('names the copy source of a copy', () => {
    const endpoint = route('PUT', '/b/k', { 'x-amz-copy-source': '/src/a%2Fb' });
    assert.ok(endpoint.operation === 'CopyObject');
    assert.equal(copySourceArn(endpoint.copySource), 'arn:aws:s3:::src/a/b');
  });
});

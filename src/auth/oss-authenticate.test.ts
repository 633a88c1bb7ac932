import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AccessKey } from '../core/types.js';
import { authenticateOss, type OssAuthenticateOptions } from './oss-authenticate.js';
import { lookupOf, rejectsWith, testRequest } from './test-fixtures.js';

const key: AccessKey = { accessKeyId: 'ak', secretAccessKey: 'sk', accountId: '123456789012', userName: null, createdAt: 0 };
const date = 'Thu, 17 Apr 2025 11:18:32 GMT';
const options: OssAuthenticateOptions = {
  lookupKey: lookupOf(key),
  now: Date.parse(date),
  region: 'cn-hangzhou',
  resource: { bucket: 'examplebucket', key: 'exampleobject' },
};

describe('authenticateOss', () => {
  it('treats a request without any signature as anonymous', async () => {
    const auth = await authenticateOss(testRequest({ path: '/exampleobject' }), options);
    assert.equal(auth.kind, 'anonymous');
  });

  it('dispatches the V1 and V4 headers to their verifiers', async () => {
    const v1 = testRequest({
      method: 'DELETE',
      path: '/exampleobject',
      query: 'uploadId=0004B9895DBBB6EC98E36',
      headers: { 'x-oss-date': date, authorization: 'OSS ak:hSpY/mM1Q6OIzE9vn076c0sDXSg=' },
    });
    assert.equal((await authenticateOss(v1, options)).kind, 'oss-v1');
    const v4 = testRequest({
      method: 'DELETE',
      path: '/exampleobject',
      query: 'uploadId=0004B9895DBBB6EC98E36',
      headers: {
        'x-oss-date': '20250417T111832Z',
        'x-oss-content-sha256': 'UNSIGNED-PAYLOAD',
        authorization:
          'OSS4-HMAC-SHA256 Credential=ak/20250417/cn-hangzhou/oss/aliyun_v4_request,Signature=aa61055e95847b57ff47b4f6eb4176b105b4f742bc6bce32543c0becdf10f956',
      },
    });
    assert.equal((await authenticateOss(v4, options)).kind, 'oss-v4');
  });

  it('refuses two mechanisms at once and Authorization schemes OSS does not know', async () => {
    const both = testRequest({
      path: '/exampleobject',
      query: 'OSSAccessKeyId=ak&Expires=1&Signature=x',
      headers: { authorization: 'OSS ak:x' },
    });
    await rejectsWith(authenticateOss(both, options), 'InvalidArgument');
    const aws = testRequest({ path: '/exampleobject', headers: { authorization: 'AWS ak:x' } });
    await rejectsWith(authenticateOss(aws, options), 'InvalidArgument');
  });

  it('routes presigned parameters to the right version', async () => {
    const v1 = testRequest({ path: '/exampleobject', query: 'OSSAccessKeyId=ak&Expires=1&Signature=x' });
    assert.equal((await rejectsWith(authenticateOss(v1, options), 'AccessDenied')).message, 'Request has expired.');
    const v4 = testRequest({ path: '/exampleobject', query: 'x-oss-signature=00&x-oss-credential=ak' });
    await rejectsWith(authenticateOss(v4, options), 'InvalidArgument');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rootOnlyAuthorizer } from './authorizer.js';

const root = { accountId: '111111111111', userName: null, accessKeyId: 'A' };

describe('rootOnlyAuthorizer', () => {
  it('lets an account root act on its own resources and on account-level actions', async () => {
    const a = rootOnlyAuthorizer();
    assert.equal(
      await a.authorize({ principal: root, action: 's3:PutObject', resource: 'arn:aws:s3:::b/k', resourceAccountId: '111111111111' }),
      true,
    );
    assert.equal(await a.authorize({ principal: root, action: 's3:ListAllMyBuckets', resource: '*', resourceAccountId: undefined }), true);
  });

  it("denies another account's resources, even to a root", async () => {
    const a = rootOnlyAuthorizer();
    assert.equal(
      await a.authorize({ principal: root, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', resourceAccountId: '222222222222' }),
      false,
    );
  });

  it('denies IAM users until policies exist', async () => {
    const a = rootOnlyAuthorizer();
    const user = { ...root, userName: 'alice' };
    assert.equal(
      await a.authorize({ principal: user, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', resourceAccountId: '111111111111' }),
      false,
    );
  });
});

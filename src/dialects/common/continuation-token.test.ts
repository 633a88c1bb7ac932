// node:test tracks the promises describe() and it() return; nothing here may await them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isStorageError } from '../../core/errors.js';
import { decodeContinuationToken, encodeContinuationToken } from './continuation-token.js';

describe('continuation tokens', () => {
  it('round-trip any key, unicode and control characters included', () => {
    for (const key of ['a', 'photos/2006/', 'café ✓ 😀', 'a\u0000b\r\n', ' ', '+/=?&']) {
      const token = encodeContinuationToken(key);
      assert.match(token, /^[A-Za-z0-9_-]+$/);
      assert.equal(decodeContinuationToken(token), key);
    }
  });

  it('refuse tokens Cairn did not write', () => {
    for (const token of ['!!', 'YQ==', 'YR', '_w', 'a b']) {
      assert.throws(
        () => decodeContinuationToken(token),
        (e: unknown) =>
          isStorageError(e, 'InvalidArgument') &&
          e.message === 'The continuation token provided is incorrect' &&
          e.details['ArgumentName'] === 'continuation-token',
        token,
      );
    }
  });
});

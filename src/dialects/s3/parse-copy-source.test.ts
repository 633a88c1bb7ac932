// node:test tracks the promises describe() and it() return; nothing here may await them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isStorageError } from '../../core/errors.js';
import { parseCopySource } from './parse-copy-source.js';

describe('parseCopySource', () => {
  it('reads bucket and key with or without the leading slash', () => {
    assert.deepEqual(parseCopySource('/awsexamplebucket/reports/january.pdf'), { bucket: 'awsexamplebucket', key: 'reports/january.pdf' });
    assert.deepEqual(parseCopySource('awsexamplebucket/reports/january.pdf'), { bucket: 'awsexamplebucket', key: 'reports/january.pdf' });
  });

  it('decodes the key once and keeps a plus literal', () => {
    assert.deepEqual(parseCopySource('b/a%20b+c%2Bd%253F%3F'), { bucket: 'b', key: 'a b+c+d%3F?' });
  });

  it('reads the version id after ?versionId=', () => {
    assert.deepEqual(parseCopySource('/b/k.txt?versionId=3/L4kq+x%2By'), { bucket: 'b', key: 'k.txt', versionId: '3/L4kq+x+y' });
  });

  it('refuses a source without bucket or key, or with a malformed escape', () => {
    for (const bad of ['', '/', 'bucket', 'bucket/', '/bucket/', '//key', 'b/%zz']) {
      assert.throws(
        () => parseCopySource(bad),
        (e: unknown) =>
          isStorageError(e, 'InvalidArgument') &&
          e.message === 'Copy Source must mention the source bucket and key: sourcebucket/sourcekey' &&
          e.details['ArgumentName'] === 'x-amz-copy-source',
        bad,
      );
    }
  });

  it('refuses an empty or repeated version id', () => {
    assert.throws(
      () => parseCopySource('b/k?versionId='),
      (e: unknown) => isStorageError(e, 'InvalidArgument'),
    );
    assert.throws(
      () => parseCopySource('b/k?versionId=a&versionId=b'),
      (e: unknown) => isStorageError(e, 'InvalidArgument'),
    );
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isStorageError } from '../../core/errors.js';
import { parseContentRange, parseOutputRange } from './content-range.js';

describe('Content-Range of UploadMultipartPart', () => {
  it('reads bytes start-end/*', () => {
    assert.deepEqual(parseContentRange('bytes 0-4194303/*'), { start: 0, end: 4194303 });
    assert.deepEqual(parseContentRange('bytes 4194304-8388607/12582912'), { start: 4194304, end: 8388607 });
  });
  it('is a missing parameter when absent, and invalid when malformed or backwards', () => {
    assert.throws(
      () => parseContentRange(undefined),
      (e: unknown) => isStorageError(e, 'MissingParameter'),
    );
    for (const bad of ['bytes=0-1/*', '0-1', 'bytes 909994937-909994936/*', 'bytes 1-/*']) {
      assert.throws(
        () => parseContentRange(bad),
        (e: unknown) => isStorageError(e, 'InvalidArgument') && e.message === `Invalid Content-Range: ${bad}`,
      );
    }
  });
});

describe('Range of GetJobOutput', () => {
  it('reads bytes=a-b and bytes=a-', () => {
    assert.equal(parseOutputRange(undefined), undefined);
    assert.deepEqual(parseOutputRange('bytes=0-1048575'), { first: 0, last: 1048575 });
    assert.deepEqual(parseOutputRange('bytes=1048576-'), { first: 1048576 });
  });
  it('refuses suffixes, several ranges and backwards ranges', () => {
    for (const bad of ['bytes=-10', 'bytes=0-1,5-6', 'bytes=5-1', 'items=0-1']) {
      assert.throws(
        () => parseOutputRange(bad),
        (e: unknown) => isStorageError(e, 'InvalidArgument'),
      );
    }
  });
});

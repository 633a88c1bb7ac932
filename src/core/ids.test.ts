import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isValidUploadId, newAccessKeyId, newAccountId, newUploadId } from './ids.js';

describe('ids', () => {
  it('makes unique upload ids that never start with a dash or underscore and validates them strictly', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const id = newUploadId();
      assert.match(id, /^[A-Za-z0-9][A-Za-z0-9_-]{42}$/);
      assert.ok(isValidUploadId(id));
      ids.add(id);
    }
    assert.equal(ids.size, 5000);
    for (const bad of ['', 'x', '-'.repeat(43), `${newUploadId()}=`, `${newUploadId().slice(1)}/`, '../../etc/passwd'])
      assert.equal(isValidUploadId(bad), false, bad);
  });

  it('makes 12-digit account ids and 20-character access key ids', () => {
    assert.match(newAccountId(), /^[1-9]\d{11}$/);
    assert.match(newAccessKeyId(), /^CK[A-Z2-7]{18}$/);
  });
});

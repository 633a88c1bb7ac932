import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { abortUpload } from '../../src/core/uploads/abort-upload.js';
import { createUpload } from '../../src/core/uploads/create-upload.js';
import { uploadPart } from '../../src/core/uploads/upload-part.js';
import { bodyOf, coreFixture, rootPrincipal } from '../support/core-fixture.js';

/**
 * The seed page's billing facts: parts are charged at their object's storage class (the one the upload
 * was initiated with), for their actual size, with no 64 KB minimum; aborting stops the charge.
 */
describe('the usage ledger for parts', () => {
  it('records parts at the upload’s storage class and their actual size, and takes them back on abort', async () => {
    const f = await coreFixture();
    try {
      const bucket = await f.bucket();
      const upload = await createUpload(f.ctx, {
        bucket,
        key: 'k',
        attributes: { userMetadata: {}, storageClass: 'infrequent-access' },
        initiator: rootPrincipal,
      });
      await uploadPart(f.ctx, { bucket, key: 'k', uploadId: upload.id, partNumber: 1, body: bodyOf(Buffer.alloc(1000)) });
      await abortUpload(f.ctx, bucket, 'k', upload.id);
      const events = await f.ctx.meta.listUsageEvents({ limit: 100 });
      const parts = events.filter((e) => e.kind === 'part');
      assert.deepEqual(
        parts.map((e) => [e.storageClass, e.bytesDelta, e.countDelta]),
        [
          ['infrequent-access', 1000, 1],
          ['infrequent-access', -1000, -1],
        ],
      );
    } finally {
      await f.close();
    }
  });
});

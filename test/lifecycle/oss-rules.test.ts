import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ListMultipartUploadsCommand } from '@aws-sdk/client-s3';
import { aliOss } from '../support/ali-oss.js';
import { startCairnProcess, type CairnProcess } from '../support/cairn-process.js';
import { cairnJson, DAY, s3Client, type PassJson } from './helpers.js';

describe('lifecycle rules written through OSS run in the same engine', () => {
  let server: CairnProcess;
  before(async () => {
    server = await startCairnProcess({ args: ['--lifecycle-interval', '0'] });
  });
  after(async () => server?.dispose());

  it('aborts an upload under an ali-oss AbortMultipartUpload rule when its Days are due, and only that one', async () => {
    const oss = aliOss(server, 'V4');
    await oss.putBucket('oss-rules');
    oss.useBucket('oss-rules');
    await oss.putBucketLifecycle('oss-rules', [{ id: 'tmp-parts', prefix: 'tmp/', status: 'Enabled', abortMultipartUpload: { days: 2 } }]);
    const stale = await oss.initMultipartUpload('tmp/stale.bin');
    const kept = await oss.initMultipartUpload('keep/kept.bin');
    const t0 = Date.now();

    const day1 = await cairnJson<{ pass: PassJson }>(server, ['lifecycle', 'run', '--at', new Date(t0 + DAY).toISOString()]);
    assert.equal(day1.pass.totals.uploadsAborted, 0);
    const day3 = await cairnJson<{ pass: PassJson }>(server, ['lifecycle', 'run', '--at', new Date(t0 + 3 * DAY).toISOString()]);
    assert.equal(day3.pass.totals.uploadsAborted, 1);

    const s3 = s3Client(server);
    const left = await s3.send(new ListMultipartUploadsCommand({ Bucket: 'oss-rules' }));
    assert.deepEqual(
      left.Uploads?.map((u) => [u.Key, u.UploadId]),
      [['keep/kept.bin', kept.uploadId]],
    );
    assert.notEqual(stale.uploadId, kept.uploadId);
    s3.destroy();
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateBucketCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { startCairnProcess, testCredentials, type CairnProcess } from '../support/cairn-process.js';
import { s3Client, sdkError } from '../support/s3-client.js';
import { signedPostFields } from './post-form.js';

describe('S3 POST Object refuses bad forms and stores nothing', () => {
  let cairn: CairnProcess;
  let s3: S3Client;
  const bucket = 'post-errors';

  before(async () => {
    cairn = await startCairnProcess();
    s3 = s3Client(cairn);
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  });
  after(async () => {
    s3.destroy();
    await cairn.dispose();
  });

  async function post(fields: Record<string, string>, key: string, file: string | undefined) {
    const form = new FormData();
    form.append('key', key);
    form.append('Content-Type', 'text/plain');
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    if (file !== undefined) form.append('file', new Blob([file]), 'f.txt');
    const r = await fetch(`${cairn.url}/${bucket}`, { method: 'POST', body: form });
    const text = await r.text();
    return { status: r.status, code: /<Code>([^<]+)<\/Code>/.exec(text)?.[1] };
  }
  const absent = async (key: string) =>
    assert.equal((await sdkError(s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key })))).status, 404);

  it('stores a well-formed upload (the control case)', async () => {
    assert.equal((await post(signedPostFields({ bucket, keyPrefix: 'ok/', ...testCredentials }), 'ok/1', 'data')).status, 204);
  });

  it('refuses an expired policy with 403 AccessDenied', async () => {
    const fields = signedPostFields({ bucket, keyPrefix: 'e/', ...testCredentials, expiresAt: new Date(Date.now() - 60_000) });
    assert.deepEqual(await post(fields, 'e/1', 'data'), { status: 403, code: 'AccessDenied' });
    await absent('e/1');
  });

  it('refuses a key outside the starts-with condition and a file over content-length-range', async () => {
    const fields = signedPostFields({ bucket, keyPrefix: 'allowed/', ...testCredentials });
    assert.deepEqual(await post(fields, 'elsewhere/1', 'data'), { status: 403, code: 'AccessDenied' });
    await absent('elsewhere/1');
    assert.deepEqual(await post(fields, 'allowed/big', 'x'.repeat(1024 * 1024 + 1)), { status: 400, code: 'EntityTooLarge' });
    await absent('allowed/big');
  });

  it('refuses a malformed policy with 400', async () => {
    const fields = signedPostFields({
      bucket,
      keyPrefix: 'm/',
      ...testCredentials,
      rawPolicy: Buffer.from('{not json').toString('base64'),
    });
    assert.equal((await post(fields, 'm/1', 'data')).status, 400);
    const noConditions = signedPostFields({
      bucket,
      keyPrefix: 'm/',
      ...testCredentials,
      rawPolicy: Buffer.from(JSON.stringify({ expiration: '2099-01-01T00:00:00Z' })).toString('base64'),
    });
    assert.equal((await post(noConditions, 'm/2', 'data')).status, 400);
    await absent('m/1');
  });

  it('refuses a form without a file field with 400, and a wrong signature with 403', async () => {
    const fields = signedPostFields({ bucket, keyPrefix: 'n/', ...testCredentials });
    assert.deepEqual(await post(fields, 'n/1', undefined), { status: 400, code: 'InvalidArgument' });
    const forged = { ...fields, 'x-amz-signature': '0'.repeat(64) };
    assert.deepEqual(await post(forged, 'n/2', 'data'), { status: 403, code: 'SignatureDoesNotMatch' });
    await absent('n/1');
    await absent('n/2');
  });
});

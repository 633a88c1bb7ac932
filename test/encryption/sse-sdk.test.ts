import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteBucketEncryptionCommand,
  GetBucketEncryptionCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutBucketEncryptionCommand,
  PutObjectCommand,
  UploadPartCommand,
  UploadPartCopyCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { startCairnProcess, type CairnProcess } from '../support/cairn-process.js';
import { bodyBytes, s3Client, sdkError } from '../support/s3-client.js';
import { filesContainingPlaintext } from './plaintext-search.js';
import { rawS3 } from '../support/raw-s3.js';

const customerKey = randomBytes(32);
const sseC = {
  SSECustomerAlgorithm: 'AES256',
  SSECustomerKey: customerKey.toString('base64'),
  SSECustomerKeyMD5: createHash('md5').update(customerKey).digest('base64'),
};
const otherKey = randomBytes(32);
const otherSseC = {
  SSECustomerAlgorithm: 'AES256',
  SSECustomerKey: otherKey.toString('base64'),
  SSECustomerKeyMD5: createHash('md5').update(otherKey).digest('base64'),
};

describe('server-side encryption with @aws-sdk/client-s3', () => {
  let server: CairnProcess;
  let s3: S3Client;
  const bucket = 'sse-sdk';

  before(async () => {
    server = await startCairnProcess({ args: ['--min-part-size', '65536', '--kms-keys', 'testkey-1,testkey-2'] });
    s3 = s3Client(server);
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  });
  after(async () => {
    s3.destroy();
    await server.dispose();
  });

  it('stores SSE-S3 objects encrypted (no 4 KiB of plaintext on disk) and reads them back, ranged too', async () => {
    const big = randomBytes(1024 * 1024 + 333);
    const small = randomBytes(8 * 1024); // kept inline in the metadata database
    const put = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'sse-s3/big', Body: big, ServerSideEncryption: 'AES256' }));
    assert.equal(put.ServerSideEncryption, 'AES256');
    assert.equal(put.ETag, `"${createHash('md5').update(big).digest('hex')}"`);
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'sse-s3/small', Body: small, ServerSideEncryption: 'AES256' }));
    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'sse-s3/big' }));
    assert.equal(got.ServerSideEncryption, 'AES256');
    assert.deepEqual(await bodyBytes(got.Body), big);
    const ranged = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'sse-s3/big', Range: 'bytes=65530-200000' }));
    assert.equal(ranged.ContentRange, `bytes 65530-200000/${big.length}`);
    assert.deepEqual(await bodyBytes(ranged.Body), big.subarray(65530, 200001));
    assert.deepEqual(await bodyBytes((await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'sse-s3/small' }))).Body), small);
    assert.equal((await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'sse-s3/small' }))).ServerSideEncryption, 'AES256');
    assert.deepEqual(filesContainingPlaintext(server.dataDir, big), []);
    assert.deepEqual(filesContainingPlaintext(server.dataDir, small), []);
  });

  it('reads a range across the parts of an SSE-KMS multipart object, and a part by number', async () => {
    const parts = [randomBytes(100_000), randomBytes(70_000), randomBytes(12_345)];
    const whole = Buffer.concat(parts);
    const created = await s3.send(
      new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'kms/mp', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'testkey-1' }),
    );
    assert.equal(created.ServerSideEncryption, 'aws:kms');
    assert.equal(created.SSEKMSKeyId, 'testkey-1');
    const etags: string[] = [];
    for (const [i, body] of parts.entries()) {
      const r = await s3.send(
        new UploadPartCommand({ Bucket: bucket, Key: 'kms/mp', UploadId: created.UploadId, PartNumber: i + 1, Body: body }),
      );
      assert.equal(r.ServerSideEncryption, 'aws:kms');
      etags.push(r.ETag ?? '');
    }
    const done = await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: 'kms/mp',
        UploadId: created.UploadId,
        MultipartUpload: { Parts: etags.map((ETag, i) => ({ ETag, PartNumber: i + 1 })) },
      }),
    );
    assert.equal(done.ServerSideEncryption, 'aws:kms');
    const ranged = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'kms/mp', Range: 'bytes=99990-170010' }));
    assert.equal(ranged.SSEKMSKeyId, 'testkey-1');
    assert.deepEqual(await bodyBytes(ranged.Body), whole.subarray(99990, 170011));
    const part2 = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'kms/mp', PartNumber: 2 }));
    assert.deepEqual(await bodyBytes(part2.Body), parts[1]);
    assert.deepEqual(filesContainingPlaintext(server.dataDir, whole), []);
  });

  it('refuses an SSE-KMS write naming a key that does not exist, and stores nothing', async () => {
    const e = await sdkError(
      s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'kms/none', Body: 'x', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'nokey' })),
    );
    assert.equal(e.status, 400);
    assert.equal((await sdkError(s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'kms/none' })))).status, 404);
  });

  it('needs the SSE-C key to read: 400 without it, 403 with another, the bytes with it', async () => {
    const data = randomBytes(300_000);
    const put = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'ssec/obj', Body: data, ...sseC }));
    assert.equal(put.SSECustomerKeyMD5, sseC.SSECustomerKeyMD5);
    const missing = await sdkError(s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'ssec/obj' })));
    assert.equal(missing.status, 400);
    assert.equal(missing.name, 'InvalidRequest');
    const wrong = await sdkError(s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'ssec/obj', ...otherSseC })));
    assert.equal(wrong.status, 403);
    assert.equal((await sdkError(s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'ssec/obj' })))).status, 400);
    assert.equal((await sdkError(s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'ssec/obj', ...otherSseC })))).status, 403);
    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'ssec/obj', Range: 'bytes=1000-', ...sseC }));
    assert.equal(got.SSECustomerAlgorithm, 'AES256');
    assert.deepEqual(await bodyBytes(got.Body), data.subarray(1000));
    assert.deepEqual(filesContainingPlaintext(server.dataDir, data), []);
  });

  it('copies between SSE-C, SSE-KMS and SSE-S3 with the copy-source key, and UploadPartCopy likewise', async () => {
    const data = randomBytes(200_000);
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'copy/src', Body: data, ...sseC }));
    const noKey = await sdkError(s3.send(new CopyObjectCommand({ Bucket: bucket, Key: 'copy/dst', CopySource: `${bucket}/copy/src` })));
    assert.equal(noKey.status, 400);
    const copied = await s3.send(
      new CopyObjectCommand({
        Bucket: bucket,
        Key: 'copy/dst',
        CopySource: `${bucket}/copy/src`,
        CopySourceSSECustomerAlgorithm: 'AES256',
        CopySourceSSECustomerKey: sseC.SSECustomerKey,
        CopySourceSSECustomerKeyMD5: sseC.SSECustomerKeyMD5,
        ServerSideEncryption: 'aws:kms',
        SSEKMSKeyId: 'testkey-2',
      }),
    );
    assert.equal(copied.ServerSideEncryption, 'aws:kms');
    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'copy/dst' }));
    assert.equal(got.SSEKMSKeyId, 'testkey-2');
    assert.deepEqual(await bodyBytes(got.Body), data);

    const up = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'copy/mp', ...sseC }));
    const part = await s3.send(
      new UploadPartCopyCommand({
        Bucket: bucket,
        Key: 'copy/mp',
        UploadId: up.UploadId,
        PartNumber: 1,
        CopySource: `${bucket}/copy/dst`,
        CopySourceRange: 'bytes=100-150099',
        ...sseC,
      }),
    );
    await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: 'copy/mp',
        UploadId: up.UploadId,
        MultipartUpload: { Parts: [{ ETag: part.CopyPartResult?.ETag, PartNumber: 1 }] },
      }),
    );
    const mp = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'copy/mp', ...sseC }));
    assert.deepEqual(await bodyBytes(mp.Body), data.subarray(100, 150100));
    assert.equal((await sdkError(s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'copy/mp' })))).status, 400);
  });

  it('applies the bucket default encryption to new objects, and reports none as ServerSideEncryptionConfigurationNotFoundError', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'sse-default' }));
    const none = await sdkError(s3.send(new GetBucketEncryptionCommand({ Bucket: 'sse-default' })));
    assert.equal(none.name, 'ServerSideEncryptionConfigurationNotFoundError');
    assert.equal(none.status, 404);
    await s3.send(
      new PutBucketEncryptionCommand({
        Bucket: 'sse-default',
        ServerSideEncryptionConfiguration: {
          Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'testkey-1' } }],
        },
      }),
    );
    const config = await s3.send(new GetBucketEncryptionCommand({ Bucket: 'sse-default' }));
    assert.deepEqual(config.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault, {
      SSEAlgorithm: 'aws:kms',
      KMSMasterKeyID: 'testkey-1',
    });
    const put = await s3.send(new PutObjectCommand({ Bucket: 'sse-default', Key: 'k', Body: 'defaulted' }));
    assert.equal(put.ServerSideEncryption, 'aws:kms');
    assert.equal(put.SSEKMSKeyId, 'testkey-1');
    const explicit = await s3.send(new PutObjectCommand({ Bucket: 'sse-default', Key: 'k2', Body: 'x', ServerSideEncryption: 'AES256' }));
    assert.equal(explicit.ServerSideEncryption, 'AES256');
    await s3.send(new DeleteBucketEncryptionCommand({ Bucket: 'sse-default' }));
    const plain = await s3.send(new PutObjectCommand({ Bucket: 'sse-default', Key: 'k3', Body: 'x' }));
    assert.equal(plain.ServerSideEncryption, undefined);
    const bad = await sdkError(
      s3.send(
        new PutBucketEncryptionCommand({
          Bucket: 'sse-default',
          ServerSideEncryptionConfiguration: {
            Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256', KMSMasterKeyID: 'testkey-1' } }],
          },
        }),
      ),
    );
    assert.equal(bad.name, 'InvalidArgument');
  });

  it('answers conflicting or malformed encryption headers with InvalidArgument and stores nothing', async () => {
    const conflict = await sdkError(
      s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'bad/1', Body: 'x', ServerSideEncryption: 'AES256', ...sseC })),
    );
    assert.deepEqual([conflict.status, conflict.name], [400, 'InvalidArgument']);
    // The SDK computes the key's MD5 itself: a wrong one is sent by hand.
    const badMd5 = await rawS3(server, {
      method: 'PUT',
      path: `/${bucket}/bad/1`,
      body: 'x',
      headers: {
        'x-amz-server-side-encryption-customer-algorithm': 'AES256',
        'x-amz-server-side-encryption-customer-key': sseC.SSECustomerKey,
        'x-amz-server-side-encryption-customer-key-md5': otherSseC.SSECustomerKeyMD5,
      },
    });
    assert.equal(badMd5.status, 400);
    assert.match(badMd5.body, /<Code>InvalidArgument<\/Code>/);
    const badMode = await sdkError(
      s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'bad/1', Body: 'x', ServerSideEncryption: 'aes:kms' as never })),
    );
    assert.deepEqual([badMode.status, badMode.name], [400, 'InvalidArgument']);
    const kmsIdAlone = await sdkError(s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'bad/1', Body: 'x', SSEKMSKeyId: 'testkey-1' })));
    assert.deepEqual([kmsIdAlone.status, kmsIdAlone.name], [400, 'InvalidArgument']);
    assert.equal((await sdkError(s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'bad/1' })))).status, 404);
  });
});

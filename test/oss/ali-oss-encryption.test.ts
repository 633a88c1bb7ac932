import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { aliOss, ossRejects, type AliOssClient } from '../support/ali-oss.js';
import { startCairnProcess, type CairnProcess } from '../support/cairn-process.js';
import { s3Client } from '../support/s3-client.js';
import { tempFile } from '../support/temp-file.js';
import { filesContainingPlaintext } from '../encryption/plaintext-search.js';

const SSE = 'x-oss-server-side-encryption';
const KEY_ID = 'x-oss-server-side-encryption-key-id';

describe('OSS server-side encryption with ali-oss', () => {
  let proc: CairnProcess;
  let client: AliOssClient;
  const bucket = 'oss-sse';

  before(async () => {
    proc = await startCairnProcess({ args: ['--kms-keys', 'testkey-1', '--min-part-size', '65536'] });
    client = aliOss(proc, 'V4', { bucket });
    await client.putBucket(bucket);
  });
  after(async () => proc.dispose());

  it('stores AES256 objects encrypted (no 4 KiB of plaintext on disk), answers the header on PUT, GET, HEAD, ranges', async () => {
    const big = randomBytes(1024 * 1024 + 77);
    const small = randomBytes(8 * 1024);
    const put = await client.put('aes/big', big, { headers: { [SSE]: 'AES256' } });
    assert.equal(put.res.headers[SSE], 'AES256');
    assert.equal(put.res.headers.etag, `"${createHash('md5').update(big).digest('hex').toUpperCase()}"`);
    await client.put('aes/small', small, { headers: { [SSE]: 'AES256' } });
    const got = await client.get('aes/big');
    assert.deepEqual(got.content, big);
    assert.equal(got.res.headers[SSE], 'AES256');
    assert.equal(got.res.headers[KEY_ID], undefined);
    const ranged = await client.get('aes/big', null, { headers: { range: 'bytes=70000-300000' } });
    assert.equal(ranged.res.status, 206);
    assert.deepEqual(ranged.content, big.subarray(70000, 300001));
    assert.deepEqual((await client.get('aes/small')).content, small);
    assert.equal((await client.head('aes/small')).res.headers[SSE], 'AES256');
    assert.deepEqual(filesContainingPlaintext(proc.dataDir, big), []);
    assert.deepEqual(filesContainingPlaintext(proc.dataDir, small), []);
  });

  it('encrypts with a KMS key, through PutObject and a multipart upload, and names the key in the answers', async () => {
    const body = randomBytes(300_000);
    const put = await client.put('kms/single', body, { headers: { [SSE]: 'KMS', [KEY_ID]: 'testkey-1' } });
    assert.equal(put.res.headers[SSE], 'KMS');
    assert.equal(put.res.headers[KEY_ID], 'testkey-1');
    const head = await client.head('kms/single');
    assert.equal(head.res.headers[SSE], 'KMS');
    assert.equal(head.res.headers[KEY_ID], 'testkey-1');

    const file = tempFile(3 * 100 * 1024 + 4321, 7);
    const whole = file.data;
    try {
      const init = await client.initMultipartUpload('kms/mp', { headers: { [SSE]: 'KMS', [KEY_ID]: 'testkey-1' } });
      assert.equal(init.res.headers[SSE], 'KMS');
      assert.equal(init.res.headers[KEY_ID], 'testkey-1');
      await client.abortMultipartUpload('kms/mp', init.uploadId);
      // ali-oss sends the header on InitiateMultipartUpload and strips it from the parts and the completion.
      const done = await client.multipartUpload('kms/mp', file.path, {
        partSize: 100 * 1024,
        headers: { [SSE]: 'KMS', [KEY_ID]: 'testkey-1' },
      });
      assert.equal(done.res.headers[SSE], 'KMS');
      assert.equal(done.res.headers[KEY_ID], 'testkey-1');
    } finally {
      file.remove();
    }
    const got = await client.get('kms/mp');
    assert.deepEqual(got.content, whole);
    assert.equal(got.res.headers[SSE], 'KMS');
    const ranged = await client.get('kms/mp', null, { headers: { range: `bytes=${100 * 1024 - 10}-${200 * 1024 + 10}` } });
    assert.deepEqual(ranged.content, whole.subarray(100 * 1024 - 10, 200 * 1024 + 11));
    assert.deepEqual(filesContainingPlaintext(proc.dataDir, body), []);
    assert.deepEqual(filesContainingPlaintext(proc.dataDir, whole), []);
    // The S3 dialect reads the same record: the object is SSE-KMS there too.
    const s3 = s3Client(proc);
    try {
      const s3head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'kms/mp' }));
      assert.equal(s3head.ServerSideEncryption, 'aws:kms');
      assert.equal(s3head.SSEKMSKeyId, 'testkey-1');
    } finally {
      s3.destroy();
    }
  });

  it('encrypts the target of a copy and the object an append creates', async () => {
    const plain = randomBytes(64 * 1024);
    await client.put('copy/plain', plain);
    assert.equal((await client.head('copy/plain')).res.headers[SSE], undefined);
    const copied = await client.copy('copy/sealed', 'copy/plain', { headers: { [SSE]: 'AES256' } });
    assert.equal(copied.res.headers[SSE], 'AES256');
    const got = await client.get('copy/sealed');
    assert.deepEqual(got.content, plain);
    assert.equal(got.res.headers[SSE], 'AES256');

    const first = randomBytes(40 * 1024);
    const second = randomBytes(40 * 1024);
    const a1 = await client.append('append/log', first, { headers: { [SSE]: 'KMS', [KEY_ID]: 'testkey-1' } });
    assert.equal(a1.res.headers[SSE], 'KMS');
    await client.append('append/log', second, { position: a1.nextAppendPosition });
    const log = await client.get('append/log');
    assert.deepEqual(log.content, Buffer.concat([first, second]));
    assert.equal(log.res.headers[KEY_ID], 'testkey-1');
    assert.deepEqual(filesContainingPlaintext(proc.dataDir, Buffer.concat([first, second])), []);
  });

  it('refuses malformed or unsupported encryption headers and stores nothing', async () => {
    const body = Buffer.alloc(1024, 1);
    await ossRejects(client.put('bad/des', body, { headers: { [SSE]: 'DES' } }), 400, 'InvalidEncryptionAlgorithmError');
    await ossRejects(client.put('bad/key-aes', body, { headers: { [SSE]: 'AES256', [KEY_ID]: 'testkey-1' } }), 400, 'InvalidArgument');
    await ossRejects(client.put('bad/key-only', body, { headers: { [KEY_ID]: 'testkey-1' } }), 400, 'InvalidArgument');
    await ossRejects(client.put('bad/no-key', body, { headers: { [SSE]: 'KMS', [KEY_ID]: 'no-such-key' } }), 400, 'InvalidArgument');
    await ossRejects(client.put('bad/sm4', body, { headers: { [SSE]: 'SM4' } }), 400, 'NotImplemented');
    await ossRejects(
      client.put('bad/kms-sm4', body, { headers: { [SSE]: 'KMS', [KEY_ID]: 'testkey-1', 'x-oss-server-side-data-encryption': 'SM4' } }),
      400,
      'NotImplemented',
    );
    await ossRejects(client.initMultipartUpload('bad/mp', { headers: { [SSE]: 'DES' } }), 400, 'InvalidEncryptionAlgorithmError');
    for (const key of ['bad/des', 'bad/key-aes', 'bad/key-only', 'bad/no-key', 'bad/sm4', 'bad/kms-sm4'])
      await ossRejects(client.head(key), 404, 'NoSuchKey');
    assert.equal((await client.listUploads({ prefix: 'bad/' })).uploads.length, 0);
    await client.put('bad/plain', body);
    await ossRejects(client.get('bad/plain', null, { headers: { [SSE]: 'AES256' } }), 400, 'InvalidArgument');
  });

  it('Put/Get/DeleteBucketEncryption: the rule applies to new objects; NoSuchServerSideEncryptionRule without one', async () => {
    const name = 'oss-sse-default';
    await client.putBucket(name);
    const b = aliOss(proc, 'V1', { bucket: name });
    await ossRejects(b.getBucketEncryption(name), 404, 'NoSuchServerSideEncryptionRule');
    assert.equal((await b.putBucketEncryption(name, { SSEAlgorithm: 'AES256' })).status, 200);
    assert.deepEqual((await b.getBucketEncryption(name)).encryption, { SSEAlgorithm: 'AES256', KMSMasterKeyID: '' });
    const plain = randomBytes(16 * 1024);
    const put = await b.put('by-default', plain);
    assert.equal(put.res.headers[SSE], 'AES256');
    assert.deepEqual(filesContainingPlaintext(proc.dataDir, plain), []);

    await b.putBucketEncryption(name, { SSEAlgorithm: 'KMS', KMSMasterKeyID: 'testkey-1' });
    assert.deepEqual((await b.getBucketEncryption(name)).encryption, { SSEAlgorithm: 'KMS', KMSMasterKeyID: 'testkey-1' });
    const init = await b.initMultipartUpload('mp-default');
    assert.equal(init.res.headers[SSE], 'KMS');
    assert.equal(init.res.headers[KEY_ID], 'testkey-1');
    const own = await b.put('asked-aes', plain, { headers: { [SSE]: 'AES256' } });
    assert.equal(own.res.headers[SSE], 'AES256', 'a header beats the bucket default');

    await ossRejects(b.putBucketEncryption(name, { SSEAlgorithm: 'KMS', KMSMasterKeyID: 'missing-key' }), 400, 'InvalidArgument');
    await ossRejects(b.putBucketEncryption(name, { SSEAlgorithm: 'SM4' }), 400, 'NotImplemented');
    await ossRejects(b.putBucketEncryption(name, { SSEAlgorithm: 'DES' }), 400, 'InvalidEncryptionAlgorithmError');
    await ossRejects(b.putBucketEncryption(name, { SSEAlgorithm: 'AES256', KMSMasterKeyID: 'testkey-1' }), 400, 'InvalidArgument');
    assert.deepEqual((await b.getBucketEncryption(name)).encryption, { SSEAlgorithm: 'KMS', KMSMasterKeyID: 'testkey-1' }, 'unchanged');

    assert.equal((await b.deleteBucketEncryption(name)).status, 204);
    await ossRejects(b.getBucketEncryption(name), 404, 'NoSuchServerSideEncryptionRule');
    assert.equal((await b.put('after-delete', plain)).res.headers[SSE], undefined);
  });
});

import assert from 'node:assert/strict';
import { Agent } from 'node:http';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { OSS, aliOss, ossRejects, type SignatureVersion } from '../support/ali-oss.js';
import { startCairnProcess, testCredentials, type CairnProcess } from '../support/cairn-process.js';
import { tempFile } from '../support/temp-file.js';

/**
 * The Node.js sample of Alibaba Cloud's "Delete parts" page: an ali-oss client with `authorizationV4: true`
 * calls abortMultipartUpload(name, uploadId). Run here on an upload the client initiated itself, with V4
 * as in the sample and with V1.
 */
describe('the seed sample: ali-oss aborts the multipart upload it initiated', () => {
  let proc: CairnProcess;
  before(async () => {
    proc = await startCairnProcess();
    process.env.OSS_ACCESS_KEY_ID = testCredentials.accessKeyId;
    process.env.OSS_ACCESS_KEY_SECRET = testCredentials.secretAccessKey;
  });
  after(async () => proc.dispose());

  const name = 'exampledir/exampleobject.txt';

  for (const version of ['V4', 'V1'] as const satisfies readonly SignatureVersion[]) {
    describe(`with ${version} signatures`, () => {
      const bucket = `examplebucket-${version.toLowerCase()}`;

      it('answers 204 with a request id, and the upload and its parts are gone', async () => {
        // As in the sample, only the endpoint added: region, keys from the environment, the signature version, the bucket.
        const client = new OSS({
          region: 'oss-cn-hangzhou',
          accessKeyId: process.env.OSS_ACCESS_KEY_ID ?? '',
          accessKeySecret: process.env.OSS_ACCESS_KEY_SECRET ?? '',
          authorizationV4: version === 'V4',
          bucket,
          endpoint: `http://127.0.0.1:${proc.port}`,
        });
        await client.putBucket(bucket);
        const { uploadId } = await client.initMultipartUpload(name);
        const result = await client.abortMultipartUpload(name, uploadId);
        assert.equal(result.res.status, 204);
        assert.match(result.res.headers['x-oss-request-id'] ?? '', /^[0-9A-F]{16,}$/);
        const { uploads } = await client.listUploads({});
        assert.deepEqual(uploads, []);
        await ossRejects(client.listParts(name, uploadId), 404, 'NoSuchUpload');
      });

      it('aborts an upload with uploaded parts, which stop being listed', async () => {
        const client = aliOss(proc, version, { bucket });
        const { uploadId } = await client.initMultipartUpload(name);
        const file = tempFile(300 * 1024);
        await client.uploadPart(name, uploadId, 1, file.path, 0, 200 * 1024);
        await client.uploadPart(name, uploadId, 2, file.path, 200 * 1024, 300 * 1024);
        file.remove();
        const listed = await client.listParts(name, uploadId);
        assert.equal(asArray(listed.parts).length, 2);
        // Parts cannot be read until they are assembled: no object, nothing listed.
        await ossRejects(client.get(name), 404, 'NoSuchKey');
        assert.ok(!(await client.list({ prefix: 'exampledir/' })).objects?.some((o) => o.name === name));
        assert.equal((await client.abortMultipartUpload(name, uploadId)).res.status, 204);
        await ossRejects(client.listParts(name, uploadId), 404, 'NoSuchUpload');
        await ossRejects(client.get(name), 404, 'NoSuchKey');
      });

      it('keeps the storage class an upload was initiated with on its parts and on the object', async () => {
        const client = aliOss(proc, version, { bucket });
        const { uploadId } = await client.initMultipartUpload('cold.bin', { headers: { 'x-oss-storage-class': 'ColdArchive' } });
        const file = tempFile(1000);
        const part = await client.uploadPart('cold.bin', uploadId, 1, file.path, 0, 1000);
        file.remove();
        const uploads = await client.request({
          ...client._objectRequestParams('GET', '', { subres: 'uploads' }),
          xmlResponse: true,
          successStatuses: [200],
        });
        assert.equal((uploads.data as { Upload: { StorageClass: string } }).Upload.StorageClass, 'ColdArchive');
        const parts = await client.request({
          ...client._objectRequestParams('GET', 'cold.bin', { subres: { uploadId } }),
          xmlResponse: true,
          successStatuses: [200],
        });
        assert.equal((parts.data as { StorageClass: string }).StorageClass, 'ColdArchive');
        await client.completeMultipartUpload('cold.bin', uploadId, [{ number: 1, etag: part.etag }]);
        assert.equal((await client.head('cold.bin')).res.headers['x-oss-storage-class'], 'ColdArchive');
        await client.delete('cold.bin');
      });

      it('repeats an abort with 204 while the upload is remembered; an unknown upload id is NoSuchUpload', async () => {
        const client = aliOss(proc, version, { bucket });
        const { uploadId } = await client.initMultipartUpload(name);
        assert.equal((await client.abortMultipartUpload(name, uploadId)).res.status, 204);
        assert.equal((await client.abortMultipartUpload(name, uploadId)).res.status, 204);
        const e = await ossRejects(client.abortMultipartUpload(name, 'A'.repeat(43)), 404, 'NoSuchUpload');
        assert.equal(e.name, 'NoSuchUploadError');
        assert.match(e.requestId ?? '', /^[0-9A-F]+$/);
        assert.equal(e.ecCode, '0017-00000244');
      });

      it('runs with no endpoint at all, as in the sample, through an agent that dials the test server', async () => {
        const agent = new Agent({ keepAlive: false });
        // Every connection goes to the test server, whatever host ali-oss resolves (oss-cn-hangzhou.aliyuncs.com).
        (agent as unknown as { createConnection: () => ReturnType<typeof connect> }).createConnection = () =>
          connect(proc.port, '127.0.0.1');
        const client = new OSS({
          region: 'oss-cn-hangzhou',
          accessKeyId: testCredentials.accessKeyId,
          accessKeySecret: testCredentials.secretAccessKey,
          authorizationV4: version === 'V4',
          bucket,
          agent,
        });
        const { uploadId } = await client.initMultipartUpload(name);
        const result = await client.abortMultipartUpload(name, uploadId);
        assert.equal(result.res.status, 204);
        agent.destroy();
      });
    });
  }
});

function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null || value === '') return [];
  return Array.isArray(value) ? value : [value];
}

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runBoto3Steps } from '../support/boto3-steps.js';
import { startCairnProcess, type CairnProcess } from '../support/cairn-process.js';

const script = path.resolve(import.meta.dirname, '..', '..', '..', 'test', 'multipart', 'boto3_multipart.py');

describe('boto3 (Debian python3-boto3) multipart', () => {
  let server: CairnProcess;
  before(async () => {
    server = await startCairnProcess();
  });
  after(async () => {
    await server?.dispose();
  });

  it('creates, uploads two parts, lists, aborts, aborts again and cannot complete after the abort', async () => {
    const steps = await runBoto3Steps(script, server);
    const uploadId = steps.create?.uploadId as string;
    assert.match(uploadId, /^[A-Za-z0-9][A-Za-z0-9_-]{42}$/);
    assert.equal((steps.parts?.etags as string[]).length, 2);
    assert.deepEqual(steps.list?.uploads, [['two-parts.bin', uploadId]]);
    assert.equal(steps.abort?.status, 204);
    assert.equal(steps['abort-again']?.status, 204);
    assert.deepEqual(steps['complete-after-abort']?.error, { code: 'NoSuchUpload', status: 404 });
    assert.deepEqual(steps['upload-after-abort']?.error, { code: 'NoSuchUpload', status: 404 });
    assert.deepEqual(steps['list-after']?.uploads, []);
  });
});

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startCairnProcess, testCredentials, type CairnProcess } from '../support/cairn-process.js';
import { runTool } from '../support/run-tool.js';

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
    const r = await runTool('python3', [script], {
      env: {
        CAIRN_URL: server.url,
        AWS_ACCESS_KEY_ID: testCredentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: testCredentials.secretAccessKey,
        AWS_CONFIG_FILE: '/dev/null',
      },
    });
    assert.equal(r.code, 0, r.stderr);
    const steps = Object.fromEntries(
      r.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { step: string } & Record<string, unknown>)
        .map((s) => [s.step, s]),
    ) as Record<string, Record<string, unknown>>;
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

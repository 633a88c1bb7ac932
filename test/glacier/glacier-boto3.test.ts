import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startCairnProcess, type CairnProcess } from '../support/cairn-process.js';
import { fastJobArgs } from './glacier-support.js';
import { resultsOf, runBoto3Script } from './python-boto3.js';

interface Failure {
  ok: false;
  code?: string;
  message?: string;
  status?: number;
  modeled?: boolean;
  class?: string;
}

describe("the seed document's abort_multipart_upload through boto3", () => {
  let server: CairnProcess;
  let stdout: string;
  let results: Record<string, unknown>;

  before(async () => {
    server = await startCairnProcess({ args: fastJobArgs });
    stdout = await runBoto3Script('seed_abort.py', server.url);
    results = resultsOf(stdout);
  });
  after(async () => {
    await server?.dispose();
  });

  const failure = (name: string): Failure => {
    const r = results[name] as Failure | { ok: true };
    assert.equal(r.ok, false, `${name} should fail: ${JSON.stringify(r)}`);
    return r;
  };

  it('runs the example on a real upload and prints a response with ResponseMetadata', () => {
    const printed = stdout.split('\n')[0] ?? '';
    assert.match(printed, /^\{'ResponseMetadata': \{'RequestId': '[^']+', 'HTTPStatusCode': 204, 'HTTPHeaders': \{/);
    assert.deepEqual(results.example, { status: 204, keys: ['ResponseMetadata'] });
  });

  it('succeeds when aborting the aborted upload again', () => {
    assert.deepEqual(results.abort_again, { ok: true, value: 204 });
  });

  it('refuses parts and completion after the abort, and no longer lists the upload', () => {
    for (const name of ['upload_after_abort', 'complete_after_abort']) {
      const f = failure(name);
      assert.equal(f.code, 'ResourceNotFoundException');
      assert.equal(f.status, 404);
      assert.equal(f.modeled, true, 'boto3 raises client.exceptions.ResourceNotFoundException');
    }
    assert.deepEqual(results.listed_after_abort, []);
  });

  it('fails to abort a completed upload with ResourceNotFoundException', () => {
    const completed = results.completed as { archiveId: string; checksum: string; location: string };
    assert.match(completed.archiveId, /^[A-Za-z0-9_-]{138}$/);
    assert.equal(completed.checksum, '9bc1b2a288b26af7257a36277ae3816a7d4f16e89c1e7e77d0a5c48bad62b360', 'the 1 MiB of 0x61 vector');
    const f = failure('abort_after_complete');
    assert.equal(f.code, 'ResourceNotFoundException');
    assert.equal(f.modeled, true);
  });

  it('stops a missing vaultName in botocore, and answers a request without it with MissingParameterValueException', () => {
    const client = failure('missing_vault_name_client_side');
    assert.equal(client.class, 'ParamValidationError');
    assert.match(client.message ?? '', /Missing required parameter in input: "vaultName"/);
    assert.deepEqual(results.missing_vault_name_raw, {
      status: 400,
      body: { code: 'MissingParameterValueException', message: 'Required parameter missing: vaultName', type: 'Client' },
    });
  });

  it('requires the x-amz-glacier-version header', () => {
    assert.deepEqual(results.missing_api_version_raw, {
      status: 400,
      body: { code: 'MissingParameterValueException', message: 'Required parameter missing: API version', type: 'Client' },
    });
  });

  it("accepts the caller's own account id and refuses any other with AccessDeniedException", () => {
    assert.match(String(results.account_id), /^\d{12}$/);
    assert.deepEqual(results.own_account_id, { ok: true, value: ['my-vault'] });
    const f = failure('other_account_id');
    assert.equal(f.code, 'AccessDeniedException');
    assert.equal(f.status, 403);
  });

  it('answers an unknown upload or vault with ResourceNotFoundException', () => {
    assert.equal(failure('unknown_upload').code, 'ResourceNotFoundException');
    const vault = failure('unknown_vault');
    assert.equal(vault.code, 'ResourceNotFoundException');
    assert.match(vault.message ?? '', /^Vault not found for ARN: arn:aws:glacier:us-east-1:\d{12}:vaults\/no-such-vault$/);
  });
});

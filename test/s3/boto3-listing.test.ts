import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startCairnProcess, type CairnProcess } from '../support/cairn-process.js';
import { boto3Results } from '../support/boto3-script.js';

describe('listing edge cases with boto3 (Debian python3-boto3)', () => {
  let server: CairnProcess;
  before(async () => {
    server = await startCairnProcess();
  });
  after(async () => {
    await server?.dispose();
  });

  it('echoes a newline prefix, lists a key with a newline, answers max-keys=0 and an empty continuation token as S3 does', async () => {
    const r = await boto3Results('s3', 'listing_edges.py', server);
    assert.deepEqual(r.v1_newline_prefix, { Prefix: '\n', keys: [], prefixes: [] });
    assert.deepEqual(r.v1_newline_key, { Prefix: 'new\n', keys: ['new\nline'] });
    assert.deepEqual(r.v2_newline_key, { Prefix: 'new\n', keys: ['new\nline'] });
    assert.deepEqual(r.v1_max_keys_zero, { IsTruncated: false, keys: [] });
    assert.deepEqual(r.v2_max_keys_zero, { IsTruncated: false, keys: [] });
    assert.deepEqual(r.v2_empty_token, { ContinuationToken: '', IsTruncated: false, keys: ['foo/bar', 'foo/baz', 'new\nline', 'quux'] });
  });
});

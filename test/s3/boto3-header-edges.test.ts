import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startCairnProcess, type CairnProcess } from '../support/cairn-process.js';
import { boto3Results } from '../support/boto3-script.js';

describe('header and signature edge cases with boto3 (Debian python3-boto3): SigV2, Expect, presigned expiry', () => {
  let server: CairnProcess;
  let r: Record<string, unknown>;
  before(async () => {
    server = await startCairnProcess();
    r = await boto3Results('s3', 'header_edges.py', server);
  });
  after(async () => {
    await server?.dispose();
  });

  it('verifies SigV2 bucket requests botocore signs as /bucket/, and refuses a date before the epoch with AccessDenied', () => {
    assert.equal(r.v2_create_bucket, 'ok');
    assert.equal(r.v2_put, 'ok');
    assert.deepEqual(r.v2_date_before_epoch_put, [403, 'AccessDenied']);
    assert.deepEqual(r.v2_date_before_epoch_bucket, [403, 'AccessDenied']);
  });

  it('answers a body longer than its Content-Length with BadDigest, not a bare 400 for the leftover bytes', () => {
    assert.deepEqual(r.v2_length_below_body, [400, 'BadDigest']);
  });

  it('ignores an empty Expect header instead of answering 417', () => {
    assert.equal(r.empty_expect_put, 'ok');
    assert.equal(r.empty_expect_bucket, 'ok');
  });

  it('accepts user metadata that botocore sends as UTF-8 and signs as text, and gives the same bytes back on GET', () => {
    for (const version of ['s3', 's3v4']) {
      assert.equal(r[`unicode_put_${version}`], 'ok');
      assert.equal(r[`unicode_get_${version}`], 'Hello World\u00e9');
    }
  });

  it('refuses presigned URLs valid for more than a week, for no time, or expired with 403', () => {
    assert.deepEqual(
      [r.presigned_week_plus, r.presigned_zero, r.presigned_negative, r.presigned_put_expired, r.presigned_valid],
      [403, 403, 403, 403, 200],
    );
  });
});

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runBoto3Steps } from '../support/boto3-steps.js';
import { startCairnProcess, type CairnProcess } from '../support/cairn-process.js';

const script = path.resolve(import.meta.dirname, '..', '..', '..', 'test', 's3', 'boto3_versioning.py');

describe('boto3 (Debian python3-boto3) versions, tags, object lock and attributes', () => {
  let server: CairnProcess;
  before(async () => {
    server = await startCairnProcess();
  });
  after(async () => {
    await server?.dispose();
  });

  it('walks versions, delete markers, tag limits, a locked version and a governance bypass', async () => {
    const steps = await runBoto3Steps(script, server);
    assert.equal(steps.versioning?.status, 'Enabled');
    const listing = steps.listing!;
    const marker = listing.marker as [boolean, string];
    assert.equal(marker[0], true);
    assert.deepEqual(listing.versions, [
      [listing.v2, false],
      [listing.v1, false],
    ]);
    assert.deepEqual(listing.markers, [[marker[1], true]]);
    assert.deepEqual(steps['get-after-delete']?.error, { code: 'NoSuchKey', status: 404 });
    assert.equal(steps['get-v1']?.body, 'one');
    assert.equal(steps['get-after-undelete']?.body, 'two');
    assert.deepEqual(steps['tags-v1']?.tags, [{ Key: 'a', Value: '1' }]);
    assert.deepEqual(steps['too-many-tags']?.error, { code: 'InvalidTag', status: 400 });
    assert.deepEqual(steps['long-tag-key']?.error, { code: 'InvalidTag', status: 400 });
    assert.deepEqual([steps.attributes?.size, steps.attributes?.version], [3, listing.v1]);
    assert.deepEqual(steps['locked-delete']?.error, { code: 'AccessDenied', status: 403 });
    assert.equal(steps.retention?.mode, 'GOVERNANCE');
    assert.deepEqual([steps.bypass?.status, steps.bypass?.version], [204, steps.bypass?.lv]);
    assert.equal(steps['after-bypass']?.versions, 0);
  });
});

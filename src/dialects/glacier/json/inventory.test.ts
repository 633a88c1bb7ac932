import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JobRecord } from '../../../core/ports/job-store.js';
import type { ObjectRecord } from '../../../core/types.js';
import { csvField, renderInventory } from './inventory.js';

function archive(key: string, description: string): ObjectRecord {
  return {
    id: 1,
    bucketId: 1,
    key,
    size: 42,
    etag: '',
    lastModified: Date.UTC(2026, 0, 2, 3, 4, 5, 678),
    attributes: { userMetadata: {}, storageClass: 'archive' },
    partsCount: null,
    checksum: null,
    digests: { 'sha256-tree': 'ab'.repeat(32) },
    extra: { description },
    versionId: null,
    tags: [],
    lock: {},
  };
}

function job(format: 'JSON' | 'CSV'): JobRecord {
  return {
    id: 'j',
    bucketId: 1,
    kind: 'inventory',
    createdAt: 0,
    completesAt: 0,
    status: 'in-progress',
    statusMessage: null,
    completedAt: null,
    expiresAt: null,
    object: null,
    inventory: {},
    outputSize: null,
    outputDigests: {},
    extra: { vaultArn: 'arn:aws:glacier:us-east-1:123456789012:vaults/v', format },
    result: {},
  };
}

async function render(format: 'JSON' | 'CSV', objects: ObjectRecord[]): Promise<string> {
  async function* source() {
    yield* objects;
  }
  const chunks: Uint8Array[] = [];
  for await (const c of renderInventory(job(format), source(), Date.UTC(2026, 0, 3, 0, 0, 0, 999))) chunks.push(c);
  return Buffer.concat(chunks).toString('utf8');
}

describe('inventory output', () => {
  it('quotes CSV fields the way the guide shows: backslash before a double quote, backslashes left alone', () => {
    assert.equal(csvField('my archive description'), 'my archive description');
    assert.equal(csvField('my archive description,1"2'), '"my archive description,1\\"2"');
    assert.equal(csvField('my archive description,1\\"2'), '"my archive description,1\\\\"2"');
  });

  it('writes CSV with a header row', async () => {
    const text = await render('CSV', [archive('id-1', 'plain'), archive('id-2', 'a,b')]);
    assert.equal(
      text,
      'ArchiveId,ArchiveDescription,CreationDate,Size,SHA256TreeHash\n' +
        `id-1,plain,2026-01-02T03:04:05.678Z,42,${'ab'.repeat(32)}\n` +
        `id-2,"a,b",2026-01-02T03:04:05.678Z,42,${'ab'.repeat(32)}\n`,
    );
  });

  it('writes JSON that parses, even when empty', async () => {
    assert.deepEqual(JSON.parse(await render('JSON', [])), {
      VaultARN: 'arn:aws:glacier:us-east-1:123456789012:vaults/v',
      InventoryDate: '2026-01-03T00:00:00Z',
      ArchiveList: [],
    });
    const full = JSON.parse(await render('JSON', [archive('id-1', 'x')])) as { ArchiveList: unknown[] };
    assert.deepEqual(full.ArchiveList, [
      { ArchiveId: 'id-1', ArchiveDescription: 'x', CreationDate: '2026-01-02T03:04:05.678Z', Size: 42, SHA256TreeHash: 'ab'.repeat(32) },
    ]);
  });
});

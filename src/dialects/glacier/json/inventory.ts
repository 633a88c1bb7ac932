import type { InventoryRenderer } from '../../../core/jobs/jobs.js';
import type { ObjectRecord } from '../../../core/types.js';

/**
 * Glacier's inventory output, streamed: JSON `{VaultARN, InventoryDate, ArchiveList}` or CSV with a header
 * row. The vault ARN and the format were recorded in the job's `extra` when it was initiated.
 */
export const renderInventory: InventoryRenderer = async function* (job, objects, takenAt) {
  const vaultArn = typeof job.extra.vaultArn === 'string' ? job.extra.vaultArn : '';
  const inventoryDate = new Date(takenAt).toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (job.extra.format === 'CSV') {
    yield Buffer.from('ArchiveId,ArchiveDescription,CreationDate,Size,SHA256TreeHash\n');
    for await (const o of objects) {
      const e = entry(o);
      yield Buffer.from(`${csvField(e.ArchiveId)},${csvField(e.ArchiveDescription)},${e.CreationDate},${e.Size},${e.SHA256TreeHash}\n`);
    }
    return;
  }
  yield Buffer.from(`{"VaultARN":${JSON.stringify(vaultArn)},"InventoryDate":${JSON.stringify(inventoryDate)},"ArchiveList":[`);
  let first = true;
  for await (const o of objects) {
    yield Buffer.from(`${first ? '' : ','}${JSON.stringify(entry(o))}`);
    first = false;
  }
  yield Buffer.from(']}');
};

function entry(o: ObjectRecord) {
  return {
    ArchiveId: o.key,
    ArchiveDescription: typeof o.extra.description === 'string' ? o.extra.description : '',
    CreationDate: new Date(o.lastModified).toISOString(),
    Size: o.size,
    SHA256TreeHash: o.digests['sha256-tree'] ?? '',
  };
}

/**
 * Glacier's CSV quoting: a field with a comma or a double quote is quoted, and a double quote inside is
 * escaped with a backslash (not doubled, and backslashes are not escaped).
 */
export function csvField(value: string): string {
  if (!value.includes(',') && !value.includes('"')) return value;
  return `"${value.replace(/"/g, '\\"')}"`;
}

import { StorageError } from '../../../core/errors.js';
import { deleteObject } from '../../../core/objects/delete-object.js';
import { putObject } from '../../../core/objects/put-object.js';
import { isArchiveIdOf, newArchiveId, validateDescription, vaultArn } from '../glacier-names.js';
import { archiveBody, withChecksumMessage } from './archive-body.js';
import { empty, locationOf, requireVault, type GlacierHandlerTable } from './handler-context.js';

/** The largest archive one UploadArchive request may carry. */
const MAX_ARCHIVE_BYTES = 4 * 1024 * 1024 * 1024;

export const archiveHandlers: GlacierHandlerTable = {
  UploadArchive: async (h, e) => {
    const vault = requireVault(h);
    const description = validateDescription(h.req.headers['x-amz-archive-description'], 'archive description');
    const { body, length } = archiveBody(h);
    if (length === 0) throw new StorageError('InvalidArgument', 'Invalid Content-Length: 0');
    if (length > MAX_ARCHIVE_BYTES) {
      throw new StorageError(
        'EntityTooLarge',
        `Invalid Content-Length: ${length}. An archive uploaded in one request is at most ${MAX_ARCHIVE_BYTES} bytes; use a multipart upload.`,
      );
    }
    const archiveId = newArchiveId(vault);
    const archive = await withChecksumMessage(
      putObject(h.ctx, {
        bucket: vault,
        key: archiveId,
        body,
        attributes: { userMetadata: {}, storageClass: 'archive' },
        extraDigests: ['sha256-tree'],
        extra: description === undefined ? {} : { description },
      }),
    );
    return empty(201, {
      location: locationOf(h, e.vaultName, `/archives/${archiveId}`),
      'x-amz-archive-id': archiveId,
      'x-amz-sha256-tree-hash': archive.digests['sha256-tree'] ?? '',
    });
  },

  // Deleting an archive that is already gone succeeds, as AWS documents; an id this vault never had is
  // ResourceNotFoundException (another account's or another vault's archive is never touched).
  DeleteArchive: async (h, e) => {
    const vault = requireVault(h);
    const { removed } = await deleteObject(h.ctx, vault, e.archiveId);
    if (removed === undefined && !isArchiveIdOf(vault, e.archiveId)) {
      throw new StorageError('NoSuchKey', 'The archive is not in this vault.', {
        Key: e.archiveId,
        ArchiveArn: `${vaultArn(h.region, h.accountId, e.vaultName)}/archives/${e.archiveId}`,
      });
    }
    return empty(204);
  },
};

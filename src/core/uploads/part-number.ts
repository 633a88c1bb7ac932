import type { CoreContext } from '../context.js';
import { StorageError } from '../errors.js';

export function validatePartNumber(ctx: CoreContext, partNumber: number): void {
  if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > ctx.limits.maxParts) {
    throw new StorageError('InvalidArgument', `Part number must be an integer between 1 and ${ctx.limits.maxParts}, inclusive`, {
      ArgumentName: 'partNumber',
      ArgumentValue: String(partNumber),
    });
  }
}

import { randomBytes } from 'node:crypto';

/** 16 uppercase hex characters, like S3's x-amz-request-id. */
export function newRequestId(): string {
  return randomBytes(8).toString('hex').toUpperCase();
}

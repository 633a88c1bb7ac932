import { StorageError } from '../../core/errors.js';

/** Failures of the console's own making (sessions, CSRF), rendered like the admin API's JSON errors. */
export class ConsoleError extends Error {
  constructor(
    readonly status: number,
    readonly code: 'NotSignedIn' | 'SessionExpired' | 'InvalidCsrfToken' | 'InvalidCredentials' | 'NotFound',
    message: string,
  ) {
    super(message);
  }
}

export function invalidField(field: string, reason: string): StorageError {
  return new StorageError('InvalidArgument', `${field}: ${reason}`, { ArgumentName: field });
}

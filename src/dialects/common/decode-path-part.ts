import { StorageError } from '../../core/errors.js';

/** Strict percent-decoding of one path part: a malformed escape or invalid UTF-8 is InvalidURI, never guessed. */
export function decodePathPart(part: string, wholePath: string): string {
  if (!part.includes('%')) return part;
  try {
    return decodeURIComponent(part);
  } catch {
    throw invalidUri(wholePath);
  }
}

export function invalidUri(path: string): StorageError {
  return new StorageError('InvalidURI', "Couldn't parse the specified URI.", { URI: path });
}

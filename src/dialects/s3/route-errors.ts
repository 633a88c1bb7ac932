import { StorageError } from '../../core/errors.js';
import type { QueryReader } from './query-reader.js';

export type ResourceType = 'SERVICE' | 'BUCKET' | 'OBJECT';

export function methodNotAllowed(method: string, resourceType: ResourceType): StorageError {
  return new StorageError('MethodNotAllowed', 'The specified method is not allowed against this resource.', {
    Method: method,
    ResourceType: resourceType,
  });
}

/** The value of a parameter the operation cannot do without (an empty value is still a value). */
export function requiredParam(q: QueryReader, name: string): string {
  return q.get(name) ?? missingParam(name);
}

export function missingParam(name: string): never {
  throw new StorageError('MissingParameter', `The request is missing the required parameter ${name}.`, {
    ArgumentName: name,
  });
}

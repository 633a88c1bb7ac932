import { StorageError } from '../../core/errors.js';

/** The console's JSON endpoints, under /_cairn/console/api/v1/. */
export const CONSOLE_API_PREFIX = '/_cairn/console/api/v1/';

const table = [
  ['POST', 'session', 'signIn'],
  ['GET', 'session', 'session'],
  ['DELETE', 'session', 'signOut'],
  ['GET', 'permissions', 'permissions'],
  ['GET', 'buckets', 'listBuckets'],
  ['POST', 'buckets', 'createBucket'],
  ['DELETE', 'buckets/:bucket', 'deleteBucket'],
  ['GET', 'buckets/:bucket/objects', 'listObjects'],
  ['GET', 'buckets/:bucket/object', 'objectDetails'],
  ['GET', 'buckets/:bucket/object/content', 'downloadObject'],
  ['DELETE', 'buckets/:bucket/object', 'deleteObject'],
  ['GET', 'buckets/:bucket/uploads', 'listUploads'],
  ['POST', 'buckets/:bucket/uploads', 'createUpload'],
  ['POST', 'buckets/:bucket/uploads/delete', 'deleteUploads'],
  ['POST', 'buckets/:bucket/uploads/delete-all', 'deleteAllUploads'],
  ['DELETE', 'buckets/:bucket/uploads/:uploadId', 'deleteUpload'],
  ['GET', 'buckets/:bucket/uploads/:uploadId/parts', 'listParts'],
  ['PUT', 'buckets/:bucket/uploads/:uploadId/parts/:partNumber', 'uploadPart'],
  ['POST', 'buckets/:bucket/uploads/:uploadId/complete', 'completeUpload'],
  ['GET', 'jobs/:jobId', 'job'],
  ['GET', 'buckets/:bucket/lifecycle', 'getLifecycle'],
  ['PUT', 'buckets/:bucket/lifecycle/abort-rules', 'putAbortRules'],
  ['GET', 'buckets/:bucket/lifecycle/preview', 'previewLifecycle'],
  ['GET', 'usage', 'usage'],
  ['GET', 'accounts', 'listAccounts'],
  ['POST', 'accounts', 'createAccount'],
] as const;

export type ConsoleRouteName = (typeof table)[number][2];

export interface ConsoleRoute {
  readonly name: ConsoleRouteName;
  readonly params: Readonly<Record<string, string>>;
}

export function isConsoleApiPath(rawPath: string): boolean {
  return rawPath.startsWith(CONSOLE_API_PREFIX) || rawPath === CONSOLE_API_PREFIX.slice(0, -1);
}

/** undefined: no such endpoint (404). A path segment whose escapes do not decode is 400 InvalidURI. */
export function routeConsole(method: string, rawPath: string): ConsoleRoute | undefined {
  if (!rawPath.startsWith(CONSOLE_API_PREFIX)) return undefined;
  const segments = rawPath.slice(CONSOLE_API_PREFIX.length).split('/');
  for (const [m, pattern, name] of table) {
    if (m !== method) continue;
    const want = pattern.split('/');
    if (want.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < want.length && ok; i++) {
      const w = want[i]!;
      const got = segments[i]!;
      if (w.startsWith(':')) {
        if (got === '') ok = false;
        else params[w.slice(1)] = decodeSegment(got);
      } else ok = w === got;
    }
    if (ok) return { name, params };
  }
  return undefined;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new StorageError('InvalidURI', "Couldn't parse the specified URI.");
  }
}

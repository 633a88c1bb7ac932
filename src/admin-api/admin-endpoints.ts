import { StorageError } from '../core/errors.js';
import type { AdminRoute } from './admin-routes.js';
import {
  jsonBoolean,
  jsonIsoTime,
  jsonObject,
  jsonString,
  jsonStringArray,
  jsonTrue,
  invalidField,
  optional,
  queryFlag,
  queryInteger,
  queryIsoTime,
  queryOneOf,
  queryText,
  refine,
  required,
  type Schema,
  type Shape,
} from './admin-schema.js';

/**
 * What each admin endpoint accepts: its query parameters, and its JSON body (or none). Checked before the
 * endpoint does any work; docs/admin-api.md describes the same table, and a test compares them.
 */
export interface EndpointSchema {
  readonly query: Shape;
  /** undefined: the endpoint takes no body, and a non-empty one is refused. */
  readonly body: Schema<unknown> | undefined;
}

/** The largest JSON body any admin endpoint takes (1000 upload ids of 256 characters fit). */
export const MAX_ADMIN_BODY = 256 * 1024;

/** A key, prefix or name: S3 keys are at most 1024 bytes. */
const TEXT = 1024;
const limit = (max: number) => optional(queryInteger(1, max));

/**
 * The abort filter. Destruction is never the default reading: a request must say `"all": true` or name
 * the uploads in `uploadIds` (exactly one of the two); `prefix` and `initiatedBefore` narrow either.
 */
export const abortFilterSchema = refine(
  jsonObject({
    all: optional(jsonTrue),
    uploadIds: optional(jsonStringArray({ minItems: 1, maxItems: 1000, item: jsonString({ minLength: 1, maxLength: 256 }) })),
    prefix: optional(jsonString({ maxLength: TEXT })),
    initiatedBefore: optional(jsonIsoTime),
  }),
  (filter) => {
    if (filter.all === undefined && filter.uploadIds === undefined) {
      throw new StorageError(
        'MissingParameter',
        'all: give "all": true to abort every upload the filter selects, or list them in uploadIds',
        {
          ArgumentName: 'all',
        },
      );
    }
    if (filter.all !== undefined && filter.uploadIds !== undefined) {
      throw invalidField('uploadIds', 'cannot be combined with "all": true; give one of the two');
    }
  },
);

export const adminEndpoints = {
  whoami: { query: {}, body: undefined },
  listAccounts: { query: {}, body: undefined },
  createAccount: {
    query: {},
    body: jsonObject({
      name: required(jsonString({ minLength: 1, maxLength: 63 })),
      displayName: optional(jsonString({ maxLength: 256 })),
    }),
  },
  listBuckets: { query: { all: optional(queryFlag), namespace: optional(queryOneOf(['s3', 'glacier', 'all'])) }, body: undefined },
  listUploads: { query: { prefix: optional(queryText(TEXT)), pageToken: optional(queryText(4096)), limit: limit(1000) }, body: undefined },
  abortUploads: { query: {}, body: abortFilterSchema },
  listParts: { query: { after: optional(queryInteger(0, 10_000)), limit: limit(1000) }, body: undefined },
  abortUpload: { query: {}, body: undefined },
  lifecyclePasses: { query: { limit: limit(1000), before: optional(queryInteger(1, Number.MAX_SAFE_INTEGER)) }, body: undefined },
  lifecyclePass: { query: { offset: optional(queryInteger(0, Number.MAX_SAFE_INTEGER)), limit: limit(10_000) }, body: undefined },
  lifecycleRun: { query: {}, body: jsonObject({ dryRun: optional(jsonBoolean), at: optional(jsonIsoTime) }) },
  usage: {
    query: {
      from: optional(queryIsoTime),
      to: optional(queryIsoTime),
      bucket: optional(queryText(255)),
      account: optional(queryText(255)),
    },
    body: undefined,
  },
} as const satisfies Record<AdminRoute['route'], EndpointSchema>;

export type AdminEndpoints = typeof adminEndpoints;

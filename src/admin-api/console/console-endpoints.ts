import { createAccountEndpoint, listAccountsEndpoint } from './account-endpoints.js';
import { createBucketEndpoint, deleteBucketEndpoint, listBucketsEndpoint } from './bucket-endpoints.js';
import { completeUploadEndpoint, createUploadEndpoint, uploadPartEndpoint } from './browser-upload-endpoints.js';
import type { ConsoleEndpoint } from './console-call.js';
import type { ConsoleRouteName } from './console-routes.js';
import { getLifecycleEndpoint, previewLifecycleEndpoint, putAbortRulesEndpoint } from './lifecycle-endpoints.js';
import { deleteObjectEndpoint, downloadObjectEndpoint, listObjectsEndpoint, objectDetailsEndpoint } from './object-endpoints.js';
import { permissionsEndpoint } from './permissions-endpoint.js';
import {
  deleteAllUploadsEndpoint,
  deleteUploadEndpoint,
  deleteUploadsEndpoint,
  jobEndpoint,
  listPartsEndpoint,
  listUploadsEndpoint,
} from './upload-endpoints.js';
import { usageEndpoint } from './usage-endpoints.js';

/** Every console endpoint but the session's own three (handled before a session exists, or about it). */
export const consoleEndpoints: Record<Exclude<ConsoleRouteName, 'signIn' | 'session' | 'signOut'>, ConsoleEndpoint> = {
  permissions: permissionsEndpoint,
  listBuckets: listBucketsEndpoint,
  createBucket: createBucketEndpoint,
  deleteBucket: deleteBucketEndpoint,
  listObjects: listObjectsEndpoint,
  objectDetails: objectDetailsEndpoint,
  downloadObject: downloadObjectEndpoint,
  deleteObject: deleteObjectEndpoint,
  listUploads: listUploadsEndpoint,
  createUpload: createUploadEndpoint,
  deleteUploads: deleteUploadsEndpoint,
  deleteAllUploads: deleteAllUploadsEndpoint,
  deleteUpload: deleteUploadEndpoint,
  listParts: listPartsEndpoint,
  uploadPart: uploadPartEndpoint,
  completeUpload: completeUploadEndpoint,
  job: jobEndpoint,
  getLifecycle: getLifecycleEndpoint,
  putAbortRules: putAbortRulesEndpoint,
  previewLifecycle: previewLifecycleEndpoint,
  usage: usageEndpoint,
  listAccounts: listAccountsEndpoint,
  createAccount: createAccountEndpoint,
};

/** Renderers for the XML response documents of S3, one file per document. */
export * from './render-complete-multipart-upload.js';
export * from './render-copy-object-result.js';
export * from './render-copy-part-result.js';
export * from './render-delete-result.js';
export * from './render-initiate-multipart-upload.js';
export * from './render-list-buckets.js';
export * from './render-list-multipart-uploads.js';
export * from './render-list-object-versions.js';
export * from './render-list-objects-v2.js';
export * from './render-list-objects.js';
export * from './render-list-parts.js';
export * from './render-location-constraint.js';
export * from './render-object-attributes.js';
export * from './render-object-lock.js';
export * from './render-tagging.js';
export * from './render-versioning-configuration.js';
export type { ListedObject } from './listed-object.js';
export { S3_NAMESPACE, type S3Checksums, type S3Owner } from './response-elements.js';

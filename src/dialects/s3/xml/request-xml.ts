/** Parsers for the XML request bodies of S3, one file per document. */
export * from './parse-complete-multipart-upload.js';
export * from './parse-create-bucket-configuration.js';
export * from './parse-delete-objects.js';
export * from './parse-tagging.js';
export * from './parse-object-lock.js';
export * from './parse-versioning-configuration.js';

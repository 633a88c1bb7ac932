/** Parsers for the XML request bodies of S3, one file per document. */
export * from './parse-complete-multipart-upload.js';
export * from './parse-create-bucket-configuration.js';
export * from './parse-delete-objects.js';
export * from './parse-tagging.js';

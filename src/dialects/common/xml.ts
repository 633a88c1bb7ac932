/** XML for the dialects that speak it (S3, OSS): a small writer and a strict reader. */
export * from './xml-writer.js';
export * from './xml-reader.js';

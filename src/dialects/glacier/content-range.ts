import { StorageError } from '../../core/errors.js';

/** `Content-Range: bytes {start}-{end}/*` of UploadMultipartPart (a total instead of '*' is accepted). */
export function parseContentRange(value: string | undefined): { start: number; end: number } {
  if (value === undefined) {
    throw new StorageError('MissingParameter', 'Required parameter missing: Content-Range', { ParameterName: 'Content-Range' });
  }
  const m = /^bytes (\d{1,16})-(\d{1,16})\/(\*|\d{1,16})$/.exec(value.trim());
  const start = Number(m?.[1]);
  const end = Number(m?.[2]);
  if (m === null || end < start)
    throw new StorageError('InvalidArgument', `Invalid Content-Range: ${value}`, { ArgumentName: 'Content-Range' });
  return { start, end };
}

/** `Range: bytes=a-b` or `bytes=a-` of GetJobOutput; anything else (several ranges, suffixes) is refused. */
export function parseOutputRange(value: string | undefined): { first: number; last?: number } | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const m = /^bytes=(\d{1,16})-(\d{1,16})?$/.exec(value.trim());
  if (m === null || (m[2] !== undefined && Number(m[2]) < Number(m[1]))) {
    throw new StorageError('InvalidArgument', `Invalid Range: ${value}. Use bytes=first-last or bytes=first-.`, { ArgumentName: 'Range' });
  }
  return m[2] === undefined ? { first: Number(m[1]) } : { first: Number(m[1]), last: Number(m[2]) };
}

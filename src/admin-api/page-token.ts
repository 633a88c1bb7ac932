/** Opaque paging tokens of the admin API: base64url JSON of the last item's position. */
export function encodePageToken(position: { key: string; uploadId: string }): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

export function decodePageToken(token: string | undefined): { key: string; uploadId: string } | undefined {
  if (token === undefined || token === '') return undefined;
  try {
    const value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { key?: unknown; uploadId?: unknown };
    if (typeof value.key === 'string' && typeof value.uploadId === 'string') return { key: value.key, uploadId: value.uploadId };
  } catch {
    // fall through
  }
  return undefined;
}

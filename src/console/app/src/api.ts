// The console's only way to the server: same-origin JSON calls under /_cairn/console/api/v1/.
// The session cookie goes along by itself (HttpOnly: this code never sees it); the CSRF token the
// server gave at sign-in goes in x-cairn-csrf on every call that changes something.

export const API = '/_cairn/console/api/v1/';

export interface Principal {
  readonly accountId: string;
  readonly userName: string | null;
  readonly accessKeyId: string;
}

export interface Session {
  readonly principal: Principal;
  readonly admin: boolean;
  readonly csrfToken: string;
  readonly expiresAt: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

let csrfToken = '';
let onSignedOut: (message: string) => void = () => undefined;

export function setSession(s: Session | undefined): void {
  csrfToken = s?.csrfToken ?? '';
}

/** Called when the server says the session is gone (expired, signed out elsewhere, key deleted). */
export function onSessionLost(f: (message: string) => void): void {
  onSignedOut = f;
}

export function path(...segments: string[]): string {
  return API + segments.map(encodeURIComponent).join('/');
}

export function withQuery(url: string, query: Readonly<Record<string, string | number | boolean | undefined>>): string {
  const q = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
  return q === '' ? url : `${url}?${q}`;
}

export async function call<T>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') headers['x-cairn-csrf'] = csrfToken;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(url, { method, headers, credentials: 'same-origin', ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  } catch {
    throw new ApiError(0, 'NetworkError', 'The server cannot be reached. Check that Cairn is running, then try again.');
  }
  const text = await res.text();
  let value: unknown = undefined;
  try {
    value = text === '' ? undefined : JSON.parse(text);
  } catch {
    throw new ApiError(res.status, 'BadResponse', `The server answered ${res.status} with something that is not JSON.`);
  }
  if (!res.ok) {
    const e = (value as { error?: { code?: string; message?: string; details?: Record<string, unknown> } } | undefined)?.error;
    const err = new ApiError(res.status, e?.code ?? 'Error', e?.message ?? `The server answered ${res.status}.`, e?.details ?? {});
    // The cookie expires in the browser when the session does, so an expired session reads as "not signed in".
    if (res.status === 401 && !url.endsWith('/session'))
      onSignedOut(err.code === 'NotSignedIn' ? 'Your session has expired. Sign in again.' : err.message);
    throw err;
  }
  return value as T;
}

export const get = <T>(url: string) => call<T>('GET', url);
export const post = <T>(url: string, body?: unknown) => call<T>('POST', url, body ?? {});
export const put = <T>(url: string, body?: unknown) => call<T>('PUT', url, body ?? {});
export const del = <T>(url: string) => call<T>('DELETE', url);

/** A part upload with progress: fetch has no upload progress, XMLHttpRequest does. */
export function putPart(
  url: string,
  blob: Blob,
  onProgress: (sent: number) => void,
  signal: AbortSignal,
): Promise<{ partNumber: number; etag: string; size: number }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    xhr.setRequestHeader('x-cairn-csrf', csrfToken);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onload = () => {
      let value: unknown;
      try {
        value = JSON.parse(xhr.responseText);
      } catch {
        value = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(value as { partNumber: number; etag: string; size: number });
      else {
        const e = (value as { error?: { code?: string; message?: string } } | undefined)?.error;
        reject(new ApiError(xhr.status, e?.code ?? 'Error', e?.message ?? `The server answered ${xhr.status}.`));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, 'NetworkError', 'The connection to the server broke.'));
    xhr.onabort = () => reject(new ApiError(0, 'Cancelled', 'Cancelled.'));
    signal.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(blob);
  });
}

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WireRequest, WireResponse } from '../admin-api/index.js';

/** Where `npm run build` puts the bundle (vite.config.ts), relative to this module in dist/src/console/. */
export const defaultBundleDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'console');

export const CONSOLE_PATH = '/_cairn/console/';

/**
 * Everything the page may load comes from this origin; no inline script or style, no frames, no
 * plugins. The console's JSON calls are same-origin fetches.
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

interface BundleFile {
  readonly body: Buffer;
  readonly type: string;
  readonly etag: string;
  /** Files under assets/ carry a content hash in their names and never change. */
  readonly immutable: boolean;
}

/** The bundle, read once into memory (it is a few hundred KiB). */
function loadBundle(dir: string): Map<string, BundleFile> {
  const files = new Map<string, BundleFile>();
  const walk = (sub: string) => {
    for (const name of readdirSync(path.join(dir, sub))) {
      const rel = sub === '' ? name : `${sub}/${name}`;
      const full = path.join(dir, rel);
      if (statSync(full).isDirectory()) walk(rel);
      else {
        const body = readFileSync(full);
        files.set(rel, {
          body,
          type: types[path.extname(name)] ?? 'application/octet-stream',
          etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
          immutable: rel.startsWith('assets/'),
        });
      }
    }
  };
  try {
    walk('');
  } catch {
    return new Map();
  }
  return files;
}

/** Serves the console's static files at /_cairn/console/ (and redirects /console and /_cairn/console there). */
export function serveConsole(bundleDir: string = defaultBundleDir): (req: WireRequest) => Promise<WireResponse> {
  const files = loadBundle(bundleDir);
  return async (req) => {
    req.log.dialect = 'console';
    req.log.operation = 'Console.static';
    if (req.method !== 'GET' && req.method !== 'HEAD') return text(405, 'Method Not Allowed', { allow: 'GET, HEAD' });
    if (req.rawPath === '/console' || req.rawPath.startsWith('/console/') || req.rawPath === '/_cairn/console') {
      return { status: 302, headers: { location: CONSOLE_PATH, 'cache-control': 'no-store' } };
    }
    try {
      decodeURIComponent(req.rawPath);
    } catch {
      return text(400, 'InvalidURI: the path has an escape that does not decode.');
    }
    const rel = req.rawPath === CONSOLE_PATH ? 'index.html' : req.rawPath.slice(CONSOLE_PATH.length);
    if (files.size === 0) return text(503, 'The console is not built: run `npm run build`.');
    const file = /^[A-Za-z0-9._/-]+$/.test(rel) && !rel.includes('..') ? files.get(rel) : undefined;
    if (file === undefined) return text(404, 'Not Found');
    const headers: Record<string, string> = {
      'content-type': file.type,
      etag: file.etag,
      'cache-control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'content-security-policy': contentSecurityPolicy,
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
    };
    if (req.headers['if-none-match'] === file.etag) return { status: 304, headers };
    return {
      status: 200,
      headers: { ...headers, 'content-length': String(file.body.length) },
      ...(req.method === 'HEAD' ? {} : { body: file.body }),
    };
  };
}

function text(status: number, message: string, extra: Record<string, string> = {}): WireResponse {
  return {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...extra },
    body: `${message}\n`,
  };
}

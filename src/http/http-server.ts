import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { StorageError } from '../core/errors.js';
import type { WireRequest, WireResponse } from '../dialects/common/wire.js';
import { formatAccessLog } from './access-log.js';
import { parseRawHead, type BareRequest } from './bare-error.js';
import { newRequestId } from './request-id.js';
import { toWireRequest } from './to-wire-request.js';
import { writeResponse } from './write-response.js';

export interface HttpServerOptions {
  readonly host: string;
  readonly port: number;
  readonly idleTimeoutMs: number;
  readonly accessLog: ((line: string) => void) | undefined;
  /** Must not throw: every failure is a response in the right dialect. */
  readonly handle: (req: WireRequest) => Promise<WireResponse>;
  readonly onError: (message: string, fields: Record<string, unknown>) => void;
  /**
   * Renders an error for a request that never reached `handle` (HTTP that does not parse, a head over
   * 16 KiB) or whose response could not be written, in the format of the dialect it was addressed to.
   * Without it such answers are bare.
   */
  readonly renderError?: (req: BareRequest, error: StorageError, requestId: string) => WireResponse;
  /** Serve HTTPS (TLS 1.2 and later) with this certificate and key. */
  readonly tls?: { readonly cert: Buffer; readonly key: Buffer };
}

export interface RunningHttpServer {
  readonly server: Server;
  readonly host: string;
  readonly port: number;
  readonly secure: boolean;
  /** New connections use this certificate; connections already open keep theirs (HTTPS only). */
  reloadTls(tls: { readonly cert: Buffer; readonly key: Buffer }): void;
  /** Stops accepting, lets in-flight requests finish (up to `graceMs`), then closes what remains. */
  close(graceMs?: number): Promise<void>;
}

/**
 * node:http with Node's own request timeouts switched off (a multi-gigabyte upload must not be cut at
 * five minutes); idle clients are handled by the body stream with the dialect's timeout error instead.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const httpOptions = { requestTimeout: 0, headersTimeout: 60_000, keepAliveTimeout: 5_000 };
  const tls = options.tls;
  const server: Server =
    tls === undefined
      ? createServer(httpOptions)
      : createTlsServer({ ...httpOptions, cert: tls.cert, key: tls.key, minVersion: 'TLSv1.2' });
  const serve = (req: IncomingMessage, res: ServerResponse, expectsContinue: boolean) => {
    const started = process.hrtime.bigint();
    // Expect: 100-continue is answered when the body is first read, not on arrival: a request refused
    // before that (bad signature, no such bucket, a failed condition) gets its answer instead, and its
    // client never sends the body (Node then closes the connection after the answer).
    const wire = toWireRequest(req, newRequestId(), options.idleTimeoutMs, expectsContinue ? () => res.writeContinue() : undefined);
    const finish = (status: number, bytesOut: number) => {
      options.accessLog?.(
        formatAccessLog({
          request: wire,
          status,
          bytesIn: wire.body.bytesReceived,
          bytesOut,
          ms: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
        }),
      );
    };
    void (async () => {
      let status = 500;
      let bytesOut = 0;
      try {
        const response = await options.handle(wire);
        status = response.status;
        // An unread body would be drained before the next request on this connection: close instead.
        const headers = req.complete ? response.headers : { ...response.headers, connection: 'close' };
        bytesOut = await writeResponse(res, { ...response, headers }, wire.method === 'HEAD');
      } catch (error) {
        options.onError('request failed', { requestId: wire.id, error: String(error) });
        if (!res.headersSent) {
          const internal = new StorageError('InternalError', 'We encountered an internal error. Please try again.');
          const fallback = options.renderError?.(wire, internal, wire.id);
          status = fallback?.status ?? 500;
          const body = typeof fallback?.body === 'string' || Buffer.isBuffer(fallback?.body) ? fallback.body : 'internal error\n';
          res.writeHead(status, { ...plainHeaders(fallback), connection: 'close', 'content-length': String(Buffer.byteLength(body)) });
          res.end(wire.method === 'HEAD' ? undefined : body);
        } else res.destroy();
      } finally {
        wire.body.destroy();
        finish(status, bytesOut);
      }
    })();
  };
  server.on('request', (req, res) => serve(req, res, false));
  server.on('checkContinue', (req, res) => serve(req, res, true));
  // Another (or an empty) expectation: S3 ignores it rather than answering 417.
  server.on('checkExpectation', (req, res) => serve(req, res, false));
  // A failed TLS handshake is the client's business (a wrong CA, a plain-HTTP client): not an error of ours.
  server.on('tlsClientError', (_error: Error, socket: { destroy(): void }) => {
    socket.destroy();
  });
  server.on('clientError', (error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Socket) => {
    if (!socket.writable || error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    // Bytes past a request's declared length that do not parse as the next request (a body longer than
    // its Content-Length): the request in flight, whose body is complete, still gets its own answer, then
    // the connection closes. A request whose body is not complete means the client hung up mid-body (the
    // parser reports the early end): destroying the socket aborts that request, and the blob write reading
    // its body, instead of leaving it waiting for bytes that never come.
    const inFlight = (socket as { _httpMessage?: ServerResponse | null })._httpMessage;
    if (inFlight !== undefined && inFlight !== null && !inFlight.writableEnded) {
      if (inFlight.req?.complete !== true) {
        socket.destroy();
        return;
      }
      inFlight.shouldKeepAlive = false;
      inFlight.once('finish', () => socket.end());
      return;
    }
    const head = parseRawHead(error.rawPacket);
    const failure =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? new StorageError('RequestHeaderTooLarge', 'Your request header section exceeds the maximum allowed size.')
        : new StorageError('InvalidRequest', 'The request is not valid HTTP/1.1.');
    const requestId = newRequestId();
    const response = options.renderError?.(head, failure, requestId) ?? { status: 400, headers: {} };
    const body = typeof response.body === 'string' || Buffer.isBuffer(response.body) ? Buffer.from(response.body) : Buffer.alloc(0);
    const lines = [`HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? 'Bad Request'}`];
    for (const [name, value] of Object.entries({ ...plainHeaders(response), 'content-length': String(body.length), connection: 'close' })) {
      lines.push(`${name}: ${value}`);
    }
    socket.end(Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), head.method === 'HEAD' ? Buffer.alloc(0) : body]));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return {
    server,
    host: options.host,
    port: address.port,
    secure: tls !== undefined,
    reloadTls: (material) => {
      if (tls === undefined) throw new Error('this server does not serve TLS');
      (server as TlsServer).setSecureContext({ cert: material.cert, key: material.key, minVersion: 'TLSv1.2' });
    },
    close: (graceMs = 10_000) =>
      new Promise<void>((resolve) => {
        const force = setTimeout(() => server.closeAllConnections(), graceMs);
        force.unref();
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}

function plainHeaders(response: WireResponse | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(response?.headers ?? {})) out[k] = typeof v === 'string' ? v : v.join(', ');
  return out;
}

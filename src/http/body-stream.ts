import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { StorageError } from '../core/errors.js';

/**
 * The request body as a Readable that fails with RequestTimeout when the client sends nothing for
 * `idleMs`, instead of the socket being cut: the dialect can still answer with its own timeout error.
 */
export class BodyStream extends Readable {
  private timer: NodeJS.Timeout | undefined;
  private received = 0;
  private beforeFirstRead: (() => void) | undefined;

  /**
   * `beforeFirstRead` runs when the body is first asked for: the interim `100 Continue` of a request
   * that sent `Expect: 100-continue`, so that a request refused before its body is read never sends it.
   */
  constructor(
    private readonly req: IncomingMessage,
    private readonly idleMs: number,
    beforeFirstRead?: () => void,
  ) {
    // Not destroyed at its end but when the server is done with the request (http-server destroys it
    // then): 'close' says "request over", which is when the buffer budget gets back a document's share.
    super({ highWaterMark: 1024 * 1024, autoDestroy: false });
    req.on('data', (chunk: Buffer) => {
      this.received += chunk.length;
      if (this.push(chunk)) this.arm();
      else {
        // We are the slow side now; the client is not idle.
        this.disarm();
        req.pause();
      }
    });
    req.on('end', () => {
      this.disarm();
      this.push(null);
    });
    // The client may hang up before anyone reads the body (while the request is still being authenticated,
    // say): that error belongs to whoever reads next, never to the process. A reader still sees it (the
    // stream is errored); without this listener it would be an unhandled 'error' event and kill the server.
    this.on('error', () => undefined);
    req.on('error', (error) => this.destroy(error));
    req.on('aborted', () =>
      this.destroy(new StorageError('IncompleteBody', 'The client closed the connection before sending the whole body.')),
    );
    req.pause();
    this.beforeFirstRead = beforeFirstRead;
  }

  get bytesReceived(): number {
    return this.received;
  }

  override _read(): void {
    const first = this.beforeFirstRead;
    this.beforeFirstRead = undefined;
    first?.();
    this.arm();
    this.req.resume();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.disarm();
    callback(error);
  }

  /** Waiting for the client: start (or restart) the idle clock. */
  private arm(): void {
    if (this.idleMs <= 0 || this.req.complete) return;
    if (this.timer !== undefined) {
      this.timer.refresh();
      return;
    }
    this.timer = setTimeout(() => {
      this.destroy(
        new StorageError(
          'RequestTimeout',
          'Your socket connection to the server was not read from or written to within the timeout period. Idle connections will be closed.',
        ),
      );
    }, this.idleMs);
  }

  private disarm(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
